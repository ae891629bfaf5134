import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

MAX_SLOTS = 20
TITLE_MAX_LENGTH = 200


def normalise_title(title):
    """One line of NFKC text: what the student typed, as the program shows it."""
    return " ".join(unicodedata.normalize("NFKC", title or "").split())


class PresentationSlots(models.Model):
    """How many students present in a week's session, and until when they sign up themselves."""

    week = models.OneToOneField(
        "weeks.Week", on_delete=models.CASCADE, related_name="presentation_slots"
    )
    count = models.PositiveSmallIntegerField(
        "presentations",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SLOTS)],
        help_text="How many students present in this session.",
    )
    deadline = models.DateTimeField(
        "sign-up deadline",
        help_text="Paris time. After it, only staff change who presents.",
    )

    class Meta:
        ordering = ["week"]
        verbose_name = "presentation slots"
        verbose_name_plural = "presentation slots"
        constraints = [
            models.CheckConstraint(
                condition=Q(count__gte=1, count__lte=MAX_SLOTS),
                name="presentation_slots_count_in_range",
                violation_error_message=f"Open between 1 and {MAX_SLOTS} presentations.",
            ),
        ]

    def __str__(self):
        return f"{self.count} presentation{'s' if self.count != 1 else ''} in {self.week}"

    def clean(self):
        if self.pk is None:
            return
        highest = self.week.presentation_signups.aggregate(models.Max("slot"))["slot__max"]
        if highest and self.count < highest:
            raise ValidationError(
                {"count": f"Slot {highest} is taken: move or remove its presenter first."}
            )

    def is_open(self, now=None):
        return (now or timezone.now()) < self.deadline


class SignUpQuerySet(models.QuerySet):
    def presenting(self):
        return self.filter(slot__isnull=False)

    def waiting(self):
        return self.filter(slot__isnull=True)


class SignUp(models.Model):
    """A student's presentation: in a slot of the week, or on its waiting list (no slot)."""

    # The week's course, kept here so that the database holds one sign-up per student per course.
    course = models.ForeignKey(
        "courses.Course", on_delete=models.CASCADE, related_name="+", editable=False
    )
    week = models.ForeignKey(
        "weeks.Week", on_delete=models.CASCADE, related_name="presentation_signups"
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="presentation_signups"
    )
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    slot = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Empty: on the week's waiting list."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = SignUpQuerySet.as_manager()

    class Meta:
        ordering = ["week", F("slot").asc(nulls_last=True), "created_at", "pk"]
        verbose_name = "presentation sign-up"
        constraints = [
            models.UniqueConstraint(
                fields=["course", "student"],
                name="one_presentation_per_student_per_course",
                violation_error_message="This student already presents in this course.",
            ),
            models.UniqueConstraint(
                fields=["week", "slot"],
                name="one_presenter_per_slot",
                violation_error_message="Someone already has this slot.",
            ),
            models.CheckConstraint(
                condition=Q(slot__isnull=True) | Q(slot__gte=1), name="presentation_slot_positive"
            ),
        ]

    def __str__(self):
        return f"{self.presenter_name} — {self.title}"

    def save(self, *args, **kwargs):
        self.title = normalise_title(self.title)
        if self.week_id and not self.course_id:
            self.course_id = self.week.course_id
        super().save(*args, **kwargs)

    @property
    def is_waiting(self):
        return self.slot is None

    @property
    def presenter_name(self):
        return self.student.get_full_name() or self.student.get_username()
