"""Pinyin over every Chinese word, glossary links, the Traditional form (glossary.chinese.ruby)."""

import time

from glossary.chinese import GlossTerm, mark_chinese, to_traditional, word_ruby
from glossary.chinese.ruby import aligned_words
from tests.glossary.test_chinese import assert_well_formed

SHARP_EYES = {"雪亮工程": GlossTerm("xuěliàng gōngchéng", "/oglm/glossary/#term-3")}


def test_every_word_gets_one_ruby_with_its_dictionary_pinyin():
    assert word_ruby("<p>创新和创客</p>") == (
        "<p><ruby><span>创新</span><rt>chuàngxīn</rt></ruby><ruby><span>和</span><rt>hé</rt></ruby>"
        "<ruby><span>创客</span><rt>chuàngkè</rt></ruby></p>"
    )
    assert (
        word_ruby("<p>健康码</p>") == "<p><ruby><span>健康码</span><rt>jiànkāngmǎ</rt></ruby></p>"
    )


def test_a_glossary_term_is_written_with_its_own_pinyin_and_linked_to_its_entry():
    marked = word_ruby("<p>雪亮工程 started in 2015.</p>", SHARP_EYES)
    assert marked == (
        '<p><a class="zh-term" href="/oglm/glossary/#term-3">'
        "<ruby><span>雪亮</span><rt>xuěliàng</rt></ruby>"
        "<ruby><span>工程</span><rt>gōngchéng</rt></ruby></a> started in 2015.</p>"
    )


def test_a_term_inside_a_link_gets_ruby_but_no_second_link():
    marked = word_ruby('<a href="/x">雪亮工程</a>', SHARP_EYES)
    assert marked.count("<a ") == 1
    assert "<ruby><span>雪亮</span><rt>xuěliàng</rt></ruby>" in marked


def test_the_longest_term_wins():
    terms = {"城市": GlossTerm("chéngshì"), "智慧城市": GlossTerm("zhìhuì chéngshì")}
    assert word_ruby("<p>智慧城市</p>", terms) == (
        "<p><ruby><span>智慧</span><rt>zhìhuì</rt></ruby><ruby><span>城市</span><rt>chéngshì</rt></ruby></p>"
    )


def test_pinyin_printed_after_or_before_the_word_is_not_repeated():
    assert word_ruby("<p>创客 <em>chuangke</em>: the boom</p>") == (
        "<p>创客 <em>chuangke</em>: the boom</p>"
    )
    assert word_ruby("<p>chuàngkè (创客)</p>") == "<p>chuàngkè (创客)</p>"
    assert word_ruby("<p>业绩 — yèjì</p>") == "<p>业绩 — yèjì</p>"


def test_words_the_page_prints_get_no_ruby():
    assert word_ruby("<p>创 and 创新</p>", printed=["创"]) == (
        "<p>创 and <ruby><span>创新</span><rt>chuàngxīn</rt></ruby></p>"
    )


def test_the_traditional_form_is_stored_beside_words_that_change():
    marked = word_ruby("<p>创新城市</p>", traditional=to_traditional)
    assert marked == (
        '<p><ruby><span data-hant="創新">创新</span><rt>chuàngxīn</rt></ruby>'
        "<ruby><span>城市</span><rt>chéngshì</rt></ruby></p>"
    )


def test_code_existing_ruby_attributes_and_japanese_are_left_alone():
    source = (
        '<p title="城市"><ruby><span>城市</span><rt>chéngshì</rt></ruby> <code>城市</code>'
        '<pre>城市</pre> <span lang="ja">東京</span> &amp; 城市</p>'
    )
    marked = word_ruby(source)
    assert marked == source.replace(
        "&amp; 城市", "&amp; <ruby><span>城市</span><rt>chéngshì</rt></ruby>"
    )
    assert_well_formed(marked)


def test_ruby_goes_inside_the_lang_spans():
    marked = word_ruby(mark_chinese("<p>What makes a 智慧城市 smart?</p>"))
    assert marked == (
        '<p>What makes a <span lang="zh-Hans"><ruby><span>智慧</span><rt>zhìhuì</rt></ruby>'
        "<ruby><span>城市</span><rt>chéngshì</rt></ruby></span> smart?</p>"
    )
    assert_well_formed(marked)


def test_text_is_escaped():
    assert (
        word_ruby("<p>&lt;城市&gt;</p>")
        == "<p>&lt;<ruby><span>城市</span><rt>chéngshì</rt></ruby>&gt;</p>"
    )


def test_aligned_words_cut_a_term_by_its_written_pinyin():
    assert aligned_words("大众创业、万众创新", "dàzhòng chuàngyè, wànzhòng chuàngxīn") == [
        ("大众", "dàzhòng"),
        ("创业", "chuàngyè"),
        ("、", None),
        ("万众", "wànzhòng"),
        ("创新", "chuàngxīn"),
    ]
    assert aligned_words("城市大脑", "chéngshì dànǎo") == [("城市", "chéngshì"), ("大脑", "dànǎo")]


def test_aligned_words_fall_back_to_the_whole_term():
    assert aligned_words("城市大脑", "Hangzhou") == [("城市大脑", "Hangzhou")]
    assert aligned_words("城市大脑", "chéngshì") == [("城市大脑", "chéngshì")]


def test_a_long_slide_is_marked_quickly():
    slide = "<ul>" + "<li>城市大脑 and 智慧城市: 新一代人工智能发展规划。</li>" * 50 + "</ul>"
    word_ruby(slide)
    started = time.perf_counter()
    for _ in range(20):
        word_ruby(slide, SHARP_EYES, traditional=to_traditional)
    assert (time.perf_counter() - started) / 20 < 0.05


def test_english_beside_a_word_is_not_taken_for_its_pinyin():
    assert (
        word_ruby("<p>城市 (city)</p>")
        == "<p><ruby><span>城市</span><rt>chéngshì</rt></ruby> (city)</p>"
    )
