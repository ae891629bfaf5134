import csv
import io

import pytest
from django.urls import reverse

from assignments import services
from assignments.models import Membership, Submission
from tests.factories import GroupFactory

pytestmark = pytest.mark.django_db

CONTENT = {"topic": '=HYPERLINK("http://evil")', "sources": ["A", "B"], "argument": "Cities win."}


@pytest.fixture
def saved(g1, s1):
    services.save_revision(group=g1, author=s1, base_number=0, **CONTENT)
    return Submission.objects.get(group=g1)


def test_the_submissions_list_shows_group_members_status_and_late_flag(staff_client, saved):
    content = staff_client.get(reverse("admin:assignments_submission_changelist")).content.decode()
    for text in ("Group one", "s1, s2", "Draft", "Last edit", "Late"):
        assert text in content


def test_the_submissions_list_runs_the_same_queries_for_1_and_10_groups(
    staff_client, saved, assignment, django_assert_max_num_queries
):
    path = reverse("admin:assignments_submission_changelist")
    staff_client.get(path)
    with django_assert_max_num_queries(12) as first:
        staff_client.get(path)
    GroupFactory.create_batch(9, assignment=assignment)
    with django_assert_max_num_queries(len(first.captured_queries)):
        staff_client.get(path)


def test_the_submission_page_shows_the_read_only_history(staff_client, saved):
    content = staff_client.get(
        reverse("admin:assignments_submission_change", args=[saved.pk])
    ).content.decode()
    assert 'id="version-1"' in content and "<ins>Cities win.</ins>" in content
    assert 'name="argument"' not in content
    assert 'name="feedback"' in content


def test_feedback_saved_in_the_admin_records_who_and_when(staff_client, staff, saved):
    response = staff_client.post(
        reverse("admin:assignments_submission_change", args=[saved.pk]),
        {
            "status": "needs-revision",
            "feedback": "Narrow the topic.",
            "feedback_base": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    saved.refresh_from_db()
    assert (saved.status, saved.feedback, saved.feedback_by) == (
        "needs-revision",
        "Narrow the topic.",
        staff,
    )
    assert saved.feedback_at is not None
    assert saved.revisions.get().argument == CONTENT["argument"]


def test_the_csv_export_has_every_selected_submission_and_defuses_formulas(staff_client, saved, g2):
    response = staff_client.post(
        reverse("admin:assignments_submission_changelist"),
        {
            "action": "export_csv",
            "_selected_action": [saved.pk, g2.submission.pk],
        },
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["group"] for row in rows] == ["Group one", "Group two"]
    assert rows[0]["members"] == "s1, s2"
    assert rows[0]["topic"] == "'" + CONTENT["topic"]
    assert rows[0]["sources"] == "A\nB"


def test_the_instructor_moves_a_student_to_another_group(staff_client, g1, g2, s2):
    membership = Membership.objects.get(user=s2)
    response = staff_client.post(
        reverse("admin:assignments_membership_change", args=[membership.pk]),
        {"group": g2.pk, "user": s2.pk},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.group, membership.assignment) == (g2, g2.assignment)


def test_the_admin_refuses_a_second_group_for_a_student_with_a_message(staff_client, g1, g2, s1):
    response = staff_client.post(
        reverse("admin:assignments_membership_add"), {"group": g2.pk, "user": s1.pk}
    )
    assert response.status_code == 200
    assert "already in a group for this assignment" in response.content.decode()


def test_the_instructor_creates_a_group_with_members_in_the_admin(staff_client, assignment, s1):
    response = staff_client.post(
        reverse("admin:assignments_group_add"),
        {
            "assignment": assignment.pk,
            "name": "Formed by the instructor",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
            "memberships-0-user": s1.pk,
        },
    )
    assert response.status_code == 302
    group = assignment.groups.get(name="Formed by the instructor")
    assert list(group.members.all()) == [s1]
    assert Submission.objects.filter(group=group).exists()


def test_assignment_rules_are_refused_with_readable_messages(staff_client, course):
    response = staff_client.post(
        reverse("admin:assignments_assignment_add"),
        {
            "course": course.pk,
            "title": "Broken",
            "slug": "broken",
            "opens_at_0": "2026-03-10",
            "opens_at_1": "10:00",
            "group_formation_deadline_0": "2026-03-09",
            "group_formation_deadline_1": "10:00",
            "due_at_0": "2026-03-01",
            "due_at_1": "10:00",
            "group_min_size": "4",
            "group_max_size": "2",
            "min_sources": "3",
            "late_policy": "accept",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "The assignment must open before it is due." in content
    assert "1 ≤ minimum ≤ maximum" in content


def test_a_group_added_in_the_admin_starts_with_its_empty_submission(staff_client, assignment):
    response = staff_client.post(
        reverse("admin:assignments_group_add"),
        {
            "assignment": assignment.pk,
            "name": "Added by staff",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    group = assignment.groups.get(name="Added by staff")
    assert group.submission.status == "draft"


def test_the_submission_page_lists_sources_names_members_and_diffs_words(
    staff_client, saved, g1, s1, s2
):
    s1.first_name, s1.last_name = "Li", "Wei"
    s1.save()
    services.save_revision(
        group=g1, author=s2, base_number=1, **CONTENT | {"argument": "Cities lose."}
    )
    content = staff_client.get(
        reverse("admin:assignments_submission_change", args=[saved.pk])
    ).content.decode()
    assert '<ol class="sources"><li>A</li><li>B</li></ol>' in content
    assert "[&quot;A&quot;" not in content and '["A"' not in content
    assert "Li Wei, s2" in content
    assert "Cities <del>win</del><ins>lose</ins>." in content


def test_feedback_html_is_stored_at_save_on_every_write_path(saved, staff):
    saved.feedback = "Use **one** district."
    saved.save(update_fields=["feedback"])
    saved.refresh_from_db()
    assert saved.feedback_html == "<p>Use <strong>one</strong> district.</p>"
    current = services.lock_for_feedback(saved, 0)
    current.feedback = "[link](javascript:alert(1)) <img src=x onerror=alert(1)>"
    services.record_feedback(current, by=staff, base_number=0, changed=True)
    saved.refresh_from_db()
    assert "javascript:" not in saved.feedback_html and "onerror" not in saved.feedback_html
