"""The fields of a reference taken from the text after its title (container, year, pages…)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from readings.citations.base import (
    _BARE_URL,
    _DATE,
    _DATE_IN_PARENS,
    _DOI,
    _EDITORS_MARK,
    _EMPHASIS,
    _GOVERNMENT,
    _LANGUAGE_WORDS,
    _LEADING_LOWER,
    _LINK,
    _NOISE,
    _ORG_WORDS,
    _PERIODICAL,
    _POLICY_TITLE,
    _SPAN_BASE,
    _SPAN_MARK,
    _STOPWORDS,
    _VIDEO_HOSTS,
    _YEAR,
    Reference,
    _clean,
    _has_cjk,
    _is_web_url,
    _trim_url,
    _words,
)
from readings.citations.doi import normalise_doi
from readings.citations.names import _looks_like_names, _parse_names, _split_et_al


def _set_authors(ref: Reference, raw: str) -> bool:
    """Fill authors, or editors of an edited book, and a year written after them.

    Returns False when ``raw`` does not read as a list of names.
    """
    text = _clean(raw).strip(" ,;:*_-–—")
    year = re.search(rf"[\s,]*\(?\b({_YEAR})[a-z]?\)?[.,]?$|[\s,]*\(?n\.\s?d\.\)?$", text)
    if year:
        ref.year = ref.year or (year[1] or "")
        text = text[: year.start()]
    editors = _EDITORS_MARK.search(text)
    if editors:
        text = text[: editors.start()]
    text, ref.et_al = _split_et_al(text.strip(" ,;:-–—"))
    if not text.strip(" .,"):
        return True
    if not _looks_like_names(text):
        return False
    names = _parse_names(text)
    if editors:
        ref.editors = names
    else:
        ref.authors = names
    return bool(names)


def _take_links(ref: Reference, text: str) -> str:
    """Move DOIs and URLs of ``text`` into ``ref``; links keep their label."""

    def link(match: re.Match) -> str:
        _remember_url(ref, match["url"])
        return match["label"]

    def doi(match: re.Match) -> str:
        ref.doi = ref.doi or normalise_doi(match[0])
        return " "

    def bare(match: re.Match) -> str:
        _remember_url(ref, _trim_url(match[0]))
        return " "

    text = _LINK.sub(link, text)
    text = _DOI.sub(doi, text)
    return _BARE_URL.sub(bare, text)


def _remember_url(ref: Reference, url: str) -> None:
    if _DOI.match(url):
        ref.doi = ref.doi or normalise_doi(url)
    elif _is_web_url(url) and not ref.url:
        ref.url = url


def _mask_emphasis(text: str) -> tuple[str, list[str]]:
    """Replace emphasised spans by placeholders so later patterns do not look inside."""
    spans: list[str] = []

    def mask(match: re.Match) -> str:
        spans.append(match[2])
        return chr(_SPAN_BASE + len(spans) - 1)

    return _EMPHASIS.sub(mask, text), spans


def _unmask(text: str, spans: list[str]) -> str:
    return _SPAN_MARK.sub(lambda m: spans[ord(m[0]) - _SPAN_BASE], text)


_CHAPTER = re.compile(
    r"^\W*In\s+(?P<container>[^,]+?),?\s*(?:edited by|eds?\.(?: by)?)\s+"
    r"(?P<editors>.+?)(?=,\s*(?:pp?\.\s*)?\d|\.\s|\.?$|,\s*[A-Z][^,]*:)"
)
_CHAPTER_APA = re.compile(
    r"^\W*In\s+(?P<editors>[^()]+?)\s*\((?:eds?|éds?|hrsg)\.?\),?\s*"
    r"(?P<container>[\ue100-\ue1ff]|[^(.,]+)",
    re.IGNORECASE,
)
_CHAPTER_PLAIN = re.compile(r"^\W*In\s+(?P<container>[\ue100-\ue1ff])")


def _take_chapter(ref: Reference, rest: str, spans: list[str]) -> str:
    for pattern in (_CHAPTER, _CHAPTER_APA, _CHAPTER_PLAIN):
        match = pattern.match(rest)
        if match:
            ref.kind = "chapter"
            ref.container = _clean(_unmask(match["container"], spans)).strip(" ,.")
            ref.editors = _parse_names(_clean(match.groupdict().get("editors") or ""))
            return rest[match.end() :]
    return rest


def _take_year(ref: Reference, rest: str) -> str:
    rest = re.sub(r"\bn\.\s?d\.", " ", rest)
    if ref.year:
        return rest
    matches = list(_DATE_IN_PARENS.finditer(rest)) or list(_DATE.finditer(rest))
    if not matches:
        return rest
    match = matches[-1]
    ref.year = match[1]
    return rest[: match.start()] + " " + rest[match.end() :]


_PAGES = re.compile(
    r"(?:\bpp?\.\s*)?(?<![\w.])(\d+[A-Za-z]?)\s*(?:[-–—]{1,2}|\bto\b)\s*(\d+[A-Za-z]?)(?!\w)"
    r"|\bpp?\.\s*(\d+)\b"
)


def _take_pages(ref: Reference, rest: str) -> str:
    match = _PAGES.search(rest)
    if not match:
        return rest
    ref.pages = f"{match[1]}–{match[2]}" if match[1] else match[3]
    return rest[: match.start()] + " " + rest[match.end() :]


_PLACE_PUBLISHER = re.compile(
    r"(?<!\w)(?P<place>[A-Z][^\W\d_]*(?:[\s.-]+[A-Z][^\W\d_]*)*(?:,\s*[A-Z]{2})?)\s*:\s*"
    r"(?P<publisher>[^\W\d][^,;:\ue100-\ue1ff]*?)\s*(?=[,;]|\.(?:\s|$)|$)"
)


def _take_place(ref: Reference, rest: str) -> str:
    match = _PLACE_PUBLISHER.search(rest)
    if not match:
        return rest
    ref.place, ref.publisher = _clean(match["place"]), _clean(match["publisher"])
    return rest[: match.start()] + " " + rest[match.end() :]


_VOLUME = re.compile(
    r"^[\s,]*(?:vol(?:ume)?\.?\s*)?(?P<volume>\d+[A-Za-z]?)(?!\w)"
    r"(?:\s*\(\s*(?P<issue>[^()]{1,12}?)\s*\)|\s*,?\s*(?:no|nr|issue|n°)\.?\s*(?P<no>[\w/–-]+))?",
    re.IGNORECASE,
)
_ISSUE = re.compile(r"^[\s,]*(?:no|nr|issue|n°)\.?\s*(?P<no>[\w/–-]+)", re.IGNORECASE)
_PLAIN_CONTAINER = re.compile(r"[^\W\d_][^,;]*?(?=\s*(?:[,;]|\.(?:\s|$)|\s\d|\s[—–]\s|$))")


def _take_container(ref: Reference, rest: str, spans: list[str], plain: bool) -> str | None:
    """The first emphasised span (else, when ``plain``, the first phrase) is the container.

    Returns the rest without it, or None when the phrase taken is prose.
    """
    if ref.container:
        return rest
    match = _SPAN_MARK.search(rest)
    if match:
        ref.container = _clean(spans[ord(match[0]) - _SPAN_BASE])
    elif plain and (match := _PLAIN_CONTAINER.search(rest)):
        if _is_prose(match[0]):
            return None
        ref.container = _clean(match[0]).strip(" .-–—()")
    else:
        return rest
    return rest[: match.start()] + " ; " + _take_volume(ref, rest[match.end() :])


def _take_volume(ref: Reference, after: str) -> str:
    match = _VOLUME.match(after)
    if match:
        ref.volume = match["volume"]
        ref.issue = (match["issue"] or match["no"] or "").replace("-", "–")
        return after[match.end() :]
    match = _ISSUE.match(after)
    if match:
        ref.issue = match["no"]
        return after[match.end() :]
    return after


def _is_prose(text: str) -> bool:
    words = text.split()
    if not words:
        return False
    first = words[0].lstrip("(\"'")
    if first[:1].islower() and first.casefold().strip(".") not in _LEADING_LOWER:
        return True
    content = [w for w in words if w.casefold() not in _STOPWORDS]
    lower = [w for w in content if w[:1].islower()]
    return len(words) > 12 or (len(words) > 3 and len(lower) * 2 > len(content))


_SEGMENT = re.compile(r"[,;]|\.(?=\s|$)|\s[—–]\s")


def _leftovers(ref: Reference, rest: str, spans: list[str]) -> list[str] | None:
    """Unclaimed phrases of the rest (publisher, place…); None when some are prose."""
    extras = []
    for segment in _SEGMENT.split(_unmask(rest, spans)):
        segment = _clean(segment).strip(" -–—:()[]'\".")
        if not re.search(r"[^\W\d_]", segment) or _NOISE.fullmatch(segment):
            continue
        if _is_prose(segment):
            return None
        if segment.casefold().startswith("by ") and not ref.authors:
            ref.authors = _parse_names(segment[3:])
        else:
            extras.append(segment)
    return extras


def _assign_extras(ref: Reference, extras: list[str]) -> None:
    if ref.kind not in ("book", "report", "chapter", "policy"):
        return
    if not ref.publisher and not ref.place and len(extras) >= 2:
        ref.place, ref.publisher = extras[:2]
        return
    for extra in extras:
        if not ref.publisher:
            ref.publisher = extra
        elif not ref.place:
            ref.place = extra


def _decide_kind(ref: Reference, shape: str) -> str:
    if ref.kind == "chapter":
        return "chapter"
    if _is_institution(ref.container) and not (ref.volume or ref.issue):
        ref.publisher, ref.container = ref.publisher or ref.container, ""
        kind = "report"
    elif shape == "book":
        kind = "book"
    elif ref.volume or ref.issue or ref.pages:
        kind = "article"
    elif ref.url:
        kind = "webpage"
    elif ref.publisher and not ref.container:
        kind = "report"
    else:
        kind = "article"
    if kind in ("webpage", "report"):
        kind = _media_kind(ref) or kind
    if kind in ("webpage", "report") and _is_policy(ref):
        kind = "policy"
    return kind


def _is_institution(name: str) -> bool:
    return bool(_ORG_WORDS.search(name)) and not _PERIODICAL.search(name)


def _media_kind(ref: Reference) -> str:
    host = urlsplit(ref.url).netloc.casefold()
    if re.search(r"\bpodcast\b", f"{ref.title} {ref.container}", re.IGNORECASE):
        return "podcast"
    if host.endswith(_VIDEO_HOSTS) or re.search(r"\bvideos?\b", ref.container, re.IGNORECASE):
        return "video"
    return ""


def _is_policy(ref: Reference) -> bool:
    issuers = [a.organisation for a in ref.authors if a.organisation] + [ref.publisher]
    return bool(_POLICY_TITLE.search(ref.title)) or any(
        _GOVERNMENT.search(issuer) for issuer in issuers if issuer
    )


def _guess_language(title: str) -> str:
    """ISO 639-1 code for clearly non-English titles, else ''."""
    letters = [char for char in title if char.isalpha()]
    if letters and sum(map(_has_cjk, letters)) * 2 > len(letters):
        return "ja" if re.search(r"[\u3040-\u30ff]", title) else "zh"
    words = set(_words(title))
    scores = {lang: len(words & vocabulary) for lang, vocabulary in _LANGUAGE_WORDS.items()}
    best = max(scores, key=scores.get)
    runner_up = max(score for lang, score in scores.items() if lang != best)
    return best if best != "en" and scores[best] >= 2 and scores[best] > runner_up else ""


def _title_ok(title: str) -> bool:
    """Titles start with a capital, a digit or a non-Latin letter (``iPhone`` allowed)."""
    first = title[:1]
    return bool(first) and (not first.islower() or title[1:2].isupper())
