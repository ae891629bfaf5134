"""The glossary's line of a course panel: draft terms waiting for confirmation."""

import pytest
from django.utils import timezone

from glossary.dashboard import glossary_lines
from tests.factories import CourseFactory, TermFactory

pytestmark = pytest.mark.django_db


def test_draft_terms_are_counted_per_course_and_link_to_the_course_drafts(staff_client, course):
    other = CourseFactory(slug="other")
    TermFactory(course=course, hanzi="创客", status="draft")
    TermFactory(course=course, hanzi="双创", status="draft")
    TermFactory(course=course, hanzi="业绩", status="confirmed")
    TermFactory(course=other, hanzi="城市大脑", status="draft")
    lines = glossary_lines([course.pk, other.pk], timezone.now())
    [line] = lines[course.pk]
    assert line.text == "2 draft glossary terms waiting for confirmation"
    assert lines[other.pk][0].count == 1
    listed = staff_client.get(line.url).context["cl"].result_list
    assert sorted(term.hanzi for term in listed) == ["创客", "双创"]
