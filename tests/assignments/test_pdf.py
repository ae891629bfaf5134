"""The PDF check reads bytes only: header, end, cross-reference, catalogue."""

import pytest

from assignments.pdf import NotAPdf, check_pdf
from tests.factories import pdf_bytes


def test_a_well_formed_pdf_passes():
    check_pdf(pdf_bytes())


def test_a_pdf_with_an_incremental_update_passes_through_its_last_index():
    original = pdf_bytes()
    update = b"5 0 obj\n<< /Producer (edit) >>\nendobj\n"
    xref = len(original) + len(update)
    appended = original + update + b"xref\n5 1\n%010d 00000 n \n" % len(original)
    appended += b"trailer\n<< /Size 6 /Root 1 0 R /Prev 295 >>\nstartxref\n%d\n%%%%EOF\n" % xref
    check_pdf(appended)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<!doctype html><script>alert(1)</script>", "not a PDF"),
        (b"PK\x03\x04 a renamed .docx", "not a PDF"),
        (b"", "not a PDF"),
        (pdf_bytes()[:-40], "incomplete"),
        (b"%PDF-1.4\n" + b"x" * 200 + b"\nstartxref\n999999\n%%EOF\n", "outside the file"),
        (pdf_bytes().replace(b"startxref\n295", b"startxref\n100"), "not where"),
        (pdf_bytes().replace(b"/Root 1 0 R", b"/Info 1 0 R"), "no document catalogue"),
    ],
    ids=["html", "zip", "empty", "truncated", "index-outside", "index-misplaced", "no-root"],
)
def test_a_file_that_is_not_a_whole_pdf_is_refused_with_the_reason(data, reason):
    with pytest.raises(NotAPdf, match=reason):
        check_pdf(data)


def test_an_html_page_that_mentions_pdf_later_is_still_refused():
    with pytest.raises(NotAPdf, match="does not start"):
        check_pdf(b"<html>" + pdf_bytes())


def test_a_pdf_indexed_by_a_cross_reference_stream_passes():
    """PDF 1.5+ writers (LaTeX, Word) often replace the xref table with a stream object."""
    head = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    xref = len(head)
    data = head + b"3 0 obj\n<< /Type /XRef /Size 4 /Root 1 0 R /W [1 2 1] >>\nstream\n"
    data += b"\x00\x00\x00\x00\nendstream\nendobj\nstartxref\n%d\n%%%%EOF" % xref
    check_pdf(data)
