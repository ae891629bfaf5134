from django.db import models
from django.urls import reverse
from django.utils import timezone
from markdownx.models import MarkdownxField

from weeks.remark import render_markdown


class WeekQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        """Published weeks for everyone; drafts too for staff."""
        return self if user.is_staff else self.published()


class Week(models.Model):
    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="weeks")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    date = models.DateField()
    is_published = models.BooleanField("published", default=False)
    summary = MarkdownxField(blank=True, max_length=5_000)
    summary_html = models.TextField(blank=True, editable=False)

    objects = WeekQuerySet.as_manager()

    class Meta:
        ordering = ["course", "number"]
        constraints = [
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

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}" if self.title else self.get_kind_display()

    def save(self, *args, **kwargs):
        self.description_html = render_markdown(self.description)
        super().save(*args, **kwargs)
