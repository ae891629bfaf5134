"""A field added later cannot slip rendered HTML or a secret through a backup unnoticed."""

from django.db import models
from django.test.utils import isolate_apps

import backup.discover
from weeks.models import Week


def test_new_html_and_secret_fields_are_reported(monkeypatch):
    project_models = backup.discover.project_models
    with isolate_apps("weeks"):

        class Handout(models.Model):  # noqa: DJ008
            week = models.ForeignKey(Week, on_delete=models.CASCADE)
            text = models.TextField()
            text_html = models.TextField()
            share_token = models.CharField(max_length=64)

            class Meta:
                app_label = "weeks"

        monkeypatch.setattr(backup.discover, "project_models", lambda: [*project_models(), Handout])
        problems = backup.discover.backup_problems()
    assert problems == [
        "weeks.Handout.text_html holds rendered HTML: list it in backup.rebuild.DERIVED so that "
        "a restore renders it again rather than trusting the archive's copy.",
        "weeks.Handout.share_token looks like a credential: list it in "
        "backup.credentials.credential_fields, or rename it.",
    ]
