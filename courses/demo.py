"""The demo course: Chinese Cities with Week 7, built from the instructor's own deck."""

import datetime
from pathlib import Path

from django.db import transaction

from courses.models import Course
from weeks.models import ProgramItem, Week
from weeks.program import find_program_slide, parse_program

DECK_PATH = Path(__file__).parent / "demo" / "week-07-planning-for-innovation.md"

COURSE = {
    "title": "Chinese Cities",
    "institution": "Sciences Po",
    "code": "OGLM 3050",
    "section": "59127",
    "term": "S2 2025/26",
    "instructor_name": "Clément Renaud",
    "instructor_email": "hi@clementrenaud.com",
}
WEEK_7 = {
    "title": "Planning For Innovation",
    "date": datetime.date(2026, 3, 17),
    "is_published": True,
}


def deck_slides(text):
    """Split deck text on remark's separator; enough for the demo's own, known deck."""
    return text.replace("\r\n", "\n").split("\n---\n")


@transaction.atomic
def load_demo():
    """Create or refresh the demo course; returns it. Safe to run any number of times."""
    course, _ = Course.objects.update_or_create(slug="chinese-cities", defaults=COURSE)
    week, _ = Week.objects.update_or_create(course=course, number=7, defaults=WEEK_7)
    if not week.program_items.exists():
        program = find_program_slide(deck_slides(DECK_PATH.read_text(encoding="utf-8")))
        for position, item in enumerate(parse_program(program or "")):
            ProgramItem.objects.create(week=week, position=position, **vars(item))
    return course
