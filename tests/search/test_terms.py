"""Search terms: the index and the query agree on English, characters and pinyin."""

import pytest

from search.terms import index_terms, matching_spans, query_terms


def finds(text, query):
    indexed = set(index_terms(text))
    return all(term in indexed for term in query_terms(query))


@pytest.mark.parametrize(
    "query",
    ["创客", "chuangke", "chuàngkè", "chuang ke", "Chuàng Kè", "CHUANGKE", "创"],
)
def test_a_chinese_word_is_found_by_its_characters_and_its_pinyin_however_written(query):
    assert finds("Shenzhen's 创客 (makers) and their spaces", query)


@pytest.mark.parametrize(
    "query", ["城市", "智慧城市", "zhihui chengshi", "zhihuichengshi", "新型智慧城市"]
)
def test_a_part_of_a_long_chinese_run_is_found(query):
    assert finds("新型智慧城市 was announced in 2016", query)


@pytest.mark.parametrize(
    "text, query",
    [
        ("Planning for innovation", "planned"),
        ("Smart cities in China", "city"),
        ("The makers are coming", "Maker"),
        ("Zürich and Düsseldorf", "zurich"),
    ],
)
def test_english_words_are_found_by_another_form_of_the_same_word(text, query):
    assert finds(text, query)


@pytest.mark.parametrize(
    "text, query",
    [("创客 spaces", "城市"), ("Smart cities", "citizen science"), ("城市大脑", "chuangke")],
)
def test_a_query_needs_every_one_of_its_words(text, query):
    assert not finds(text, query)


def test_terms_are_plain_ascii_words_whatever_the_text():
    for term in index_terms("创客 ÉCOLE naïve 2016 城市大脑's"):
        assert term.isascii() and term.isalnum()


def test_the_matching_words_are_located_for_the_result_snippet():
    text = "We met 创客 in 智慧城市 planning"
    spans = list(matching_spans(text, query_terms("chuangke planning 城市")))
    assert [text[a:b] for a, b in spans] == ["创客", "城市", "planning"]


def test_an_empty_or_punctuation_only_query_has_no_terms():
    assert query_terms("") == [] and query_terms(" — ，。!?") == []
