from django.db import models


class MessageQuerySet(models.QuerySet):
    def due(self, now):
        return self.filter(state=Message.State.QUEUED, next_attempt_at__lte=now)


class Message(models.Model):
    """One e-mail waiting to be sent, being sent, sent, or given up on."""

    class State(models.TextChoices):
        QUEUED = "queued", "queued"
        SENDING = "sending", "sending"
        SENT = "sent", "sent"
        FAILED = "failed", "failed"

    to = models.JSONField(help_text="The recipients' addresses.")
    from_email = models.CharField(max_length=254)
    subject = models.CharField(max_length=998)
    body = models.TextField(help_text="The plain-text part.")
    html_body = models.TextField(blank=True, help_text="An optional HTML alternative.")
    headers = models.JSONField(default=dict, help_text="Extra headers, with a stable Message-ID.")
    idempotency_key = models.CharField(
        max_length=200,
        unique=True,
        null=True,
        blank=True,
        help_text="One logical mail, queued at most once.",
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="outbox_due")]

    def __str__(self):
        return f"{self.subject} → {', '.join(self.to)}"
