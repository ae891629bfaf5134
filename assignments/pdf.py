"""Is this a PDF? The magic bytes, then the minimal structure every reader relies on.

A file passes when it starts with ``%PDF-1.x`` (or 2.0), ends with ``%%EOF`` (trailing blank
lines allowed), its last ``startxref`` points inside the file at a cross-reference table
(``xref``) or stream (``N G obj``), and a trailer or cross-reference stream names a ``/Root``
(pages are not looked for: PDF 1.5+ compresses them into object streams). A renamed Word
file, an HTML page or a truncated upload fails; the checks read bytes and never run anything
in the file. Pure Python, no Django.
"""

import re

HEADER = re.compile(rb"%PDF-(?:1\.[0-7]|2\.0)")
STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
OBJECT_AT = re.compile(rb"\d+\s+\d+\s+obj\b")
ROOT = re.compile(rb"/Root\s+\d+\s+\d+\s+R")
TAIL = 1024  # readers look for %%EOF in the last kilobyte


class NotAPdf(ValueError):
    """Why the bytes are not a PDF, as a sentence for the person who uploaded them."""


def check_pdf(data):
    """Raise NotAPdf unless `data` (bytes) has a PDF's header and minimal structure."""
    if not HEADER.match(data):
        raise NotAPdf("This file is not a PDF (it does not start as one).")
    tail = data[-TAIL:]
    found = STARTXREF.search(tail)
    if found is None:
        raise NotAPdf("This PDF is incomplete (its end is missing); export it again.")
    offset = int(found.group(1))
    if not 0 < offset < len(data) - len(tail) + found.start():
        raise NotAPdf("This PDF is damaged (its index points outside the file).")
    at = data[offset : offset + 40]
    if not (at.startswith(b"xref") or OBJECT_AT.match(at)):
        raise NotAPdf("This PDF is damaged (its index is not where the file says).")
    if not ROOT.search(data):
        raise NotAPdf("This PDF is damaged (it has no document catalogue).")
