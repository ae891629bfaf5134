import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Enrolment, Invitation
from accounts.roster import parse_roster
from outbox.services import deliver_due
from tests.factories import EnrolmentFactory, UserFactory

ROSTER = """name,email
Li Wei,li.wei@example.org
Camille Martin,camille@example.org
,nobody@example.org
Ana,not-an-email
Too,many,columns
"Zhang, San",ZHANG@example.org
Li Wei again,LI.WEI@example.org
Nul\x00Byte,nul@example.org
"""


def test_good_rows_are_read_and_each_bad_row_is_reported_with_its_line():
    rows, errors = parse_roster(ROSTER)
    assert [(row.line, row.name, row.email) for row in rows] == [
        (2, "Li Wei", "li.wei@example.org"),
        (3, "Camille Martin", "camille@example.org"),
        (7, "Zhang, San", "zhang@example.org"),
    ]
    assert [(error.line, error.reason) for error in errors] == [
        (4, "the name is empty"),
        (5, "“not-an-email” is not a valid e-mail address"),
        (6, "expected 2 columns (name, email), found 3"),
        (8, "the e-mail address is already on line 2"),
        (9, "contains a NUL byte or a character that is not UTF-8"),
    ]


def test_line_numbers_count_lines_inside_quoted_fields():
    rows, errors = parse_roster('"Multi\nline",a@example.org\nBad row\n')
    assert rows[0].line == 1
    assert [(error.line, error.reason) for error in errors] == [
        (3, "expected 2 columns (name, email), found 1")
    ]


def test_a_file_without_header_is_read_from_its_first_line():
    rows, errors = parse_roster("Li Wei,li@example.org\n")
    assert (len(rows), errors) == (1, [])


def test_over_long_names_are_refused():
    _, [error] = parse_roster(f"{'x' * 151},a@example.org")
    assert error.reason == "the name is longer than 150 characters"


@pytest.mark.django_db
def test_the_admin_import_enrols_good_rows_invites_new_people_and_reports_bad_rows(
    staff_client, course
):
    existing = UserFactory(username="camille", email="camille@example.org")
    EnrolmentFactory(course=course, user=UserFactory(username="zhang", email="zhang@example.org"))
    upload = SimpleUploadedFile("roster.csv", ROSTER.encode("utf-8-sig"), "text/csv")
    response = staff_client.post(
        reverse("admin:accounts_enrolment_import"), {"course": course.pk, "roster": upload}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count('class="roster-error"') == 5
    assert "<td>5</td><td>“not-an-email” is not a valid e-mail address</td>" in content
    assert "1 new account(s) created and invited" in content
    assert "1 existing account(s) enrolled" in content
    assert "1 already enrolled" in content

    new = get_user_model().objects.get(email="li.wei@example.org")
    assert (new.username, new.first_name, new.has_usable_password()) == (
        "li.wei@example.org",
        "Li Wei",
        False,
    )
    assert Enrolment.objects.filter(course=course).count() == 3
    assert Enrolment.objects.filter(user=existing).count() == 1
    assert get_user_model().objects.filter(email__iexact="zhang@example.org").count() == 1
    deliver_due()
    [message] = mail.outbox
    assert message.to == ["li.wei@example.org"]
    assert "/accounts/invitation/" in message.body
    assert Invitation.objects.get().user == new


@pytest.mark.django_db
def test_importing_the_same_roster_twice_duplicates_nobody(staff_client, course):
    for _ in range(2):
        upload = SimpleUploadedFile("roster.csv", ROSTER.encode(), "text/csv")
        staff_client.post(
            reverse("admin:accounts_enrolment_import"), {"course": course.pk, "roster": upload}
        )
    assert Enrolment.objects.count() == 3
    deliver_due()
    assert len(mail.outbox) == 3  # the first import's invitations only


@pytest.mark.django_db
def test_the_import_page_is_for_staff_only(client, student):
    client.force_login(student)
    response = client.get(reverse("admin:accounts_enrolment_import"))
    assert response.status_code == 302


@pytest.mark.django_db
def test_the_enrolment_list_links_to_the_import(staff_client):
    content = staff_client.get(reverse("admin:accounts_enrolment_changelist")).content.decode()
    assert reverse("admin:accounts_enrolment_import") in content


def test_an_over_long_field_is_reported_with_its_line_instead_of_failing():
    rows, errors = parse_roster(f"Li Wei,li@example.org\nBig,{'x' * 200_000}\n")
    assert len(rows) == 1
    assert errors[0].line == 2
    assert "field larger than field limit" in errors[0].reason


def test_an_unclosed_quote_is_reported_with_its_line_instead_of_failing():
    _, errors = parse_roster('Li Wei,li@example.org\n"Open quote,a@example.org\n')
    assert len(errors) == 1
    assert "CSV cannot be read" in errors[0].reason


def test_an_address_too_long_to_be_a_username_is_reported_with_its_line():
    address = "a" * 140 + "@example.org"  # a valid address, 152 characters
    rows, errors = parse_roster(f"Li Wei,li@example.org\nLong,{address}\n")
    assert [row.email for row in rows] == ["li@example.org"]
    assert [(error.line, error.reason) for error in errors] == [
        (2, "the e-mail address is longer than 150 characters")
    ]
