"""PDF hand-ins: checked on upload, stored privately, served only to the group and staff."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assignments import services
from assignments.handins import download_name
from assignments.models import Assignment, Submission
from tests.assignments.test_views import client_for, url
from tests.factories import (
    AssignmentFactory,
    EnrolmentFactory,
    GroupFactory,
    MembershipFactory,
    StaffFactory,
    UserFactory,
    pdf_bytes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(course):
    return AssignmentFactory(
        course=course, slug="field-report", title="Assignment 3: Field report", kind="file"
    )


@pytest.fixture
def group(report, s1, s2):
    group = GroupFactory(assignment=report, name="Reporters")
    MembershipFactory(group=group, user=s1)
    MembershipFactory(group=group, user=s2)
    return group


def upload(data=None, name="Our report.pdf"):
    return SimpleUploadedFile(name, pdf_bytes() if data is None else data, "application/pdf")


def post_pdf(client, report, group, data=None, **fields):
    posted = {"base_number": 0, "topic": "Shenzhen's night markets", "upload": upload(data)}
    return client.post(url("save", report, group), posted | fields)


def test_a_member_uploads_a_pdf_as_a_new_version_kept_outside_media(report, group, s1, settings):
    response = post_pdf(client_for(s1), report, group)
    assert response.status_code == 302
    submission = Submission.objects.get(group=group)
    assert submission.revision_number == 1 and submission.file_name == "Our_report.pdf"
    stored = settings.PRIVATE_MEDIA_ROOT / submission.file.name
    assert stored.read_bytes() == pdf_bytes()
    assert not (settings.MEDIA_ROOT / submission.file.name).exists()
    assert submission.revisions.get().file.name == submission.file.name
    with pytest.raises(ValueError, match="no public URL"):
        submission.file.url  # noqa: B018


def test_a_fake_pdf_is_refused_and_the_typed_title_stays(report, group, s1):
    response = post_pdf(
        client_for(s1), report, group, data=b"<html>not a pdf</html>", topic="Kept title"
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert "This file is not a PDF" in content and 'value="Kept title"' in content
    assert "choose the PDF again" in content
    assert Submission.objects.get(group=group).revision_number == 0


def test_a_pdf_over_the_size_cap_is_refused_saying_the_limit(report, group, s1, settings):
    settings.HAND_IN_MAX_BYTES = 100
    response = post_pdf(client_for(s1), report, group, topic="Still here")
    content = response.content.decode()
    assert response.status_code == 400
    assert "a hand-in may be at most 100" in content and 'value="Still here"' in content


def test_a_new_title_alone_keeps_the_saved_pdf(report, group, s1):
    post_pdf(client_for(s1), report, group)
    first = Submission.objects.get(group=group).file.name
    response = client_for(s1).post(url("save", report, group), {"base_number": 1, "topic": "New"})
    assert response.status_code == 302
    submission = Submission.objects.get(group=group)
    assert (submission.revision_number, submission.topic, submission.file.name) == (2, "New", first)


def test_a_hand_in_without_a_pdf_cannot_be_submitted(report, group, s1):
    client_for(s1).post(url("save", report, group), {"base_number": 0, "topic": "Only a title"})
    response = client_for(s1).post(url("submit", report, group), {"base_number": 1})
    assert response.status_code == 409 and "Upload your PDF first." in response.content.decode()


def test_a_hand_in_with_its_pdf_is_submitted_without_sources(report, group, s1):
    post_pdf(client_for(s1), report, group)
    response = client_for(s1).post(url("submit", report, group), {"base_number": 1})
    assert response.status_code == 302
    assert Submission.objects.get(group=group).status == Submission.Status.SUBMITTED


def test_the_pdf_downloads_as_an_attachment_that_cannot_run(report, group, s1, s2):
    post_pdf(client_for(s1), report, group)
    response = client_for(s2).get(url("file", report, group))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Our_report.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("who", ["anonymous", "other group", "not enrolled", "in no group"])
def test_no_one_outside_the_group_gets_its_pdf(report, group, s1, s3, who):
    post_pdf(client_for(s1), report, group)
    other_group = GroupFactory(assignment=report, name="Others")
    MembershipFactory(group=other_group, user=s3)
    users = {
        "anonymous": None,
        "other group": s3,
        "not enrolled": UserFactory(username="outsider"),
        "in no group": EnrolmentFactory(course=report.course).user,
    }
    client = client_for(users[who])
    assert client.get(url("file", report, group)).status_code == 404
    assert client.get(url("revision-file", report, group, 1)).status_code == 404


def test_staff_and_teaching_assistants_get_every_version(report, group, s1, course):
    post_pdf(client_for(s1), report, group)
    post_pdf(client_for(s1), report, group, data=pdf_bytes("second"), base_number=1)
    assistant = EnrolmentFactory(course=course, role="teaching-assistant").user
    for teacher in (StaffFactory(), assistant):
        first = client_for(teacher).get(url("revision-file", report, group, 1))
        assert b"".join(first.streaming_content) == pdf_bytes()
        current = client_for(teacher).get(url("file", report, group))
        assert b"".join(current.streaming_content) == pdf_bytes("second")


def test_a_group_without_a_pdf_answers_404(report, group, s1):
    assert client_for(s1).get(url("file", report, group)).status_code == 404


def test_the_same_upload_posted_twice_is_one_version(report, group, s1):
    post_pdf(client_for(s1), report, group)
    again = post_pdf(client_for(s1), report, group)
    assert again.status_code == 302
    assert Submission.objects.get(group=group).revisions.count() == 1


def test_the_history_links_each_versions_pdf_and_shows_the_replacement(report, group, s1):
    post_pdf(client_for(s1), report, group)
    post_pdf(client_for(s1), report, group, base_number=1, upload=upload(name="v2.pdf"))
    content = client_for(s1).get(url("history", report, group)).content.decode()
    assert "<del>Our_report.pdf</del>" in content and "<ins>v2.pdf</ins>" in content
    assert url("revision-file", report, group, 2) in content


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ('report"; filename=x.exe', "report_filenamex.exe.pdf"),
        ("ｒｅｐｏｒｔ.PDF", "report.pdf"),
        ("..", "hand-in.pdf"),
    ],
)
def test_the_download_name_is_safe_for_a_header(name, safe):
    assert download_name(name) == safe


def test_the_service_refuses_to_save_work_once_submitted(report, group, s1):
    post_pdf(client_for(s1), report, group)
    services.submit_for_review(group=group, base_number=1)
    response = post_pdf(client_for(s1), report, group, base_number=1, topic="Late change")
    assert response.status_code == 409 and 'value="Late change"' in response.content.decode()
    assert Assignment.objects.get(pk=report.pk).takes_file
