"""The weeks' lines of the admin dashboard: each course's next session and its missing images.

Both are computed for all the courses at once, in three queries whatever their number. Images
are looked for in every deck of the course, past ones too: students go back to them.
"""

import posixpath
from collections import defaultdict

from django.db.models import Case, F, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from core.dashboard import Line, counted
from weeks.decks import image_paths
from weeks.models import Slide, SlideImage, Week

# The page where a week's deck is written: the deck editor, /admin/weeks/week/<id>/deck/.
DECK_URL_NAME = "admin:weeks_week_deck"
MISSING_NAMES_SHOWN = 5


def unresolved_paths(paths, names):
    """The deck paths among `paths` (once each) that no uploaded file name answers to.

    The rule of `weeks.decks.missing_images`, applied to many weeks' paths at once.
    """
    return list(
        dict.fromkeys(
            path
            for path in paths
            if path and "://" not in path and posixpath.basename(path) not in names
        )
    )


def current_sessions(course_ids, today):
    """{course id: its first week dated `today` or later, else its last week}, in one query."""
    upcoming_first = [
        Case(When(date__gte=today, then=Value(0)), default=Value(1)),
        Case(When(date__gte=today, then=F("date"))).asc(),  # the earliest of those to come
        F("date").desc(),  # else the latest of those past
        F("number"),
    ]
    weeks = (
        Week.objects.filter(course_id__in=course_ids)
        .annotate(rank=Window(RowNumber(), partition_by=F("course_id"), order_by=upcoming_first))
        .filter(rank=1)
    )
    return {week.course_id: week for week in weeks}


def missing_images_by_course(course_ids):
    """{course id: [(week number, [paths])]}, in two queries."""
    names = defaultdict(set)
    for course_id, file_name in SlideImage.objects.filter(course_id__in=course_ids).values_list(
        "course_id", "file_name"
    ):
        names[course_id].add(file_name)
    paths = defaultdict(list)
    with_images = (
        Q(background_image__gt="") | Q(content__contains="![") | Q(content__icontains="<img")
    )
    slides = (
        Slide.objects.filter(with_images, week__course_id__in=course_ids)
        .order_by("week__course_id", "week__number", "position")
        .values_list("week__course_id", "week__number", "background_image", "content")
    )
    for course_id, number, background, content in slides:
        paths[course_id, number].extend([background, *image_paths(content)])
    missing = defaultdict(list)
    for (course_id, number), week_paths in paths.items():
        unresolved = unresolved_paths(week_paths, names[course_id])
        if unresolved:
            missing[course_id].append((number, unresolved))
    return missing


def session_line(course_id, week, today):
    add_week = reverse("admin:weeks_week_add") + f"?course={course_id}"
    if week is None:
        return Line(
            text="No session planned: add a week", url=add_week, permission="weeks.add_week"
        )
    when = date_format(week.date, "D j M Y")
    if week.date < today:
        return Line(
            text=f"No session planned after {when}: add a week",
            url=add_week,
            detail=f"The last one was {week}.",
            permission="weeks.add_week",
        )
    return Line(
        text=f"Next session, {when} — {week}",
        url=reverse(DECK_URL_NAME, args=[week.pk]),
        status="Published" if week.is_published else "Draft",
        permission="weeks.change_week",
    )


def missing_images_line(course_id, weeks):
    # Uploads answer to file names, so each name missing is one image to upload.
    names = list(dict.fromkeys(posixpath.basename(p) for _, paths in weeks for p in paths))
    count = len(names)
    shown = ", ".join(names[:MISSING_NAMES_SHOWN]) + (" …" if count > MISSING_NAMES_SHOWN else "")
    where = ", ".join(f"week {number}" for number, _ in weeks)
    return Line(
        text=f"{counted(count, 'deck image')} still missing",
        url=reverse("admin:weeks_slideimage_add") + f"?course={course_id}",
        count=count,
        detail=f"{shown} ({where})" if count else "",
        permission="weeks.add_slideimage",
    )


def week_lines(course_ids, now):
    today = timezone.localdate(now)
    sessions = current_sessions(course_ids, today)
    missing = missing_images_by_course(course_ids)
    return {
        course_id: [
            session_line(course_id, sessions.get(course_id), today),
            missing_images_line(course_id, missing.get(course_id, [])),
        ]
        for course_id in course_ids
    }
