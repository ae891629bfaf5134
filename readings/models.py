from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, URLValidator
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from readings.citations import DEFAULT_STYLE, STYLES, format_all, match_key, normalise_doi

PERSON_KEYS = ("family", "given", "organisation")
PERSON_PART_MAX_LENGTH = 200
PEOPLE_MAX_COUNT = 100

validate_web_url = URLValidator(
    schemes=["http", "https"], message="Enter an http:// or https:// address."
)


def validate_doi(value):
    if not normalise_doi(value):
        raise ValidationError(
            "Enter a DOI such as 10.1016/j.cities.2015.05.004 (or its https://doi.org/ link).",
            code="invalid_doi",
        )


def validate_people(value):
    """A list of at most 100 {family, given} or {organisation} objects of short strings."""
    if not isinstance(value, list) or len(value) > PEOPLE_MAX_COUNT:
        raise ValidationError(f"Give a list of at most {PEOPLE_MAX_COUNT} names.", code="people")
    for person in value:
        if not isinstance(person, dict) or not set(person) <= set(PERSON_KEYS):
            raise ValidationError(
                "Each name is an object with family and given names, or an organisation.",
                code="person",
            )
        for part in person.values():
            if not isinstance(part, str) or len(part) > PERSON_PART_MAX_LENGTH:
                raise ValidationError(
                    f"Each part of a name is text of at most {PERSON_PART_MAX_LENGTH} characters.",
                    code="person_part",
                )


def strip_nul(value):
    """``value`` (text, or lists and dicts of text) without NUL characters."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [strip_nul(item) for item in value]
    if isinstance(value, dict):
        return {key: strip_nul(item) for key, item in value.items()}
    return value


def person_name(person):
    """``Family, Given`` for a person, the name alone for an organisation."""
    if person.get("organisation"):
        return person["organisation"]
    return ", ".join(part for part in (person.get("family"), person.get("given")) if part)


class ReadingQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Reading.Status.CONFIRMED)


class Reading(models.Model):
    """A work cited or assigned in a course: structured enough for CSL, BibTeX and RIS."""

    class Kind(models.TextChoices):
        ARTICLE = "article", "Journal article"
        CHAPTER = "chapter", "Book chapter"
        BOOK = "book", "Book"
        REPORT = "report", "Report"
        WEBPAGE = "webpage", "Web page"
        PODCAST = "podcast", "Podcast"
        VIDEO = "video", "Video"
        POLICY = "policy", "Policy document"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft: found in the slides, to check"
        CONFIRMED = "confirmed", "Confirmed: shown to students"

    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="readings")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.ARTICLE)
    authors = models.JSONField(default=list, blank=True, validators=[validate_people])
    et_al = models.BooleanField("et al.", default=False, help_text="More authors than listed.")
    title = models.CharField(max_length=500)
    container = models.CharField(
        max_length=300, blank=True, help_text="The journal, book (for a chapter) or web site."
    )
    editors = models.JSONField(default=list, blank=True, validators=[validate_people])
    volume = models.CharField(max_length=40, blank=True)
    issue = models.CharField(max_length=40, blank=True)
    pages = models.CharField(max_length=40, blank=True, help_text="E.g. 43–63.")
    year = models.CharField(max_length=20, blank=True)
    publisher = models.CharField(max_length=300, blank=True)
    place = models.CharField("place of publication", max_length=200, blank=True)
    url = models.URLField("URL", max_length=1000, blank=True, validators=[validate_web_url])
    doi = models.CharField(
        "DOI",
        max_length=200,
        blank=True,
        validators=[validate_doi],
        help_text="E.g. 10.1016/j.cities.2015.05.004; a https://doi.org/ link is shortened.",
    )
    language = models.CharField(
        max_length=35, blank=True, help_text="A language code such as fr or zh, when not English."
    )
    notes = models.TextField(
        blank=True,
        max_length=2_000,
        validators=[MaxLengthValidator(2_000)],
        help_text="For the instructor only.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    source_text = models.TextField(
        blank=True,
        max_length=2_000,
        validators=[MaxLengthValidator(2_000)],
        help_text="The text of the slide it was read from.",
    )
    slide = models.ForeignKey(
        "weeks.Slide",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="readings",
        help_text="The slide it was read from.",
    )
    weeks = models.ManyToManyField(
        "weeks.Week", through="WeekReading", related_name="readings", blank=True
    )
    # The authors as one line of text, kept for the admin to search and sort.
    authors_text = models.CharField("authors", max_length=1_000, blank=True, editable=False)
    # CSL-JSON variables of an imported item that no field holds, given back on export.
    csl_extra = models.JSONField("other CSL data", default=dict, blank=True, editable=False)
    # {style: the bibliography entry as HTML}, formatted by CSL when the reading is saved.
    citations_html = models.JSONField(default=dict, blank=True, editable=False)

    objects = ReadingQuerySet.as_manager()

    class Meta:
        ordering = ["course", "authors_text", "year", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "confirmed"]),
                name="reading_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    kind__in=[
                        "article",
                        "chapter",
                        "book",
                        "report",
                        "webpage",
                        "podcast",
                        "video",
                        "policy",
                    ]
                ),
                name="reading_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(url="")
                | Q(url__istartswith="http://")
                | Q(url__istartswith="https://"),
                name="reading_url_is_web_address",
            ),
            models.CheckConstraint(
                condition=Q(doi="") | Q(doi__startswith="10."), name="reading_doi_is_bare"
            ),
        ]

    def __str__(self):
        return f"{self.authors_text or self.container or '—'} ({self.year or 'n.d.'}), {self.title}"

    def save(self, *args, **kwargs):
        for field in self._meta.concrete_fields:
            if isinstance(field, (models.CharField, models.TextField, models.JSONField)):
                setattr(self, field.attname, strip_nul(getattr(self, field.attname)))
        # Text that is not a DOI is kept, for validate_doi and reading_doi_is_bare to refuse.
        self.doi = normalise_doi(self.doi) or self.doi
        people = self.authors if isinstance(self.authors, list) else []
        names = (person_name(person) for person in people if isinstance(person, dict))
        self.authors_text = "; ".join(names)[:1_000]
        self.citations_html = format_all(self)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            derived = {"citations_html"} | (
                {"authors_text"} if "authors" in update_fields else set()
            )
            kwargs["update_fields"] = {*update_fields, *derived}
        super().save(*args, **kwargs)

    def clean(self):
        self.doi = normalise_doi(self.doi) or self.doi

    def duplicates(self):
        """Other readings of the course with the same DOI, URL, or title and year."""
        key = match_key(self)
        others = Reading.objects.filter(course_id=self.course_id).exclude(pk=self.pk)
        return [other for other in others if match_key(other) == key]

    def citation_in(self, style):
        """The entry in `style` as HTML (CSL-formatted at save: values escaped, http(s) links)."""
        return mark_safe(self.citations_html.get(style, ""))  # noqa: S308

    @property
    def citation_html(self):
        """The Chicago author-date entry, the default style."""
        return self.citation_in(DEFAULT_STYLE)

    def citation_variants(self, shown=DEFAULT_STYLE):
        """The entry in every style, each in a span the style switcher shows or hides."""
        return format_html_join(
            "",
            '<span class="citation" data-citation-style="{}"{}>{}</span>',
            (
                (style, "" if style == shown else " hidden", self.citation_in(style))
                for style in STYLES
            ),
        )

    @property
    def citations(self):
        """The entry in every style, Chicago author-date shown."""
        return self.citation_variants()


class WeekReadingQuerySet(models.QuerySet):
    def listed(self):
        """Links to confirmed readings, with their readings, by role then order."""
        return (
            self.filter(reading__status=Reading.Status.CONFIRMED)
            .select_related("reading")
            .alias(
                role_rank=Case(
                    *(
                        When(role=role, then=Value(rank))
                        for rank, role in enumerate(WeekReading.Role)
                    ),
                    output_field=models.IntegerField(),
                )
            )
            .order_by("role_rank", "order", "id")
        )

    def for_course_page(self, course, user):
        """The listed readings of the course's weeks that `user` may see, week by week."""
        weeks = course.weeks.visible_to(user)
        return (
            self.listed()
            .filter(week__in=weeks)
            .select_related("week")
            .order_by("week__number", "role_rank", "order", "id")
        )


class WeekReading(models.Model):
    class Role(models.TextChoices):
        REQUIRED = "required", "Required"
        RECOMMENDED = "recommended", "Recommended"
        CITED = "cited", "Cited in the slides"

    week = models.ForeignKey("weeks.Week", on_delete=models.CASCADE, related_name="week_readings")
    reading = models.ForeignKey(Reading, on_delete=models.CASCADE, related_name="week_links")
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.CITED)
    order = models.PositiveIntegerField(default=0)

    objects = WeekReadingQuerySet.as_manager()

    class Meta:
        ordering = ["week", "order", "id"]
        verbose_name = "reading of the week"
        verbose_name_plural = "readings of the week"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=["required", "recommended", "cited"]),
                name="weekreading_role_valid",
            ),
            models.UniqueConstraint(
                fields=["week", "reading"],
                name="unique_reading_per_week",
                violation_error_message="This reading is already listed for this week.",
            ),
        ]

    def __str__(self):
        return f"{self.reading.title} ({self.get_role_display()})"

    def clean(self):
        reading = getattr(self, "reading", None)
        week = getattr(self, "week", None)
        if reading and week and week.course_id and reading.course_id != week.course_id:
            raise ValidationError({"reading": "Choose a reading of this week's course."})


class MentionQuerySet(models.QuerySet):
    def unresolved(self):
        return self.filter(reading__isnull=True)


class Mention(models.Model):
    """An author-year mention in a slide (``Zhen & Chan, 2014``), and the reading it cites."""

    week = models.ForeignKey("weeks.Week", on_delete=models.CASCADE, related_name="mentions")
    slide = models.ForeignKey("weeks.Slide", on_delete=models.CASCADE, related_name="mentions")
    names = models.CharField(max_length=200)
    year = models.CharField(max_length=4)
    reading = models.ForeignKey(
        Reading,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentions",
        help_text="The reading whose first author and year are the mention's.",
    )

    objects = MentionQuerySet.as_manager()

    class Meta:
        ordering = ["week", "slide__position", "id"]
        verbose_name = "mention in the slides"
        verbose_name_plural = "mentions in the slides"
        constraints = [
            models.UniqueConstraint(
                fields=["slide", "names", "year"], name="mention_unique_in_slide"
            )
        ]

    def __str__(self):
        return f"{self.names}, {self.year}"
