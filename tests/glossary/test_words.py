"""Chinese words as dictionaries write them (glossary/chinese/words.py)."""

import subprocess
import sys

from glossary.chinese.words import han_words


def written(run):
    return [word.pinyin for word in han_words(run)]


def test_yi_and_bu_keep_their_citation_tones():
    assert written("新一代") == ["xīn", "yīdài"]
    assert written("不要") == ["bùyào"]


def test_chinese_names_are_written_as_surname_and_given_name():
    assert written("毛泽东和邓小平") == ["Máo", "Zédōng", "hé", "Dèng", "Xiǎopíng"]
    assert written("欧阳修") == ["Ōuyáng", "Xiū"]


def test_places_and_organisations_are_capitalised():
    assert written("北京大学") == ["Běijīng", "Dàxué"]
    assert written("杭州") == ["Hángzhōu"]


def test_common_words_jieba_tags_as_names_or_places_stay_lower_case():
    assert written("城市") == ["chéngshì"]  # tagged ns in jieba's dictionary
    assert written("生态文明") == ["shēngtài", "wénmíng"]  # 文明 is tagged nr
    assert written("雪亮工程") == ["xuěliàng", "gōngchéng"]  # 雪亮 is tagged nr


def test_a_one_character_noun_after_a_word_joins_it():
    assert written("健康码") == ["jiànkāngmǎ"]
    assert written("中国人") == ["Zhōngguórén"]


def test_each_word_keeps_its_characters_and_syllables():
    words = han_words("智慧城市")
    assert [(word.hanzi, word.syllables) for word in words] == [
        ("智慧", ("zhì", "huì")),
        ("城市", ("chéng", "shì")),
    ]


def test_jieba_loads_its_dictionary_without_logging():
    code = "from glossary.chinese.words import han_words; han_words('城市'); han_words('城市')"
    result = subprocess.run(  # noqa: S603 (our own interpreter, a constant program)
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stderr == ""
