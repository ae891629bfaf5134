from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from markdownx.models import MarkdownxField

from core.markdown import render_markdown
from courses.extensions import course_page_queryset

# First path segments the site itself uses; a course slug must not shadow them.
RESERVED_SLUGS = {"admin", "markdownx", "media", "static", "accounts"}


def validate_course_slug(value):
    if value in RESERVED_SLUGS:
        raise ValidationError(f"“{value}” is a reserved address; choose another slug.")


class CourseQuerySet(models.QuerySet):
    def for_course_page(self):
        """What the course home shows of other apps, added through
        `courses.extensions.course_page_queryset`, in a fixed number of queries."""
        queryset = self
        for hook in course_page_queryset:
            queryset = hook(queryset)
        return queryset


class Course(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True, validators=[validate_course_slug])
    institution = models.CharField(max_length=200, blank=True)
    code = models.CharField(max_length=40, blank=True)
    section = models.CharField("section number", max_length=40, blank=True)
    term = models.CharField(max_length=80, blank=True)
    instructor_name = models.CharField(max_length=200, blank=True)
    instructor_email = models.EmailField(blank=True)
    description = MarkdownxField(blank=True, max_length=20_000)
    description_html = models.TextField(blank=True, editable=False)
    meeting_place = models.CharField(max_length=200, blank=True)
    meeting_time = models.CharField(
        max_length=200,
        blank=True,
        help_text="As students should read it, e.g. “Tuesdays 17:00–19:00”.",
    )
    session_start = models.TimeField(
        null=True, blank=True, help_text="Start time of each session, for the calendar feed."
    )
    session_minutes = models.PositiveSmallIntegerField(default=120)
    slides_css = models.TextField(
        "slide stylesheet",
        blank=True,
        max_length=50_000,
        help_text="CSS added after the default slide theme, e.g. your remark theme's rules.",
    )

    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return f"{self.title} ({self.code})" if self.code else self.title

    def save(self, *args, **kwargs):
        self.description_html = render_markdown(self.description)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("courses:detail", args=[self.slug])

    @property
    def title_parts(self):
        return [part for part in (self.institution, self.code, self.section, self.term) if part]

    @property
    def title_line(self):
        """The deck's first line, e.g. "Chinese Cities - Sciences Po - OGLM 3050 - 59127"."""
        return " - ".join([self.title, *self.title_parts])
