import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from markdownx.models import MarkdownxField

from core.markdown import render_markdown
from courses.extensions import course_page_queryset

# First path segments the site itself uses; a course slug must not shadow them.
RESERVED_SLUGS = {"admin", "markdownx", "media", "static", "accounts"}
FEED_SALT = "courses.CalendarFeed"


def validate_course_slug(value):
    if value in RESERVED_SLUGS:
        raise ValidationError(f"“{value}” is a reserved address; choose another slug.")


class CourseQuerySet(models.QuerySet):
    def for_course_page(self, user):
        """What the course home shows `user` of other apps, added through
        `courses.extensions.course_page_queryset`, in a fixed number of queries."""
        queryset = self
        for hook in course_page_queryset:
            queryset = hook(queryset, user)
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
    meeting_place = models.CharField(
        "default room",
        max_length=200,
        blank=True,
        help_text="Where sessions take place; a new week starts with it.",
    )
    meeting_time = models.CharField(
        max_length=200,
        blank=True,
        help_text="As students should read it, e.g. “Tuesdays 17:00–19:00”.",
    )
    session_start = models.TimeField(
        "default start time",
        null=True,
        blank=True,
        help_text="Paris time; a new week starts with it, e.g. 17:00.",
    )
    session_end = models.TimeField(
        "default end time",
        null=True,
        blank=True,
        help_text="Paris time; a new week ends with it, e.g. 19:00.",
    )
    slides_css = models.TextField(
        "slide stylesheet",
        blank=True,
        max_length=50_000,
        help_text="CSS added after the default slide theme, e.g. your remark theme's rules.",
    )

    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(session_start__isnull=True, session_end__isnull=True)
                | Q(
                    session_start__isnull=False,
                    session_end__isnull=False,
                    session_end__gt=F("session_start"),
                ),
                name="course_session_ends_after_start",
                violation_error_message="Give both session times, the end after the start.",
            ),
        ]

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


def new_feed_nonce():
    return secrets.token_urlsafe(24)


class CalendarFeedQuerySet(models.QuerySet):
    def of(self, user, course):
        """The user's feed for `course`, or None (always None for anonymous visitors)."""
        if not user.is_authenticated:
            return None
        return self.filter(user=user, course=course).first()

    def change(self, user, course, action):
        """Make ("create"), renew ("regenerate") or delete ("revoke") the user's feed for
        `course`; returns what happened, as the student should read it."""
        feed = self.filter(user=user, course=course).first()
        if action == "revoke":
            if feed:
                feed.delete()
            return "Your private calendar address is switched off; it no longer works."
        if feed is None:
            self.get_or_create(user=user, course=course)
            return "Your private calendar address is ready: add it to your calendar app."
        feed.regenerate()
        return "You have a new private calendar address; the old one no longer works."


class CalendarFeed(models.Model):
    """A student's private calendar address for a course.

    The address carries an HMAC of the row's nonce under SECRET_KEY: the database alone does not
    give it away, and a new nonce (regenerating) makes the old address stop working.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="calendar_feeds")
    nonce = models.CharField(max_length=64, default=new_feed_nonce, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CalendarFeedQuerySet.as_manager()

    ACTIONS = ("create", "regenerate", "revoke")

    class Meta:
        ordering = ["course", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"], name="one_calendar_feed_per_user_per_course"
            ),
        ]

    def __str__(self):
        return f"Private calendar of {self.user} for {self.course}"

    def get_absolute_url(self):
        return reverse("courses:private-calendar", args=[self.course.slug, self.pk, self.token])

    @property
    def token(self):
        return self._token(settings.SECRET_KEY)

    def _token(self, secret):
        message = f"{self.pk}:{self.user_id}:{self.course_id}:{self.nonce}"
        return salted_hmac(FEED_SALT, message, secret=secret, algorithm="sha256").hexdigest()

    def has_token(self, token):
        """True if `token` is this feed's, under the current secret key or a fallback."""
        secrets_ = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
        return any(constant_time_compare(token, self._token(secret)) for secret in secrets_)

    def regenerate(self):
        self.nonce = new_feed_nonce()
        self.save(update_fields=["nonce"])


class CalendarEventRevision(models.Model):
    """What a calendar event last looked like, so DTSTAMP and SEQUENCE change only with it."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    uid = models.CharField(max_length=255, unique=True)
    content_hash = models.CharField(max_length=64)
    sequence = models.PositiveIntegerField(default=0)
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["course", "uid"]

    def __str__(self):
        return f"{self.uid} (sequence {self.sequence})"
