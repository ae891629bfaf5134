import json
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from glossary import strokes
from glossary.models import Term
from tests.factories import (
    CharacterFactory,
    CharacterLinkFactory,
    ProgramItemFactory,
    TermFactory,
    WeekFactory,
)
from weeks.revisions import save_deck

pytestmark = pytest.mark.django_db

STROKES = {"strokes": ["M 0 0 L 10 10 Z"], "medians": [[[0, 0], [10, 10]]], "radStrokes": [0]}


@pytest.fixture(autouse=True)
def stroke_package(tmp_path, monkeypatch):
    """A stand-in for node_modules/hanzi-writer-data with the one character 创."""
    (tmp_path / "创.json").write_text(json.dumps(STROKES), encoding="utf-8")
    monkeypatch.setattr(strokes, "DATA_DIR", tmp_path)


def glossary_url(course):
    return reverse("glossary:terms", args=[course.slug])


def characters_url(course):
    return reverse("glossary:characters", args=[course.slug])


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# ---------------------------------------------------------------------------- glossary


def test_glossary_lists_confirmed_terms_only_sorted_by_pinyin(client, course):
    TermFactory(course=course, hanzi="智慧城市", pinyin="zhìhuì chéngshì", gloss="smart city")
    TermFactory(course=course, hanzi="业绩", pinyin="yèjì", gloss="performance")
    TermFactory(course=course, hanzi="创客", pinyin="chuàngkè", gloss="maker")
    TermFactory(course=course, hanzi="城市大脑", status=Term.Status.DRAFT)
    content = page(client, glossary_url(course))
    assert content.index("创客") < content.index("业绩") < content.index("智慧城市")
    assert "城市大脑" not in content
    # The pinyin is printed beside the term: its characters get no ruby, only their script.
    hanzi = '<span class="glossary__hanzi"><span lang="zh-Hans"><span data-hant="業績">业绩</span>'
    assert hanzi in content
    assert '<span class="glossary__pinyin" lang="zh-Latn-pinyin">yèjì</span>' in content


def test_glossary_links_each_term_to_its_weeks_and_slides(client, week):
    TermFactory(course=week.course, hanzi="业绩", pinyin="yèjì")
    save_deck(week, "# One\n\n---\n\n# 业绩 (_yeji_)\n\n---\n\n# Again 业绩")
    content = page(client, glossary_url(week.course))
    slideshow = reverse("weeks:slideshow", args=[week.course.slug, week.number])
    assert f'href="{week.get_absolute_url()}">Week 7</a>' in content
    assert f'href="{slideshow}#2"' in content
    assert f'href="{slideshow}#3"' in content
    assert f'href="{slideshow}#1"' not in content


def test_glossary_hides_unpublished_weeks_and_their_terms_from_students(client, course):
    draft = WeekFactory(course=course, number=9, is_published=False)
    save_deck(draft, "# Soon\n\n新车间 (_Xinchejian_)")
    Term.objects.update(status=Term.Status.CONFIRMED)
    TermFactory(course=course, hanzi="户籍", pinyin="hùjí")  # in no week: always shown
    content = page(client, glossary_url(course))
    assert "户籍" in content and "新车间" not in content


def test_staff_see_terms_of_unpublished_weeks(staff_client, course):
    draft = WeekFactory(course=course, number=9, is_published=False)
    save_deck(draft, "# Soon\n\n新车间 (_Xinchejian_)")
    Term.objects.update(status=Term.Status.CONFIRMED)
    assert "新车间" in page(staff_client, glossary_url(course))


def test_glossary_runs_the_same_queries_for_1_and_50_terms(client, week, django_assert_num_queries):
    deck = "# Terms\n\n" + " ".join(f"词{n}" for n in range(50))
    TermFactory(course=week.course, hanzi="词0", pinyin="cí 0")
    save_deck(week, deck)
    with django_assert_num_queries(4):  # course, terms, their weeks, their slides
        page(client, glossary_url(week.course))
    for n in range(1, 50):
        TermFactory(course=week.course, hanzi=f"词{n}", pinyin=f"cí {n}")
    save_deck(week, deck + "\n")
    cache.clear()
    with django_assert_num_queries(4):
        content = page(client, glossary_url(week.course))
    slideshow = reverse("weeks:slideshow", args=[week.course.slug, week.number])
    assert content.count('class="glossary__term"') == 50
    assert content.count(f'href="{slideshow}#1"') == 50


def test_glossary_is_a_plain_list_with_a_filter_box_for_scripts(client, course):
    TermFactory(course=course, hanzi="业绩", pinyin="yèjì", gloss="performance")
    content = page(client, glossary_url(course))
    assert '<div class="glossary-filter" data-glossary-filter hidden>' in content
    assert 'data-search="业绩 yèjì yeji performance"' in content
    assert "js/glossary-filter.js" in content


def test_empty_glossary_says_so(client, course):
    assert "No term has been confirmed yet." in page(client, glossary_url(course))


def test_glossary_of_an_unknown_course_is_404(client):
    assert client.get("/nowhere/glossary/").status_code == 404


def test_glossary_page_is_refreshed_when_a_term_changes(
    client, course, django_capture_on_commit_callbacks
):
    term = TermFactory(course=course, hanzi="业绩", gloss="performance")
    assert "performance" in page(client, glossary_url(course))
    with django_capture_on_commit_callbacks(execute=True):
        term.gloss = "achievements"
        term.save()
    assert "achievements" in page(client, glossary_url(course))


# -------------------------------------------------------------------------- characters


def test_characters_page_lists_the_semesters_characters_in_week_order(client, course):
    week_3 = WeekFactory(course=course, number=3, title="Cities")
    week_7 = WeekFactory(course=course, number=7, title="Planning For Innovation")
    draft = WeekFactory(course=course, number=9, is_published=False)
    CharacterFactory(course=course, week=week_7, hanzi="创", meaning="to create")
    CharacterFactory(course=course, week=week_3, hanzi="城", meaning="city wall; city")
    CharacterFactory(course=course, week=draft, hanzi="新", meaning="new")
    CharacterFactory(course=course, hanzi="旧", meaning="old")  # of no week
    content = page(client, characters_url(course))
    assert content.index("city wall") < content.index("to create")
    assert "Week 3: Cities" in content
    assert "新" not in content and "旧" not in content
    assert '<span class="character__hanzi" lang="zh-Hans">城</span>' in content


def test_staff_see_characters_of_unpublished_weeks(staff_client, course):
    draft = WeekFactory(course=course, number=9, is_published=False)
    CharacterFactory(course=course, week=draft, hanzi="新", meaning="new")
    assert "new" in page(staff_client, characters_url(course))


def test_characters_page_runs_the_same_queries_for_1_and_10_characters(
    client, course, django_assert_num_queries
):
    character = CharacterFactory(course=course, week=WeekFactory(course=course, number=1))
    CharacterLinkFactory(character=character)
    with django_assert_num_queries(3):
        page(client, characters_url(course))
    for number in range(2, 11):
        other = CharacterFactory(course=course, week=WeekFactory(course=course, number=number))
        CharacterLinkFactory.create_batch(2, character=other)
    cache.clear()
    with django_assert_num_queries(3):
        content = page(client, characters_url(course))
    assert content.count('class="character-list__item"') == 10


# ---------------------------------------------------------------------------- week page


def test_week_page_shows_the_character_of_the_week(client, week):
    character = CharacterFactory(
        course=week.course, week=week, hanzi="创", meaning="to create; to start, initiate"
    )
    CharacterLinkFactory(
        character=character, label="Wiktionary", url="https://en.wiktionary.org/wiki/创"
    )
    content = page(client, week.get_absolute_url())
    assert "Character of the week" in content
    assert '<span class="character__hanzi" lang="zh-Hans">创</span>' in content
    assert '<p class="character__pinyin" lang="zh-Latn-pinyin">chuàng</p>' in content
    assert "to create; to start, initiate" in content
    assert 'href="https://www.purpleculture.net/dictionary-details/?word=%E5%88%9B"' in content
    assert 'href="https://hanziyuan.net/#%E5%88%9B"' in content
    assert "search.php?word=%E5%88%9B" in content
    assert ">Wiktionary</a>" in content
    assert content.index("Character of the week") < content.index('id="program-title"')


def test_week_page_embeds_stroke_data_and_credits_its_licence(client, week):
    character = CharacterFactory(course=week.course, week=week, hanzi="创")
    content = page(client, week.get_absolute_url())
    data = re.search(
        rf'<script id="{character.strokes_element_id}" type="application/json">(.*?)</script>',
        content,
    )
    assert json.loads(data.group(1)) == {"创": STROKES}
    assert f'data-stroke-order="{character.strokes_element_id}" data-autoplay' in content
    assert "vendor/hanzi-writer/hanzi-writer.min.js" in content
    assert "js/stroke-order.js" in content
    assert "Arphic Public License" in content
    assert "vendor/hanzi-writer-data/ARPHICPL.TXT" in content
    assert "cdn" not in content.lower()


def test_week_page_without_stroke_data_shows_the_still_character(client, week):
    CharacterFactory(course=week.course, week=week, hanzi="城")
    content = page(client, week.get_absolute_url())
    assert '<span class="character__hanzi" lang="zh-Hans">城</span>' in content
    assert "data-stroke-order" not in content
    assert "hanzi-writer" not in content
    assert "Arphic" not in content


def test_week_page_without_a_character_has_no_character_section(client, week):
    assert "Character of the week" not in page(client, week.get_absolute_url())


def test_week_page_runs_the_same_queries_for_1_and_5_character_links(
    client, week, django_assert_num_queries
):
    character = CharacterFactory(course=week.course, week=week)
    CharacterLinkFactory(character=character)
    with CaptureQueriesContext(connection) as one_link:
        page(client, week.get_absolute_url())
    CharacterLinkFactory.create_batch(4, character=character)
    cache.clear()
    with django_assert_num_queries(len(one_link)):
        content = page(client, week.get_absolute_url())
    assert content.count("https://example.org/") == 5


def test_week_page_marks_chinese_in_titles_and_has_a_pinyin_toggle(client, week):
    week.title = "Planning 规划"
    week.save()
    ProgramItemFactory(week=week, title="创客 and makers", presenters="宋子谦")
    content = page(client, week.get_absolute_url())
    assert (
        '<h1>Planning <span lang="zh-Hans">'
        '<ruby><span data-hant="規劃">规划</span><rt>guīhuà</rt></ruby></span></h1>'
    ) in content
    assert (
        '<span lang="zh-Hans"><ruby><span data-hant="創客">创客</span><rt>chuàngkè</rt></ruby>'
        "</span> and makers"
    ) in content
    # A name: surname and given name, capitalised.
    assert "<rt>Sòng</rt>" in content and "<rt>Zǐqiān</rt>" in content
    assert '<button type="button" class="pinyin-toggle" data-pinyin-toggle' in content
    assert '<button type="button" class="pinyin-toggle" data-script-toggle' in content
    assert "js/reader-choices.js" in content


def test_chinese_in_titles_is_escaped_before_it_is_marked(client, week):
    week.title = "<b>规划</b> & co"
    week.save()
    content = page(client, week.get_absolute_url())
    assert (
        '<h1>&lt;b&gt;<span lang="zh-Hans"><ruby><span data-hant="規劃">规划</span>'
        "<rt>guīhuà</rt></ruby></span>&lt;/b&gt; &amp; co</h1>"
    ) in content


def test_ruby_pinyin_is_hidden_until_the_reader_switches_it_on():
    css = Path(finders.find("css/pinyin.css")).read_text(encoding="utf-8")
    assert re.search(r"(^|\n)rt \{ display: none; \}", css)
    assert ".show-pinyin rt { display: revert;" in css
