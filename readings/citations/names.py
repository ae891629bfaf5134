"""Author and editor names: from a name list to :class:`Author` objects."""

from __future__ import annotations

import re

from readings.citations.base import (
    _COMPOUND_SURNAMES,
    _ET_AL,
    _INITIALS,
    _NAME_LOWER,
    _NAME_SEP,
    _ORG_WORDS,
    _PARTICLES,
    Author,
    _has_cjk,
)


def _split_et_al(text: str) -> tuple[str, bool]:
    match = _ET_AL.search(text)
    return (text[: match.start()], True) if match else (text, False)


def _looks_like_names(text: str) -> bool:
    if re.search(r"[\d:?!\"]", text) or len(text) > 200:
        return False
    words = text.replace("&", " ").split()
    return 0 < len(words) <= 16 and all(_name_word(word) for word in words)


def _name_word(word: str) -> bool:
    first = word.lstrip("(")[:1]
    if not first.isalpha() or first.isupper() or _has_cjk(first):
        return True
    return word.strip(".,;()").casefold() in _NAME_LOWER or bool(re.match(r"[a-z]'\w", word))


def _is_organisation(name: str) -> bool:
    if _has_cjk(name):
        return len(name.replace(" ", "")) > 4
    capitalised = [word for word in name.split() if word[:1].isupper()]
    return len(capitalised) >= 4 or bool(_ORG_WORDS.search(name))


def _is_vancouver(token: str) -> bool:
    """``Smith JK``: family name followed by bare initials."""
    words = token.split()
    return len(words) >= 2 and bool(re.fullmatch(r"[A-Z]{1,3}", words[-1])) and len(words[0]) > 1


def _is_family(token: str) -> bool:
    words = token.split()
    return 0 < len(words) <= 3 and not _INITIALS.match(token) and not _is_vancouver(token)


def _is_given(token: str) -> bool:
    words = token.split()
    return 0 < len(words) <= 3 and all(w[0].isupper() for w in words) and not _is_vancouver(token)


def _tidy_name(part: str) -> str:
    part = part.strip(" ,;")
    if part.endswith(".") and not _INITIALS.match(part) and not re.search(r"\b\w\.$", part):
        part = part[:-1]
    return part + "." if re.fullmatch(r"[A-Z]", part) else part


def _cjk_name(name: str) -> Author:
    name = name.replace(" ", "")
    size = 2 if name[:2] in _COMPOUND_SURNAMES else 1
    return Author(family=name[:size], given=name[size:])


def _natural_name(token: str) -> Author:
    """A name written given-first (``Michael Keane``) or Vancouver style (``Keane M``)."""
    token = _tidy_name(token)
    if _is_organisation(token):
        return Author(organisation=token)
    if _has_cjk(token):
        return _cjk_name(token)
    words = token.split()
    if _is_vancouver(token):
        return Author(family=" ".join(words[:-1]), given=words[-1])
    start = len(words) - 1
    while start > 1 and words[start - 1].casefold() in _PARTICLES:
        start -= 1
    return Author(family=" ".join(words[start:]), given=" ".join(words[:start]))


def _parse_names(text: str) -> list[Author]:
    """Authors or editors from a name list in any of the usual orders."""
    text = text.strip(" .,;:")
    if not text:
        return []
    if not re.search(r"[,;]", text) and (_ORG_WORDS.search(text) or _has_cjk(text)):
        return [Author(organisation=_tidy_name(text))]
    pieces = _NAME_SEP.split(text)
    tokens = [_tidy_name(piece) for piece in pieces[::2]]
    commas = [sep.strip() == "," for sep in pieces[1::2]]
    names, index = [], 0
    while index < len(tokens):
        token = tokens[index]
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if following and commas[index] and _is_family(token) and _is_given(following):
            names.append(Author(family=token, given=following))
            index += 2
        else:
            if token:
                names.append(_natural_name(token))
            index += 1
    return names
