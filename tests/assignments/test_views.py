import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assignments import services
from assignments.models import Revision, Submission
from tests.factories import EnrolmentFactory, GroupFactory, ProgramItemFactory, StaffFactory

pytestmark = pytest.mark.django_db

CANARY = "CANARY-topic-7f3a"
ARGUMENT = "Maker spaces turned Shenzhen's factories into a planning asset."


def url(name, assignment, *extra):
    """The address of an assignment view; `extra` is a group (its id) or a join code."""
    extra = [getattr(item, "pk", item) for item in extra if item is not None]
    return reverse(f"assignments:{name}", args=[assignment.course.slug, assignment.slug, *extra])


def post_work(client, assignment, to_group, base=0, **changes):
    """Post the submission form of `group`; `changes` replace or add posted fields."""
    data = {
        "base_number": base,
        "topic": CANARY,
        "sources": "Lindtner, Prototype Nation (2020)\nhttps://example.org/report",
        "argument": ARGUMENT,
    } | changes
    return client.post(url("save", assignment, to_group), data)


@pytest.fixture
def people(g1, g2, s1, s3, course):
    assistant = EnrolmentFactory(course=course, role="teaching-assistant").user
    return {
        "anonymous": None,
        "other group": s3,
        "member": s1,
        "teaching assistant": assistant,
        "staff": StaffFactory(),
    }


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


# (view, method, needs a group id, expected status for each of WHO); 409 is a write the
# group's state refuses (here: a student already in a group, work too thin to submit).
WHO = ("anonymous", "other group", "member", "teaching assistant", "staff")
MATRIX = [
    ("detail", "get", False, (200, 200, 200, 200, 200)),
    ("topics", "get", False, (302, 200, 200, 200, 200)),
    ("history", "get", True, (302, 404, 200, 200, 200)),
    ("save", "post", True, (302, 404, 302, 404, 404)),
    ("submit", "post", True, (302, 404, 409, 404, 404)),
    ("leave-group", "post", True, (302, 404, 302, 404, 404)),
    ("withdraw", "post", True, (302, 404, 409, 404, 404)),  # 409: nothing was handed in
    ("create-group", "post", False, (302, 409, 409, 403, 403)),
    ("join-group", "post", False, (302, 409, 409, 403, 403)),
    ("join-link", "get", False, (302, 200, 200, 403, 403)),
]
CASES = [
    pytest.param(view, method, with_group, who, status, id=f"{view}-{who}")
    for view, method, with_group, statuses in MATRIX
    for who, status in zip(WHO, statuses, strict=True)
]


@pytest.mark.parametrize(("view", "method", "with_group", "who", "status"), CASES)
def test_permission_matrix(people, assignment, g1, view, method, with_group, who, status):
    assignment.topics_visible = True
    assignment.save()
    data = {
        "base_number": 0,
        "name": "New group",
        "code": g1.join_code,
        "topic": "T",
        "argument": "A.",
        "sources": "",
    }
    extra = g1 if with_group else g1.join_code if view == "join-link" else None
    response = getattr(client_for(people[who]), method)(
        url(view, assignment, extra), data if method == "post" else None
    )
    assert response.status_code == status
    if status == 302 and who == "anonymous":
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    "view", ["save", "submit", "leave-group", "withdraw", "create-group", "join-group"]
)
def test_actions_refuse_get_and_change_nothing(people, assignment, g1, view):
    with_group = view in ("save", "submit", "leave-group", "withdraw")
    response = client_for(people["member"]).get(url(view, assignment, g1 if with_group else None))
    assert response.status_code == 405
    assert g1.memberships.count() == 2


def test_another_groups_history_is_404_whatever_the_id(assignment, g1, g2, s3):
    client = client_for(s3)
    post_work(client_for(g1.memberships.first().user), assignment, g1)
    for pk in range(1, g1.pk + g2.pk + 3):
        if pk != g2.pk:
            path = reverse(
                "assignments:history", args=[assignment.course.slug, assignment.slug, pk]
            )
            assert client.get(path).status_code == 404


def test_a_student_cannot_post_into_another_groups_submission(assignment, g1, g2, s3):
    response = post_work(client_for(s3), assignment, g1)
    assert response.status_code == 404
    assert Revision.objects.count() == 0


def test_posts_need_a_csrf_token(assignment, g1, s1):
    client = Client(enforce_csrf_checks=True)
    client.force_login(s1)
    assert post_work(client, assignment, g1).status_code == 403


def test_anonymous_visitors_see_the_instructions_only(client, assignment, g1, s1):
    post_work(client_for(s1), assignment, g1)
    content = client.get(assignment.get_absolute_url()).content.decode()
    assert "<strong>topic</strong>" in content
    for secret in (CANARY, "Group one", "s1", "s2@example.org", g1.join_code):
        assert secret not in content
    assert "Log in" in content


def test_the_deadline_is_shown_in_paris_time_with_a_countdown_from_a_static_script(
    client, assignment
):
    assignment.opens_at = datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC)
    assignment.group_formation_deadline = datetime.datetime(2026, 3, 10, tzinfo=datetime.UTC)
    assignment.due_at = datetime.datetime(2026, 3, 17, 16, tzinfo=datetime.UTC)
    assignment.save()
    content = client.get(assignment.get_absolute_url()).content.decode()
    assert "17:00" in content and "(Paris time)" in content
    assert 'data-countdown="2' in content and "+01:00" in content
    assert re.search(r'<script src="[^"]*assignments-countdown\.js"', content)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", content), "no inline script under CSP"


def test_members_see_their_group_code_and_form(assignment, g1, s1):
    content = client_for(s1).get(assignment.get_absolute_url()).content.decode()
    assert "<bdi>Group one</bdi>" in content and g1.join_code in content
    assert 'name="argument"' in content


def test_another_groups_student_sees_neither_its_draft_nor_its_name(assignment, g1, g2, s1, s3):
    post_work(client_for(s1), assignment, g1)
    content = client_for(s3).get(assignment.get_absolute_url()).content.decode()
    assert CANARY not in content and "Group one" not in content


def test_saving_redirects_with_a_message_and_records_the_author(assignment, g1, s1):
    response = post_work(client_for(s1), assignment, g1)
    assert response.status_code == 302
    revision = Revision.objects.get()
    assert (revision.author, revision.topic, revision.number) == (s1, CANARY, 1)


def test_fields_a_student_may_not_set_are_ignored(assignment, g1, g2, s1, s3):
    extra = {
        "group": g2.pk,
        "author": s3.pk,
        "status": "accepted",
        "feedback": "Great",
        "number": 99,
        "revision_number": 42,
        "is_late": "on",
        "created_at": "2000-01-01",
        "submission": g2.submission.pk,
    }
    post_work(client_for(s1), assignment, g1, **extra)
    submission = Submission.objects.get(group=g1)
    assert (submission.status, submission.feedback, submission.revision_number) == ("draft", "", 1)
    assert not submission.is_late
    assert Revision.objects.get().author == s1
    assert Submission.objects.get(group=g2).revision_number == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"argument": ""}, "Write your argument as one sentence."),
        ({"argument": "x" * 301 + "."}, "Keep your argument to 300 characters (it has 302)."),
        ({"argument": "Shenzhen grew. Beijing did not."}, "this reads as 2 sentences"),
        ({"topic": "t" * 201}, "at most 200 characters"),
        ({"topic": "\u200b "}, "Write at least one visible character."),
        ({"topic": "nul\x00byte"}, "Null characters are not allowed."),
        ({"argument": "nul\x00byte."}, "Null characters are not allowed."),
        ({"sources": "x" * 501}, "Source 1 is longer than 500 characters."),
        ({"sources": "\n".join(f"s{n}" for n in range(21))}, "at most 20 sources"),
        ({"sources": "javascript://alert(1)"}, "not a valid web address"),
        ({"base_number": "x"}, "Enter a whole number."),
    ],
)
def test_bad_input_gets_a_readable_error_and_saves_nothing(assignment, g1, s1, changes, message):
    response = post_work(client_for(s1), assignment, g1, **changes)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Revision.objects.count() == 0


def test_text_round_trips_exactly_and_is_escaped(assignment, g1, s1):
    argument = "Shenzhen 深圳 ‫مدينة‬ e\u0301 🏙️ shows {{ planning }} {% if %} <b>beats</b> theory."
    post_work(client_for(s1), assignment, g1, argument=argument)
    assert Revision.objects.get().argument == argument
    content = client_for(s1).get(assignment.get_absolute_url()).content.decode()
    assert "&lt;b&gt;beats&lt;/b&gt;" in content and "{{ planning }}" in content


def test_a_stale_save_is_a_conflict_showing_both_versions_and_keeping_the_text(
    assignment, g1, s1, s2
):
    first, second = client_for(s1), client_for(s2)
    post_work(first, assignment, g1, argument="Alice's version holds.")
    response = post_work(second, assignment, g1, argument="Bob's version holds.")
    assert response.status_code == 409
    content = response.content.decode()
    assert "Someone saved a newer version" in content
    assert "Alice&#x27;s version holds." in content
    assert re.search(r"<textarea[^>]*>\s*Bob&#x27;s version holds.</textarea>", content)
    assert 'name="base_number" value="1"' in content
    assert list(Revision.objects.values_list("argument", flat=True)) == ["Alice's version holds."]


def test_a_double_clicked_save_makes_one_revision(assignment, g1, s1):
    client = client_for(s1)
    assert post_work(client, assignment, g1).status_code == 302
    assert post_work(client, assignment, g1).status_code == 302
    assert Revision.objects.count() == 1


def test_members_submit_for_review_and_then_see_the_feedback_as_sanitised_markdown(
    assignment, g1, s1, s2
):
    post_work(client_for(s1), assignment, g1)
    client_for(s2).post(url("submit", assignment, g1), {"base_number": 1})
    submission = Submission.objects.get(group=g1)
    submission.status, submission.feedback = "accepted", "Good **work**.<script>x()</script>"
    submission.save()
    content = client_for(s2).get(assignment.get_absolute_url()).content.decode()
    assert "Accepted" in content and "Good <strong>work</strong>." in content
    assert "<script>x()" not in content and "**" not in content
    assert 'name="argument"' not in content


def test_the_history_shows_each_version_with_what_changed(assignment, g1, s1, s2):
    post_work(client_for(s1), assignment, g1)
    post_work(client_for(s2), assignment, g1, base=1, argument="Maker spaces remade the city.")
    content = client_for(s1).get(url("history", assignment, g1)).content.decode()
    assert content.index("Version 2") < content.index("Version 1")
    assert "<ins>remade</ins>" in content and "<del>turned</del>" in content


def test_the_topics_board_lists_submitted_topics_without_names(assignment, g1, g2, s1, s3):
    assignment.topics_visible = True
    assignment.save()
    post_work(client_for(s1), assignment, g1)
    services.submit_for_review(group=g1, base_number=1)
    post_work(client_for(s3), assignment, g2, topic="Draft topic of group two")
    content = client_for(s3).get(url("topics", assignment)).content.decode()
    assert CANARY in content and ARGUMENT.replace("'", "&#x27;") in content
    for hidden in ("Draft topic of group two", "Group one", "s1", "s2"):
        assert hidden not in content


def test_the_topics_board_is_closed_to_students_unless_the_instructor_opens_it(assignment, s1):
    assert client_for(s1).get(url("topics", assignment)).status_code == 404


def test_students_form_a_group_and_join_it_with_the_code(assignment, s1, s2):
    client_for(s1).post(url("create-group", assignment), {"name": "Makers"})
    group = assignment.groups.get()
    response = client_for(s2).post(url("join-group", assignment), {"code": group.join_code})
    assert response.status_code == 302
    assert set(group.members.all()) == {s1, s2}


def test_a_bad_group_name_is_reported_next_to_the_field(assignment, s1):
    response = client_for(s1).post(url("create-group", assignment), {"name": "x" * 81})
    assert response.status_code == 400
    assert "at most 80 characters" in response.content.decode()


def test_the_week_page_links_its_group_work_item_and_lists_its_assignments(client, week, course):
    from tests.factories import AssignmentFactory

    assignment = AssignmentFactory(course=course, week=week, title="Assignment 2: Final project")
    ProgramItemFactory(week=week, kind="group-work", title="Assignment 2")
    content = client.get(week.get_absolute_url()).content.decode()
    assert content.count(f'href="{assignment.get_absolute_url()}"') == 2


def test_an_assignment_of_a_draft_week_is_hidden_from_students(client, week, course, s1):
    from tests.factories import AssignmentFactory

    week.is_published = False
    week.save()
    assignment = AssignmentFactory(course=course, week=week)
    assert client_for(s1).get(assignment.get_absolute_url()).status_code == 404


def count_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return len(queries)


@pytest.mark.parametrize("view", ["detail", "history"])
def test_pages_run_the_same_queries_for_a_small_and_a_busy_group(
    assignment, g1, s1, s2, view, django_assert_num_queries
):
    client = client_for(s1)
    post_work(client, assignment, g1)
    path = url(view, assignment, g1 if view == "history" else None)
    client.get(path)
    small = count_queries(client, path)
    for number in range(2, 12):
        post_work(client, assignment, g1, base=number - 1, topic=f"Topic {number}")
    g1.memberships.create(user=EnrolmentFactory(course=assignment.course).user)
    with django_assert_num_queries(small):
        client.get(path)


def test_the_topics_board_runs_the_same_queries_for_1_and_10_groups(
    assignment, g1, s1, django_assert_num_queries
):
    assignment.topics_visible = True
    assignment.save()
    client = client_for(s1)
    path = url("topics", assignment)
    client.get(path)
    few = count_queries(client, path)
    for group in GroupFactory.create_batch(9, assignment=assignment):
        member = EnrolmentFactory(course=assignment.course).user
        services.save_revision(
            group=group, author=member, base_number=0, topic="T", sources=["A"], argument="A."
        )
        Submission.objects.filter(group=group).update(
            submitted_revision=group.submission.revisions.get(), submitted_at=group.created_at
        )
    with django_assert_num_queries(few):
        response = client.get(path)
    assert response.content.decode().count('class="topic"') == 9


@pytest.mark.parametrize("pk", [0, 2**63, 10**30])
def test_absurd_group_ids_are_404_not_500(assignment, s1, pk):
    path = reverse("assignments:history", args=[assignment.course.slug, assignment.slug, pk])
    assert client_for(s1).get(path).status_code == 404


def test_a_join_link_with_a_nul_byte_is_404(assignment, g1, s3):
    path = f"{assignment.get_absolute_url()}join/AB%00CD/"
    assert client_for(s3).get(path).status_code == 404


def test_the_cached_week_page_shows_a_changed_assignment_at_once(
    client, week, course, django_capture_on_commit_callbacks
):
    from tests.factories import AssignmentFactory

    assignment = AssignmentFactory(course=course, week=week, title="Final project")
    client.get(week.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        assignment.title = "Final project, revised"
        assignment.save()
    assert "Final project, revised" in client.get(week.get_absolute_url()).content.decode()
