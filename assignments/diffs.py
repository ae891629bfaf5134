"""What changed from one version of a submission to the next, for the history page."""

import difflib
import re
from dataclasses import dataclass

# Latin words stay whole; anything else (CJK, punctuation) is compared character by character.
TOKEN = re.compile(r"[0-9A-Za-z\u00c0-\u024f'’-]+|\s+|.", re.DOTALL)
FIELDS = (("topic", "Topic"), ("sources", "Sources"), ("argument", "Argument"))
EMPTY = {"topic": "", "sources": [], "argument": "", "file": "", "file_name": ""}


@dataclass
class Change:
    label: str
    pieces: list  # (operation, text) pairs; operation is "equal", "insert" or "delete"
    by_line: bool = False


def diff_pieces(old, new, joiner=""):
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    pieces = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(("equal", joiner.join(old[i1:i2])))
            continue
        if i1 < i2:
            pieces.append(("delete", joiner.join(old[i1:i2])))
        if j1 < j2:
            pieces.append(("insert", joiner.join(new[j1:j2])))
    return pieces


def line_pieces(old, new):
    """One piece per line, so each source reads as kept, added or removed."""
    return [
        (operation, line)
        for operation, text in diff_pieces(old, new, joiner="\n")
        for line in text.split("\n")
    ]


def changes(old, new):
    """The fields that differ between two contents (dicts of topic, sources, argument and,
    for a hand-in, its file): a replaced PDF reads as its old name removed, the new one added."""
    old = old or EMPTY
    found = []
    for name, label in FIELDS:
        if old[name] == new[name]:
            continue
        if name == "sources":
            found.append(Change(label, line_pieces(old[name], new[name]), by_line=True))
        else:
            pieces = diff_pieces(TOKEN.findall(old[name]), TOKEN.findall(new[name]))
            found.append(Change(label, pieces))
    if old.get("file", "") != new.get("file", ""):
        pieces = [("delete", old.get("file_name") or "PDF")] if old.get("file") else []
        pieces += [("insert", new.get("file_name") or "PDF")] if new.get("file") else []
        found.append(Change("PDF", pieces, by_line=True))
    return found


def history(revisions):
    """(revision, changes since the one before) pairs, newest first."""
    entries, previous = [], None
    for revision in revisions:
        entries.append((revision, changes(previous, revision.content)))
        previous = revision.content
    return entries[::-1]
