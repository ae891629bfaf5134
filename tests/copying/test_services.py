"""A copy of the demo course to a new term, compared with the original item by item."""

import datetime

import pytest

from assignments.models import Assignment
from copying.calendar import PARIS
from copying.coverage import COPIED, NOT_COPIED
from copying.plan import CopyError
from copying.services import copy_course
from courses.models import Course
from readings.models import WeekReading
from search.models import Entry
from tests.copying.helpers import FIRST_SESSION, course_rows, plan, values
from tests.factories import AssignmentFactory, CourseFactory, WeekFactory
from weeks.models import DeckRevision

pytestmark = pytest.mark.django_db

SHIFT = FIRST_SESSION - datetime.date(2026, 3, 17)  # the demo's week 7


@pytest.fixture
def original(demo):
    return Course.objects.get(slug="chinese-cities")


@pytest.fixture
def copy(original):
    return copy_course(plan(original))


# Each copy takes seconds: the tests share the comparisons below, three copies in all.
def test_the_weeks_move_to_the_new_dates_as_drafts_with_their_slides(original, copy):
    assert_same_course(original, copy)
    assert_same_weeks(original, copy)
    assert_same_slides(original, copy)


def test_readings_glossary_characters_and_assignments_are_copied_with_dates_moved(original, copy):
    assert_same_readings(original, copy)
    assert_same_terms(original, copy)
    assert_same_characters(original, copy)
    assert_same_assignments_dates_moved(original, copy)


def test_nothing_of_the_students_is_copied_and_search_finds_the_copy(original, copy):
    assert_nothing_of_the_students(original, copy)
    assert_same_search_entries(original, copy)


def assert_same_course(original, copy):
    assert (copy.slug, copy.term) == ("cc-2027", "S2 2026/27")
    assert values(copy, without={"slug", "term"}) == values(original, without={"slug", "term"})


def assert_same_weeks(original, copy):
    old, new = original.weeks.get(), copy.weeks.get()
    assert old.is_published and not new.is_published
    assert new.date == FIRST_SESSION and new.date.weekday() == old.date.weekday()
    assert (new.start_time, new.end_time, new.room) == (old.start_time, old.end_time, old.room)
    kept = {"course_id", "date", "is_published"}
    assert values(new, without=kept) == values(old, without=kept)
    program = [values(item, without={"week_id"}) for item in new.program_items.all()]
    assert program and program == [
        values(item, without={"week_id"}) for item in old.program_items.all()
    ]


def assert_same_slides(original, copy):
    old, new = original.weeks.get(), copy.weeks.get()
    latest = DeckRevision.objects.filter(week=old).latest()
    assert new.deck_revisions.get().source == latest.source
    derived = {"id", "week_id", "html", "notes_html"}
    slides = [values(slide, without=derived) for slide in new.slides.all()]
    assert len(slides) == 49 and slides == [
        values(slide, without=derived) for slide in old.slides.all()
    ]
    # The rendered slides differ only by the course address their glossary links carry.
    assert [s.html for s in new.slides.all()] == [
        s.html.replace("/chinese-cities/", "/cc-2027/") for s in old.slides.all()
    ]


def slide_place(slide):
    return (slide.week.number, slide.position) if slide else None


def assert_same_readings(original, copy):
    def readings(course):
        return [
            (values(r, without={"course_id", "slide_id"}), slide_place(r.slide))
            for r in course.readings.select_related("slide__week").order_by("title", "year")
        ]

    def links(course):
        rows = WeekReading.objects.filter(week__course=course).select_related("week", "reading")
        return sorted((w.week.number, w.reading.title, w.role, w.order) for w in rows)

    assert len(readings(copy)) == 14 and readings(copy) == readings(original)
    assert links(copy) and links(copy) == links(original)


def assert_same_terms(original, copy):
    def terms(course):
        return [
            (
                values(t, without={"course_id"}),
                [w.number for w in t.weeks.all()],
                sorted(s.position for s in t.slides.all()),
            )
            for t in course.terms.prefetch_related("weeks", "slides").order_by("hanzi")
        ]

    assert len(terms(copy)) == 32 and terms(copy) == terms(original)
    assert copy.terms.filter(status="confirmed").count() == 29


def assert_same_characters(original, copy):
    def characters(course):
        return [
            (
                values(c, without={"course_id", "week_id", "notes_html"}),
                c.week.number,
                [values(link, without={"character_id"}) for link in c.links.all()],
            )
            for c in course.characters.select_related("week")
        ]

    assert characters(copy) == characters(original)


def assert_same_assignments_dates_moved(original, copy):
    dates = {"opens_at", "group_formation_deadline", "due_at"}
    other = {"course_id", "week_id", "grades_released", *dates}
    originals = Assignment.objects.filter(course=original).order_by("slug")
    copies = Assignment.objects.filter(course=copy).order_by("slug")
    assert len(copies) == 2
    for old, new in zip(originals, copies, strict=True):
        assert values(new, without=other) == values(old, without=other)
        assert new.week == copy.weeks.get() and not new.grades_released
        for name in dates:
            old_local, new_local = (getattr(a, name).astimezone(PARIS) for a in (old, new))
            assert new_local.date() - old_local.date() == SHIFT
            assert new_local.time() == old_local.time()
        criteria = [values(c, without={"assignment_id"}) for c in new.criteria.all()]
        assert criteria == [values(c, without={"assignment_id"}) for c in old.criteria.all()]


def assert_nothing_of_the_students(original, copy):
    before, after = course_rows(original), course_rows(copy)
    left_behind = {label: after[label] for label in NOT_COPIED if label in after}
    assert left_behind.pop("search.Entry") > 0  # the index of the copy, rebuilt by its signals
    assert set(left_behind.values()) == {0}
    assert before["accounts.Enrolment"] and before["assignments.Submission"]
    assert all(after[label] for label in COPIED if before.get(label))


def assert_same_search_entries(original, copy):
    def entries(course):
        rows = Entry.objects.filter(course=course)
        return sorted((e.kind, e.title, e.text, e.terms) for e in rows)

    assert entries(copy) == entries(original)
    # The copy's weeks are drafts: anonymous visitors find none of their slides.
    public = Entry.objects.filter(course=copy, public=True).values_list("kind", flat=True)
    assert "slide" not in set(public) and "week" not in set(public)


def test_a_copy_that_does_not_check_out_is_rolled_back(original, monkeypatch):
    monkeypatch.setattr("copying.services.save_deck", lambda *args, **kwargs: None)
    with pytest.raises(CopyError, match="Week 7 has 0 slides, the original 49"):
        copy_course(plan(original))
    assert not Course.objects.filter(slug="cc-2027").exists()
    assert Course.objects.count() == 1


def test_skipped_dates_push_the_later_weeks_and_their_deadlines():
    course = CourseFactory(
        slug="chinese-cities",
        session_start=datetime.time(17),
        session_end=datetime.time(19),
        meeting_place="Room K.011",
    )
    days = [datetime.date(2026, 1, 13), datetime.date(2026, 1, 20), datetime.date(2026, 1, 27)]
    for number, day in enumerate(days, start=1):
        WeekFactory(
            course=course,
            number=number,
            date=day,
            start_time=datetime.time(9 + number),
            end_time=datetime.time(11 + number),
            room=f"Room {number}",
        )
    # Week 2 is an all-day session without a room: the course's defaults must not fill it in.
    course.weeks.filter(number=2).update(start_time=None, end_time=None, room="")
    week_3 = course.weeks.get(number=3)
    due = datetime.datetime(2026, 1, 27, 18, tzinfo=PARIS)
    AssignmentFactory(
        course=course,
        week=week_3,
        opens_at=due - datetime.timedelta(days=7),
        group_formation_deadline=due - datetime.timedelta(days=1),
        due_at=due,
    )
    copy = copy_course(plan(course, skips=[datetime.date(2027, 1, 26)]))
    weeks = [(w.date, w.start_time, w.end_time, w.room) for w in copy.weeks.order_by("number")]
    assert weeks == [
        (datetime.date(2027, 1, 19), datetime.time(10), datetime.time(12), "Room 1"),
        (datetime.date(2027, 2, 2), None, None, ""),
        (datetime.date(2027, 2, 9), datetime.time(12), datetime.time(14), "Room 3"),
    ]
    assignment = Assignment.objects.get(course=copy)
    assert assignment.week.number == 3
    assert assignment.due_at == datetime.datetime(2027, 2, 9, 18, tzinfo=PARIS)


def test_a_slug_taken_between_the_plan_and_the_copy_is_refused():
    course = CourseFactory(slug="chinese-cities")
    WeekFactory(course=course, number=1)
    planned = plan(course)
    CourseFactory(slug="cc-2027", title="Taken meanwhile")
    with pytest.raises(CopyError, match="The copy was not made"):
        copy_course(planned)
    assert Course.objects.get(slug="cc-2027").title == "Taken meanwhile"
    assert Course.objects.count() == 2
