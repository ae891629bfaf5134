"""Tests for glossary.chinese: pinyin, links, script detection, HTML rewriting, extraction."""

import re
import time
from html.parser import HTMLParser

import pytest

from demo import DECK_PATH
from glossary.chinese import (
    FoundTerm,
    dictionary_links,
    extract_terms,
    han_script,
    is_han,
    mark_chinese,
    pinyin_sort_key,
    to_pinyin,
)

VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "area", "col", "embed"}


class _BalanceChecker(HTMLParser):
    """Parses HTML back and records whether every element closes in order."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(tag)


def assert_well_formed(fragment: str) -> None:
    checker = _BalanceChecker()
    checker.feed(fragment)
    checker.close()
    assert checker.errors == []
    assert checker.stack == []


@pytest.fixture(scope="module")
def week7_terms() -> dict[str, FoundTerm]:
    return {term.hanzi: term for term in extract_terms(DECK_PATH.read_text(encoding="utf-8"))}


# ------------------------------------------------------------------------------ pinyin


@pytest.mark.parametrize(
    ("hanzi", "pinyin"),
    [
        ("创", "chuàng"),
        ("智慧城市", "zhìhuì chéngshì"),
        ("业绩", "yèjì"),
        ("城市大脑", "chéngshì dànǎo"),
        ("大众创业、万众创新", "dàzhòng chuàngyè, wànzhòng chuàngxīn"),
    ],
)
def test_to_pinyin_groups_syllables_into_words(hanzi, pinyin):
    assert to_pinyin(hanzi) == pinyin


def test_to_pinyin_resolves_polyphones_with_phrases():
    assert to_pinyin("银行") == "yínháng"
    assert to_pinyin("重庆") == "Chóngqìng"  # a place: capitalised


def test_to_pinyin_splits_long_compounds_into_dictionary_words():
    assert to_pinyin("科技自立自强") == "kējì zìlì zìqiáng"
    assert to_pinyin("中国科学院") == "Zhōngguó Kēxuéyuàn"


def test_to_pinyin_keeps_non_chinese_text_and_maps_punctuation():
    assert to_pinyin("中国制造2025") == "Zhōngguó zhìzào 2025"
    assert to_pinyin("《人民日报》说：“好！”") == "“rénmín rìbào” shuō: “hǎo!”"
    assert to_pinyin("Smart city") == "Smart city"


def test_to_pinyin_marks_syllable_boundaries_with_an_apostrophe():
    assert to_pinyin("西安") == "Xī'ān"


def test_pinyin_sort_key_orders_by_toneless_syllables_then_tones_then_hanzi():
    words = {"妈": "mā", "马": "mǎ", "骂": "mà", "麻": "má", "吗": "ma", "路": "lù", "绿": "lǜ"}
    ordered = sorted(words, key=lambda hanzi: pinyin_sort_key(hanzi, words[hanzi]))
    assert ordered == ["路", "绿", "妈", "麻", "马", "骂", "吗"]


def test_pinyin_sort_key_generates_pinyin_when_none_is_given():
    assert pinyin_sort_key("城市") == (("cheng", "shi"), (2, 4), "城市")
    assert sorted(["智慧", "城市", "创客"], key=pinyin_sort_key) == ["城市", "创客", "智慧"]


# -------------------------------------------------------------------------- characters


def test_dictionary_links_percent_encode_the_character():
    assert dictionary_links("创") == [
        ("Purple Culture", "https://www.purpleculture.net/dictionary-details/?word=%E5%88%9B"),
        ("Hanziyuan", "https://hanziyuan.net/#%E5%88%9B"),
        ("CUHK", "https://humanum.arts.cuhk.edu.hk/Lexis/lexi-mf/search.php?word=%E5%88%9B"),
    ]


def test_dictionary_links_give_one_character_link_per_character_of_a_word():
    links = dict(dictionary_links("创客"))
    assert links["Purple Culture"].endswith("?word=%E5%88%9B%E5%AE%A2")
    assert links["Hanziyuan 创"] == "https://hanziyuan.net/#%E5%88%9B"
    assert links["CUHK 客"].endswith("search.php?word=%E5%AE%A2")


def test_is_han_accepts_ideographs_from_every_block():
    for ch in ("创", "〇", "\u3400", "\u9fff", "\uf900", "\U00020000", "\U0002b740", "\U00030000"):
        assert is_han(ch), hex(ord(ch))


def test_is_han_rejects_punctuation_kana_latin_and_strings():
    for text in ("、", "。", "a", "あ", "한", "1", "", "城市"):
        assert not is_han(text)


def test_han_script_detects_traditional_characters():
    assert han_script("城市") == "zh-Hans"
    assert han_script("城市大脑") == "zh-Hans"
    assert han_script("城市大腦") == "zh-Hant"
    assert han_script("臺灣") == "zh-Hant"
    assert han_script("台湾") == "zh-Hans"
    assert han_script("no Chinese here") == "zh-Hans"


# ------------------------------------------------------------------------ mark_chinese


def test_mark_chinese_wraps_runs_with_their_punctuation():
    marked = mark_chinese("<p>The slogan 大众创业、万众创新。 was coined in 2014.</p>")
    assert marked == (
        '<p>The slogan <span lang="zh-Hans">大众创业、万众创新。</span> was coined in 2014.</p>'
    )
    assert_well_formed(marked)


def test_mark_chinese_uses_traditional_for_traditional_runs():
    assert mark_chinese("<p>臺灣</p>") == '<p><span lang="zh-Hant">臺灣</span></p>'


def test_mark_chinese_leaves_attributes_code_and_scripts_alone():
    source = (
        '<p><a href="/g/?q=城市" title="城市">城市</a> <code>城市</code></p>'
        "<pre>智慧 &lt;城市&gt;</pre><script>var s = '城市 < 1';</script>"
    )
    marked = mark_chinese(source)
    assert marked == (
        '<p><a href="/g/?q=城市" title="城市"><span lang="zh-Hans">城市</span></a> '
        "<code>城市</code></p><pre>智慧 &lt;城市&gt;</pre><script>var s = '城市 < 1';</script>"
    )
    assert_well_formed(marked)


def test_mark_chinese_keeps_entities_escaped_and_html_well_formed():
    marked = mark_chinese("<ul><li>A &amp; B: 城市&lt;大脑<br>next<img src=x alt='图'></li></ul>")
    assert "A &amp; B" in marked
    assert '<span lang="zh-Hans">城市</span>&lt;<span lang="zh-Hans">大脑</span>' in marked
    assert "alt='图'" in marked
    assert_well_formed(marked)


def test_mark_chinese_leaves_punctuation_without_han_alone_and_stays_fast():
    source = "<p>" + "“quoted” 、。" * 20_000 + "</p>"
    started = time.perf_counter()
    assert mark_chinese(source) == source
    assert time.perf_counter() - started < 5


def test_mark_chinese_does_not_double_wrap():
    once = mark_chinese("<p>智慧城市</p>")
    assert mark_chinese(once) == once
    inside = '<div lang="zh-Hant"><p>城市大腦</p></div>'
    assert mark_chinese(inside) == inside


# ----------------------------------------------------------------------- extract_terms


REQUIRED = ("智慧城市", "城市大脑", "新型智慧城市", "业绩", "创客", "科技自立自强", "新单位")


def test_extract_terms_finds_the_week_7_terms(week7_terms):
    for hanzi in REQUIRED:
        assert hanzi in week7_terms, hanzi
    assert "大众创业、万众创新" in week7_terms  # the slogan stays one term, as the deck gives it


def test_extract_terms_keeps_written_pinyin_normalised(week7_terms):
    smart_city = week7_terms["智慧城市"]
    assert (smart_city.pinyin, smart_city.pinyin_generated) == ("zhìhuì chéngshì", False)
    assert smart_city.source_pinyin == "Zhìhuì chéngshì"
    assert week7_terms["科技自立自强"].pinyin == "kējì zìlì zìqiáng"
    assert week7_terms["创客"].source_pinyin == "chuangke"


def test_extract_terms_adds_tones_to_toneless_written_pinyin(week7_terms):
    yeji = week7_terms["业绩"]
    assert (yeji.pinyin, yeji.source_pinyin, yeji.pinyin_generated) == ("yèjì", "yeji", False)
    assert week7_terms["创客"].pinyin == "chuàngkè"
    assert week7_terms["新单位"].pinyin == "xīndānwèi"


def test_extract_terms_generates_pinyin_when_the_side_text_is_not_pinyin(week7_terms):
    brain = week7_terms["城市大脑"]
    assert (brain.pinyin, brain.gloss, brain.pinyin_generated) == ("chéngshì dànǎo", "", True)


def test_extract_terms_reads_english_glosses(week7_terms):
    expected = {
        "新型智慧城市": "New Type Smart City",
        "城市大数据平台": "Urban data platforms",
        "天网": "Skynet",
        "社会信用": "Social Credit",
        "精准扶贫": "Targeted Poverty Alleviation",
        "生态文明": "ecological civilization",
        "大众创业、万众创新": "Mass Entrepreneurship and Innovation",
        "中国科学院": "Chinese Academy of Sciences",
        "新一代人工智能发展规划": "New Generation AI Development Plan",
        "中国制造2025": "Made in China 2025",
    }
    assert {hanzi: week7_terms[hanzi].gloss for hanzi in expected} == expected


def test_extract_terms_does_not_take_romanisations_or_links_as_glosses(week7_terms):
    assert week7_terms["新单位"].gloss == ""  # "one of Xindanwei co-founder" talks about it
    assert not any("website" in term.gloss for term in week7_terms.values())


def test_extract_terms_returns_clean_unique_terms(week7_terms):
    markup = re.compile(r"[#*_\[\]()\"“”<>`]")
    for term in week7_terms.values():
        assert any(is_han(ch) for ch in term.hanzi), term
        assert not markup.search(term.hanzi), term
        assert not markup.search(term.gloss), term
        assert term.pinyin and term.line > 0
    assert "创" in week7_terms and week7_terms["创"].gloss == ""


def test_extract_terms_first_occurrence_wins_and_later_gloss_is_merged():
    terms = extract_terms("- 城市 chengshi\n\n- cities (城市)\n- towns (城市)\n")
    assert len(terms) == 1
    assert (terms[0].line, terms[0].pinyin, terms[0].gloss) == (1, "chéngshì", "cities")


def test_extract_terms_ignores_scripts_code_and_urls():
    markdown = (
        "<script>alert('智慧城市 — zhìhuì chéngshì')</script>\n"
        "```\n城市 (city)\n```\n"
        "`天网 (Skynet)` and [Purple](https://x.test/?word=创)\n"
        "<b>Skynet</b> (<i>天网</i>)\n"
    )
    terms = extract_terms(markdown)
    assert [(term.hanzi, term.gloss, term.line) for term in terms] == [("天网", "Skynet", 6)]


def test_extract_terms_on_hostile_input_is_fast_and_plain_text():
    chunk = (
        '<script>var x = "<b>智慧城市</b> (smart)";</script> '
        "Targeted **Poverty** <em>Alleviation</em> 精准扶贫 (2014)\n"
        "[x](javascript:alert('城市')) <img src=x onerror=\"城市 (city)\"> "
        "（全角）、。《》 —— _yeji_ (业绩) " + "混合文本 mixed text " * 5 + "\n"
    )
    markdown = (chunk * (100_000 // len(chunk) + 1))[:100_000]
    started = time.perf_counter()
    terms = extract_terms(markdown)
    assert time.perf_counter() - started < 5
    assert {term.hanzi for term in terms} == {"精准扶贫", "业绩"}
    for term in terms:
        for text in (term.hanzi, term.gloss, term.pinyin):
            assert "<" not in text and ">" not in text and "*" not in text


def test_extract_terms_on_a_single_huge_line_is_fast():
    markdown = "城市 (city) " + "很长的中文句子没有标点" * 10_000 + " x" * 20_000
    started = time.perf_counter()
    terms = extract_terms(markdown)
    assert time.perf_counter() - started < 5
    assert [term.hanzi for term in terms] == ["城市"]


def test_extract_terms_on_unclosed_brackets_is_fast():
    markdown = "城市 (city) " + "[a](b <c `d " * 10_000
    started = time.perf_counter()
    terms = extract_terms(markdown)
    assert time.perf_counter() - started < 5
    assert [(term.hanzi, term.gloss) for term in terms] == [("城市", "city")]
