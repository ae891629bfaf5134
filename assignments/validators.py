"""Validators for what students write: one-sentence arguments and visible names."""

import re
import unicodedata
from decimal import Decimal

from django.core.exceptions import ValidationError

ARGUMENT_MAX_LENGTH = 300

# Words that end with a full stop without ending the sentence (compared case-insensitively).
ABBREVIATIONS = frozenset(
    ["e.g", "i.e", "etc", "vs", "cf", "al", "approx", "ca", "dr", "mr", "mrs", "ms", "prof"]
    + ["st", "p", "pp", "vol", "fig", "ed", "eds", "inc", "ltd", "co", "corp", "jr", "sr"]
    + ["dept", "univ", "gov", "govt", "km", "sq"]
)
TERMINATORS = re.compile(r"(?:[.!?…]+|[。！？]+)[\"'”’»」』)\]）]*")
CJK_TERMINATORS = frozenset("。！？")
INITIALS = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")


def count_sentences(text):
    """Count the sentences of `text`.

    A run of terminators, with any closing quotes or brackets after it, ends a sentence when more
    text follows it, except where it cannot:
    - Chinese 。！？ always end a sentence, with or without a space after them;
    - . ! ? and … end one only when followed by a space and then by something other than a
      lower-case letter ("It grew... slowly" is one sentence);
    - a full stop never ends a sentence inside a word or a number ("3.5", "example.com"), after a
      known abbreviation ("e.g.", "etc.", "Dr.") or after single letters ("U.S.", "J. Smith").
    """
    text = text.strip()
    if not text:
        return 0
    sentences = 1
    for match in TERMINATORS.finditer(text):
        rest = text[match.end() :]
        if rest.strip() and _ends_sentence(text[: match.start()], match.group(), rest):
            sentences += 1
    return sentences


def _ends_sentence(before, terminator, rest):
    if CJK_TERMINATORS.intersection(terminator):
        return True
    if not rest[0].isspace() or rest.lstrip()[0].islower():
        return False
    if terminator.startswith(".") and not terminator.startswith(".."):
        word = before.split()[-1].lstrip("([\"'“‘«") if before.split() else ""
        return not (word.casefold() in ABBREVIATIONS or INITIALS.fullmatch(word))
    return True


def validate_one_sentence(value):
    if not value.strip():
        raise ValidationError("Write your argument as one sentence.", code="required")
    if count_sentences(value) > 1:
        raise ValidationError(
            "Your argument must be a single sentence; this reads as %(count)s sentences. "
            "Join them, or keep the one that carries the argument.",
            code="sentences",
            params={"count": count_sentences(value)},
        )


def validate_visible_text(value):
    """Refuse text made only of spaces, invisible format characters (ZWSP, WJ…) or controls."""
    if not any(unicodedata.category(char)[0] not in "ZC" for char in value):
        raise ValidationError("Write at least one visible character.", code="invisible")


GRADE_STEP = Decimal("0.25")


def validate_grade_step(value):
    """Grades on 20 go in quarter points (14, 14.25, 14.5, 14.75), as the registrar takes them."""
    if value is not None and value % GRADE_STEP:
        raise ValidationError(
            "Give the grade in steps of 0.25 (for example 14.5 or 14.75).", code="grade_step"
        )


def format_points(value):
    """14.50 → "14.5", 15.00 → "15": a grade or points as people write them."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
