"""The deadline reminders already sent (a model of the assignments app, kept apart for size)."""

from django.db import models


class DeadlineReminder(models.Model):
    """A group reminded of its assignment's deadline: once per group and due time, so an hourly
    `send_reminders` never sends it twice, and a deadline moved later gets its own reminder."""

    group = models.ForeignKey(
        "assignments.Group", on_delete=models.CASCADE, related_name="deadline_reminders"
    )
    due_at = models.DateTimeField()
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ["group", "due_at"]
        constraints = [
            models.UniqueConstraint(fields=["group", "due_at"], name="one_reminder_per_deadline"),
        ]

    def __str__(self):
        return f"Reminder to {self.group} of {self.due_at:%Y-%m-%d %H:%M}"
