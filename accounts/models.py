import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.validators import MinLengthValidator
from django.db import models
from django.utils import timezone

INVITATION_LIFETIME = datetime.timedelta(days=14)


def new_enrolment_key():
    return secrets.token_urlsafe(9)


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


class EnrolmentQuerySet(models.QuerySet):
    def role_of(self, user, course):
        """The user's role in the course, or None when they are not enrolled (or anonymous)."""
        if not user.is_authenticated:
            return None
        return self.filter(user=user, course=course).values_list("role", flat=True).first()


class Enrolment(models.Model):
    class Role(models.TextChoices):
        STUDENT = "student", "Student"
        TEACHING_ASSISTANT = "teaching-assistant", "Teaching assistant"
        INSTRUCTOR = "instructor", "Instructor"

    TEACHING_ROLES = (Role.TEACHING_ASSISTANT, Role.INSTRUCTOR)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    course = models.ForeignKey(
        "courses.Course", on_delete=models.CASCADE, related_name="enrolments"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.STUDENT)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["course", "user"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=["student", "teaching-assistant", "instructor"]),
                name="enrolment_role_valid",
            ),
            models.UniqueConstraint(
                fields=["user", "course"],
                name="one_enrolment_per_user_per_course",
                violation_error_message="This person is already enrolled in this course.",
            ),
        ]

    def __str__(self):
        return f"{self.user} in {self.course} ({self.get_role_display()})"


class EnrolmentKey(models.Model):
    course = models.OneToOneField(
        "courses.Course", on_delete=models.CASCADE, related_name="enrolment_key"
    )
    key = models.CharField(
        max_length=40,
        unique=True,
        default=new_enrolment_key,
        validators=[MinLengthValidator(6)],
        help_text="Share it with the class; change it or switch it off to stop self-enrolment.",
    )
    is_active = models.BooleanField("active", default=True)

    class Meta:
        ordering = ["course"]

    def __str__(self):
        return f"Enrolment key of {self.course}"


class InvitationQuerySet(models.QuerySet):
    def for_token(self, token):
        return self.filter(token_hash=hash_token(token))

    def pending(self, now):
        """Unused, unexpired invitations of people who have not accepted another for the course."""
        accepted = Invitation.objects.filter(
            user=models.OuterRef("user"), course=models.OuterRef("course"), used_at__isnull=False
        )
        return self.filter(used_at__isnull=True, expires_at__gt=now).exclude(
            models.Exists(accepted)
        )


class Invitation(models.Model):
    """A single-use link to set a password; only the SHA-256 of its token is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations"
    )
    course = models.ForeignKey(
        "courses.Course", on_delete=models.CASCADE, related_name="invitations"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Invitation of {self.user} to {self.course}"

    def is_expired(self):
        return self.expires_at <= timezone.now()

    @property
    def state(self):
        if self.used_at:
            return "Accepted"
        return "Expired" if self.is_expired() else "Waiting"

    @property
    def is_usable(self):
        return self.used_at is None and not self.is_expired()


class PermissionGroup(Group):
    """Django's auth group, named so the admin tells it from the student groups of assignments."""

    class Meta:
        proxy = True
        verbose_name = "permission group"


class MailPreferences(models.Model):
    """Which of a course's non-essential e-mails a member gets. Without a row, all of them:
    invitations and password resets are essential and always sent."""

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.CASCADE, related_name="mail_preferences"
    )
    announcements = models.BooleanField("the instructor's announcements", default=True)
    feedback = models.BooleanField("feedback and status changes on my group's work", default=True)
    group_changes = models.BooleanField("classmates joining or leaving my group", default=True)
    reminders = models.BooleanField("deadline reminders (48 hours before)", default=True)
    submissions = models.BooleanField("work handed in by a group (teaching staff)", default=True)

    STUDENT_KINDS = ("announcements", "feedback", "group_changes", "reminders")
    TEACHING_KINDS = ("announcements", "submissions")

    class Meta:
        verbose_name_plural = "mail preferences"

    def __str__(self):
        return f"Mail preferences of {self.enrolment}"
