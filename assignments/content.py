"""What a group hands in, and each saved version of it (models of the assignments app)."""

from django.conf import settings
from django.db import models

from assignments.handins import get_private_storage, hand_in_path
from assignments.validators import ARGUMENT_MAX_LENGTH


def is_web_address(source):
    return source[:8].lower().startswith(("http://", "https://"))


class SubmissionContent(models.Model):
    """What a group writes: a topic, its sources (references or web addresses), an argument;
    or, for a file hand-in, a title and a PDF (kept in the private storage)."""

    topic = models.CharField("topic or case study", max_length=200, blank=True, editable=False)
    sources = models.JSONField(default=list, blank=True, editable=False)
    argument = models.CharField(max_length=ARGUMENT_MAX_LENGTH, blank=True, editable=False)
    file = models.FileField(
        "PDF", storage=get_private_storage, upload_to=hand_in_path, blank=True, editable=False
    )
    file_name = models.CharField("file name", max_length=200, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def content(self):
        return {
            "topic": self.topic,
            "sources": self.sources,
            "argument": self.argument,
            "file": self.file.name or "",
            "file_name": self.file_name,
        }

    @property
    def linked_sources(self):
        """(text, is a web address) pairs; only http(s) addresses become links."""
        return [(source, is_web_address(source)) for source in self.sources]


class Revision(SubmissionContent):
    """One saved version of a submission, in full; revisions are never changed or deleted."""

    submission = models.ForeignKey(
        "assignments.Submission", on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField()
    is_late = models.BooleanField("late", default=False)

    class Meta:
        ordering = ["submission", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "number"], name="unique_revision_number_per_submission"
            ),
        ]

    def __str__(self):
        return f"Revision {self.number} of {self.submission.group}"
