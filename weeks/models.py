from django.db import models
from django.urls import reverse
from django.utils import timezone
from markdownx.models import MarkdownxField

from core.markdown import render_markdown
from weeks.extensions import week_page_queryset


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
        ]

    def __str__(self):
        return f"Week {self.number}: {self.title}"

    def save(self, *args, **kwargs):
        self.summary_html = render_markdown(self.summary)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("weeks:detail", args=[self.course.slug, self.number])

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
