from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from core.admin import MARKDOWN_PREVIEW, ExtensibleInlinesMixin
from courses.admin import CourseAdmin
from weeks.decks import import_deck, missing_images, preview_import, render_week_slides
from weeks.forms import DeckImportForm, SlideImageForm, SlideInlineFormSet
from weeks.models import ProgramItem, Slide, SlideImage, Week
from weeks.remark import DeckError


class ProgramItemInline(admin.StackedInline):
    model = ProgramItem
    fields = (("position", "part", "kind"), ("title", "presenters"), "description")
    extra = 0
    formfield_overrides = MARKDOWN_PREVIEW


class SlideInline(admin.StackedInline):
    model = Slide
    formset = SlideInlineFormSet
    fields = (
        ("position", "is_step", "counted", "excluded"),
        ("name", "classes", "template", "layout"),
        "background_image",
        "content",
        "notes",
        "open_in_slideshow",
    )
    readonly_fields = ("open_in_slideshow",)
    extra = 0
    classes = ("collapse",)
    formfield_overrides = MARKDOWN_PREVIEW

    @admin.display(description="Slideshow")
    def open_in_slideshow(self, slide):
        if not slide.pk or not slide.index:
            return "Not shown (layout, excluded, or not saved yet)."
        return format_html(
            '<a href="{}" target="_blank">Open slide {}</a>', slide.get_absolute_url(), slide.index
        )


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
    )
    list_display_links = ("number", "title")
    list_filter = ("course", "is_published")
    list_select_related = ("course",)
    search_fields = ("title", "summary", "program_items__title", "program_items__presenters")
    date_hierarchy = "date"
    formfield_overrides = MARKDOWN_PREVIEW
    inlines = (ProgramItemInline, SlideInline)
    fields = (
        "course",
        ("number", "date"),
        ("start_time", "end_time", "room"),
        "title",
        "is_published",
        "summary",
        "slide_ratio",
        "missing_deck_images",
    )
    readonly_fields = ("missing_deck_images",)
    change_form_template = "admin/weeks/week/change_form.html"

    @admin.display(description="Slides")
    def slide_count(self, week):
        return week.slides.count()

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

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        try:
            render_week_slides(form.instance)
        except DeckError as error:
            # The text is saved; only its HTML is not updated until the deck is small enough.
            self.message_user(
                request, f"Saved, but the slides could not be rendered: {error}", messages.ERROR
            )

    def get_urls(self):
        return [
            path(
                "<int:week_id>/import-deck/",
                self.admin_site.admin_view(self.import_deck_view),
                name="weeks_week_import_deck",
            ),
            *super().get_urls(),
        ]

    def import_deck_view(self, request, week_id):
        """Upload a deck, see what would change, then confirm: nothing is replaced unseen."""
        week = get_object_or_404(Week.objects.select_related("course"), pk=week_id)
        if not self.has_change_permission(request, week):
            raise PermissionDenied
        form = DeckImportForm(request.POST or None, request.FILES or None)
        change = None
        if request.method == "POST" and form.is_valid():
            try:
                change = preview_import(week, form.cleaned_data["text"])
            except DeckError as error:
                form.add_error(None, str(error))
            else:
                if "confirm" in request.POST:
                    return self.confirm_import(request, week, change.deck, form)
        return self.render_import(request, week, form, change)

    def confirm_import(self, request, week, deck, form):
        try:
            import_deck(week, deck)
        except DeckError as error:  # rendering limits; the import was rolled back
            form.add_error(None, str(error))
            return self.render_import(request, week, form, None)
        self.message_user(request, f"Imported {len(deck.slides)} slides.", messages.SUCCESS)
        return redirect("admin:weeks_week_change", week.pk)

    def render_import(self, request, week, form, change):
        context = {
            **self.admin_site.each_context(request),
            "title": f"Import a deck into {week}",
            "opts": self.model._meta,
            "original": week,
            "form": form,
            "change": change,
            "deck_text": form.cleaned_data.get("text", "") if form.is_bound and change else "",
        }
        return TemplateResponse(request, "admin/weeks/week/import_deck.html", context)


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
        name = obj.file_name
        weeks = obj.course.weeks.filter(
            Q(slides__background_image__endswith=name) | Q(slides__content__contains=name)
        ).distinct()
        for week in weeks:
            render_week_slides(week)
