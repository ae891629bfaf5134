"""Read a session's program from the markdown of a deck's "Program Today" slide.

The shape is the instructor's: `### First hour` headings name the parts, numbered items read
`**Kind**: title` or `**Kind**: Presenter — title`, and a line like `_— break —_` is the break.
"""

import re
from dataclasses import dataclass

from core.text import headings

KIND_WORDS = {
    "presentation": "presentation",
    "presentations": "presentation",
    "discussion": "discussion",
    "break": "break",
    "lecture": "lecture",
    "planning": "planning",
    "case study": "case-study",
    "case-study": "case-study",
    "group work": "group-work",
    "group-work": "group-work",
}

ITEM = re.compile(r"^\s*(?:\d+[.)]|[-*+])\s+(?P<text>.+)$")
LABELLED = re.compile(r"^\*\*(?P<label>[^*]+?)\*\*\s*:?\s*(?P<rest>.*)$")
BREAK_LINE = re.compile(r"^[\s_*—–-]*break[\s_*—–-]*$", re.IGNORECASE)
PRESENTER_SPLIT = re.compile(r"\s+[—–]\s+")


@dataclass
class ParsedItem:
    part: str
    kind: str
    title: str
    presenters: str = ""


def find_program_slide(slide_texts):
    """Return the text of the first slide whose top heading mentions "Program", or None."""
    for text in slide_texts:
        for line in text.splitlines():
            if line.startswith("# "):
                if "program" in line.lower():
                    return text
                break
    return None


def parse_program(markdown):
    """Return the program items of a "Program Today" slide, in order."""
    items = []
    part = ""
    for line in markdown.splitlines():
        line = line.strip()
        if not line or line.startswith("# "):
            continue
        if (heading := next(headings(line), None)) and heading.level >= 2:
            part = heading.text.strip()
        elif BREAK_LINE.match(line):
            items.append(ParsedItem(part=part, kind="break", title="Break"))
        elif item := ITEM.match(line):
            items.append(_parse_item(item["text"].strip(), part))
    return items


def _parse_item(text, part):
    labelled = LABELLED.match(text)
    if not labelled:
        return ParsedItem(part=part, kind="lecture", title=text)
    label, title = labelled["label"].strip(), labelled["rest"].strip()
    kind = KIND_WORDS.get(label.lower())
    if kind is None:
        return ParsedItem(part=part, kind="lecture", title=f"{label}: {title}")
    presenters = ""
    if kind == "presentation":
        presenter_and_subject = PRESENTER_SPLIT.split(title, maxsplit=1)
        if len(presenter_and_subject) == 2:
            presenters, title = presenter_and_subject
    return ParsedItem(part=part, kind=kind, title=title, presenters=presenters)
