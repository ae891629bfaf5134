"""The presenter's e-mail, delivered through the outbox to a real SMTP server."""

import pytest
from django.core.management import call_command

from presentations import services
from tests.factories import PresentationSlotsFactory, UserFactory, WeekFactory

pytestmark = pytest.mark.django_db


def test_the_first_waiting_is_told_by_e_mail_when_a_place_opens(smtp_server, course, week):
    PresentationSlotsFactory(week=week, count=1)
    ana = UserFactory(username="ana", first_name="Ana")
    services.sign_up(week=week, student=ana, title="First")
    bo = UserFactory(username="bo", first_name="Bo")
    services.sign_up(week=week, student=bo, title="Makers & <maps>")
    services.withdraw(course=course, student=ana)
    call_command("deliver_mail")
    assert smtp_server.to() == ["bo@example.org"]
    message = smtp_server.received[0]
    assert message["Subject"] == "[Chinese Cities] You present in week 7"
    plain, html = smtp_server.parts(message)
    assert "Hello Bo," in plain and "“Makers & <maps>”" in plain
    assert "Makers &amp; &lt;maps&gt;" in html and "<maps>" not in html
    assert f"/{course.slug}/presentations/" in plain


def test_a_moved_presenter_then_moved_up_and_a_removed_one_are_each_told(smtp_server, course, week):
    PresentationSlotsFactory(week=week, count=1)
    later = WeekFactory(course=course, number=8, title="Makers")
    PresentationSlotsFactory(week=later, count=1)
    ana = services.sign_up(week=week, student=UserFactory(username="ana"), title="One")
    bo = services.sign_up(week=later, student=UserFactory(username="bo"), title="Two")
    services.move(signup=ana, week=later)
    services.remove(signup=bo)
    call_command("deliver_mail")
    to_ana = [smtp_server.parts(m)[0] for m in smtp_server.received if m["To"] == "ana@example.org"]
    to_bo = [smtp_server.parts(m)[0] for m in smtp_server.received if m["To"] == "bo@example.org"]
    moved = next(text for text in to_ana if "from week 7 to week 8" in text)
    assert "you are on its waiting list" in moved
    assert any("no longer on the waiting list" in text for text in to_ana)  # bo's slot
    assert len(to_ana) == 2
    assert ["took your presentation “Two”" in text for text in to_bo] == [True]
