from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from markdownx.models import MarkdownxField

from core.markdown import render_markdown


class AnnouncementQuerySet(models.QuerySet):
    def published(self, now=None):
        return self.filter(published_at__lte=now or timezone.now())

    def due_for_mail(self, now=None):
        """Published announcements whose e-mail has not been queued yet."""
        return self.published(now).filter(emailed_at__isnull=True)


class Announcement(models.Model):
    """A message from the instructor: shown on the course home (and its week's page) from its
    publication time, and e-mailed then to the students who want announcements."""

    course = models.ForeignKey(
        "courses.Course", on_delete=models.CASCADE, related_name="announcements"
    )
    week = models.ForeignKey(
        "weeks.Week",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="announcements",
        help_text="Also shown on this week's page.",
    )
    title = models.CharField(max_length=200)
    body = MarkdownxField(max_length=10_000)
    body_html = models.TextField(blank=True, editable=False)
    published_at = models.DateTimeField(
        default=timezone.now,
        help_text="Shown and e-mailed from then on (Paris time); a later time schedules it.",
    )
    emailed_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When its e-mail was queued."
    )

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = self.body.replace("\r\n", "\n").replace("\r", "\n")
        self.body_html = render_markdown(self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "body_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.course.get_absolute_url()}#announcement-{self.pk}"

    def clean(self):
        if self.week_id and self.course_id and self.week.course_id != self.course_id:
            raise ValidationError({"week": "Choose a week of this announcement's course."})

    @property
    def anchor(self):
        return f"announcement-{self.pk}"
