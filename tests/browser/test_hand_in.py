"""A group hands in its PDF in chromium: a fake PDF is refused with the title kept, the real
one is saved, downloads as an attachment, is submitted, then taken back to edit."""

import pytest
from playwright.sync_api import expect

from assignments.models import Submission
from assignments.pdf import check_pdf
from tests.factories import (
    AssignmentFactory,
    CourseFactory,
    EnrolmentFactory,
    GroupFactory,
    MembershipFactory,
    UserFactory,
    pdf_bytes,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def hand_in(db):
    course = CourseFactory(slug="chinese-cities")
    report = AssignmentFactory(course=course, slug="field-report", kind="file", group_min_size=1)
    li = UserFactory(username="li.wei", first_name="Li", last_name="Wei")
    EnrolmentFactory(course=course, user=li)
    group = GroupFactory(assignment=report, name="Night walkers")
    MembershipFactory(group=group, user=li)
    return report, group, li


@pytest.fixture
def refused_upload(expected_errors):
    """Chromium reports a page answered with 400 as a failed load in the console."""
    expected_errors.append("status of 400")


def test_a_fake_pdf_is_refused_then_the_real_one_goes_in_and_comes_back(
    browser_page, login, live_server, hand_in, tmp_path, refused_upload
):
    report, group, li = hand_in
    fake, real = tmp_path / "notes.pdf", tmp_path / "Field report.pdf"
    fake.write_bytes(b"<html><body>not a pdf</body></html>")
    real.write_bytes(pdf_bytes())
    login(li)
    page = browser_page
    page.goto(f"{live_server.url}{report.get_absolute_url()}")

    page.fill("#id_topic", "Shenzhen's night markets 夜市")
    page.set_input_files("#id_upload", str(fake))
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#submission-form")).to_contain_text("This file is not a PDF")
    expect(page.locator("#id_topic")).to_have_value("Shenzhen's night markets 夜市")

    page.set_input_files("#id_upload", str(real))
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Saved as version 1.")
    with page.expect_download() as download:
        page.get_by_role("link", name="Field_report.pdf").click()
    assert download.value.suggested_filename == "Field_report.pdf"
    assert download.value.path().read_bytes() == pdf_bytes()

    page.get_by_role("button", name="Submit version 1 for review").click()
    page.get_by_role("button", name="Take it back to edit").click()
    expect(page.locator(".messages")).to_contain_text("back with your group")
    assert Submission.objects.get(group=group).status == Submission.Status.DRAFT


def test_the_pdf_chromium_prints_passes_the_check(browser):
    """Bytes as a real writer (Skia, through chromium's print to PDF) lays them out."""
    page = browser.new_page()
    page.set_content("<h1>Field report</h1><p>Shenzhen night markets.</p>")
    check_pdf(page.pdf())
    page.close()
