from django.conf import settings
from django.db import models
from django.utils import timezone


class LiveSession(models.Model):
    """Where the presenter of a week is: the source of truth of every follower's stream.

    `serial` grows by one with every change (a move, a post, a vote, a moderation); it is the
    stream's event id, so a reconnecting client says which changes it has already seen.
    """

    week = models.OneToOneField("weeks.Week", on_delete=models.CASCADE, related_name="live")
    slide = models.PositiveIntegerField(default=1)
    board_shown = models.BooleanField(
        default=False, help_text="The discussion board fills the projected slide."
    )
    moved_at = models.DateTimeField(default=timezone.now)
    serial = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(slide__gte=1), name="live_slide_positive")
        ]

    def __str__(self):
        return f"{self.week}: slide {self.slide}"

    def is_live(self, now=None):
        """True while the presenter moved within the last settings.LIVE_WINDOW_SECONDS."""
        age = ((now or timezone.now()) - self.moved_at).total_seconds()
        return age <= settings.LIVE_WINDOW_SECONDS


class ContributionQuerySet(models.QuerySet):
    def shown(self):
        return self.filter(is_hidden=False)

    def with_votes(self):
        return self.annotate(votes=models.Count("upvotes")).select_related("author")

    def for_board(self):
        """Pinned first, then most upvoted, then oldest: the order of the board and its exports."""
        return self.with_votes().order_by("slide", "-is_pinned", "-votes", "created_at", "pk")


class Contribution(models.Model):
    """One student's answer on a discussion slide's board."""

    week = models.ForeignKey("weeks.Week", on_delete=models.CASCADE, related_name="contributions")
    slide = models.PositiveIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contributions"
    )
    text = models.CharField(max_length=280)
    is_pinned = models.BooleanField("pinned", default=False)
    is_hidden = models.BooleanField("hidden", default=False)
    created_at = models.DateTimeField(default=timezone.now)
    serial = models.PositiveBigIntegerField(default=0, help_text="The live serial of its change.")

    objects = ContributionQuerySet.as_manager()

    class Meta:
        ordering = ["week", "slide", "created_at", "pk"]
        indexes = [models.Index(fields=["week", "serial"], name="contribution_week_serial")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(slide__gte=1), name="contribution_slide_positive"
            )
        ]

    def __str__(self):
        return f"{self.author} on slide {self.slide}: {self.text[:40]}"


class Upvote(models.Model):
    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="upvotes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="upvotes"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "user"],
                name="one_upvote_per_user_per_contribution",
                violation_error_message="You have already upvoted this contribution.",
            )
        ]

    def __str__(self):
        return f"{self.user} upvotes {self.contribution_id}"
