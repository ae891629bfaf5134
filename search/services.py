"""Search a course: the one interface the view and the benchmark use, on either database."""

from dataclasses import dataclass

from django.db import connection

from search.fulltext import matching
from search.models import Entry
from search.terms import matching_spans, query_terms

MAX_RESULTS = 50
CONTEXT = 70  # characters of text shown either side of the first match


@dataclass
class Result:
    entry: Entry
    before: str
    match: str
    after: str


def search(course, query, user):
    """The entries of `course` that `user` may see holding every term of `query`, best first."""
    terms = query_terms(query)
    if not terms:
        return []
    entries = matching(Entry.objects.visible_to(user).filter(course=course), connection, terms)
    entries = entries.order_by("order", "id")[:MAX_RESULTS]
    return [in_context(entry, terms) for entry in entries]


def in_context(entry, terms):
    """The entry with the first matched words of its text (or title) and what surrounds them."""
    for text in (entry.text, entry.title):
        if span := next(matching_spans(text, terms), None):
            start, end = span
            before = text[max(0, start - CONTEXT) : start]
            after = text[end : end + CONTEXT]
            return Result(
                entry,
                ("…" if start > CONTEXT else "") + before,
                text[start:end],
                after + ("…" if end + CONTEXT < len(text) else ""),
            )
    return Result(
        entry, "", "", entry.text[: 2 * CONTEXT] + ("…" if len(entry.text) > 2 * CONTEXT else "")
    )
