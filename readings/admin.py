from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from core.pagecache import bump_version
from readings.admin_import import ImportFromZoteroMixin
from readings.models import (
    PEOPLE_MAX_COUNT,
    PERSON_PART_MAX_LENGTH,
    Mention,
    Reading,
    WeekReading,
)
from weeks.admin import WeekAdmin


def person_line(person):
    """``Family, Given`` (``Family,`` without a given name), or the organisation's name."""
    if person.get("organisation"):
        return person["organisation"]
    return f"{person.get('family', '')}, {person.get('given', '')}".strip()


def change_links(readings):
    return format_html_join(
        ", ",
        '<a href="{}">{}</a>',
        ((reverse("admin:readings_reading_change", args=[r.pk]), str(r)) for r in readings),
    )


class PeopleField(forms.Field):
    """Names typed one per line, "Family, Given" for a person or an organisation's name alone,
    as the JSON list the model stores."""

    widget = forms.Textarea(attrs={"rows": 3, "cols": 60})
    default_error_messages = {
        "nul": "Remove the NUL character.",
        "count": f"List at most {PEOPLE_MAX_COUNT} names.",
        "length": f"A name on line %(line)s is longer than {PERSON_PART_MAX_LENGTH} characters.",
    }

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(map(person_line, value))
        return value

    def to_python(self, value):
        text = value or ""
        if "\x00" in text:
            raise ValidationError(self.error_messages["nul"], code="nul")
        lines = [line.strip() for line in text.splitlines() if line.strip(" ,")]
        if len(lines) > PEOPLE_MAX_COUNT:
            raise ValidationError(self.error_messages["count"], code="count")
        people = []
        for number, line in enumerate(lines, start=1):
            family, comma, given = (part.strip() for part in line.partition(","))
            person = {"family": family, "given": given} if comma else {"organisation": line}
            if any(len(part) > PERSON_PART_MAX_LENGTH for part in person.values()):
                raise ValidationError(
                    self.error_messages["length"], code="length", params={"line": number}
                )
            people.append(person)
        return people


PEOPLE_HELP = (
    "One per line: “Family, Given” for a person (“Shao,” when only the family name is known), "
    "or an organisation's name alone."
)


class ReadingForm(forms.ModelForm):
    authors = PeopleField(required=False, help_text=PEOPLE_HELP)
    editors = PeopleField(
        required=False, help_text="The book's editors, for a chapter or an edited book."
    )
    url = forms.URLField(label="URL", max_length=1_000, required=False, assume_scheme="https")

    class Meta:
        model = Reading
        fields = (
            "course",
            "status",
            "kind",
            "authors",
            "et_al",
            "title",
            "container",
            "editors",
            "volume",
            "issue",
            "pages",
            "year",
            "publisher",
            "place",
            "url",
            "doi",
            "language",
            "notes",
        )


class ReadingWeekInline(admin.TabularInline):
    model = WeekReading
    fields = ("week", "role", "order")
    autocomplete_fields = ("week",)
    extra = 0
    verbose_name = "week"
    verbose_name_plural = "listed in the weeks"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("week")


@admin.register(Reading)
class ReadingAdmin(ImportFromZoteroMixin, admin.ModelAdmin):
    form = ReadingForm
    list_display = ("title", "authors_text", "year", "kind", "status", "course")
    list_filter = ("kind", "status", "course")
    list_select_related = ("course",)
    search_fields = ("title", "authors_text", "container")
    actions = ("confirm",)
    inlines = (ReadingWeekInline,)
    readonly_fields = ("possible_duplicates", "cited_on", "source_text")
    fieldsets = (
        (None, {"fields": ("possible_duplicates", "course", "status", "kind")}),
        (
            "Citation",
            {
                "fields": (
                    "authors",
                    "et_al",
                    "title",
                    "container",
                    "editors",
                    ("volume", "issue", "pages"),
                    "year",
                    ("publisher", "place"),
                    "url",
                    "doi",
                    "language",
                )
            },
        ),
        ("From the slides", {"fields": ("cited_on", "source_text", "notes")}),
    )

    def changelist_view(self, request, extra_context=None):
        unresolved = Mention.objects.unresolved().count()
        context = {"unresolved_mentions": unresolved, **(extra_context or {})}
        return super().changelist_view(request, extra_context=context)

    @admin.display(description="Duplicates")
    def possible_duplicates(self, reading):
        duplicates = reading.duplicates() if reading.pk else []
        if not duplicates:
            return "None found (same DOI, URL, or title and year)."
        return format_html(
            "<strong>This reading looks like a duplicate of:</strong> {}", change_links(duplicates)
        )

    @admin.display(description="Cited on")
    def cited_on(self, reading):
        slide = reading.slide
        if slide is None:
            return "—"
        week = slide.week
        return format_html(
            '<a href="{}" target="_blank">{}, {}</a>', slide.get_absolute_url(), week, slide
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        duplicates = obj.duplicates()
        if duplicates:
            message = format_html(
                "“{}” looks like a duplicate of {} (same DOI, URL, or title and year).",
                obj.title,
                change_links(duplicates),
            )
            self.message_user(request, message, messages.WARNING)

    @admin.action(description="Confirm the selected readings (show them to students)")
    def confirm(self, request, queryset):
        count = queryset.exclude(status=Reading.Status.CONFIRMED).update(
            status=Reading.Status.CONFIRMED
        )
        bump_version()  # update() sends no signals
        plural = "" if count == 1 else "s"
        self.message_user(request, f"{count} reading{plural} confirmed.", messages.SUCCESS)


class WeekReadingInline(admin.TabularInline):
    model = WeekReading
    fields = ("reading", "role", "order")
    autocomplete_fields = ("reading",)
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("reading")


WeekAdmin.extra_inlines.register("readings", WeekReadingInline)


class MentionStatusFilter(admin.SimpleListFilter):
    title = "reading"
    parameter_name = "resolved"

    def lookups(self, request, model_admin):
        return (("no", "No reading yet (to complete)"), ("yes", "Found in the readings"))

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.unresolved()
        if self.value() == "yes":
            return queryset.filter(reading__isnull=False)
        return queryset


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    """The slides' author-year mentions, those no reading answers first to complete."""

    list_display = ("__str__", "week", "on_slide", "reading_found")
    list_filter = (MentionStatusFilter, "week__course", "week")
    list_select_related = ("week", "week__course", "slide__week__course", "reading")
    search_fields = ("names", "year")
    readonly_fields = ("week", "slide", "names", "year", "reading")

    def has_add_permission(self, request):
        return False  # mentions come from the slides

    @admin.display(description="Slide")
    def on_slide(self, mention):
        slide = mention.slide
        return format_html('<a href="{}" target="_blank">{}</a>', slide.get_absolute_url(), slide)

    @admin.display(description="Reading")
    def reading_found(self, mention):
        if mention.reading is None:
            add = reverse("admin:readings_reading_add") + f"?course={mention.week.course_id}"
            return format_html('None: <a href="{}">add the reading</a>', add)
        return change_links([mention.reading])
