"""Which slides open a discussion board, and what a contribution may say. Pure Python."""

import re
import unicodedata

MAX_LENGTH = 280
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")
_TAG = re.compile(r"<[^>]*>")
_BLANK_LINES = re.compile(r"\n{3,}")


def is_discussion(css_classes: str, heading: str) -> bool:
    """A slide with the class `discussion`, or whose heading starts with "Discussion"."""
    return "discussion" in css_classes.split() or heading.strip().casefold().startswith(
        "discussion"
    )


def clean_text(text: str) -> str:
    """The contribution as stored: LF line ends, NFC, no markup, no control characters.

    Contributions are plain text: tags are dropped here and everything left is escaped where it
    is shown, so nothing a student types ever becomes HTML.
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", _TAG.sub("", text))
    return _BLANK_LINES.sub("\n\n", "\n".join(line.rstrip() for line in text.split("\n"))).strip()
