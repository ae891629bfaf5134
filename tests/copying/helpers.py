import datetime

from backup.discover import CourseModel, course_lookup, project_models
from copying.plan import plan_copy

FIRST_SESSION = datetime.date(2027, 1, 19)


def plan(source, slug="cc-2027", first_session=FIRST_SESSION, skips=()):
    return plan_copy(source, slug=slug, term="S2 2026/27", first_session=first_session, skips=skips)


def course_rows(course):
    """{"app.Model": number of its rows that belong to `course`} over the project's models."""
    models = project_models()
    counts = {}
    for model in models:
        lookup = course_lookup(model, set(models))
        if lookup is not None:
            counts[model._meta.label] = CourseModel(model, lookup).rows_of(course).count()
    return counts


def values(instance, *, without=()):
    """The row's field values but its primary key and `without` (attribute names)."""
    return {
        f.attname: getattr(instance, f.attname)
        for f in instance._meta.concrete_fields
        if not f.primary_key and f.attname not in without
    }
