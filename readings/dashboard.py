"""The readings' line of the admin dashboard: author-year mentions in the slides that match no
reading yet, for the instructor to complete."""

from django.urls import reverse

from core.dashboard import Line, counted, counts_by
from readings.models import Mention


def mentions_line(course_id, count):
    url = reverse("admin:readings_mention_changelist")
    return Line(
        text=f"{counted(count, 'mention')} in the slides with no reading yet",
        url=f"{url}?week__course__id__exact={course_id}&resolved=no",
        count=count,
        permission="readings.view_mention",
    )


def readings_lines(course_ids, now):
    unresolved = counts_by(
        Mention.objects.unresolved().filter(week__course_id__in=course_ids), "week__course_id"
    )
    return {
        course_id: [mentions_line(course_id, unresolved.get(course_id, 0))]
        for course_id in course_ids
    }
