"""weeks.remark caps on what a deck may cost (R-BUDGET).

Rule ids refer to docs/remark.md.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.weeks.remark.helpers import assert_safe_html
from weeks.remark import (
    MAX_DECK_CHARS,
    MAX_SLIDE_CHARS,
    MAX_SLIDES,
    DeckError,
    parse_deck,
    render_deck,
)

# -------------------------------------------------------------------- sizes and cost (R-BUDGET)


def test_a_slide_over_the_size_cap_raises_naming_the_slide():
    text = "# A\n---\n# B\n---\n" + "x" * (MAX_SLIDE_CHARS + 1)
    with pytest.raises(DeckError) as error:
        parse_deck(text)
    assert (error.value.slide, error.value.line) == (3, 5)
    assert str(error.value).startswith("Slide 3, line 5: the slide is longer than 50,000")


def test_a_deck_over_the_size_cap_raises():
    slide = "# Slide\n\n" + "text " * 9000 + "\n---\n"
    with pytest.raises(DeckError) as error:
        parse_deck(slide * (MAX_DECK_CHARS // len(slide) + 2))
    assert f"longer than {MAX_DECK_CHARS:,} characters" in str(error.value)
    assert error.value.slide == MAX_DECK_CHARS // len(slide) + 1


def test_more_slides_than_the_cap_raises_naming_the_first_one_over():
    with pytest.raises(DeckError) as error:
        parse_deck("x\n---\n" * MAX_SLIDES + "x")
    assert (error.value.slide, error.value.line) == (MAX_SLIDES + 1, 2 * MAX_SLIDES + 1)


def test_runaway_steps_are_refused_at_import():
    with pytest.raises(DeckError) as error:
        parse_deck(("- " + "x" * 400 + "\n--\n") * 400)
    assert "too long to render" in str(error.value)


@pytest.mark.parametrize(
    "body",
    [
        "[" * 20_000,
        "[a](" * 5_000,
        "![" * 10_000,
        "[" * 10_000 + "]" * 10_000,
        "[a](" * 5_000 + ")" * 5_000,
        ".a[" * 16_000,
        ".a[" * 8_000 + "]" * 8_000,
        "<a " * 15_000,
        "<![CDATA[" * 5_000,
        "```x\n" * 9_000,
        "![:x " * 9_000,
        "a: b\n" * 9_000,
        "{{a" * 16_000,
        "\n" * 49_000 + "<!-- a: b -->",
    ],
    ids=lambda body: repr(body[:12]),
)
def test_pathological_slides_parse_and_render_quickly(body):
    # No timer: the CI's time limit catches a regression; each of these took seconds to
    # minutes before the defences in weeks.remark.
    deck = parse_deck(body)
    for slide in render_deck(deck.slides):
        assert_safe_html(slide.html)


# ----------------------------------------------- hostile decks at the caps, in a subprocess

# Each body is parsed, rendered, and read for terms and references, in a child process that
# must finish within HOSTILE_TIMEOUT: a pattern that backtracks fails the test instead of
# hanging the suite. No timings are asserted; each of these took minutes or hours before.
HOSTILE_TIMEOUT = 10
_CONTENT_BOMB = "layout: true\n\n" + "{{content}}" * 4_000 + "\n---\n" + "x" * 10_000
_TEMPLATE_CHAIN = "\n---\n".join(
    ["name: t0\n\nx"]
    + [f"name: t{i}\ntemplate: t{i - 1}\n\n{{{{content}}}}{{{{content}}}}" for i in range(1, 30)]
)
_VARIABLE_BOMB = (
    "layout: true\nbig: " + "x" * 40_000 + "\n\n{{big}}{{big}}\n---\n" + "y\n---\n" * 20
)
HOSTILE_DECKS = {
    "backtick run": "`" * 49_000,
    "backtick runs of growing length": " ".join("`" * n for n in range(1, 310)),
    "bracket run": "[" * 49_000,
    "asterisk run": "*" * 49_000,
    "underscore run": "_" * 49_000,
    "nested content classes": ".a[" * 16_000,
    "nested closed content classes": ".a[" * 12_000 + "x" + "]" * 12_000,
    "unclosed class": ".class[" * 7_000,
    "class chain": ".a" * 24_000,
    "indented code after text": "x\n" + "    a\n" * 8_000,
    "code blocks inside classes": (".a[\n\n    ]\n\n    z\n\n") * 2_500,
    "fence markers": "`" * 40_000 + "x\n",
    "macro openings": "![:" * 16_000,
    "property comments": "<!-- a: b" * 4_000 + "\nx\n-->",
    "property comments before spaces": "<!-- a: $" * 4_000 + " " * 10_000 + "-->",
    "background url": "background-image: url(a" + " " * 40_000 + "b\n\nx",
    "heading with spaces": "# a" + " " * 49_000 + "b",
    "link targets": "(http://" * 6_000,
    "terms": "汉 (" * 12_000,
    "footnotes": ".footnote[" * 4_900,
    "content bomb": _CONTENT_BOMB,
    "template chain": _TEMPLATE_CHAIN,
    "variable bomb": _VARIABLE_BOMB,
}
_CHILD = """
import json, sys
from core.text import headings, plain_text
from glossary.chinese import extract_terms
from readings.citations import extract_reading_list, extract_references
from weeks.remark import DeckError, parse_deck, render_deck

results = {}
for name, body in json.load(sys.stdin).items():
    try:
        slides = render_deck(parse_deck(body).slides)
    except DeckError as error:
        results[name] = str(error)
    else:
        results[name] = sum(len(slide.html) for slide in slides)
    list(headings(body)), plain_text(body), extract_terms(body)
    extract_references(body), extract_reading_list(body)
print(json.dumps(results))
"""


@pytest.fixture(scope="module")
def hostile_results():
    child = subprocess.run(
        [sys.executable, "-c", _CHILD],
        input=json.dumps(HOSTILE_DECKS),
        capture_output=True,
        text=True,
        timeout=HOSTILE_TIMEOUT,
        check=True,
        cwd=Path(__file__).resolve().parents[3],
    )
    return json.loads(child.stdout)


_BOMBS = ("content bomb", "template chain", "variable bomb")


@pytest.mark.parametrize("name", [name for name in HOSTILE_DECKS if name not in _BOMBS])
def test_hostile_decks_render_within_the_time_limit(hostile_results, name):
    assert isinstance(hostile_results[name], int), hostile_results[name]


@pytest.mark.parametrize("name", _BOMBS)
def test_expansion_bombs_are_refused_naming_the_slide(hostile_results, name):
    message = hostile_results[name]
    assert isinstance(message, str)
    assert message.startswith("Slide ")
    assert "too long to render" in message


def test_a_slide_whose_html_outgrows_its_source_is_refused_naming_it():
    link = "[a]: https://example.com/" + "x" * 1_900 + "\n\n"
    with pytest.raises(DeckError) as error:
        render_deck(parse_deck("# Fine\n---\n" + link + "[a] " * 10_000).slides)
    assert (error.value.slide, error.value.line) == (2, 3)
    assert "renders to more than 1,000,000 characters of HTML" in str(error.value)
