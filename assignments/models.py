import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from markdownx.models import MarkdownxField

from assignments.content import Revision, SubmissionContent, is_web_address  # noqa: F401
from assignments.rubric import RubricCriterion  # noqa: F401 (a model of this app)
from assignments.sent_reminders import DeadlineReminder  # noqa: F401 (a model of this app)
from assignments.validators import validate_grade_step, validate_visible_text
from core.markdown import render_markdown

MAX_SOURCES = 20
SOURCE_MAX_LENGTH = 500
JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
JOIN_CODE_LENGTH = 8


def new_join_code():
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


class AssignmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Assignments of published weeks (or of no week) for everyone; all of them for staff."""
        if user.is_staff:
            return self
        return self.filter(Q(week__isnull=True) | Q(week__is_published=True))


class Assignment(models.Model):
    class LatePolicy(models.TextChoices):
        ACCEPT = "accept", "Accept late work and flag it as late"
        REFUSE = "refuse", "Refuse work after the deadline"

    class Kind(models.TextChoices):
        STRUCTURED = "structured", "Topic, sources and argument"
        FILE = "file", "A PDF file"

    course = models.ForeignKey(
        "courses.Course", on_delete=models.CASCADE, related_name="assignments"
    )
    week = models.ForeignKey(
        "weeks.Week",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assignments",
        help_text="Its “Group work” program item links here.",
    )
    slug = models.SlugField(max_length=80)
    title = models.CharField(max_length=200)
    instructions = MarkdownxField(blank=True, max_length=20_000)
    instructions_html = models.TextField(blank=True, editable=False)
    opens_at = models.DateTimeField("opens at")
    due_at = models.DateTimeField("due at")
    group_formation_deadline = models.DateTimeField(
        help_text="Students create, join and leave groups until then."
    )
    group_min_size = models.PositiveSmallIntegerField("minimum group size", default=2)
    group_max_size = models.PositiveSmallIntegerField("maximum group size", default=4)
    late_policy = models.CharField(
        max_length=10, choices=LatePolicy.choices, default=LatePolicy.ACCEPT
    )
    topics_visible = models.BooleanField(
        "show submitted topics to the class",
        default=False,
        help_text="Lists submitted topics and arguments, without names, so groups avoid overlap.",
    )
    min_sources = models.PositiveSmallIntegerField("minimum number of sources", default=3)
    kind = models.CharField(
        "kind of submission", max_length=10, choices=Kind.choices, default=Kind.STRUCTURED
    )
    grades_released = models.BooleanField(
        default=False, help_text="Each group then sees its own grade; no one sees another's."
    )

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["course", "due_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(late_policy__in=["accept", "refuse"]),
                name="assignment_late_policy_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=["structured", "file"]),
                name="assignment_kind_valid",
            ),
            models.UniqueConstraint(
                fields=["course", "slug"],
                name="unique_assignment_slug_per_course",
                violation_error_message="Another assignment of this course has this slug.",
            ),
            models.CheckConstraint(
                condition=Q(group_min_size__gte=1) & Q(group_min_size__lte=F("group_max_size")),
                name="assignment_group_sizes_ordered",
                violation_error_message="Group sizes: 1 ≤ minimum ≤ maximum.",
            ),
            models.CheckConstraint(
                condition=Q(opens_at__lt=F("due_at")),
                name="assignment_opens_before_due",
                violation_error_message="The assignment must open before it is due.",
            ),
            models.CheckConstraint(
                condition=Q(group_formation_deadline__gte=F("opens_at"))
                & Q(group_formation_deadline__lte=F("due_at")),
                name="assignment_formation_deadline_in_window",
                violation_error_message="Groups must form between the opening and the due date.",
            ),
            models.CheckConstraint(
                condition=Q(min_sources__lte=MAX_SOURCES),
                name="assignment_min_sources_capped",
                violation_error_message=f"Ask for at most {MAX_SOURCES} sources.",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.instructions_html = render_markdown(self.instructions)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("assignments:detail", args=[self.course.slug, self.slug])

    def clean(self):
        if self.week_id and self.course_id and self.week.course_id != self.course_id:
            raise ValidationError({"week": "Choose a week of this assignment's course."})

    def is_open(self, now):
        return self.opens_at <= now

    def formation_is_open(self, now):
        return self.opens_at <= now <= self.group_formation_deadline

    def is_late(self, now):
        """Work at the due time exactly is on time; one second after it is late."""
        return now > self.due_at

    def accepts_work(self, now):
        return self.is_open(now) and (
            not self.is_late(now) or self.late_policy == self.LatePolicy.ACCEPT
        )

    @property
    def takes_file(self):
        return self.kind == self.Kind.FILE


class GroupQuerySet(models.QuerySet):
    def with_member(self, user):
        return self.filter(memberships__user=user) if user.is_authenticated else self.none()

    def late(self, now):
        """Groups whose assignment was due before `now` and who never submitted their work."""
        return self.filter(assignment__due_at__lt=now).filter(
            Q(submission__isnull=True) | Q(submission__submitted_at__isnull=True)
        )


class Group(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(max_length=80, validators=[validate_visible_text])
    join_code = models.CharField(
        max_length=JOIN_CODE_LENGTH, unique=True, default=new_join_code, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="assignment_groups"
    )

    objects = GroupQuerySet.as_manager()

    class Meta:
        # Not "group": the admin lists Django's permission groups too.
        verbose_name = "student group"
        ordering = ["assignment", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "name"],
                name="unique_group_name_per_assignment",
                violation_error_message="Another group of this assignment has this name.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_join_url(self):
        assignment = self.assignment
        return reverse(
            "assignments:join-link", args=[assignment.course.slug, assignment.slug, self.join_code]
        )


class Membership(models.Model):
    """A student in a group; `assignment` repeats the group's so the database can hold the
    one-group-per-student-per-assignment rule."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships"
    )
    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="+", editable=False
    )
    joined_at = models.DateTimeField(auto_now_add=True)
    feedback_seen_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When she last opened the feedback."
    )

    class Meta:
        ordering = ["group", "joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "user"],
                name="one_group_per_student_per_assignment",
                violation_error_message="This student is already in a group for this assignment.",
            ),
        ]

    def __str__(self):
        return f"{self.user} in {self.group}"

    def save(self, *args, **kwargs):
        self.assignment_id = self.group.assignment_id
        super().save(*args, **kwargs)

    def clean(self):
        """Check the one-group rule in (admin) forms too, where `assignment` is not a field."""
        try:
            assignment_id = self.group.assignment_id
        except Group.DoesNotExist:  # the form reports the missing group itself
            return
        taken = Membership.objects.filter(
            assignment_id=assignment_id, user_id=self.user_id
        ).exclude(pk=self.pk)
        if taken.exists():
            raise ValidationError(
                {"user": "This student is already in a group for this assignment."}
            )


class Submission(SubmissionContent):
    """The group's current work; every change to it is also kept as a Revision."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted for review"
        IN_REVIEW = "in-review", "In review"
        ACCEPTED = "accepted", "Accepted"
        NEEDS_REVISION = "needs-revision", "Needs revision"

    EDITABLE = (Status.DRAFT, Status.NEEDS_REVISION)

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="submission")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    revision_number = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField("last edit", null=True, blank=True, editable=False)
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    submitted_revision = models.ForeignKey(
        "Revision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    is_late = models.BooleanField("late", default=False, editable=False)
    feedback = models.TextField(
        blank=True, max_length=5_000, help_text="Markdown: **bold**, *italics*, lists, links."
    )
    feedback_html = models.TextField(blank=True, editable=False)
    feedback_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    feedback_at = models.DateTimeField(null=True, blank=True, editable=False)
    feedback_number = models.PositiveIntegerField(
        "feedback version",
        default=0,
        editable=False,
        help_text="Goes up with every staff answer, so a stale answer is refused, not lost.",
    )
    grade = models.DecimalField(
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(Decimal(0)),
            MaxValueValidator(Decimal(20)),
            validate_grade_step,
        ],
        help_text="On 20, in steps of 0.25; the group sees it once the grades are released.",
    )

    class Meta:
        ordering = ["group"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    status__in=["draft", "submitted", "in-review", "accepted", "needs-revision"]
                ),
                name="submission_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(grade__isnull=True) | Q(grade__gte=0, grade__lte=20),
                name="submission_grade_on_20",
                violation_error_message="A grade is between 0 and 20.",
            ),
        ]

    def __str__(self):
        return f"Submission of {self.group}"

    def save(self, *args, **kwargs):
        """The feedback's HTML is rendered here, on every write path, never per request."""
        self.feedback_html = render_markdown(self.feedback)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "feedback" in update_fields:
            kwargs["update_fields"] = {*update_fields, "feedback_html"}
        super().save(*args, **kwargs)

    @property
    def review_started(self):
        """The instructor has started reviewing the handed-in work: it is in review, or a staff
        answer (feedback, grade or status) was saved since it was handed in."""
        if self.status == self.Status.IN_REVIEW:
            return True
        answered, handed_in = self.feedback_at, self.submitted_at
        return bool(handed_in and answered and answered >= handed_in)

    @property
    def can_withdraw(self):
        return self.status == self.Status.SUBMITTED and not self.review_started

    @property
    def is_editable(self):
        return self.status in self.EDITABLE
