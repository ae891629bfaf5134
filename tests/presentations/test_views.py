"""The sign-up page: who sees what, and the students' writes, refused with the title kept."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from presentations.models import SignUp
from tests.factories import (
    EnrolmentFactory,
    PresentationSlotsFactory,
    SignUpFactory,
    StaffFactory,
    UserFactory,
    WeekFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def slots(week):
    return PresentationSlotsFactory(week=week, count=2)


@pytest.fixture
def enrolled(course):
    def make(name, role="student"):
        return EnrolmentFactory(course=course, user=UserFactory(username=name), role=role).user

    return make


def page_url(course):
    return reverse("presentations:list", args=[course.slug])


def post_sign_up(client, course, week, title="AI and urban policy in China"):
    url = reverse("presentations:sign-up", args=[course.slug])
    return client.post(url, {"week": week.number, "title": title})


def test_anonymous_visitors_are_sent_to_log_in(client, course, slots):
    response = client.get(page_url(course))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_a_user_outside_the_course_may_not_see_who_presents(client, course, slots):
    client.force_login(UserFactory(username="outsider"))
    assert client.get(page_url(course)).status_code == 403


def test_enrolled_students_see_the_presenters_the_open_slots_and_the_waiting_list(
    client, course, week, slots, enrolled
):
    SignUpFactory(week=week, slot=1, title="City <b>Brain</b>", student__first_name="Song")
    SignUpFactory(week=week, slot=None, title="Makers", student__first_name="Li")
    client.force_login(enrolled("ana"))
    response = client.get(page_url(course))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Song — City &lt;b&gt;Brain&lt;/b&gt;" in html
    assert "<b>Brain</b>" not in html
    assert "Waiting list:" in html and "Li — Makers" in html
    assert "1 of 2 places free" in html
    assert "(1 of 2 free)" in html  # the week's choice in the form
    assert 'name="title"' in html


def test_staff_see_the_page_with_links_to_the_admin_and_no_sign_up_form(client, course, slots):
    client.force_login(StaffFactory())
    html = client.get(page_url(course)).content.decode()
    assert reverse("admin:presentations_signup_changelist") in html
    assert 'name="title"' not in html


def test_the_page_costs_the_same_queries_with_one_week_or_many(
    client, course, enrolled, django_assert_max_num_queries
):
    client.force_login(enrolled("ana"))
    for number in range(1, 6):
        week = WeekFactory(course=course, number=number)
        PresentationSlotsFactory(week=week)
        SignUpFactory.create_batch(2, week=week, slot=None)
    with django_assert_max_num_queries(10):
        assert client.get(page_url(course)).status_code == 200


def test_a_student_signs_up_and_is_redirected_with_her_place(client, course, week, slots, enrolled):
    client.force_login(enrolled("ana"))
    response = post_sign_up(client, course, week, title="  ＡＩ and urban policy ")
    assert response.status_code == 302
    signup = SignUp.objects.get()
    assert (signup.title, signup.slot) == ("AI and urban policy", 1)
    page = client.get(response["Location"]).content.decode()
    assert "You are presenting in week 7." in page
    assert "Withdraw" in page


def test_a_second_sign_up_is_refused_with_409_and_the_title_kept(
    client, course, week, slots, enrolled
):
    ana = enrolled("ana")
    SignUpFactory(week=week, student=ana, slot=1)
    other = WeekFactory(course=course, number=8)
    PresentationSlotsFactory(week=other)
    client.force_login(ana)
    response = post_sign_up(client, course, other, title="My second topic")
    assert response.status_code == 409
    html = response.content.decode()
    assert "already present" in html
    assert SignUp.objects.count() == 1


def test_a_sign_up_after_the_deadline_is_refused_with_the_title_kept(
    client, course, week, slots, enrolled
):
    slots.deadline = timezone.now() - datetime.timedelta(hours=1)
    slots.save()
    client.force_login(enrolled("ana"))
    response = post_sign_up(client, course, week, title="Late topic")
    assert response.status_code == 409
    html = response.content.decode()
    assert "closed on" in html and 'value="Late topic"' in html
    assert not SignUp.objects.exists()


def test_an_empty_title_is_refused_with_400(client, course, week, slots, enrolled):
    client.force_login(enrolled("ana"))
    response = post_sign_up(client, course, week, title="   ")
    assert response.status_code == 400
    assert "title" in response.content.decode()
    assert not SignUp.objects.exists()


@pytest.mark.parametrize("role", ["instructor", "teaching-assistant"])
def test_teachers_of_the_course_do_not_sign_up(client, course, week, slots, enrolled, role):
    client.force_login(enrolled("prof", role=role))
    response = post_sign_up(client, course, week, title="Mine")
    assert response.status_code == 403
    assert '<q class="kept">Mine</q>' in response.content.decode()
    assert not SignUp.objects.exists()


def test_a_student_withdraws_before_the_deadline(client, course, week, slots, enrolled):
    ana = enrolled("ana")
    SignUpFactory(week=week, student=ana, slot=1)
    client.force_login(ana)
    response = client.post(reverse("presentations:withdraw", args=[course.slug]))
    assert response.status_code == 302
    assert not SignUp.objects.exists()


def test_withdrawing_after_the_deadline_is_refused_with_409(client, course, week, slots, enrolled):
    ana = enrolled("ana")
    SignUpFactory(week=week, student=ana, slot=1)
    slots.deadline = timezone.now() - datetime.timedelta(hours=1)
    slots.save()
    client.force_login(ana)
    response = client.post(reverse("presentations:withdraw", args=[course.slug]))
    assert response.status_code == 409
    assert "ask the instructor" in response.content.decode()
    assert SignUp.objects.count() == 1


def test_the_writes_answer_get_with_405(client, course, enrolled):
    client.force_login(enrolled("ana"))
    for name in ("presentations:sign-up", "presentations:withdraw"):
        assert client.get(reverse(name, args=[course.slug])).status_code == 405


def test_an_anonymous_post_is_sent_to_log_in(client, course, week, slots):
    assert post_sign_up(client, course, week).status_code == 302
    assert not SignUp.objects.exists()
