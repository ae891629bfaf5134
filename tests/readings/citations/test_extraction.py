"""Citations: where a slide's references are read from (footnotes, blockquotes, reading lists)."""

from readings.citations import extract_reading_list, extract_references
from readings.citations.extraction import MAX_REFERENCE_CHARS
from tests.readings.citations.samples import by_title


def _ding(week_7_references):
    return by_title(week_7_references, "Deciphering China's AI Dream")


def test_a_footnote_inside_nested_content_classes_is_read(week_7_references):
    ding = _ding(week_7_references)
    (ref,) = extract_references(".left[.small[.footnote[.grey[" + ding.source_text + "]]]]")
    assert (ref.title, ref.year) == (ding.title, ding.year)


def test_text_around_the_footnote_is_not_read_as_a_reference(week_7_references):
    ding = _ding(week_7_references)
    assert extract_references(ding.source_text + "\n\n.footnote[.small[]]") == []


def test_a_line_longer_than_any_reference_is_not_parsed(week_7_references):
    ding = _ding(week_7_references)
    padding = " " + "word " * (MAX_REFERENCE_CHARS // 5)
    assert extract_references(".footnote[" + ding.source_text + padding + "]") == []
    assert extract_reading_list("# Readings\n\n- " + ding.source_text + padding) == []
    assert extract_reading_list("# Readings\n\n- " + ding.source_text) != []
