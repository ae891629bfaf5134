import pytest
from django.core.management import call_command

from accounts.models import Enrolment
from assignments.models import Assignment, Group, Revision
from demo.loader import DEMO_STUDENT_PASSWORD

pytestmark = pytest.mark.django_db


def test_the_demo_has_assignment_2_on_week_7_with_a_group_and_a_draft(demo):
    assignment = Assignment.objects.get(slug="final-project")
    assert assignment.week.number == 7
    assert assignment.accepts_work(assignment.opens_at)
    assert sum(c.points for c in assignment.criteria.all()) == 20, "a rubric on 20"
    group = Group.objects.get()
    assert sorted(group.members.values_list("username", flat=True)) == [
        "camille.martin",
        "li.wei",
    ]
    assert Revision.objects.count() == 1
    assert Enrolment.objects.count() == 2


def test_the_demo_loads_twice_without_duplicates():
    call_command("load_demo")
    call_command("load_demo")
    assert (Assignment.objects.count(), Group.objects.count(), Revision.objects.count()) == (
        2,
        1,
        1,
    )
    assert Assignment.objects.get(slug="field-report").takes_file


def test_demo_student_logins_are_printed_with_admin_in_debug(settings, capsys, client):
    settings.DEBUG = True
    call_command("load_demo", "--admin")
    output = capsys.readouterr().out
    assert f"Student login: li.wei / {DEMO_STUDENT_PASSWORD}" in output
    assert client.login(username="camille.martin", password=DEMO_STUDENT_PASSWORD)


def test_demo_students_have_no_usable_password_without_admin(demo):
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.get(username="li.wei").has_usable_password()
