import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from courses.models import CalendarFeed
from tests.factories import AssignmentFactory, CourseFactory, WeekFactory

pytestmark = pytest.mark.django_db


def test_home_goes_straight_to_the_only_course(client, course):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/chinese-cities/"


def test_home_lists_courses_when_there_are_several(client, course):
    CourseFactory(slug="other", title="Urban China")
    response = client.get("/")
    assert response.status_code == 200
    assert b"/chinese-cities/" in response.content and b"/other/" in response.content


def test_course_home_shows_the_title_block(client, course):
    response = client.get(course.get_absolute_url())
    content = response.content.decode()
    for text in (
        "Chinese Cities",
        "Sciences Po",
        "OGLM 3050",
        "59127",
        "S2 2025/26",
        "Clément Renaud",
    ):
        assert text in content
    assert 'href="mailto:hi@clementrenaud.com"' in content
    assert content.count("<h1") == 1


def test_course_home_lists_published_weeks_only(client, course):
    WeekFactory(course=course, number=1, title="Introduction")
    WeekFactory(course=course, number=2, title="Secret draft", is_published=False)
    content = client.get(course.get_absolute_url()).content.decode()
    assert "Introduction" in content
    assert "Secret draft" not in content


def test_course_home_shows_drafts_to_staff_with_a_badge(staff_client, course):
    WeekFactory(course=course, number=2, title="Secret draft", is_published=False)
    content = staff_client.get(course.get_absolute_url()).content.decode()
    assert "Secret draft" in content and "Draft" in content


def test_course_home_highlights_the_next_session(client, course):
    today = timezone.localdate()
    WeekFactory(course=course, number=1, date=today - datetime.timedelta(days=7))
    upcoming = WeekFactory(course=course, number=2, date=today + datetime.timedelta(days=1))
    WeekFactory(course=course, number=3, date=today + datetime.timedelta(days=8))
    response = client.get(course.get_absolute_url())
    assert response.context["next_week"] == upcoming
    assert response.content.decode().count("Next session") == 1


def test_unknown_course_is_404(client, db):
    assert client.get("/no-such-course/").status_code == 404


def test_course_home_runs_the_same_queries_for_1_and_30_weeks(course, page_queries):
    WeekFactory(course=course, number=1)
    one, _ = page_queries(course.get_absolute_url())
    for number in range(2, 31):
        WeekFactory(course=course, number=number)
    thirty, response = page_queries(course.get_absolute_url())
    assert one == thirty <= 4  # course, its announcements and assignments, weeks
    assert len(response.context["weeks"]) == 30


def test_calendar_is_served_as_text_calendar(client, course):
    WeekFactory(course=course, number=7)
    response = client.get(reverse("courses:calendar", args=[course.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")


def test_course_home_lists_each_weeks_session_time(client, course):
    WeekFactory(
        course=course,
        number=7,
        date=datetime.date(2026, 3, 17),
        start_time=datetime.time(17),
        end_time=datetime.time(19),
    )
    content = client.get(course.get_absolute_url()).content.decode()
    assert '<time datetime="2026-03-17T17:00:00+01:00">17 Mar 2026, 17:00–19:00</time>' in content
    assert f'href="/{course.slug}/calendar/"' in content


def test_calendar_page_offers_the_public_feed_and_a_login_for_the_private_one(client, course):
    content = client.get(f"/{course.slug}/calendar/").content.decode()
    assert f'href="webcal://testserver/{course.slug}/calendar.ics"' in content
    assert f"/accounts/login/?next=/{course.slug}/calendar/" in content


def change_feed(client, course, action):
    return client.post(f"/{course.slug}/calendar/private/", {"action": action}, follow=True)


def test_a_student_gets_her_private_address_and_sees_it_on_the_calendar_page(
    client, course, student
):
    client.force_login(student)
    response = change_feed(client, course, "create")
    feed = CalendarFeed.objects.get(user=student, course=course)
    content = response.content.decode()
    assert f'value="http://testserver{feed.get_absolute_url()}"' in content
    assert "Your private calendar address is ready" in content
    assert client.get(feed.get_absolute_url()).status_code == 200


def test_making_a_new_address_stops_the_old_one(client, course, student):
    client.force_login(student)
    change_feed(client, course, "create")
    old = CalendarFeed.objects.get(user=student).get_absolute_url()
    content = change_feed(client, course, "regenerate").content.decode()
    new = CalendarFeed.objects.get(user=student).get_absolute_url()
    assert new != old and new in content and old not in content
    assert client.get(old).status_code == 404


def test_switching_the_address_off_deletes_it(client, course, student):
    client.force_login(student)
    change_feed(client, course, "create")
    url = CalendarFeed.objects.get(user=student).get_absolute_url()
    assert "no longer works" in change_feed(client, course, "revoke").content.decode()
    assert not CalendarFeed.objects.exists()
    assert client.get(url).status_code == 404


def test_a_visitor_cannot_make_a_private_address(client, course):
    response = client.post(f"/{course.slug}/calendar/private/", {"action": "create"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not CalendarFeed.objects.exists()


def test_an_unknown_feed_action_is_refused(client, course, student):
    client.force_login(student)
    assert change_feed(client, course, "steal").status_code == 400


def test_the_private_address_is_not_a_get_action(client, course, student):
    client.force_login(student)
    assert client.get(f"/{course.slug}/calendar/private/?action=create").status_code == 405


def test_course_home_lists_every_assignment_with_its_kind_and_due_date(client, course):
    week = WeekFactory(course=course, number=7)
    draft = WeekFactory(course=course, number=9, is_published=False)
    first = AssignmentFactory(course=course, title="Assignment 1: Reading notes", week=week)
    AssignmentFactory(course=course, title="Assignment 2: Final project")
    AssignmentFactory(course=course, title="Assignment 3: Field report", kind="file")
    AssignmentFactory(course=course, title="Hidden draft work", week=draft)
    content = client.get(course.get_absolute_url()).content.decode()
    titles = ["Assignment 1: Reading notes", "Assignment 2: Final project", "Assignment 3: Field"]
    assert [content.index(title) for title in titles] == sorted(content.index(t) for t in titles)
    assert "Topic, sources and argument" in content and "A PDF file" in content
    assert first.get_absolute_url() in content and "Week 7" in content
    assert "Hidden draft work" not in content


def test_staff_see_draft_weeks_assignments_on_the_course_home(staff_client, course):
    draft = WeekFactory(course=course, number=9, is_published=False)
    AssignmentFactory(course=course, title="Hidden draft work", week=draft)
    assert "Hidden draft work" in staff_client.get(course.get_absolute_url()).content.decode()


def test_course_home_runs_the_same_queries_for_1_and_6_assignments(
    client, course, django_assert_max_num_queries
):
    AssignmentFactory(course=course, week=WeekFactory(course=course, number=1))
    client.get(course.get_absolute_url())
    cache.clear()
    with django_assert_max_num_queries(10) as one:
        client.get(course.get_absolute_url())
    for number in range(2, 7):
        AssignmentFactory(course=course, week=WeekFactory(course=course, number=number))
    cache.clear()
    with django_assert_max_num_queries(len(one.captured_queries)):
        content = client.get(course.get_absolute_url()).content.decode()
    assert content.count('class="assignment-list__item"') == 6
