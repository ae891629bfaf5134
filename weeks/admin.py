from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from core.admin import MARKDOWN_PREVIEW, ExtensibleInlinesMixin
from core.forms import MultilineField
from courses.admin import CourseAdmin
from weeks import deck_admin
from weeks.decks import missing_images, rerender_weeks_using
from weeks.forms import SlideImageForm
from weeks.models import ProgramItem, SlideImage, Week

OVERVIEW_FIELDS = ("position", "heading", "css_classes", "notes", "visible", "index", "is_step")


class ProgramItemInline(admin.TabularInline):
    model = ProgramItem
    fields = ("position", "part", "kind", "title", "presenters", "description")
    extra = 0
    formfield_overrides = {
        models.TextField: {
            "form_class": MultilineField,
            "widget": forms.Textarea(attrs={"rows": 2}),
        }
    }


class WeekInline(admin.TabularInline):
    model = Week
    fields = ("number", "title", "date", "start_time", "end_time", "room", "is_published")
    extra = 0
    show_change_link = True


CourseAdmin.extra_inlines.register("weeks", WeekInline)


@admin.register(Week)
class WeekAdmin(ExtensibleInlinesMixin, admin.ModelAdmin):
    list_display = (
        "number",
        "title",
        "course",
        "date",
        "start_time",
        "room",
        "is_published",
        "slide_count",
        "deck_link",
    )
    list_display_links = ("number", "title")
    list_filter = ("course", "is_published")
    list_select_related = ("course",)
    search_fields = ("title", "summary", "program_items__title", "program_items__presenters")
    date_hierarchy = "date"
    formfield_overrides = MARKDOWN_PREVIEW
    inlines = (ProgramItemInline,)
    fields = (
        "course",
        ("number", "date"),
        ("start_time", "end_time", "room"),
        "title",
        "is_published",
        "summary",
        "slide_ratio",
        "deck_overview",
        "missing_deck_images",
    )
    readonly_fields = ("deck_overview", "missing_deck_images")
    change_form_template = "admin/weeks/week/change_form.html"

    class Media:
        css = {"all": ["css/deck-editor.css"]}

    @admin.display(description="Slides")
    def slide_count(self, week):
        return week.slide_total

    @admin.display(description="Deck")
    def deck_link(self, week):
        return format_html(
            '<a href="{}">Edit the deck</a>', reverse("admin:weeks_week_deck", args=[week.pk])
        )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(slide_total=Count("slides"))

    @admin.display(description="Slides")
    def deck_overview(self, week):
        """The slides, read-only: each row opens the deck editor at that slide."""
        if not week.pk:
            return "Save the week, then write its deck in the deck editor."
        return render_to_string(
            "admin/weeks/week/includes/deck_overview.html",
            {"week": week, "slides": week.slides.only(*OVERVIEW_FIELDS)},
        )

    @admin.display(description="Images still to upload")
    def missing_deck_images(self, week):
        if not week.pk:
            return "—"
        paths = missing_images(week)
        if not paths:
            return "None: every image path of the deck resolves to an uploaded image."
        upload = reverse("admin:weeks_slideimage_add") + f"?course={week.course_id}"
        return format_html(
            '<ul>{}</ul><a href="{}">Upload slide images</a>',
            format_html_join("", "<li><code>{}</code></li>", ((p,) for p in paths)),
            upload,
        )

    def get_urls(self):
        deck_pages = [
            ("import-deck/", deck_admin.import_deck, "import_deck"),
            ("deck/", deck_admin.editor, "deck"),
            ("deck/preview/", deck_admin.preview, "deck_preview"),
            ("deck/frame/", deck_admin.frame, "deck_frame"),
            ("deck/images/", deck_admin.upload_image, "deck_images"),
            ("deck/history/", deck_admin.history, "deck_history"),
            ("deck/history/<int:number>/", deck_admin.revision_detail, "deck_revision"),
        ]
        return [
            path(f"<int:week_id>/{route}", self.week_page(view), name=f"weeks_week_{name}")
            for route, view, name in deck_pages
        ] + super().get_urls()

    def week_page(self, view):
        """An admin view of one week, for staff who may change it."""

        def week_view(request, week_id, **kwargs):
            if request.method not in getattr(view, "methods", ("GET", "HEAD", "POST")):
                return HttpResponseNotAllowed(view.methods)
            week = get_object_or_404(Week.objects.select_related("course"), pk=week_id)
            if not self.has_change_permission(request, week):
                raise PermissionDenied
            return view(self, request, week, **kwargs)

        return self.admin_site.admin_view(week_view)


@admin.register(SlideImage)
class SlideImageAdmin(admin.ModelAdmin):
    form = SlideImageForm
    list_display = ("file_name", "course", "uploaded_at", "preview")
    list_filter = ("course",)
    search_fields = ("file_name",)
    list_select_related = ("course",)

    @admin.display(description="Image")
    def preview(self, image):
        return format_html('<img src="{}" alt="" style="max-height:48px">', image.image.url)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        rerender_weeks_using(obj)
