"""The "Copy to a new term" action on the course changelist: a preview, then the copy."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from courses.models import Course
from tests.factories import CourseFactory, UserFactory, WeekFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:courses_course_changelist")


@pytest.fixture
def course():
    course = CourseFactory(slug="chinese-cities")
    WeekFactory(course=course, number=1, title="Cities", date=datetime.date(2026, 1, 13))
    WeekFactory(course=course, number=2, title="Makers", date=datetime.date(2026, 1, 20))
    return course


def action(course, **fields):
    return {"action": "copy_to_new_term", "_selected_action": [course.pk], **fields}


FORM = {"slug": "cc-2027", "term": "S2 2026/27", "first_session": "2027-01-19", "skips": ""}


def test_the_action_opens_the_form_for_the_selected_course(staff_client, course):
    response = staff_client.post(CHANGELIST, action(course))
    assert response.status_code == 200
    assert response.templates[0].name == "admin/copying/copy_course.html"
    assert 'value="chinese-cities-copy"' in response.content.decode()
    assert "Copy the course" not in response.content.decode()


def test_the_preview_shows_old_and_new_date_of_every_week(staff_client, course):
    form = {**FORM, "skips": "2027-01-26", "copy_step": "preview"}
    response = staff_client.post(CHANGELIST, action(course, **form))
    page = response.content.decode()
    assert [(item.move.old, item.move.new) for item in response.context["plan"].weeks] == [
        (datetime.date(2026, 1, 13), datetime.date(2027, 1, 19)),
        (datetime.date(2026, 1, 20), datetime.date(2027, 2, 2)),
    ]
    assert "Tue 20 Jan 2026" in page and "Tue 2 Feb 2027" in page
    assert "Copy the course" in page
    assert not Course.objects.filter(slug="cc-2027").exists()


def test_confirming_the_preview_copies_the_course(staff_client, course):
    preview = staff_client.post(CHANGELIST, action(course, **FORM, copy_step="preview"))
    previewed = preview.context["previewed"]
    response = staff_client.post(
        CHANGELIST, action(course, **FORM, copy_step="confirm", previewed=previewed)
    )
    copy = Course.objects.get(slug="cc-2027")
    assert response.status_code == 302
    assert response.url == reverse("admin:courses_course_change", args=[copy.pk])
    assert copy.term == "S2 2026/27" and copy.weeks.count() == 2


def test_confirming_other_values_than_previewed_shows_their_preview_instead(staff_client, course):
    preview = staff_client.post(CHANGELIST, action(course, **FORM, copy_step="preview"))
    changed = {**FORM, "first_session": "2027-01-26"}
    response = staff_client.post(
        CHANGELIST,
        action(course, **changed, copy_step="confirm", previewed=preview.context["previewed"]),
    )
    assert response.status_code == 200
    assert response.context["plan"].first_session == datetime.date(2027, 1, 26)
    assert not Course.objects.filter(slug="cc-2027").exists()


def test_a_refused_copy_shows_the_form_again_with_the_reason_and_the_text_kept(
    staff_client, course
):
    form = {**FORM, "slug": "chinese-cities", "term": "Autumn  2027", "copy_step": "preview"}
    response = staff_client.post(CHANGELIST, action(course, **form))
    page = response.content.decode()
    assert "A course with the slug “chinese-cities” exists already" in page
    assert 'value="Autumn  2027"' in page
    assert response.context["plan"] is None


def test_bad_skip_dates_are_refused(staff_client, course):
    form = {**FORM, "skips": "2027-01-26\nnext tuesday", "copy_step": "preview"}
    response = staff_client.post(CHANGELIST, action(course, **form))
    assert "Write each date as 2027-02-23." in response.content.decode()


def test_several_courses_at_once_are_refused(staff_client, course):
    other = CourseFactory(slug="other")
    data = {"action": "copy_to_new_term", "_selected_action": [course.pk, other.pk]}
    response = staff_client.post(CHANGELIST, data, follow=True)
    assert "Choose one course to copy." in response.content.decode()
    assert Course.objects.count() == 2


def test_staff_without_the_right_to_add_courses_do_not_get_the_action(client, course):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="change_course"))
    client.force_login(user)
    response = client.post(CHANGELIST, action(course, **FORM, copy_step="confirm"), follow=True)
    assert "copy_to_new_term" not in response.content.decode()
    assert not Course.objects.filter(slug="cc-2027").exists()


def test_visitors_who_are_not_staff_are_sent_to_the_login(client, course):
    client.force_login(UserFactory())
    response = client.post(CHANGELIST, action(course, **FORM, copy_step="confirm"))
    assert response.status_code == 302 and "/login/" in response.url
    assert not Course.objects.filter(slug="cc-2027").exists()
