import json
from urllib.parse import quote

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from glossary import strokes
from glossary.models import Character, Term
from tests.factories import CharacterFactory, CharacterLinkFactory, CourseFactory, TermFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_stroke_package(tmp_path, monkeypatch):
    """Tests see an empty data package unless they write characters into it."""
    monkeypatch.setattr(strokes, "DATA_DIR", tmp_path)
    return tmp_path


def test_character_pinyin_is_filled_in_when_left_empty(course):
    assert CharacterFactory(course=course, hanzi="创", pinyin="").pinyin == "chuàng"


def test_character_pinyin_written_by_hand_is_kept(course):
    character = CharacterFactory(course=course, hanzi="创", pinyin="chuāng")
    character.meaning = "wound"
    character.save()
    character.refresh_from_db()
    assert character.pinyin == "chuāng"


def test_character_is_one_to_four_chinese_characters(course):
    for bad in ("", "ab", "创!", "创新创业者"):
        with pytest.raises(ValidationError):
            Character(course=course, hanzi=bad).full_clean()
    Character(course=course, hanzi="创新").full_clean()


def test_character_week_must_belong_to_its_course(course, week):
    other = CourseFactory()
    with pytest.raises(ValidationError, match="this character's course"):
        Character(course=other, week=week, hanzi="创").full_clean()


def test_character_dictionary_urls_encode_the_character(course):
    links = dict(CharacterFactory(course=course, hanzi="创").dictionary_links)
    encoded = quote("创")
    assert encoded == "%E5%88%9B"
    assert links["Purple Culture"].endswith(f"?word={encoded}")
    assert links["Hanziyuan"] == f"https://hanziyuan.net/#{encoded}"
    assert links["CUHK"].endswith(f"search.php?word={encoded}")


def test_character_notes_are_rendered_sanitised_and_marked_chinese(course):
    character = CharacterFactory(course=course, notes="仓 + 刂 **knife**<script>alert(1)</script>")
    assert "<strong>knife</strong>" in character.notes_html
    assert "<script" not in character.notes_html
    assert (
        '<span lang="zh-Hans"><ruby><span data-hant="倉">仓</span><rt>cāng</rt></ruby></span>'
        in (character.notes_html)
    )


def test_character_links_accept_only_http_and_https():
    link = CharacterLinkFactory.build(character=CharacterFactory(), url="javascript:alert(1)")
    with pytest.raises(ValidationError):
        link.full_clean()
    link.url = "ftp://example.org/file"
    with pytest.raises(ValidationError):
        link.full_clean()
    link.url = "https://www.zdic.net/hans/创"
    link.full_clean()


def test_character_stores_the_stroke_data_of_each_character(no_stroke_package, course):
    data = {"strokes": ["M 1 2 Z"], "medians": [[[1, 2]]], "radStrokes": [0], "extra": 1}
    (no_stroke_package / "创.json").write_text(json.dumps(data), encoding="utf-8")
    character = CharacterFactory(course=course, hanzi="创")
    character.refresh_from_db()
    assert character.strokes == {"创": {k: data[k] for k in ("strokes", "medians", "radStrokes")}}
    assert character.has_strokes


def test_character_saves_without_the_stroke_package_and_has_no_strokes(course):
    character = CharacterFactory(course=course, hanzi="创新")
    assert character.strokes == {}
    assert not character.has_strokes


def test_character_keeps_its_stroke_data_when_the_package_is_gone(
    no_stroke_package, monkeypatch, tmp_path_factory, course
):
    (no_stroke_package / "创.json").write_text('{"strokes": ["M 0 0 Z"]}', encoding="utf-8")
    character = CharacterFactory(course=course, hanzi="创")
    monkeypatch.setattr(strokes, "DATA_DIR", tmp_path_factory.mktemp("empty"))
    character.meaning = "to create"
    character.save()
    assert character.strokes == {"创": {"strokes": ["M 0 0 Z"]}}


def test_term_pinyin_is_generated_with_tone_marks_when_missing(course):
    assert TermFactory(course=course, hanzi="智慧城市", pinyin="").pinyin == "zhìhuì chéngshì"
    assert TermFactory(course=course, hanzi="业绩", pinyin="").pinyin == "yèjì"
    term = TermFactory(course=course, hanzi="创客", pinyin="chuàngkè")
    assert term.pinyin_toneless == "chuangke"


def test_term_is_unique_per_course(course):
    TermFactory(course=course, hanzi="业绩")
    TermFactory(course=CourseFactory(), hanzi="业绩")
    with pytest.raises(IntegrityError):
        TermFactory(course=course, hanzi="业绩")


def test_term_needs_a_chinese_character(course):
    with pytest.raises(ValidationError):
        Term(course=course, hanzi="smart city").full_clean()


def test_html_markup_reads_the_confirmed_terms_in_one_query(course, django_assert_num_queries):
    term = TermFactory(course=course, hanzi="智慧城市", pinyin="zhìhuì chéngshì")
    TermFactory(course=course, hanzi="业绩", status=Term.Status.DRAFT)
    with django_assert_num_queries(1):
        markup = Term.objects.markup_for(course)
        html = [markup("<p>智慧城市 and 业绩</p>"), markup("<p>城市大脑</p>")]
    assert html[0] == (
        f'<p><span lang="zh-Hans"><a class="zh-term" href="{term.get_absolute_url()}">'
        "<ruby><span>智慧</span><rt>zhìhuì</rt></ruby>"
        "<ruby><span>城市</span><rt>chéngshì</rt></ruby></a></span> and "
        '<span lang="zh-Hans"><ruby><span data-hant="業績">业绩</span><rt>yèjì</rt></ruby>'
        "</span></p>"
    )
    assert 'class="zh-term"' not in html[1]  # no term: every word's pinyin, no link
    assert '<ruby><span data-hant="大腦">大脑</span><rt>dànǎo</rt></ruby>' in html[1]


def test_html_markup_reads_nothing_for_html_without_chinese(course, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert Term.objects.markup_for(course)("<p>Smart city</p>") == "<p>Smart city</p>"
