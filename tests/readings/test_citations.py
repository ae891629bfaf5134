"""Citations: slide footnotes in, Chicago / BibTeX / RIS out (pure Python, no database)."""

import re
from types import SimpleNamespace

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware

from demo import DECK_PATH
from readings.citations import (
    Author,
    Reference,
    extract_reading_list,
    extract_references,
    format_chicago,
    format_chicago_html,
    match_key,
    parse_reference,
    to_bibtex,
    to_ris,
)


def week_7_slides():
    """The deck's slides: remark separates them with lines that are exactly ``---``."""
    return re.split(r"^---$", DECK_PATH.read_text(encoding="utf-8"), flags=re.MULTILINE)


def slide_titled(heading):
    return next(slide for slide in week_7_slides() if heading in slide)


@pytest.fixture(scope="module")
def week_7_references():
    return [ref for slide in week_7_slides() for ref in extract_references(slide)]


def by_title(refs, title):
    return next(ref for ref in refs if ref.title == title)


def people(authors):
    return [(a.family, a.given, a.organisation) for a in authors]


# The fields every reference of the Week 7 deck must come out with.
WEEK_7 = [
    {
        "title": "An Investigation of IBM's Smarter Cities",
        "kind": "article",
        "authors": [("Alizadeh", "T.", "")],
        "container": "Cities",
        "volume": "47",
        "year": "2015",
    },
    {
        "title": "Urban Artificial Intelligence",
        "kind": "article",
        "authors": [("Cugurullo", "F.", "")],
        "container": "Urban Planning",
        "volume": "5",
        "issue": "1",
        "year": "2020",
    },
    {
        "title": "The 'City Brain' and Algorithmic Governance in China",
        "kind": "article",
        "authors": [("Shao", "", "")],
        "container": "Urban Studies",
        "volume": "59",
        "issue": "5",
        "year": "2022",
    },
    {
        "title": "Deciphering China's AI Dream",
        "kind": "report",
        "authors": [("Ding", "J.", "")],
        "publisher": "Future of Humanity Institute",
        "place": "Oxford",
        "year": "2018",
        "url": "https://www.fhi.ox.ac.uk/wp-content/uploads/Deciphering_Chinas_AI-Dream.pdf",
    },
    {
        "title": "Constructing a Data-Driven Society",
        "kind": "article",
        "authors": [("Liang", "Fan", "")],
        "et_al": True,
        "container": "Policy & Internet",
        "volume": "10",
        "issue": "4",
        "year": "2018",
    },
    {
        "title": "Social Credit Overview Podcast",
        "kind": "podcast",
        "authors": [("Daum", "Jeremy", "")],
        "container": "China Law Translate",
        "year": "2018",
        "url": "https://www.chinalawtranslate.com/en/social-credit-overview-podcast/",
    },
    {
        "title": "La gouvernance par les nombres",
        "kind": "book",
        "authors": [("Supiot", "", "")],
        "publisher": "Fayard",
        "year": "2015",
        "language": "fr",
    },
    {
        "title": "China Briefing analysis",
        "kind": "webpage",
        "authors": [],
        "url": "https://www.china-briefing.com/news/"
        "chinas-15th-five-year-plan-key-insights-for-foreign-investors/",
    },
    {
        "title": "Carbon Brief Q&A on climate",
        "kind": "webpage",
        "url": "https://www.carbonbrief.org/"
        "qa-what-does-chinas-15th-five-year-plan-mean-for-climate-change/",
    },
    {
        "title": "Ambassador Xie Feng remarks",
        "kind": "webpage",
        "url": "https://us.china-embassy.gov.cn/eng/dshd/202603/t20260314_11874964.htm",
    },
    {
        "title": "China intensifies push",
        "kind": "webpage",
        "container": "Nature",
        "url": "https://www.nature.com/articles/d41586-026-00814-3",
    },
    {
        "title": "China's next five-year bet on AI",
        "kind": "webpage",
        "container": "MERICS",
    },
    {
        "title": "Innovation Under Pressure: China's Semiconductor Industry at a Crossroads",
        "kind": "webpage",
        "authors": [],
        "container": "American Affairs",
        "year": "2026",
        "url": "https://americanaffairsjournal.org/2026/02/"
        "innovation-under-pressure-chinas-semiconductor-industry-at-a-crossroads/",
    },
    {
        "title": "The Makers Are Coming! China's Long Tail",
        "kind": "chapter",
        "authors": [("Wang", "Jing", "")],
        "editors": [("Keane", "Michael", "")],
        "container": "Handbook of Cultural and Creative Industries in China",
        "pages": "43–63",
        "place": "Cheltenham",
        "publisher": "Edward Elgar Publishing",
        "year": "2016",
    },
]


# --------------------------------------------------------------------------- the Week 7 deck


def test_every_reference_of_the_week_7_deck_is_found_once(week_7_references):
    assert sorted(ref.title for ref in week_7_references) == sorted(e["title"] for e in WEEK_7)


@pytest.mark.parametrize("expected", WEEK_7, ids=[e["title"][:30] for e in WEEK_7])
def test_each_week_7_reference_has_the_right_fields(week_7_references, expected):
    ref = by_title(week_7_references, expected["title"])
    for name, value in expected.items():
        actual = getattr(ref, name)
        assert (people(actual) if name in ("authors", "editors") else actual) == value, name


def test_week_7_references_keep_their_source_text(week_7_references):
    ding = by_title(week_7_references, "Deciphering China's AI Dream")
    assert ding.source_text.startswith('Ding, J. "[Deciphering')
    assert all(ref.source_text for ref in week_7_references)


def test_the_maker_blockquote_is_a_chapter_with_editors_and_pages():
    (chapter,) = extract_references(slide_titled('# Here Comes the "Maker"'))
    assert chapter.kind == "chapter"
    assert people(chapter.authors) == [("Wang", "Jing", "")]
    assert people(chapter.editors) == [("Keane", "Michael", "")]
    assert chapter.pages == "43–63"
    assert (chapter.place, chapter.publisher) == ("Cheltenham", "Edward Elgar Publishing")


def test_two_references_on_one_footnote_slide_come_in_order():
    refs = extract_references(slide_titled("### What is being built?"))
    assert [ref.container for ref in refs] == ["Cities", "Urban Planning"]


def test_a_footnote_with_references_separated_by_dots_gives_one_reference_each():
    refs = extract_references(slide_titled("China Briefing analysis"))
    assert [ref.title for ref in refs] == [
        "China Briefing analysis",
        "Carbon Brief Q&A on climate",
        "Ambassador Xie Feng remarks",
    ]


def test_parenthetical_citations_in_a_bulleted_footnote_produce_no_references():
    assert extract_references(slide_titled("# Creative Clusters?")) == []


@pytest.mark.parametrize("heading", ["## Xindanwei", "## The Banyan Tree"])
def test_prose_footnotes_produce_no_references(heading):
    assert extract_references(slide_titled(heading)) == []


def test_a_quoted_sentence_in_a_blockquote_is_not_a_reference():
    refs = extract_references(slide_titled("# Social Credit"))
    assert [ref.title for ref in refs] == ["Social Credit Overview Podcast"]


def test_a_blockquote_that_quotes_a_title_is_not_a_reference():
    slide = slide_titled("### The semiconductor question")
    assert [ref.title for ref in extract_references(slide)] == [
        "Innovation Under Pressure: China's Semiconductor Industry at a Crossroads"
    ]


def test_parsing_every_line_of_the_deck_finds_nothing_but_real_references():
    lines = DECK_PATH.read_text(encoding="utf-8").splitlines()
    found = {ref.title for line in lines if (ref := parse_reference(line))}
    assert found <= {expected["title"] for expected in WEEK_7}
    assert len(found) == 8  # the references written one per line


def test_links_in_slide_bodies_are_not_references():
    assert extract_references(slide_titled("## Character of the week")) == []


# --------------------------------------------------------------------------- reading slides

READING_SLIDE = """
# Week 8

## Readings

- Wang, Jing. "The Makers Are Coming! China's Long Tail." In _Handbook of Cultural and Creative
  Industries in China_, edited by Michael Keane, 43–63. Cheltenham: Edward Elgar Publishing, 2016.
- Supiot - _La gouvernance par les nombres_,
Fayard 2015
1. [Deciphering China's AI Dream](https://fhi.ox.ac.uk/x.pdf) — Future of Humanity Institute, 2018
- Bring your notes to class.

Discuss them in groups.

## Discussion

- Roy, Ananya, and Aihwa Ong, eds. _Worlding Cities_. Chichester: Wiley-Blackwell, 2011.

.footnote[Alizadeh, T. "An Investigation of IBM's Smarter Cities." *Cities* 47 (2015).]
"""


def test_each_item_under_a_readings_heading_is_a_reference():
    refs = extract_reading_list(READING_SLIDE)
    assert [ref.title for ref in refs] == [
        "The Makers Are Coming! China's Long Tail",
        "La gouvernance par les nombres",
        "Deciphering China's AI Dream",
    ]
    assert refs[0].container == "Handbook of Cultural and Creative Industries in China"
    assert refs[1].source_text == "Supiot - _La gouvernance par les nombres_, Fayard 2015"


def test_a_reading_list_leaves_footnotes_and_other_lists_alone():
    titles = [ref.title for ref in extract_reading_list(READING_SLIDE)]
    assert "Worlding Cities" not in titles
    assert "An Investigation of IBM's Smarter Cities" not in titles


@pytest.mark.parametrize(
    "heading",
    [
        "# Readings",
        "## Reading",
        "### Bibliography",
        "## Sources",
        "## To read:",
        "## Required readings for next week",
        "## Readings: the maker movement",
        "**To read**",
        ".small[**Further reading**]",
    ],
)
def test_reading_slide_headings_are_recognised(heading):
    markdown = f"{heading}\n\n- Harvey, D. (2005). *A Brief History of Neoliberalism*. Oxford UP.\n"
    assert [ref.title for ref in extract_reading_list(markdown)] == [
        "A Brief History of Neoliberalism"
    ]


@pytest.mark.parametrize(
    "heading", ["# Reading the city", "## Sources of growth", "## Lets read the plan", "# Program"]
)
def test_other_headings_are_not_reading_slides(heading):
    markdown = f"{heading}\n\n- Harvey, D. (2005). *A Brief History of Neoliberalism*. Oxford UP.\n"
    assert extract_reading_list(markdown) == []


def test_the_week_7_deck_has_no_reading_slide():
    assert [ref for slide in week_7_slides() for ref in extract_reading_list(slide)] == []


# --------------------------------------------------------------------------- other shapes


@pytest.mark.parametrize(
    "text",
    [
        "Large companies have emerged (mostly state-owned) (Zhen & Chan, 2014)",
        'No "creative class" emerged (O\'Connor & Gu, 2012)',
        "Not supporting SMEs (Rossiter, 2010)",
        "Liu Yan, one of Xindanwei co-founder (新单位)",
        "Shanghai, example of Xindanwei shows that a business failure can be a total success.",
        '"Innovation under pressure" — US chip export controls since 2022 have accelerated it.',
        "Photo: [Flickr](https://www.flickr.com/photos/example)",
        "[link](https://example.org/)",
        "",
    ],
)
def test_text_that_is_not_a_reference_gives_none(text):
    assert parse_reference(text) is None


def test_footnote_chained_with_another_class_and_a_nested_macro_is_read():
    markdown = ".footnote.small[.small[Supiot - _La gouvernance par les nombres_, Fayard 2015]]"
    (ref,) = extract_references(markdown)
    assert (ref.kind, ref.publisher, ref.language) == ("book", "Fayard", "fr")


def test_a_reference_wrapped_over_several_lines_is_joined():
    markdown = (
        ".footnote[\n"
        'Wang, Jing. "The Makers Are Coming! China\'s Long Tail." In _Handbook of Cultural\n'
        "and Creative Industries in China_, edited by Michael Keane and Stephen Chan,\n"
        "43–63. Cheltenham: Edward Elgar Publishing, 2016.\n"
        "]"
    )
    (ref,) = extract_references(markdown)
    assert ref.container == "Handbook of Cultural and Creative Industries in China"
    assert people(ref.editors) == [("Keane", "Michael", ""), ("Chan", "Stephen", "")]


def test_two_references_run_together_on_one_line_are_split():
    markdown = (
        '.footnote[Alizadeh, T. "An Investigation of IBM\'s Smarter Cities." *Cities* 47 (2015). '
        'Cugurullo, F. "Urban Artificial Intelligence." *Urban Planning* 5(1), 2020.]'
    )
    assert [ref.year for ref in extract_references(markdown)] == ["2015", "2020"]


def test_an_apa_reference_with_doi_and_several_authors_is_parsed():
    ref = parse_reference(
        "Doe, J., Smith, K., & Lee, M. (2020). Smart cities in China. *Urban Studies*, "
        "57(2), 100-120. https://doi.org/10.1177/0042098019876543"
    )
    assert people(ref.authors) == [("Doe", "J.", ""), ("Smith", "K.", ""), ("Lee", "M.", "")]
    assert (ref.container, ref.volume, ref.issue, ref.pages) == (
        "Urban Studies",
        "57",
        "2",
        "100–120",
    )
    assert ref.doi == "10.1177/0042098019876543"


def test_a_chicago_reference_with_two_authors_and_issue_number_is_parsed():
    ref = parse_reference(
        'Smith, John, and Jane Doe. "Urban Futures." *Journal of Urban Affairs* 12, no. 3 '
        "(2019): 45-67."
    )
    assert people(ref.authors) == [("Smith", "John", ""), ("Doe", "Jane", "")]
    assert (ref.volume, ref.issue, ref.pages, ref.year) == ("12", "3", "45–67", "2019")


def test_an_institutional_author_and_chinese_text_are_kept():
    ref = parse_reference('State Council. "新一代人工智能发展规划." _国务院_, 2017.')
    assert people(ref.authors) == [("", "", "State Council")]
    assert ref.title == "新一代人工智能发展规划"
    assert ref.language == "zh"


def test_smart_quotes_are_normalised():
    ref = parse_reference("Shao. “The ‘City Brain’ in China.” *Urban Studies* 59(5), 2022.")
    assert ref.title == "The 'City Brain' in China"


def test_an_edited_book_keeps_its_editors_and_chicago_puts_them_first():
    ref = parse_reference(
        "Roy, Ananya, and Aihwa Ong, eds. _Worlding Cities_. Chichester: Wiley-Blackwell, 2011."
    )
    assert (ref.kind, ref.authors) == ("book", [])
    assert people(ref.editors) == [("Roy", "Ananya", ""), ("Ong", "Aihwa", "")]
    assert format_chicago(ref) == (
        "Roy, Ananya, and Aihwa Ong, eds. 2011. Worlding Cities. Chichester: Wiley-Blackwell."
    )


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "[Shenzhen: The Silicon Valley of Hardware](https://www.youtube.com/watch?v=SGJ5cZnoodY)"
            " — Wired UK, 2016",
            "video",
        ),
        (
            'Ministry of Housing and Urban-Rural Development. "[Guidelines on Smart City '
            'Construction](https://www.mohurd.gov.cn/x.html)." 2014.',
            "policy",
        ),
        (
            "[1] Harvey, D. (2005). *A Brief History of Neoliberalism*. Oxford University Press.",
            "book",
        ),
        (
            'See Wu, Fulong. "Planning Centrality." _Urban Studies_ 55, no. 7 (2018): 1383–99.',
            "article",
        ),
    ],
)
def test_other_instructors_shapes_get_the_right_kind(text, kind):
    assert parse_reference(text).kind == kind


# --------------------------------------------------------------------------- Chicago


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


# --------------------------------------------------------------------------- BibTeX


def decoded(library_entry):
    """Field values without LaTeX markup (URLs and DOIs are verbatim, left as they are)."""
    values = {}
    for item in library_entry.fields:
        value = item.value
        if item.key not in ("url", "doi"):
            value = value.replace("ˆ", "^")  # pylatexenc's reading of \textasciicircum
        values[item.key] = value
    return values


def parse_bibtex(text):
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    raw = bibtexparser.parse_string(text)
    assert library.failed_blocks == [] and raw.failed_blocks == []
    for entry, raw_entry in zip(library.entries, raw.entries, strict=True):
        for name in ("url", "doi"):
            if name in raw_entry.fields_dict:
                entry.set_field(raw_entry.fields_dict[name])
    return library


def test_bibtex_of_the_week_7_deck_parses_back_with_the_same_fields(week_7_references):
    library = parse_bibtex(to_bibtex(week_7_references))
    assert len(library.entries) == len(week_7_references)
    for ref, entry in zip(week_7_references, library.entries, strict=True):
        fields = decoded(entry)
        assert fields["title"] == ref.title
        assert fields.get("year", "") == ref.year
        assert fields.get("url", "") == ref.url
        container_field = {"article": "journal", "chapter": "booktitle"}.get(ref.kind)
        if container_field:
            assert fields[container_field] == ref.container


def test_bibtex_entry_types_keys_and_names(week_7_references):
    library = parse_bibtex(to_bibtex(week_7_references))
    entries = {entry.key: entry for entry in library.entries}
    assert entries["alizadeh2015investigation"].entry_type == "article"
    assert entries["wang2016makers"].entry_type == "incollection"
    assert entries["supiot2015gouvernance"].entry_type == "book"
    assert entries["ding2018deciphering"].entry_type == "techreport"
    assert entries["daum2018social"].entry_type == "misc"
    assert entries["naturechina"].entry_type == "online"
    assert decoded(entries["liang2018constructing"])["author"] == "Liang, Fan and others"
    assert decoded(entries["wang2016makers"])["editor"] == "Keane, Michael"
    assert "pages = {43--63}" in to_bibtex(week_7_references)


def test_bibtex_keys_are_stable_and_suffixed_on_clash(week_7_references):
    twice = week_7_references[:1] * 2 + week_7_references[1:2]
    keys = re.findall(r"^@\w+\{([^,]+),", to_bibtex(twice), re.MULTILINE)
    assert keys == [
        "alizadeh2015investigationa",
        "alizadeh2015investigationb",
        "cugurullo2020urban",
    ]
    assert to_bibtex(twice) == to_bibtex(twice)


TRICKY = Reference(
    kind="book",
    authors=[Author("Müller", "Jürgen"), Author(organisation="Zürich Institute & Partners")],
    title="Gouvernance par les nombres: 100% of 城市大脑 & under_score {braces} $5 #1 ~^\\",
    publisher="Éditions Fayard",
    place="Zürich",
    year="2015",
    url="https://example.org/a%20b_c?x=1&y=2#frag",
    doi="10.1000/abc_(12)",
)


def test_bibtex_escapes_special_characters_and_keeps_utf8():
    text = to_bibtex([TRICKY])
    assert (
        r"title = {Gouvernance par les nombres: 100\% of 城市大脑 \& under\_score \{braces\} "
        r"\$5 \#1 \textasciitilde{}\textasciicircum{}\textbackslash{}}"
    ) in text
    assert "author = {Müller, Jürgen and {Zürich Institute \\& Partners}}" in text
    assert text.startswith("@book{muller2015gouvernance,")
    fields = decoded(parse_bibtex(text).entries[0])
    assert fields["title"] == TRICKY.title
    assert fields["publisher"] == "Éditions Fayard"
    assert fields["address"] == "Zürich"
    assert fields["url"] == TRICKY.url
    assert fields["doi"] == TRICKY.doi


def test_bibtex_protects_acronyms_from_recasing(week_7_references):
    text = to_bibtex([by_title(week_7_references, "An Investigation of IBM's Smarter Cities")])
    assert "title = {An Investigation of {IBM}'s Smarter Cities}," in text


# --------------------------------------------------------------------------- RIS


def test_ris_of_the_week_7_deck_parses_back_with_rispy(week_7_references):
    records = rispy.loads(to_ris(week_7_references))
    assert len(records) == len(week_7_references)
    for ref, record in zip(week_7_references, records, strict=True):
        assert record["title"] == ref.title
        assert record.get("year", "") == ref.year
        assert record.get("authors", []) == [
            ", ".join(part for part in (a.family, a.given) if part) or a.organisation
            for a in ref.authors
        ]
        if ref.kind == "article":
            assert record["journal_name"] == ref.container


def test_ris_types_editors_pages_and_places(week_7_references):
    records = {r["title"]: r for r in rispy.loads(to_ris(week_7_references))}
    chapter = records["The Makers Are Coming! China's Long Tail"]
    assert chapter["type_of_reference"] == "CHAP"
    assert chapter["secondary_authors"] == ["Keane, Michael"]
    assert (chapter["start_page"], chapter["end_page"]) == ("43", "63")
    assert (chapter["place_published"], chapter["publisher"]) == (
        "Cheltenham",
        "Edward Elgar Publishing",
    )
    assert records["Social Credit Overview Podcast"]["type_of_reference"] == "SOUND"
    assert records["Deciphering China's AI Dream"]["type_of_reference"] == "RPRT"
    assert records["La gouvernance par les nombres"]["language"] == "fr"
    assert records["China Briefing analysis"]["type_of_reference"] == "ELEC"


def test_ris_uses_one_line_ending_and_no_newlines_inside_values():
    ref = Reference(title="A title\nover two lines", authors=[Author("Wang", "Jing")], year="2016")
    text = to_ris([TRICKY, ref])
    assert "\n" not in text.replace("\r\n", "")
    (record,) = [r for r in rispy.loads(text) if r["type_of_reference"] == "JOUR"]
    assert record["title"] == "A title over two lines"
    tricky = rispy.loads(text)[0]
    assert tricky["title"] == TRICKY.title
    assert tricky["authors"] == ["Müller, Jürgen", "Zürich Institute & Partners"]


# --------------------------------------------------------------------------- match_key


def test_match_key_prefers_the_doi_in_any_spelling():
    keys = {
        match_key(Reference(title="A", doi="10.1016/J.CITIES.2015.05.004")),
        match_key(Reference(title="B", doi="https://doi.org/10.1016/j.cities.2015.05.004")),
        match_key(Reference(title="C", doi="doi:10.1016/j.cities.2015.05.004", url="https://x")),
        match_key(Reference(url="https://dx.doi.org/10.1016/j.cities.2015.05.004")),
    }
    assert keys == {("doi", "10.1016/j.cities.2015.05.004")}


def test_match_key_normalises_urls():
    variants = [
        "https://www.nature.com/articles/d41586-026-00814-3",
        "http://nature.com/articles/d41586-026-00814-3/",
        "https://WWW.Nature.com/articles/d41586-026-00814-3?utm_source=twitter#top",
    ]
    assert len({match_key(Reference(title=str(i), url=url)) for i, url in enumerate(variants)}) == 1
    assert match_key(Reference(url="https://nature.com/a")) != match_key(
        Reference(url="https://nature.com/b")
    )


def test_match_key_falls_back_to_folded_title_and_year():
    same = [
        Reference(title="La Gouvernance par les Nombres", year="2015"),
        Reference(title="La gouvernance par les nombres.", year="2015"),
        {"title": "LA GOUVERNANCE PAR LES NOMBRES!", "year": 2015},
        Reference(title="La gouvernance, par les nombres", year="2015"),
    ]
    assert len({match_key(ref) for ref in same}) == 1
    assert match_key(Reference(title="Zürich", year="2015")) == match_key(
        Reference(title="Zurich", year="2015")
    )
    assert match_key(Reference(title="La gouvernance par les nombres", year="2016")) != match_key(
        same[0]
    )
