"""The instructor opens slots on the week's page and moves or removes presenters, through the
services: the waiting list moves up and the student is told."""

import pytest
from django.urls import reverse
from django.utils import timezone

from outbox.models import Message
from presentations import services
from presentations.models import PresentationSlots, SignUp
from tests.factories import PresentationSlotsFactory, UserFactory, WeekFactory

pytestmark = pytest.mark.django_db


def test_opening_more_slots_in_the_admin_moves_the_waiting_list_up(staff_client, week):
    slots = PresentationSlotsFactory(week=week, count=1)
    services.sign_up(week=week, student=UserFactory(username="ana"), title="One")
    bo = services.sign_up(week=week, student=UserFactory(username="bo"), title="Two")
    deadline = timezone.localtime(slots.deadline)
    response = staff_client.post(
        reverse("admin:presentations_presentationslots_change", args=[slots.pk]),
        {
            "week": week.pk,
            "count": 2,
            "deadline_0": deadline.strftime("%Y-%m-%d"),
            "deadline_1": deadline.strftime("%H:%M:%S"),
        },
    )
    assert response.status_code == 302
    bo.refresh_from_db()
    assert bo.slot == 2
    assert Message.objects.get().to == ["bo@example.org"]


def test_the_week_page_of_the_admin_shows_its_slots_and_presenters(staff_client, week):
    PresentationSlotsFactory(week=week, count=2)
    services.sign_up(week=week, student=UserFactory(username="ana"), title="City Brain")
    html = staff_client.get(reverse("admin:weeks_week_change", args=[week.pk])).content.decode()
    assert "presentation_slots-0-count" in html
    assert "City Brain" in html


def test_moving_a_presenter_in_the_admin_tells_her(staff_client, course, week):
    PresentationSlotsFactory(week=week)
    later = WeekFactory(course=course, number=8)
    PresentationSlotsFactory(week=later)
    ana = services.sign_up(week=week, student=UserFactory(username="ana"), title="One")
    response = staff_client.post(
        reverse("admin:presentations_signup_change", args=[ana.pk]),
        {"week": later.pk, "title": "One, revised"},
    )
    assert response.status_code == 302
    ana.refresh_from_db()
    assert (ana.week, ana.slot, ana.title) == (later, 1, "One, revised")
    assert "moved to week 8" in Message.objects.get().subject


def test_the_admin_offers_only_weeks_of_the_presenters_course_with_slots(staff_client, week):
    PresentationSlotsFactory(week=week)
    PresentationSlotsFactory(week=WeekFactory())  # another course
    ana = services.sign_up(week=week, student=UserFactory(), title="One")
    url = reverse("admin:presentations_signup_change", args=[ana.pk])
    form = staff_client.get(url).context["adminform"].form
    assert list(form.fields["week"].queryset) == [week]


def test_deleting_sign_ups_in_the_admin_removes_them_through_the_service(staff_client, week):
    PresentationSlotsFactory(week=week, count=1)
    ana = services.sign_up(week=week, student=UserFactory(username="ana"), title="One")
    bo = services.sign_up(week=week, student=UserFactory(username="bo"), title="Two")
    response = staff_client.post(
        reverse("admin:presentations_signup_changelist"),
        {"action": "delete_selected", "_selected_action": [ana.pk], "post": "yes"},
    )
    assert response.status_code == 302
    bo.refresh_from_db()
    assert bo.slot == 1
    assert not SignUp.objects.filter(pk=ana.pk).exists()
    assert sorted(m.to[0] for m in Message.objects.all()) == ["ana@example.org", "bo@example.org"]
    assert PresentationSlots.objects.count() == 1


def test_deleting_a_weeks_slots_takes_its_sign_ups_off_and_tells_each_student(staff_client, week):
    slots = PresentationSlotsFactory(week=week, count=1)
    services.sign_up(week=week, student=UserFactory(username="ana"), title="One")
    services.sign_up(week=week, student=UserFactory(username="bo"), title="Two")
    response = staff_client.post(
        reverse("admin:presentations_presentationslots_delete", args=[slots.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not SignUp.objects.exists() and not PresentationSlots.objects.exists()
    assert sorted(m.to[0] for m in Message.objects.all()) == ["ana@example.org", "bo@example.org"]
