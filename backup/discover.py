"""Which models and rows belong to a course, found along their foreign keys to it."""

import re
from collections import deque
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model

from backup.credentials import credential_fields
from backup.rebuild import DERIVED, is_html_field
from courses.models import Course

# Field names that suggest a secret; each such field must be listed by credential_fields().
CREDENTIAL_NAME = re.compile(r"password|token|secret|api_key")

# Models of the project's apps that stay out of backups, as {"app.Model": "the reason"}: every
# other model must reach a course through its foreign keys (tests/backup/test_backup.py checks).
EXCLUDED = {
    "outbox.Message": "queued e-mail is delivery state, not course content",
    "core.PageCacheVersion": "the page cache's version: a restore bumps it anyway",
    "core.Counter": "login and enrolment counters: short-lived, of the site, not the course",
    "search.Entry": "the search index, derived from the course and rebuilt after a restore",
    "live.LiveSession": "where the presenter is right now: live state, stale by the next class",
}


@dataclass(frozen=True)
class CourseModel:
    model: type
    lookup: str  # from the model to its course, e.g. "submission__group__assignment__course"

    @property
    def label(self):
        return self.model._meta.label_lower

    def rows_of(self, course):
        manager = self.model._base_manager
        return manager.filter(**{self.lookup or "pk": course.pk}).order_by("pk")


def project_models():
    """Concrete models of the project's own apps (settings.PROJECT_APPS), not Django's or other
    packages'; listed by name, since an installed project sits in site-packages beside them."""
    found = []
    for app_config in apps.get_app_configs():
        if app_config.name not in settings.PROJECT_APPS:
            continue
        found += [
            model
            for model in app_config.get_models()
            if model._meta.managed and not model._meta.proxy
        ]
    return found


def course_lookup(model, within):
    """The shortest lookup from `model` to Course through foreign keys among `within`, or None.

    Required foreign keys are preferred: a row then always belongs to a course.
    """
    for allow_null in (False, True):
        queue, seen = deque([(model, [])]), {model}
        while queue:
            current, path = queue.popleft()
            if current is Course:
                return "__".join(path)
            for fk in forward_relations(current):
                target = fk.related_model
                if (fk.null and not allow_null) or target in seen or target not in within:
                    continue
                seen.add(target)
                queue.append((target, [*path, fk.name]))
    return None


def course_models():
    """Every model of the project that belongs to a course, Course first, in app order."""
    candidates = [model for model in project_models() if model._meta.label not in EXCLUDED]
    found = []
    for model in candidates:
        lookup = course_lookup(model, set(candidates))
        if lookup is not None:
            found.append(CourseModel(model, lookup))
    return sorted(found, key=lambda item: item.model is not Course)


def forward_relations(model):
    return [f for f in model._meta.concrete_fields if f.many_to_one or f.one_to_one]


def auto_many_to_many(model):
    """Many-to-many fields stored in the row's own serialization (automatic through tables)."""
    return [f for f in model._meta.local_many_to_many if f.remote_field.through._meta.auto_created]


def backup_problems():
    """What would make a backup miss data, as sentences; empty when every model is covered."""
    user_model = get_user_model()
    covered = {item.model for item in course_models()}
    problems = [
        f"{model._meta.label} does not reach a course through its foreign keys: give it one, "
        "or list it in backup.discover.EXCLUDED with the reason it needs no backup."
        for model in project_models()
        if model not in covered and model._meta.label not in EXCLUDED
    ]
    for model in covered:
        for relation in [*forward_relations(model), *auto_many_to_many(model)]:
            target = relation.related_model
            name = f"{model._meta.label}.{relation.name}"
            by_key = relation.many_to_one or relation.one_to_one
            if by_key and relation.target_field != target._meta.pk:
                problems.append(f"{name} points to a field other than the primary key.")
            if target in covered or target is user_model:
                continue
            if not hasattr(target, "natural_key"):
                problems.append(
                    f"{name} points to {target._meta.label}, which is not part of a course "
                    "and has no natural key to find it by in another database."
                )
    return problems + field_problems([*covered, user_model])


def field_problems(models):
    """Rendered HTML a restore would take from the archive, and secrets it would export."""
    problems = []
    for model in models:
        label = model._meta.label_lower
        for model_field in model._meta.concrete_fields:
            name = f"{model._meta.label}.{model_field.name}"
            if is_html_field(model_field) and model_field.name not in DERIVED.get(label, ()):
                problems.append(
                    f"{name} holds rendered HTML: list it in backup.rebuild.DERIVED so that a "
                    "restore renders it again rather than trusting the archive's copy."
                )
            if CREDENTIAL_NAME.search(model_field.name) and model_field.name not in (
                credential_fields(model)
            ):
                problems.append(
                    f"{name} looks like a credential: list it in "
                    "backup.credentials.credential_fields, or rename it."
                )
    return problems
