"""What changes between two versions of a deck, slide by slide, as the instructor reads it.

Slides are matched by their source, as ``difflib`` matches lines: one slide inserted in the
middle is one insertion, not a change of every slide after it. Slides the matcher pairs inside
a replaced run are "changed" and carry a line diff of their source.
"""

import difflib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SlideChange:
    kind: str  # "same", "added", "removed" or "changed"
    old: int | None  # 1-based source slide number before, None when added
    new: int | None  # 1-based source slide number after, None when removed
    old_text: str = ""
    new_text: str = ""
    lines: list[tuple[str, str]] = field(default_factory=list, compare=False)
    """For a changed slide: (" ", "+" or "-", line) pairs of its unified line diff."""


def compare_slides(old: list[str], new: list[str]) -> list[SlideChange]:
    """Every slide of `old` and `new` in deck order, each marked same, added, removed or changed."""
    changes = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        if tag == "equal":
            changes += [
                SlideChange("same", i + 1, j + 1, old[i], new[j])
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            ]
            continue
        for offset in range(paired):
            i, j = i1 + offset, j1 + offset
            changes.append(
                SlideChange("changed", i + 1, j + 1, old[i], new[j], line_diff(old[i], new[j]))
            )
        changes += [
            SlideChange("removed", i + 1, None, old_text=old[i]) for i in range(i1 + paired, i2)
        ]
        changes += [
            SlideChange("added", None, j + 1, new_text=new[j]) for j in range(j1 + paired, j2)
        ]
    return changes


def line_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Every line of `old` and `new`, marked kept (" "), removed ("-") or added ("+")."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    marked = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            marked += [(" ", line) for line in old_lines[i1:i2]]
            continue
        marked += [("-", line) for line in old_lines[i1:i2]]
        marked += [("+", line) for line in new_lines[j1:j2]]
    return marked


def summarise(changes: list[SlideChange]) -> str:
    """E.g. "2 slides changed, 1 added", or "No slide changed"."""
    counts = [
        (sum(change.kind == kind for change in changes), kind)
        for kind in ("changed", "added", "removed")
    ]
    parts = [(count, kind) for count, kind in counts if count]
    if not parts:
        return "No slide changed"
    (count, kind), *rest = parts
    first = f"{count} slide{'' if count == 1 else 's'} {kind}"
    return ", ".join([first, *(f"{count} {kind}" for count, kind in rest)])
