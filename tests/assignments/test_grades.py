"""Grades on 20: given per group in the admin, seen by a group once released, exported for the
registrar. Students never see an unreleased grade, nor another group's."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from assignments import services
from assignments.models import Assignment, Submission
from tests.assignments.conftest import enrol
from tests.assignments.test_views import client_for, post_work
from tests.factories import GroupFactory, MembershipFactory, RubricCriterionFactory, UserFactory

pytestmark = pytest.mark.django_db


def grade(group, value, feedback=""):
    submission = Submission.objects.get(group=group)
    submission.grade, submission.feedback = Decimal(value), feedback
    submission.save()
    return submission


def release(assignment, released=True):
    Assignment.objects.filter(pk=assignment.pk).update(grades_released=released)


def page(user, assignment):
    return client_for(user).get(assignment.get_absolute_url()).content.decode()


@pytest.mark.parametrize("value", ["-0.25", "20.25", "99"])
def test_the_database_refuses_a_grade_outside_0_to_20(g1, value):
    with pytest.raises(IntegrityError), transaction.atomic():
        Submission.objects.filter(group=g1).update(grade=Decimal(value))


@pytest.mark.parametrize(("value", "valid"), [("14.25", True), ("20", True), ("14.3", False)])
def test_a_grade_goes_in_quarter_points(g1, value, valid):
    submission = Submission.objects.get(group=g1)
    submission.grade = Decimal(value)
    if valid:
        submission.full_clean()
    else:
        with pytest.raises(ValidationError, match="steps of 0.25"):
            submission.full_clean()


def test_an_unreleased_grade_is_invisible_to_the_group(assignment, g1, s1):
    grade(g1, "15.5")
    assert "15.5" not in page(s1, assignment) and 'id="grade"' not in page(s1, assignment)


def test_a_released_grade_shows_to_each_member_of_its_group(assignment, g1, s1, s2):
    grade(g1, "15.5")
    release(assignment)
    for member in (s1, s2):
        assert "Grade: <strong>15.5/20</strong>" in page(member, assignment)


def test_a_student_never_sees_another_groups_grade(assignment, g1, g2, s3):
    grade(g1, "17.75")
    grade(g2, "12")
    release(assignment)
    content = page(s3, assignment)
    assert "12/20" in content and "17.75" not in content


@pytest.mark.parametrize("who", ["anonymous", "not enrolled"])
def test_visitors_outside_the_groups_see_no_grade(assignment, g1, who):
    grade(g1, "17.75")
    release(assignment)
    user = None if who == "anonymous" else UserFactory(username="outsider")
    assert "17.75" not in page(user, assignment) and 'id="grade"' not in page(user, assignment)


def test_withholding_the_grades_again_hides_them(assignment, g1, s1):
    grade(g1, "11")
    release(assignment)
    release(assignment, released=False)
    assert "11/20" not in page(s1, assignment)


def test_the_history_and_topics_pages_never_carry_a_grade(assignment, g1, s1, s3, g2):
    post_work(client_for(s1), assignment, g1)
    grade(g1, "16.25")
    release(assignment)
    Assignment.objects.filter(pk=assignment.pk).update(topics_visible=True)
    history = reverse("assignments:history", args=[assignment.course.slug, assignment.slug, g1.pk])
    topics = reverse("assignments:topics", args=[assignment.course.slug, assignment.slug])
    assert "16.25" not in client_for(s1).get(history).content.decode()
    assert "16.25" not in client_for(s3).get(topics).content.decode()


def test_the_instructor_grades_a_group_in_the_admin_with_markdown_feedback(
    staff_client, staff, assignment, g1, s1
):
    post_work(client_for(s1), assignment, g1)
    submission = Submission.objects.get(group=g1)
    response = staff_client.post(
        reverse("admin:assignments_submission_change", args=[submission.pk]),
        {
            "status": "accepted",
            "feedback": "A **clear** argument.\r\n\r\n<script>alert(1)</script>",
            "grade": "14.75",
            "feedback_base": 0,
        },
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert (submission.grade, submission.feedback_by) == (Decimal("14.75"), staff)
    assert "<strong>clear</strong>" in submission.feedback_html
    assert "<script" not in submission.feedback_html


def test_a_grade_off_the_scale_is_refused_in_the_admin_with_the_feedback_kept(
    staff_client, assignment, g1
):
    submission = Submission.objects.get(group=g1)
    response = staff_client.post(
        reverse("admin:assignments_submission_change", args=[submission.pk]),
        {"status": "draft", "feedback": "Kept text", "grade": "21", "feedback_base": 0},
    )
    content = response.content.decode()
    assert response.status_code == 200 and "Kept text" in content
    assert "less than or equal to 20" in content
    assert Submission.objects.get(pk=submission.pk).grade is None


def test_the_admin_releases_and_withholds_grades_with_actions(staff_client, assignment):
    changelist = reverse("admin:assignments_assignment_changelist")
    for action, released in (("release_grades", True), ("withhold_grades", False)):
        staff_client.post(changelist, {"action": action, "_selected_action": [assignment.pk]})
        assert Assignment.objects.get(pk=assignment.pk).grades_released is released


def test_the_grades_csv_has_one_row_per_student_and_defuses_formulas(
    staff_client, assignment, g1, g2, s1, s3
):
    s1.first_name, s1.last_name = "=cmd|' /C calc'!A0", "Wei"
    s1.save()
    grade(g1, "14.5")
    response = staff_client.post(
        reverse("admin:assignments_assignment_changelist"),
        {"action": "export_grades", "_selected_action": [assignment.pk]},
    )
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="grades.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(row["username"], row["group"], row["grade on 20"]) for row in rows] == [
        ("s2", "Group one", "14.5"),
        ("s1", "Group one", "14.5"),
        ("s3", "Group two", ""),
    ]
    assert rows[1]["student"] == "'=cmd|' /C calc'!A0 Wei"
    assert rows[1]["released"] == "no"


def test_the_grades_csv_is_for_staff_only(client, assignment, s1):
    client.force_login(s1)
    response = client.post(
        reverse("admin:assignments_assignment_changelist"),
        {"action": "export_grades", "_selected_action": [assignment.pk]},
    )
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_grades_csv_runs_the_same_queries_for_2_and_20_students(
    staff_client, assignment, g1, g2, django_assert_max_num_queries, course
):
    def export():
        return staff_client.post(
            reverse("admin:assignments_assignment_changelist"),
            {"action": "export_grades", "_selected_action": [assignment.pk]},
        )

    export()
    with django_assert_max_num_queries(20) as few:
        export()
    for number in range(17):
        group = GroupFactory(assignment=assignment)
        MembershipFactory(group=group, user=enrol(course, f"extra{number}"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert export().content.decode("utf-8-sig").count("\n") == 21


def test_the_rubric_shows_on_the_assignment_page_and_beside_the_grade_in_the_admin(
    staff_client, assignment, g1, s1
):
    RubricCriterionFactory(assignment=assignment, title="Argument", points="8.5")
    RubricCriterionFactory(assignment=assignment, title="Sources", points="11.5")
    content = page(s1, assignment)
    assert "Argument</strong> · 8.5 points" in content and "Graded on 20." in content
    admin_page = staff_client.get(
        reverse("admin:assignments_submission_change", args=[g1.submission.pk])
    ).content.decode()
    assert "<strong>Sources</strong> (11.5 points)" in admin_page


def test_a_stale_grade_is_refused_like_stale_feedback(assignment, g1, staff):
    submission = services.lock_for_feedback(Submission.objects.get(group=g1), 0)
    submission.grade = Decimal("13")
    services.record_feedback(submission, by=staff, base_number=0, changed=True)
    with pytest.raises(services.FeedbackConflict) as conflict:
        services.lock_for_feedback(Submission.objects.get(group=g1), 0)
    assert conflict.value.current.grade == Decimal("13")


def rubric_post(assignment, points):
    data = {
        "course": assignment.course_id,
        "title": assignment.title,
        "slug": assignment.slug,
        "kind": "structured",
        "instructions": "",
        "opens_at_0": "2026-01-01",
        "opens_at_1": "10:00",
        "group_formation_deadline_0": "2026-01-05",
        "group_formation_deadline_1": "10:00",
        "due_at_0": "2026-01-10",
        "due_at_1": "10:00",
        "group_min_size": 1,
        "group_max_size": 3,
        "min_sources": 1,
        "late_policy": "accept",
        "criteria-TOTAL_FORMS": len(points),
        "criteria-INITIAL_FORMS": 0,
        "criteria-MIN_NUM_FORMS": 0,
        "criteria-MAX_NUM_FORMS": 1000,
    }
    for index, value in enumerate(points):
        data |= {
            f"criteria-{index}-position": index,
            f"criteria-{index}-title": f"Criterion {index}",
            f"criteria-{index}-points": value,
        }
    return data


def test_a_rubric_must_share_out_the_20_points(staff_client, assignment):
    change = reverse("admin:assignments_assignment_change", args=[assignment.pk])
    refused = staff_client.post(change, rubric_post(assignment, ["8", "10.5"]))
    assert "add up to 18.5; make them add up to 20" in refused.content.decode()
    assert not assignment.criteria.exists()
    accepted = staff_client.post(change, rubric_post(assignment, ["8", "12"]))
    assert accepted.status_code == 302 and assignment.criteria.count() == 2
