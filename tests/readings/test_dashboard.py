"""The dashboard lists the slides' author-year mentions no reading answers yet."""

import pytest
from django.urls import reverse

from demo import DECK_PATH
from readings.dashboard import readings_lines
from weeks.revisions import save_deck

pytestmark = pytest.mark.django_db


def test_unresolved_mentions_are_counted_per_course_with_a_link_to_them(week, staff_client):
    save_deck(week, DECK_PATH.read_text(encoding="utf-8"))
    (line,) = readings_lines([week.course_id], now=None)[week.course_id]
    assert line.count >= 3 and "in the slides with no reading yet" in line.text
    listing = staff_client.get(line.url).content.decode()
    assert "Zhen" in listing and "Rossiter" in listing
    assert line.url.startswith(reverse("admin:readings_mention_changelist"))


def test_a_course_without_mentions_counts_none(course):
    (line,) = readings_lines([course.pk], now=None)[course.pk]
    assert line.count == 0
