"""The assignment cycle's e-mail, delivered to a real SMTP server (aiosmtpd): who gets what, once,
with plain text and HTML and a direct link, from every write path."""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from accounts.models import MailPreferences
from assignments import services
from outbox.models import Message
from tests.assignments.test_feedback_conflict import admin_session, change_url, open_change_page
from tests.factories import EnrolmentFactory, GroupFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

CONTENT = {"topic": "Shenzhen's maker spaces", "sources": ["A", "B"], "argument": "Cities win."}
SITE = "https://seminar.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def teachers(course):
    """An instructor and a teaching assistant with accounts, besides the course's own address."""
    instructor = EnrolmentFactory(
        course=course, role="instructor", user=UserFactory(username="prof", first_name="Clément")
    ).user
    assistant = EnrolmentFactory(
        course=course, role="teaching-assistant", user=UserFactory(username="ta")
    ).user
    return instructor, assistant


def deliver():
    call_command("deliver_mail")


def opt_out(user, course, **kinds):
    enrolment = user.enrolments.get(course=course)
    MailPreferences.objects.create(enrolment=enrolment, **kinds)


def submit(group, author):
    services.save_revision(group=group, author=author, base_number=0, **CONTENT)
    return services.submit_for_review(group=group, base_number=1)


def subjects_by_address(inbox):
    return sorted((message["To"], message["Subject"]) for message in inbox.received)


def test_a_submission_emails_the_instructor_once_with_text_html_and_a_direct_link(
    smtp_server, course, assignment, teachers, g1, s1, s2
):
    submit(g1, s1)
    deliver()
    deliver()
    to_teachers = [m for m in smtp_server.received if "submitted" in m["Subject"]]
    assert sorted(m["To"] for m in to_teachers) == [
        "hi@clementrenaud.com",  # the course's address: no account has it
        "prof@example.org",
        "ta@example.org",
    ]
    mail = next(m for m in to_teachers if m["To"] == "prof@example.org")
    assert mail["Subject"] == "[Chinese Cities] Group one submitted Final project"
    assert "Chinese Cities" in mail["From"] and mail["Reply-To"] == "hi@clementrenaud.com"
    plain, html = smtp_server.parts(mail)
    work = f"{SITE}{reverse('assignments:history', args=[course.slug, assignment.slug, g1.pk])}"
    answer = f"{SITE}{reverse('admin:assignments_submission_change', args=[g1.submission.pk])}"
    assert "Hello Clément" in plain and "submitted version 1" in plain
    assert work in plain and answer in plain
    assert f'href="{work}"' in html and "<strong>Group one</strong>" in html
    address_only = next(m for m in to_teachers if m["To"] == "hi@clementrenaud.com")
    assert "Choose which e-mails" not in smtp_server.parts(address_only)[0]
    receipts = sorted(m["To"] for m in smtp_server.received if "received" in m["Subject"])
    assert receipts == ["s1@example.org", "s2@example.org"]


def test_the_instructors_own_account_replaces_the_course_address_and_can_opt_out(
    smtp_server, course, assignment, g1, s1
):
    prof = EnrolmentFactory(
        course=course, role="instructor", user=UserFactory(email="hi@clementrenaud.com")
    ).user
    opt_out(prof, course, submissions=False)
    submit(g1, s1)
    deliver()
    assert [m for m in smtp_server.received if "submitted" in m["Subject"]] == []


def test_a_rolled_back_submission_sends_nothing(smtp_server, course, assignment, teachers, g1, s1):
    services.save_revision(group=g1, author=s1, base_number=0, **CONTENT)
    with transaction.atomic():
        services.submit_for_review(group=g1, base_number=1)
        transaction.set_rollback(True)
    deliver()
    assert smtp_server.received == []


def test_feedback_from_the_admin_emails_every_member_once_rendered_as_markdown(
    smtp_server, course, assignment, g1, s1, s2
):
    submission = submit(g1, s1)
    Message.objects.all().delete()
    client = admin_session("amy")
    page = open_change_page(client, submission)
    page |= {"status": "needs-revision", "feedback": "Narrow the **topic**."}
    assert client.post(change_url(submission), page).status_code == 302
    page = open_change_page(client, submission)  # saved again unchanged: no second mail
    assert client.post(change_url(submission), page).status_code == 302
    deliver()
    assert smtp_server.to() == ["s1@example.org", "s2@example.org"]
    plain, html = smtp_server.parts(smtp_server.received[0])
    assert smtp_server.received[0]["Subject"] == "[Chinese Cities] Feedback on Final project"
    assert "Narrow the **topic**." in plain and "Status: Needs revision" in plain
    assert "Narrow the <strong>topic</strong>." in html and "<script" not in html


def test_a_member_who_turned_feedback_off_gets_none(smtp_server, course, assignment, g1, s1, s2):
    submission = submit(g1, s1)
    opt_out(s2, course, feedback=False)
    Message.objects.all().delete()
    with transaction.atomic():
        current = services.lock_for_feedback(submission, 0)
        current.feedback = "Good."
        services.record_feedback(current, by=UserFactory(), base_number=0, changed=True)
    deliver()
    assert smtp_server.to() == ["s1@example.org"]


def test_a_status_change_alone_tells_the_members_the_new_status(
    smtp_server, course, assignment, g1, s1, s2
):
    submission = submit(g1, s1)
    Message.objects.all().delete()
    client = admin_session("amy")
    page = open_change_page(client, submission) | {"status": "accepted"}
    assert client.post(change_url(submission), page).status_code == 302
    deliver()
    assert subjects_by_address(smtp_server) == [
        ("s1@example.org", "[Chinese Cities] Final project: Accepted"),
        ("s2@example.org", "[Chinese Cities] Final project: Accepted"),
    ]
    plain, _ = smtp_server.parts(smtp_server.received[0])
    assert "is now: Accepted (it was: Submitted for review)" in plain


def test_joining_and_leaving_a_group_tells_its_other_members(
    smtp_server, course, assignment, g1, s1, s2, s3
):
    services.join_group(assignment=assignment, user=s3, code=g1.join_code)
    services.leave_group(group=g1, user=s1)
    deliver()
    assert subjects_by_address(smtp_server) == [
        ("s1@example.org", "[Chinese Cities] s3 joined Group one"),
        ("s2@example.org", "[Chinese Cities] s1 left Group one"),
        ("s2@example.org", "[Chinese Cities] s3 joined Group one"),
        ("s3@example.org", "[Chinese Cities] s1 left Group one"),
    ]


def test_a_member_moved_in_the_admin_tells_both_groups(smtp_server, course, assignment, s1, s2, s3):
    first, second = GroupFactory(assignment=assignment), GroupFactory(assignment=assignment)
    moved = MembershipFactory(group=first, user=s1)
    MembershipFactory(group=first, user=s2)
    MembershipFactory(group=second, user=s3)
    client = admin_session("amy")
    url = reverse("admin:assignments_membership_change", args=[moved.pk])
    response = client.post(url, {"user": s1.pk, "group": second.pk})
    assert response.status_code == 302
    deliver()
    assert subjects_by_address(smtp_server) == [
        ("s2@example.org", f"[Chinese Cities] s1 left {first.name}"),
        ("s3@example.org", f"[Chinese Cities] s1 joined {second.name}"),
    ]


def test_students_who_left_the_course_get_no_group_mail(
    smtp_server, course, assignment, g1, s1, s3
):
    s1.enrolments.all().delete()
    services.join_group(assignment=assignment, user=s3, code=g1.join_code)
    deliver()
    assert smtp_server.to() == ["s2@example.org"]
