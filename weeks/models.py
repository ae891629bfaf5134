import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from markdownx.models import MarkdownxField

from core.markdown import render_markdown
from weeks.extensions import week_page_queryset

# Sessions are held in Paris: their times are Paris wall-clock times, whatever the server's zone.
SESSION_TIME_ZONE = ZoneInfo("Europe/Paris")


class WeekQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        """Published weeks for everyone; drafts too for staff."""
        return self if user.is_staff else self.published()

    def for_week_page(self):
        """Everything the week page shows besides its slides, in a fixed number of queries.

        Apps above `weeks` add their part (readings, character, assignments) through
        `weeks.extensions.week_page_queryset`.
        """
        queryset = self.select_related("course").prefetch_related("program_items")
        for hook in week_page_queryset:
            queryset = hook(queryset)
        return queryset


class Week(models.Model):
    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="weeks")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    date = models.DateField()
    start_time = models.TimeField(
        "starts at",
        null=True,
        blank=True,
        help_text="Paris time. A new week gets the course's; empty for an all-day session.",
    )
    end_time = models.TimeField(
        "ends at",
        null=True,
        blank=True,
        help_text="Paris time. A new week gets the course's; empty for an all-day session.",
    )
    room = models.CharField(
        max_length=200, blank=True, help_text="A new week gets the course's default room."
    )
    is_published = models.BooleanField("published", default=False)
    summary = MarkdownxField(blank=True, max_length=5_000)
    summary_html = models.TextField(blank=True, editable=False)
    slide_ratio = models.CharField(
        max_length=5, choices=[("4:3", "4:3"), ("16:9", "16:9")], default="4:3"
    )
    deck_metadata = models.JSONField(
        default=dict, blank=True, help_text="The deck's front matter, kept for export."
    )

    objects = WeekQuerySet.as_manager()

    class Meta:
        ordering = ["course", "number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(slide_ratio__in=["4:3", "16:9"]),
                name="week_slide_ratio_valid",
            ),
            models.UniqueConstraint(
                fields=["course", "number"], name="unique_week_number_per_course"
            ),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="week_number_positive"),
            models.CheckConstraint(
                condition=models.Q(start_time__isnull=True, end_time__isnull=True)
                | models.Q(
                    start_time__isnull=False,
                    end_time__isnull=False,
                    end_time__gt=models.F("start_time"),
                ),
                name="week_session_ends_after_start",
                violation_error_message="Give both times of the session, the end after the start.",
            ),
        ]

    def __str__(self):
        return f"Week {self.number}: {self.title}"

    def save(self, *args, **kwargs):
        if self._state.adding:
            self.apply_course_defaults()
        self.summary_html = render_markdown(self.summary)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("weeks:detail", args=[self.course.slug, self.number])

    def apply_course_defaults(self):
        """Give a new week the course's session times and room where it has none."""
        course = self.course
        if self.start_time is None and self.end_time is None:
            self.start_time, self.end_time = course.session_start, course.session_end
        self.room = self.room or course.meeting_place

    @property
    def starts_at(self):
        """The session's start as an aware datetime in Paris, or None when it has no time."""
        return self._paris_datetime(self.start_time)

    @property
    def ends_at(self):
        return self._paris_datetime(self.end_time)

    def _paris_datetime(self, time):
        if time is None:
            return None
        return datetime.datetime.combine(self.date, time, tzinfo=SESSION_TIME_ZONE)

    @property
    def is_past(self):
        return self.date < timezone.localdate()


class ProgramItem(models.Model):
    class Kind(models.TextChoices):
        PRESENTATION = "presentation", "Presentation"
        DISCUSSION = "discussion", "Discussion"
        BREAK = "break", "Break"
        LECTURE = "lecture", "Lecture"
        PLANNING = "planning", "Planning"
        CASE_STUDY = "case-study", "Case study"
        GROUP_WORK = "group-work", "Group work"

    week = models.ForeignKey(Week, on_delete=models.CASCADE, related_name="program_items")
    position = models.PositiveSmallIntegerField(default=0)
    part = models.CharField(max_length=80, blank=True, help_text="E.g. “First hour”.")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.LECTURE)
    title = models.CharField(max_length=200, blank=True)
    presenters = models.CharField(max_length=300, blank=True)
    description = MarkdownxField(blank=True, max_length=5_000)
    description_html = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["week", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    kind__in=[
                        "presentation",
                        "discussion",
                        "break",
                        "lecture",
                        "planning",
                        "case-study",
                        "group-work",
                    ]
                ),
                name="programitem_kind_valid",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}" if self.title else self.get_kind_display()

    def save(self, *args, **kwargs):
        self.description_html = render_markdown(self.description)
        super().save(*args, **kwargs)


class SlideQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(visible=True)


class Slide(models.Model):
    """One source slide of a week's remark deck: each `---` part, and each `--` step."""

    week = models.ForeignKey(Week, on_delete=models.CASCADE, related_name="slides")
    position = models.PositiveIntegerField(default=0)
    is_step = models.BooleanField(
        "incremental step",
        default=False,
        help_text="Introduced by a “--” line: adds to the slide before.",
    )
    name = models.CharField(max_length=100, blank=True)
    classes = models.CharField(
        max_length=300, blank=True, help_text="E.g. “inverse, center, middle”."
    )
    background_image = models.CharField(
        max_length=500, blank=True, help_text="A URL, or a deck path such as img/maker.jpg."
    )
    counted = models.BooleanField(default=True, help_text="Off for remark's “count: false”.")
    layout = models.BooleanField(
        null=True, blank=True, help_text="remark's “layout: true” (or false to clear the layout)."
    )
    template = models.CharField(max_length=100, blank=True)
    excluded = models.BooleanField(default=False, help_text="remark's “exclude: true”.")
    extra_properties = models.JSONField(default=list, blank=True)
    content = MarkdownxField(blank=True, max_length=50_000)
    notes = MarkdownxField(blank=True, max_length=50_000)

    # Rendered from the whole deck when any slide of it is saved; never per request.
    visible = models.BooleanField(default=True, editable=False)
    index = models.PositiveIntegerField(null=True, editable=False)
    number = models.PositiveIntegerField(null=True, editable=False)
    heading = models.CharField(max_length=300, blank=True, editable=False)
    css_classes = models.CharField(max_length=500, blank=True, editable=False)
    background_css = models.CharField(max_length=1000, blank=True, editable=False)
    # The background image's deck path while no uploaded image answers to it: the slideshow
    # then shows a neutral placeholder instead, and staff see which image is missing.
    missing_image = models.CharField(max_length=500, blank=True, editable=False)
    html = models.TextField(blank=True, editable=False)
    notes_html = models.TextField(blank=True, editable=False)

    objects = SlideQuerySet.as_manager()

    class Meta:
        ordering = ["week", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["week", "position"],
                name="slide_position_unique_in_week",
                violation_error_message="Two slides of this week have the same position.",
            )
        ]

    def __str__(self):
        return f"Slide {self.position + 1}" + (f": {self.heading}" if self.heading else "")

    def get_absolute_url(self):
        url = reverse("weeks:slideshow", args=[self.week.course.slug, self.week.number])
        return f"{url}#{self.index}" if self.index else url

    @property
    def anchor(self):
        return f"slide-{self.index}"


class DeckRevision(models.Model):
    """One saved state of a week's deck: the remark source exactly as the instructor saved it.

    The latest revision is the deck; the week's slides are derived from its source.
    """

    week = models.ForeignKey(Week, on_delete=models.CASCADE, related_name="deck_revisions")
    number = models.PositiveIntegerField()
    source = models.TextField()
    summary = models.CharField(max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["week", "-number"]
        get_latest_by = "number"
        constraints = [
            models.UniqueConstraint(fields=["week", "number"], name="unique_deck_revision_number"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="deck_revision_number_positive"
            ),
        ]

    def __str__(self):
        return f"Revision {self.number} of {self.week}"


class SlideImage(models.Model):
    """An image a course's decks refer to; deck paths resolve to it by file name."""

    course = models.ForeignKey(
        "courses.Course", on_delete=models.CASCADE, related_name="slide_images"
    )
    file_name = models.CharField(
        max_length=255, help_text="The name decks use, e.g. maker.jpg for img/maker.jpg."
    )
    image = models.ImageField(upload_to="slides/%Y/")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["course", "file_name"]
        constraints = [
            models.UniqueConstraint(fields=["course", "file_name"], name="unique_slide_image_name"),
        ]

    def __str__(self):
        return self.file_name
