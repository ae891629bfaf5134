from django.contrib import admin, messages
from django.db import models
from django.utils.html import format_html, format_html_join

from core.admin import MARKDOWN_PREVIEW
from glossary.models import Character, CharacterLink, Term
from glossary.services import confirm_terms, delete_terms, relink_term, rerender_weeks

# The fields whose change alters the ruby printed over the slides.
RUBY_FIELDS = {"hanzi", "pinyin", "status"}


class CharacterLinkInline(admin.TabularInline):
    model = CharacterLink
    fields = ("position", "label", "url")
    extra = 1
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Character)
class CharacterAdmin(admin.ModelAdmin):
    list_display = ("hanzi", "pinyin", "meaning", "week", "course", "has_stroke_data")
    list_filter = ("course",)
    list_select_related = ("course", "week")
    search_fields = ("hanzi", "pinyin", "meaning")
    formfield_overrides = MARKDOWN_PREVIEW
    inlines = (CharacterLinkInline,)
    fields = (
        "course",
        "week",
        ("hanzi", "pinyin"),
        "meaning",
        "notes",
        "generated_links",
        "stroke_data_status",
    )
    readonly_fields = ("generated_links", "stroke_data_status")

    @admin.display(description="Stroke data", boolean=True)
    def has_stroke_data(self, character):
        return character.has_strokes

    @admin.display(description="Dictionary links")
    def generated_links(self, character):
        if not character.pk:
            return "Generated from the character when it is saved."
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}" target="_blank" rel="noopener">{}</a></li>',
                ((url, label) for label, url in character.dictionary_links),
            ),
        )

    @admin.display(description="Stroke order")
    def stroke_data_status(self, character):
        if not character.pk:
            return "Copied from hanzi-writer-data when the character is saved."
        missing = [ch for ch in character.hanzi if ch not in character.strokes]
        if not missing:
            return "Stored: the pages animate the strokes."
        return (
            f"No stroke data for {''.join(missing)}: the pages show the still character. "
            "Run “npm install” in the project folder, then save again."
        )


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ("hanzi", "pinyin", "gloss", "status", "edited", "course", "week_numbers")
    list_display_links = ("hanzi",)
    list_filter = ("status", "course", "edited")
    list_select_related = ("course",)
    search_fields = ("hanzi", "pinyin", "pinyin_toneless", "gloss")
    actions = ("confirm",)
    fields = ("course", "hanzi", "pinyin", "gloss", "notes", "status", "appears_in")
    readonly_fields = ("appears_in",)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("weeks")

    @admin.display(description="Weeks")
    def week_numbers(self, term):
        return ", ".join(str(week.number) for week in term.weeks.all()) or "—"

    @admin.display(description="Appears in")
    def appears_in(self, term):
        if not term.pk:
            return "Found in the slides when the term is saved."
        slides = term.slides.select_related("week__course").order_by("week__number", "index")
        rows = [
            (slide.get_absolute_url(), f"Week {slide.week.number}, slide {slide.index}")
            for slide in slides
            if slide.index
        ]
        if not rows:
            return "No slide mentions it."
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", '<li><a href="{}" target="_blank">{}</a></li>', rows),
        )

    @admin.action(description="Confirm the selected terms")
    def confirm(self, request, queryset):
        count = confirm_terms(queryset)
        self.message_user(request, f"Confirmed {count} term(s).", messages.SUCCESS)

    def save_model(self, request, obj, form, change):
        # An instructor's hand on a term protects it from later imports.
        obj.edited = obj.edited or not change or bool(set(form.changed_data) - {"status"})
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        term = form.instance
        changed = set(form.changed_data)
        if not changed & RUBY_FIELDS:
            return
        weeks = set(term.weeks.values_list("pk", flat=True))
        if not change or "hanzi" in changed:
            relink_term(term)
            weeks |= set(term.weeks.values_list("pk", flat=True))
        if term.is_confirmed or "status" in changed:
            rerender_weeks(weeks)

    def delete_model(self, request, obj):
        delete_terms(Term.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        delete_terms(queryset)

    def view_on_site(self, term):
        return term.get_absolute_url() if term.is_confirmed else None
