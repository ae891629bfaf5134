"""The glossary's line of the admin dashboard: draft terms waiting to be confirmed."""

from django.urls import reverse

from core.dashboard import Line, counted, counts_by
from glossary.models import Term


def draft_terms_line(course_id, count):
    url = reverse("admin:glossary_term_changelist")
    return Line(
        text=f"{counted(count, 'draft glossary term')} waiting for confirmation",
        url=f"{url}?course__id__exact={course_id}&status__exact={Term.Status.DRAFT}",
        count=count,
        permission="glossary.change_term",
    )


def glossary_lines(course_ids, now):
    drafts = counts_by(
        Term.objects.filter(course_id__in=course_ids, status=Term.Status.DRAFT), "course_id"
    )
    return {
        course_id: [draft_terms_line(course_id, drafts.get(course_id, 0))]
        for course_id in course_ids
    }
