"""Read a session's program from the markdown of a deck's "Program Today" slide.

The shape is the instructor's: `### First hour` headings name the parts, numbered items read
`**Kind**: title` or `**Kind**: Presenter — title`, and a line like `_— break —_` is the break.
Saving a deck proposes its program; the instructor confirms before the week's program changes.
"""

import re
from dataclasses import asdict, dataclass

from core.text import heading_line
from weeks.models import ProgramItem

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


@dataclass
class ProgramProposal:
    """The program a deck's program slide gives, beside the week's program now."""

    items: list  # ParsedItem, empty when the deck has no program slide
    current: list  # ParsedItem of the week's ProgramItems

    @property
    def differs(self):
        return bool(self.items) and self.items != self.current

    @property
    def replaces_edited_program(self):
        """True when confirming would overwrite a program the week already has."""
        return self.differs and bool(self.current)

    @property
    def apply_by_default(self):
        return self.differs and not self.current


def propose_program(week, deck):
    program = find_program_slide(source.content for source in deck.slides)
    current = [
        ParsedItem(item.part, item.kind, item.title, item.presenters)
        for item in week.program_items.all()
    ]
    return ProgramProposal(items=parse_program(program or ""), current=current)


def replace_program(week, items):
    """Make `items` (ParsedItem) the week's program, in order."""
    week.program_items.all().delete()
    for position, item in enumerate(items):
        fields = {
            name: value[: ProgramItem._meta.get_field(name).max_length]
            for name, value in asdict(item).items()
        }
        ProgramItem.objects.create(week=week, position=position, **fields)


PROGRAM_TITLE = re.compile(r"\b(?:program(?:me)?|agenda)\b", re.IGNORECASE)


def find_program_slide(slide_texts):
    """Return the text of the first slide whose first heading (# or ##) reads like "Program
    Today", "Today's programme" or "Agenda", or None."""
    for text in slide_texts:
        for line in text.splitlines():
            if heading := heading_line(line):
                if heading.level <= 2 and PROGRAM_TITLE.search(heading.text):
                    return text
                break
    return None


def parse_program(markdown):
    """Return the program items of a "Program Today" slide, in order."""
    items = []
    part = ""
    title_seen = False
    for line in markdown.splitlines():
        line = line.strip()
        heading = heading_line(line)
        if not line or (heading and not title_seen and PROGRAM_TITLE.search(heading.text)):
            title_seen = title_seen or bool(heading)
            continue
        if heading:
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
