"""Two staff answers posted at the same moment from the same page: one lands, one is refused."""

import pytest
from django.test import Client

from assignments import services
from assignments.models import Submission
from tests.assignments.test_concurrency import run_together
from tests.assignments.test_feedback_conflict import CONTENT, change_url, open_change_page
from tests.factories import AssignmentFactory, GroupFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_staff_answers_sent_at_once_from_the_same_version_keep_exactly_one():
    group = GroupFactory(assignment=AssignmentFactory())
    services.save_revision(group=group, author=UserFactory(), base_number=0, **CONTENT)
    submission = Submission.objects.get(group=group)
    posts = []
    for name in ("amy", "ben"):
        client = Client()
        client.force_login(StaffFactory(username=name))
        page = open_change_page(client, submission) | {"feedback": f"{name}'s answer"}
        posts.append(lambda client=client, page=page: client.post(change_url(submission), page))
    statuses = sorted(response.status_code for response in run_together(posts))
    assert statuses == [302, 409]
    submission.refresh_from_db()
    assert submission.feedback_number == 1
    assert submission.feedback == f"{submission.feedback_by.username}'s answer"
