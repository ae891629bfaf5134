"""Citations: Chicago author-date output, plain and HTML, from any object with the fields."""

from types import SimpleNamespace

import rispy

from readings.citations import (
    Author,
    Reference,
    format_chicago,
    format_chicago_html,
    to_bibtex,
    to_ris,
)
from tests.readings.citations.samples import by_title


def test_chicago_for_a_journal_article(week_7_references):
    alizadeh = by_title(week_7_references, "An Investigation of IBM's Smarter Cities")
    assert format_chicago(alizadeh) == (
        'Alizadeh, T. 2015. "An Investigation of IBM\'s Smarter Cities." Cities 47.'
    )
    cugurullo = by_title(week_7_references, "Urban Artificial Intelligence")
    assert format_chicago(cugurullo) == (
        'Cugurullo, F. 2020. "Urban Artificial Intelligence." Urban Planning 5 (1).'
    )


def test_chicago_for_et_al_chapter_book_and_report(week_7_references):
    expected = {
        "Constructing a Data-Driven Society": (
            'Liang, Fan, et al. 2018. "Constructing a Data-Driven Society." '
            "Policy & Internet 10 (4)."
        ),
        "The Makers Are Coming! China's Long Tail": (
            'Wang, Jing. 2016. "The Makers Are Coming! China\'s Long Tail." In Handbook of '
            "Cultural and Creative Industries in China, edited by Michael Keane, 43–63. "
            "Cheltenham: Edward Elgar Publishing."
        ),
        "La gouvernance par les nombres": "Supiot. 2015. La gouvernance par les nombres. Fayard.",
        "Deciphering China's AI Dream": (
            "Ding, J. 2018. Deciphering China's AI Dream. Oxford: Future of Humanity Institute. "
            "https://www.fhi.ox.ac.uk/wp-content/uploads/Deciphering_Chinas_AI-Dream.pdf."
        ),
    }
    for title, chicago in expected.items():
        assert format_chicago(by_title(week_7_references, title)) == chicago


def test_chicago_without_author_starts_with_the_title(week_7_references):
    ref = by_title(week_7_references, "China intensifies push")
    assert format_chicago(ref) == (
        '"China intensifies push." n.d. Nature. https://www.nature.com/articles/d41586-026-00814-3.'
    )


def test_chicago_html_escapes_and_emphasises_the_container(week_7_references):
    liang = by_title(week_7_references, "Constructing a Data-Driven Society")
    assert format_chicago_html(liang) == (
        'Liang, Fan, et al. 2018. "Constructing a Data-Driven Society." '
        "<em>Policy &amp; Internet</em> 10 (4)."
    )


def test_chicago_html_links_the_title_and_the_doi():
    ref = Reference(
        authors=[Author("Alizadeh", "T.")],
        title="Smart <Cities>",
        container="Cities",
        volume="47",
        year="2015",
        url="https://example.org/a?b=1&c=2",
        doi="10.1016/j.cities.2015.05.004",
    )
    assert format_chicago_html(ref) == (
        'Alizadeh, T. 2015. "<a href="https://example.org/a?b=1&amp;c=2">Smart &lt;Cities&gt;'
        '</a>." <em>Cities</em> 47. <a href="https://doi.org/10.1016/j.cities.2015.05.004">'
        "https://doi.org/10.1016/j.cities.2015.05.004</a>."
    )


def test_chicago_html_never_links_other_url_schemes():
    ref = Reference(kind="webpage", title="<script>alert(1)</script>", url="javascript:alert(1)")
    rendered = format_chicago_html(ref)
    assert "<a " not in rendered and "<script>" not in rendered
    assert "&lt;script&gt;" in rendered


def test_formatters_accept_any_object_with_the_same_fields():
    row = SimpleNamespace(
        kind="article",
        authors=[{"family": "Alizadeh", "given": "T."}, {"organisation": "IBM Research"}],
        et_al=False,
        title="An Investigation of IBM's Smarter Cities",
        container="Cities",
        editors=None,
        volume="47",
        issue="",
        pages="",
        year=2015,
        publisher=None,
        place="",
        url="",
        doi="",
        language="",
    )
    assert format_chicago(row) == (
        'Alizadeh, T., and IBM Research. 2015. "An Investigation of IBM\'s Smarter Cities." '
        "Cities 47."
    )
    assert "{IBM Research}" in to_bibtex([row])
    assert rispy.loads(to_ris([row]))[0]["authors"] == ["Alizadeh, T.", "IBM Research"]
