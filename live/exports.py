"""A week's discussion boards as CSV (for a spreadsheet) or Markdown (for the notes)."""

import csv
import io
import re

from core.text import spreadsheet_safe
from live.models import Contribution

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~])")


def board_rows(week):
    return list(Contribution.objects.for_board().filter(week=week))


def as_csv(week):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["slide", "author", "text", "upvotes", "pinned", "hidden", "posted at"])
    for c in board_rows(week):
        writer.writerow(
            [
                c.slide,
                spreadsheet_safe(c.author.get_username()),
                spreadsheet_safe(c.text),
                c.votes,
                "yes" if c.is_pinned else "",
                "yes" if c.is_hidden else "",
                c.created_at.isoformat(timespec="seconds"),
            ]
        )
    return out.getvalue()


def markdown_text(text):
    """Student text as literal Markdown: every special character escaped, lines kept."""
    return "  \n  ".join(_MARKDOWN_SPECIAL.sub(r"\\\1", line) for line in text.split("\n"))


def as_markdown(week):
    lines = [f"# Week {week.number}: {markdown_text(week.title)}, discussion boards", ""]
    slide = None
    for c in board_rows(week):
        if c.is_hidden:
            continue
        if c.slide != slide:
            slide = c.slide
            lines += [f"## Slide {slide}", ""]
        mark = "📌 " if c.is_pinned else ""
        lines.append(f"- {mark}{markdown_text(c.text)} ({c.votes} upvote{'s' * (c.votes != 1)})")
    if slide is None:
        lines.append("No contributions yet.")
    return "\n".join(lines) + "\n"


def render(week, fmt):
    if fmt == "csv":
        return as_csv(week), "text/csv; charset=utf-8"
    return as_markdown(week), "text/markdown; charset=utf-8"
