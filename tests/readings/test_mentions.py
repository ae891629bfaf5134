"""Author-year mentions of the slides that no reading answers, listed for the instructor."""

import pytest
from django.urls import reverse

from demo import DECK_PATH
from readings.models import Mention
from tests.factories import ReadingFactory
from weeks.revisions import save_deck

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(week):
    save_deck(week, DECK_PATH.read_text(encoding="utf-8"))
    return week


def test_the_week_7_footnote_mentions_no_reading_answers_are_unresolved(imported):
    unresolved = {str(m) for m in Mention.objects.unresolved()}
    assert {"Zhen & Chan, 2014", "O'Connor & Gu, 2012", "Rossiter, 2010"} <= unresolved
    zhen = Mention.objects.get(names="Zhen & Chan")
    assert zhen.week == imported and "Creative Clusters" in zhen.slide.content


def test_adding_the_reading_resolves_the_mention_and_deleting_it_unresolves_it(imported):
    reading = ReadingFactory(
        course=imported.course,
        authors=[{"family": "Rossiter", "given": "Ned"}],
        title="Creative Industries in Beijing",
        year="2010",
    )
    assert Mention.objects.get(names="Rossiter").reading == reading
    reading.delete()
    assert Mention.objects.get(names="Rossiter").reading is None


def test_a_reading_whose_year_is_corrected_no_longer_answers_the_mention(imported):
    reading = ReadingFactory(
        course=imported.course, authors=[{"family": "Rossiter", "given": "N."}], year="2010"
    )
    reading.year = "2006"
    reading.save()
    assert Mention.objects.get(names="Rossiter").reading is None


def test_importing_the_deck_again_keeps_one_mention_each(imported):
    save_deck(imported, DECK_PATH.read_text(encoding="utf-8"))
    assert Mention.objects.filter(names="Rossiter").count() == 1


def test_the_admin_lists_unresolved_mentions_with_their_slide(admin_client, imported):
    url = reverse("admin:readings_mention_changelist") + "?resolved=no"
    content = admin_client.get(url).content.decode()
    for text in ("Zhen &amp; Chan, 2014", "O&#x27;Connor &amp; Gu, 2012", "Rossiter, 2010"):
        assert text in content
    assert "add the reading" in content
    assert reverse("weeks:slideshow", args=[imported.course.slug, imported.number]) in content


def test_the_mention_changelist_makes_a_fixed_number_of_queries(
    admin_client, imported, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        admin_client.get(reverse("admin:readings_mention_changelist"))


def test_the_readings_changelist_says_how_many_mentions_match_no_reading(admin_client, imported):
    content = admin_client.get(reverse("admin:readings_reading_changelist")).content.decode()
    count = Mention.objects.unresolved().count()
    assert f"{count} author-year mentions in the slides</a>" in content
    assert reverse("admin:readings_mention_changelist") + "?resolved=no" in content
