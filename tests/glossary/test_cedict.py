"""Generated pinyin for the demo glossary's terms against CC-CEDICT's entries.

tests/glossary/data/cc-cedict-excerpt.u8 holds the CC-CEDICT lines of the words each term is
written with (cc-cedict-terms.tsv); a syllable agrees when its letters, tone and capital (a
CC-CEDICT capital starts a proper noun's word) are the same in both.
"""

import re
from pathlib import Path

import pytest

from glossary.chinese import to_pinyin
from glossary.chinese.pinyin import parse_word

DATA = Path(__file__).parent / "data"
ENTRY = re.compile(r"^(?P<traditional>\S+) (?P<simplified>\S+) \[(?P<pinyin>[^\]]+)\] /")
NUMBERED = re.compile(r"^(?P<letters>[a-zü:]+)(?P<tone>[1-5])$", re.IGNORECASE)


def cedict_entries():
    entries = {}
    for line in (DATA / "cc-cedict-excerpt.u8").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            match = ENTRY.match(line)
            entries[match["simplified"]] = match["pinyin"].split()
    return entries


def glossary_terms():
    rows = (DATA / "cc-cedict-terms.tsv").read_text(encoding="utf-8").splitlines()
    return [row.split("\t") for row in rows if not row.startswith("#")]


def cedict_syllable(numbered):
    """``Zhong1`` → ("zhong", 1, True); ü is written u: or v in CC-CEDICT, v here."""
    match = NUMBERED.match(numbered)
    letters = match["letters"].replace("u:", "v").replace("ü", "v")
    return letters.lower(), int(match["tone"]) % 5, letters[0].isupper()


def reference(words):
    """CC-CEDICT's syllables for a term, and the syllable counts of its entries."""
    entries = cedict_entries()
    pinyin = [entries[word] for word in words.split()]
    return [cedict_syllable(s) for entry in pinyin for s in entry], [len(e) for e in pinyin]


def generated(hanzi):
    """Our syllables as (letters, tone, capital) and the syllable count of each written word."""
    syllables, lengths = [], []
    for word in to_pinyin(hanzi).split():
        parsed = parse_word(word)
        if parsed is None:  # 2025
            continue
        capital = word.strip("\"'“‘(")[:1].isupper()
        syllables += [
            (letters, tone or 0, capital and i == 0) for i, (letters, tone) in enumerate(parsed)
        ]
        lengths.append(len(parsed))
    return syllables, lengths


def boundaries(lengths):
    cuts, position = set(), 0
    for length in lengths:
        position += length
        cuts.add(position)
    return cuts


def agreement():
    agreeing = total = whole = short_entries = 0
    differences = []
    for hanzi, words in glossary_terms():
        expected, entry_lengths = reference(words)
        ours, word_lengths = generated(hanzi)
        assert len(ours) == len(expected), hanzi
        total += len(expected)
        for ref, own in zip(expected, ours, strict=True):
            agreeing += ref == own
            if ref != own:
                differences.append((hanzi, ref, own))
        # An entry of up to three syllables is one written word: no cut of ours falls inside it.
        ours_cuts, start = boundaries(word_lengths), 0
        for length in entry_lengths:
            if length <= 3:
                short_entries += 1
                whole += not any(start < cut < start + length for cut in ours_cuts)
            start += length
    return agreeing, total, whole, short_entries, differences


def test_generated_pinyin_agrees_with_cc_cedict_on_almost_every_syllable():
    agreeing, total, _, _, differences = agreement()
    print(f"CC-CEDICT agreement: {agreeing} of {total} syllables; differences: {differences}")
    assert total > 100
    assert agreeing / total >= 0.97, differences


def test_letters_and_tones_agree_with_cc_cedict_everywhere():
    _, _, _, _, differences = agreement()
    assert [(hanzi, ref[:2]) for hanzi, ref, own in differences if ref[:2] != own[:2]] == []


def test_dictionary_words_are_written_as_one_word():
    """Where the written form parts from a CC-CEDICT entry on purpose (a name as surname and
    given name, 习近平 Xí Jìnpíng; 新 before a word, xīn yīdài) or jieba cuts a word wrongly
    (办 公社), an entry is split; every other entry stays one word."""
    _, _, whole, short_entries, _ = agreement()
    print(f"CC-CEDICT words kept whole: {whole} of {short_entries}")
    assert whole / short_entries >= 0.9


@pytest.mark.parametrize(
    ("hanzi", "pinyin"),
    [
        ("新一代", "xīn yīdài"),
        ("一网通办", "yīwǎngtōng bàn"),
        ("不要", "bùyào"),
        ("习近平", "Xí Jìnpíng"),
        ("中国科学院", "Zhōngguó Kēxuéyuàn"),
        ("健康码", "jiànkāngmǎ"),
        ("雪亮工程", "xuěliàng gōngchéng"),
    ],
)
def test_pinyin_is_written_as_a_dictionary_writes_it(hanzi, pinyin):
    assert to_pinyin(hanzi) == pinyin
