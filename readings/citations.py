"""Citations found in remark slide footnotes, parsed and exported.

Instructors cite readings in free-form Markdown, mostly in ``.footnote[ … ]`` blocks and
sometimes in blockquotes. This module turns that text into :class:`Reference` objects and
renders them again:

* :func:`extract_references` finds the references in the Markdown of one slide;
* :func:`extract_reading_list` finds those listed on a reading slide (a list under a heading
  such as Readings, Bibliography, Sources or To read);
* :func:`parse_reference` parses one reference string, or returns ``None`` when the text is
  not a reference (prose, in-text citations such as ``(Zhen & Chan, 2014)``, photo credits);
* :func:`format_chicago` and :func:`format_chicago_html` render Chicago author-date;
* :func:`to_bibtex` and :func:`to_ris` export for reference managers;
* :func:`match_key` gives a key for de-duplication.

The parser is deliberately conservative: a reference needs at least a title and one of a
year, a URL, a DOI, a container or a publisher, and text that reads like prose is rejected.

The formatters accept any object with the :class:`Reference` attribute names (a Django model,
a dict), with authors and editors given as :class:`Author` objects, dicts with the keys
``family``, ``given`` and ``organisation``, or name strings. Standard library only.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from functools import partial
from typing import NamedTuple
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

__all__ = [
    "KINDS",
    "Author",
    "Reference",
    "extract_reading_list",
    "extract_references",
    "format_chicago",
    "format_chicago_html",
    "match_key",
    "parse_reference",
    "to_bibtex",
    "to_ris",
]

KINDS = ("article", "chapter", "book", "report", "webpage", "podcast", "video", "policy")


@dataclass
class Author:
    """A person (family and given names) or an institution (``organisation``)."""

    family: str = ""
    given: str = ""
    organisation: str = ""


@dataclass
class Reference:
    """One cited work; ``source_text`` keeps the text it was parsed from."""

    kind: str = "article"
    authors: list[Author] = field(default_factory=list)
    et_al: bool = False
    title: str = ""
    container: str = ""
    editors: list[Author] = field(default_factory=list)
    volume: str = ""
    issue: str = ""
    pages: str = ""
    year: str = ""
    publisher: str = ""
    place: str = ""
    url: str = ""
    doi: str = ""
    language: str = ""
    source_text: str = ""


# --------------------------------------------------------------------------- patterns

_YEAR = r"(?:1[5-9]|20)\d\d"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = re.compile(
    rf"(?:\b{_MONTH}\s+(?:\d{{1,2}},?\s+)?|\b\d{{1,2}}\s+{_MONTH}\s+)?"
    rf"(?<![\d–-])({_YEAR})(?:-\d\d(?:-\d\d)?|[a-z]\b)?(?![\d–])",
    re.IGNORECASE,
)
_DATE_IN_PARENS = re.compile(rf"\(\s*(?:[^()]*?[\s,])?({_YEAR})[a-z]?\s*\)")
_LINK = re.compile(
    r"(?<!!)\[(?P<label>(?:[^\[\]]|\[[^\[\]]*\])*)\]"
    r"\((?P<url>[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+\"[^\"]*\")?\)"
)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_BARE_URL = re.compile(r"\bhttps?://[^\s<>\"]+")
_DOI = re.compile(r"(?:https?://(?:dx\.)?doi\.org/|\bdoi:\s*)(10\.\d{4,9}/[^\s\"<>]+)", re.I)
_EMPHASIS = re.compile(r"(?<![\w\\])(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1(?!\w)")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_LIST_MARK = re.compile(r"^(?:>\s*)*(?:[-*+]|\d+[.)]|\[\d+\])\s+")
_QUOTE_MARK = re.compile(r"^(?:>\s*)+")
_PREFIX = re.compile(
    r"^(?:(?:sources?|references?|refs?|read(?:ing)?s?|via|from)\s*:|(?:see(?: also)?|cf)\b\.?:?)"
    r"\s*",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"^(?:photos?|images?|img|pictures?|credits?|illustrations?|maps?|fig(?:ure)?s?)\b\.?\s*[:(©]",
    re.IGNORECASE,
)
_IN_TEXT_CITATION = re.compile(
    rf"\((?:see\s+)?[A-Z][^()\d]*?,?\s{_YEAR}[a-z]?(?:\s*[,;:][^()]*)?\)"
)
_EDITORS_MARK = re.compile(r"[,\s]*\(?\b(?:eds?|éds?|hrsg)\.?\)?$", re.IGNORECASE)
_ET_AL = re.compile(r"[,\s]*(?:et\.?\s*al(?:ii)?\.?|and others|&\s*others|等人?)\s*$", re.I)
_NAME_SEP = re.compile(r"\s*(;|,\s*(?:and|&)\s+|,|\s+(?:and|et)\s+|&)\s*")
_INITIALS = re.compile(r"^(?:[A-Z]\.?(?:\s|-)?){1,3}$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ORG_WORDS = re.compile(
    r"\b(?:Institute|Institut|Institution|University|Universit[éy]|College|School|Council"
    r"|Ministry|Minist[eè]re|Bank|Commission|Committee|Government|Agency|Office|Association"
    r"|Foundation|Fondation|Cent(?:er|re)|Department|Bureau|Group|Programme|Program|Nations"
    r"|Party|Forum|Society|Academy|Acad[ée]mie|Organi[sz]ation|Corporation|Company"
    r"|Administration|Authority|Board|Network|Laboratory|Congress|Parliament|Assembly|Union"
    r"|Fund|Trust|Initiative|Observatory|Think Tank)\b"
)
_PERIODICAL = re.compile(
    r"\b(?:Journal|Review|Quarterly|Studies|Bulletin|Proceedings|Annals|Magazine|Revue)\b"
)
_GOVERNMENT = re.compile(
    r"\b(?:State Council|Ministry|Government|Commission|Communist Party|Congress|Council)\b"
    r"|国务院|政府|委员会|部$"
)
_POLICY_TITLE = re.compile(
    r"\b(?:five-year plan|development plan|action plan|white paper|law of|regulations? on"
    r"|guidelines? (?:on|for)|opinions on|notice on|measures for|decision on|directive|decree)\b"
    r"|规划|纲要|意见|通知|条例|办法|决定",
    re.IGNORECASE,
)
_VIDEO_HOSTS = ("youtube.com", "youtu.be", "vimeo.com", "bilibili.com", "dailymotion.com")


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Lower-case words allowed in names: particles (van, de…) and institution names (of, the…).
_NAME_LOWER = _wordset(
    "al al. and bin binti da das de del della den der des di do dos du for ibn in la le les"
    " of on ter the und van von y zu"
)
_PARTICLES = _wordset("da de del della den der des di du la le van von")
_LEADING_LOWER = _PARTICLES | {"by"}  # lower-case words a publisher or site may start with
_COMPOUND_SURNAMES = _wordset("欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 令狐")
_GENERIC_LABELS = _wordset("link here pdf source website url this more")
_NOISE = re.compile(
    rf"(?:online|print|accessed.*|retrieved.*|available.*|n\.\s?d|{_MONTH}|\d+(?:st|nd|rd|th)"
    r"\s+ed(?:ition)?|pp?|vol|no|ed|eds)",
    re.IGNORECASE,
)
_STOPWORDS = _wordset("a an and at de des du et for in la le les of on the to und with")
_LANGUAGE_WORDS = {
    "en": _wordset("the of and in for to on a an with is are"),
    "fr": _wordset("le la les des du par pour une un et dans sur au aux l d est entre vers"),
    "de": _wordset("der die das und für im zur zum den von ein eine mit über"),
    "es": _wordset("el los las del por para una y con en sobre"),
}
_SMART_QUOTES = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "«": '"',
        "»": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "\u00a0": " ",
        "\u202f": " ",
    }
)
_ESCAPE_BASE = 0xE000  # private-use code points standing for Markdown backslash escapes
_SPAN_BASE = 0xE100  # private-use code points standing for masked emphasis spans
_SPAN_MARK = re.compile("[\ue100-\ue1ff]")


# --------------------------------------------------------------------------- text helpers


def _prepare(text: str) -> str:
    """Normalise raw Markdown: NFC, straight quotes, protected escapes, one line."""
    text = unicodedata.normalize("NFC", text).translate(_SMART_QUOTES)
    text = _ESCAPE.sub(lambda m: chr(_ESCAPE_BASE + ord(m[1])), text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _HTML_TAG.sub(" ", text)
    text = " ".join(text.split())
    text = _LIST_MARK.sub("", _QUOTE_MARK.sub("", text))
    return _PREFIX.sub("", text)


def _restore_escapes(text: str) -> str:
    return re.sub("[\ue000-\ue07f]", lambda m: chr(ord(m[0]) - _ESCAPE_BASE), text)


def _clean(text: str) -> str:
    """Plain text of a Markdown fragment: no links, images or emphasis markers."""
    text = _IMAGE.sub(" ", text)
    text = _LINK.sub(lambda m: m["label"], text)
    previous = None
    while previous != text:
        previous, text = text, _EMPHASIS.sub(r"\2", text)
    return " ".join(_restore_escapes(text).split())


def _strip_title(text: str) -> str:
    text = text.strip(" \"'*_")
    return text.rstrip(" .,;:").strip(" \"'") if not text.endswith("...") else text


def _period(text: str) -> str:
    """``text`` ending with sentence punctuation (markup ignored when checking)."""
    if not text:
        return ""
    visible = _HTML_TAG.sub("", text).rstrip()
    return text if visible.endswith((".", "?", "!")) else text + "."


def _is_web_url(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not re.search(r"\s", url)


def _trim_url(url: str) -> str:
    url = url.rstrip(".,;:")
    while url.endswith(")") and url.count("(") < url.count(")"):
        url = url[:-1]
    return url


def _has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.casefold())


# --------------------------------------------------------------------------- names


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


# --------------------------------------------------------------------------- shapes


class _Parts(NamedTuple):
    """A reference cut into its author, title and remaining text."""

    shape: str  # "quoted" (title in quotes), "book" (italic title) or "link"
    authors: str
    title: str
    rest: str
    year: str = ""
    container: str = ""
    url: str = ""


_QUOTED = re.compile(r'^(?P<authors>[^"]*)"(?P<title>[^"]+)"(?P<rest>.*)$')
_ITALIC = re.compile(
    r"^(?P<authors>[^\"*_\[\]]+?)\s*(?:[.,:;]|\s[-–—])\s*(?P<mark>\*{1,2}|_{1,2})(?=\S)"
    r"(?P<title>.+?)(?<=\S)(?P=mark)(?![\w*])(?P<rest>.*)$"
)
_APA = re.compile(
    rf"^(?P<authors>[^\"()\[\]]+?)\s*\(\s*(?P<year>{_YEAR})[a-z]?(?:,[^)]*)?\)\s*\.?\s*"
    r"(?P<after>.+)$"
)
_LEADING_EMPHASIS = re.compile(r"^(?P<mark>\*{1,2}|_{1,2})(?=\S)(?P<title>.+?)(?<=\S)(?P=mark)")
_SENTENCE = re.compile(r"^(?P<title>.+?[.?!])(?=\s|$)(?P<rest>.*)$")


def _split_quoted(text: str) -> _Parts | None:
    """``Family, G. "Title." *Container* 5(1), 2020.``"""
    match = _QUOTED.match(text)
    if not match:
        return None
    no_authors = not _clean(match["authors"]).strip(" .,:;*_")
    if no_authors and re.match(r"^[\s*_.,]*(?:[—–]|-\s)", match["rest"]):
        return None  # a quotation followed by its attribution
    return _Parts("quoted", match["authors"], match["title"], match["rest"])


def _split_link(text: str) -> _Parts | None:
    """``[Title](url) — Site, 2026`` or ``[Site — "Title"](url)``."""
    match = _LINK.match(text)
    if not match or not _is_web_url(match["url"]):
        return None
    label, container = match["label"].strip(), ""
    quoted = re.search(r'"([^"]+)"', label)
    if quoted:
        container = (label[: quoted.start()] + label[quoted.end() :]).strip(" —–-:,|")
        label = quoted[1]
    rest = text[match.end() :]
    if _clean(label).casefold().strip(" .") in _GENERIC_LABELS or _LINK.search(rest) or '"' in rest:
        return None  # a generic label, a list of links or a link followed by a quotation
    rest = re.sub(r"^\s*(?:[—–:,|]|-\s)+", " ", rest)
    return _Parts("link", "", label, rest, container=container, url=match["url"])


def _split_italic(text: str) -> _Parts | None:
    """``Family - _Book title_, Publisher 2015``."""
    match = _ITALIC.match(text)
    return _Parts("book", match["authors"], match["title"], match["rest"]) if match else None


def _split_apa(text: str) -> _Parts | None:
    """``Family, G. (2020). Title. *Container*, 5(1), 1–10.``"""
    match = _APA.match(text)
    if not match:
        return None
    after = match["after"]
    italic = _LEADING_EMPHASIS.match(after)
    if italic:
        rest = after[italic.end() :]
        return _Parts("book", match["authors"], italic["title"], rest, year=match["year"])
    sentence = _SENTENCE.match(after)
    if not sentence:
        return None
    return _Parts("quoted", match["authors"], sentence["title"], sentence["rest"], match["year"])


_SPLITTERS = (_split_link, _split_quoted, _split_apa, _split_italic)


# --------------------------------------------------------------------------- field extraction


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
        ref.doi = ref.doi or _trim_url(match[1])
        return " "

    def bare(match: re.Match) -> str:
        _remember_url(ref, _trim_url(match[0]))
        return " "

    text = _LINK.sub(link, text)
    text = _DOI.sub(doi, text)
    return _BARE_URL.sub(bare, text)


def _remember_url(ref: Reference, url: str) -> None:
    doi = _DOI.match(url)
    if doi:
        ref.doi = ref.doi or _trim_url(doi[1])
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


# --------------------------------------------------------------------------- parsing API


def _build(parts: _Parts) -> Reference | None:
    ref = Reference(year=parts.year, container=_clean(parts.container))
    _remember_url(ref, parts.url)
    if not _set_authors(ref, parts.authors):
        return None
    ref.title = _strip_title(_clean(_take_links(ref, parts.title)))
    rest, spans = _mask_emphasis(_take_links(ref, parts.rest))
    if parts.shape == "quoted" and not (ref.authors or ref.editors or ref.url or ref.doi or spans):
        return None  # an unattributed quotation, not a reference
    rest = _take_chapter(ref, rest, spans)
    rest = _take_pages(ref, _take_year(ref, rest))
    rest = _take_container(ref, _take_place(ref, rest), spans, plain=parts.shape != "book")
    extras = None if rest is None else _leftovers(ref, rest, spans)
    if extras is None:
        return None
    ref.kind = _decide_kind(ref, parts.shape)
    _assign_extras(ref, extras)
    ref.language = _guess_language(ref.title)
    return ref


def _acceptable(ref: Reference, strict: bool) -> bool:
    if not _title_ok(ref.title) or (strict and not (ref.authors and ref.year)):
        return False
    return bool(ref.year or ref.url or ref.doi or ref.container or ref.publisher)


def _parse(text: str, strict: bool) -> Reference | None:
    prepared = _prepare(text or "")
    if not prepared or _IN_TEXT_CITATION.search(prepared) or _CREDIT.match(prepared):
        return None
    for split in _SPLITTERS:
        parts = split(prepared)
        ref = _build(parts) if parts else None
        if ref is not None and _acceptable(ref, strict):
            ref.source_text = " ".join(text.split())
            return ref
    return None


def parse_reference(text: str) -> Reference | None:
    """Parse one reference written in Markdown; None when ``text`` is not a reference."""
    return _parse(text, strict=False)


_MACRO_OPEN = re.compile(r"\.[A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)*\[")
_FOOTNOTE_OPEN = re.compile(r"\.(?:[A-Za-z][\w-]*\.)*footnote(?:\.[A-Za-z][\w-]*)*\[")
_RUN_ON = re.compile(
    r"(?<=[.)])\s+(?=[A-Z][^\s,.\"]+,\s+(?:(?:[A-Z]\.\s*)+|[A-Z][^\s,.\"]+\.\s+)\")"
)


def _closing_bracket(text: str, start: int) -> int:
    """Index of the ``]`` closing the bracket opened just before ``start``."""
    depth = 1
    for index in range(start, len(text)):
        if text[index] == "[" and text[index - 1] != "\\":
            depth += 1
        elif text[index] == "]" and text[index - 1] != "\\":
            depth -= 1
            if depth == 0:
                return index
    return len(text)


def _unwrap_macros(text: str) -> str:
    """``.small[text]`` → ``text`` (remark content classes, nested or not)."""
    while match := _MACRO_OPEN.search(text):
        end = _closing_bracket(text, match.end())
        text = text[: match.start()] + text[match.end() : end] + text[end + 1 :]
    return text


def _footnotes(markdown: str) -> tuple[list[str], str]:
    """The insides of the footnotes, and the Markdown without them."""
    inside, outside, position = [], [], 0
    for match in _FOOTNOTE_OPEN.finditer(markdown):
        if match.start() < position:
            continue
        end = _closing_bracket(markdown, match.end())
        inside.append(_unwrap_macros(markdown[match.end() : end]))
        outside.append(markdown[position : match.start()])
        position = end + 1
    outside.append(markdown[position:])
    return inside, "".join(outside)


def _blocks(lines: list[str]) -> list[tuple[list[str], bool]]:
    """Group lines into plain runs and blockquotes (the latter parsed strictly)."""
    blocks: list[tuple[list[str], bool]] = []
    for line in lines:
        quoted = line.lstrip().startswith(">")
        text = _QUOTE_MARK.sub("", line.strip()).strip()
        if not blocks or blocks[-1][1] != quoted:
            blocks.append(([], quoted))
        if text:
            blocks[-1][0].append(text)
    return blocks


def _parse_line(line: str, strict: bool) -> list[Reference]:
    """References on one line: several joined by `` · `` (or `` / `` between links) or run
    together."""
    refs = []
    for piece in re.split(r"\s+[·•]\s+|\s+[|/]\s+(?=\[)", line):
        chunks = _RUN_ON.split(piece) if piece.count('"') >= 4 else [piece]
        refs.extend(ref for chunk in chunks if (ref := _parse(chunk, strict)))
    return refs


def _parse_lines(lines: list[str], strict: bool) -> list[Reference]:
    """References in consecutive lines; a reference may wrap over up to three lines."""
    refs, index = [], 0
    while index < len(lines):
        found, end = _parse_line(lines[index], strict), index + 1
        for stop in range(index + 2, min(index + 4, len(lines) + 1)):
            if _parse_line(lines[stop - 1], strict):
                break
            joined = _parse_line(" ".join(lines[index:stop]), strict)
            if joined:
                found, end = joined, stop
        refs.extend(found)
        index = end
    return refs


def extract_references(markdown: str) -> list[Reference]:
    """References in one slide: footnote lines and blockquotes that are references."""
    notes, body = _footnotes(markdown or "")
    refs = []
    for note in notes:
        for lines, quoted in _blocks(note.splitlines()):
            refs.extend(_parse_lines(lines, strict=quoted))
    for lines, quoted in _blocks(body.splitlines()):
        if quoted:
            refs.extend(_parse_lines(lines, strict=True))
    return refs


_HEADING_LINE = re.compile(r"^ {0,3}#{1,6}\s+(?P<text>.*?)[\s#]*$")
_LABEL_LINE = re.compile(r"^\s*(?P<mark>\*\*|__)(?P<text>.+?)(?P=mark)\s*:?\s*$")
_READING_HEADING = re.compile(
    r"^(?:(?:further|required|recommended|suggested|selected|key|core|essential|optional)\s+)?"
    r"(?:readings?|bibliograph(?:y|ie)|sources|references|to read|阅读材料|参考文献|阅读)"
    r"(?:\s*[:—–(-].*|\s+(?:for|this|next)\b.*)?$",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?=\S)")


def _is_reading_heading(text: str) -> bool:
    return bool(_READING_HEADING.match(_clean(text).strip(" .:")))


def _list_items(lines: list[str]) -> list[str]:
    """The items of the Markdown lists in ``lines``, each joined into one line.

    A line continues the item above it when it follows it directly, or when it is indented.
    """
    items: list[list[str]] = []
    open_item, blank = False, False
    for line in lines:
        if not line.strip():
            blank = True
            continue
        if item := _LIST_ITEM.match(line):
            items.append([line[item.end() :]])
            open_item = True
        elif open_item and (not blank or line[:1].isspace()):
            items[-1].append(line)
        else:
            open_item = False
        blank = False
    return [" ".join(part.strip() for part in item) for item in items]


def extract_reading_list(markdown: str) -> list[Reference]:
    """References of a reading slide: each list item under a heading such as Readings,
    Reading, Bibliography, Sources or To read (footnotes are left to extract_references)."""
    _, body = _footnotes(markdown or "")
    sections: list[list[str]] = []
    listing = False
    for line in _unwrap_macros(body).splitlines():
        heading = _HEADING_LINE.match(line) or _LABEL_LINE.match(line)
        if heading:
            listing = _is_reading_heading(heading["text"])
            if listing:
                sections.append([])
        elif listing:
            sections[-1].append(line)
    items = [item for lines in sections for item in _list_items(lines)]
    return [ref for item in items if (ref := parse_reference(item))]


# --------------------------------------------------------------------------- duck typing

_FIELDS = tuple(f.name for f in fields(Reference))


def _coerce_author(value: object) -> list[Author]:
    if isinstance(value, Author):
        return [value]
    if isinstance(value, str):
        return _parse_names(value)
    get = value.get if isinstance(value, dict) else partial(getattr, value)
    author = Author(
        *(str(get(key, "") or "").strip() for key in ("family", "given", "organisation"))
    )
    return [author] if author != Author() else []


def _coerce_people(value: object) -> list[Author]:
    if callable(getattr(value, "all", None)):
        value = value.all()
    if not value:
        return []
    if isinstance(value, (str, Author, dict)):
        value = [value]
    return [author for item in value for author in _coerce_author(item)]


def _coerce(obj: object) -> Reference:
    """A normalised copy of a Reference, a dict or any object with the same attributes."""
    get = obj.get if isinstance(obj, dict) else partial(getattr, obj)
    values: dict[str, object] = {}
    for name in _FIELDS:
        value = get(name, None)
        if name in ("authors", "editors"):
            values[name] = _coerce_people(value)
        elif name == "et_al":
            values[name] = bool(value)
        else:
            values[name] = "" if value is None else " ".join(str(value).split())
    values["kind"] = str(values["kind"]).casefold()
    if values["kind"] not in KINDS:
        values["kind"] = "article"
    return Reference(**values)


# --------------------------------------------------------------------------- match key

_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid)$")


def _normalise_doi(doi: str) -> str:
    """``https://doi.org/10.1/X``, ``doi:10.1/X`` or ``10.1/X`` → ``10.1/x``, else ''."""
    match = _DOI.search(doi)
    bare = match[1] if match else doi.strip()
    return _trim_url(bare).casefold() if bare.startswith("10.") else ""


def _normalise_url(url: str) -> str:
    parts = urlsplit(url.strip())
    host = parts.netloc.casefold().removeprefix("www.")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)])
    path = unquote(parts.path).rstrip("/")
    return f"{host}{path}" + (f"?{query}" if query else "")


def _fold(text: str) -> str:
    """Casefolded text without accents or punctuation, for comparisons."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_words(bare))


def match_key(ref: object) -> tuple:
    """De-duplication key: DOI, else normalised URL, else folded title and year."""
    ref = _coerce(ref)
    doi = _normalise_doi(ref.doi) or (_normalise_doi(ref.url) if _DOI.match(ref.url) else "")
    if doi:
        return ("doi", doi)
    if ref.url:
        return ("url", _normalise_url(ref.url))
    return ("title", _fold(ref.title), ref.year.strip())


# --------------------------------------------------------------------------- Chicago

_ITALIC_TITLE_KINDS = ("book", "report", "policy")


class _Style(NamedTuple):
    """Rendering primitives: ``text`` renders raw text, the others wrap rendered text."""

    text: Callable[[str], str]
    italic: Callable[[str], str]
    link: Callable[[str, str], str]


def _html_link(value: str, url: str) -> str:
    return f'<a href="{html.escape(url)}">{value}</a>' if _is_web_url(url) else value


_PLAIN = _Style(text=str, italic=str, link=lambda value, url: value)
_HTML = _Style(
    text=partial(html.escape, quote=False),
    italic=lambda value: f"<em>{value}</em>" if value else "",
    link=_html_link,
)


def _display_name(author: Author, inverted: bool) -> str:
    if author.organisation:
        return author.organisation
    if _has_cjk(author.family + author.given):
        return author.family + author.given
    if author.family and author.given:
        return f"{author.family}, {author.given}" if inverted else f"{author.given} {author.family}"
    return author.family or author.given


def _join_names(names: list[str], comma_before_and: bool) -> str:
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2 and not comma_before_and:
        return f"{names[0]} and {names[1]}"
    return ", ".join(names[:-1]) + ", and " + names[-1]


def _chicago_authors(ref: Reference) -> str:
    """Authors, or the editors of an edited book (``Roy, Ananya, and Aihwa Ong, eds.``)."""
    editors_first = not ref.authors and ref.kind != "chapter"
    people = ref.editors if editors_first else ref.authors
    names = [_display_name(a, inverted=i == 0) for i, a in enumerate(people)]
    names = [name for name in names if name]
    if names and ref.et_al:
        joined = ", ".join(names) + ", et al."
    else:
        inverted_first = bool(people and people[0].family and people[0].given)
        joined = _join_names(names, comma_before_and=inverted_first)
    if names and editors_first:
        joined += ", eds." if len(names) > 1 else ", ed."
    return joined


def _chicago_title(ref: Reference, style: _Style) -> str:
    end = "" if ref.title.endswith((".", "?", "!")) else "."
    linked = style.link(style.text(ref.title), ref.url)
    if ref.kind in _ITALIC_TITLE_KINDS:
        return style.italic(linked) + end
    return f'"{linked}{end}"'


def _chicago_locator(ref: Reference) -> str:
    """``5 (1): 12–20`` for journals."""
    locator = ref.volume + (f" ({ref.issue})" if ref.issue else "")
    if ref.pages:
        return f"{locator.strip()}: {ref.pages}" if locator.strip() else ref.pages
    return locator.strip()


def _chicago_container(ref: Reference, style: _Style) -> str:
    container = style.italic(style.text(ref.container))
    if ref.kind == "chapter":
        editors = [_display_name(e, inverted=False) for e in ref.editors]
        text = f"In {container}" if container else ""
        if editors:
            text += style.text(", edited by " + _join_names(editors, len(editors) > 2))
        return text + (style.text(f", {ref.pages}") if ref.pages else "")
    locator = _chicago_locator(ref) if ref.kind == "article" else ""
    if container and locator:
        separator = ", " if locator == ref.pages else " "
        return container + style.text(separator + locator)
    return container or style.text(locator)


def _chicago_link(ref: Reference, style: _Style) -> str:
    if ref.doi:
        url = "https://doi.org/" + quote(ref.doi, safe="/:;()._-[]")
        return _period(style.link(style.text(url), url))
    if ref.url and not (style is _HTML and _is_web_url(ref.url)):
        return _period(style.text(ref.url))
    return ""


def _chicago(ref: Reference, style: _Style) -> str:
    authors = _chicago_authors(ref)
    year = _period(style.text(ref.year or "n.d."))
    title = _chicago_title(ref, style)
    head = [_period(style.text(authors)), year, title] if authors else [title, year]
    imprint = ": ".join(part for part in (ref.place, ref.publisher) if part)
    parts = [
        *head,
        _period(_chicago_container(ref, style)),
        _period(style.text(imprint)),
        _chicago_link(ref, style),
    ]
    return " ".join(part for part in parts if part)


def format_chicago(ref: object) -> str:
    """Chicago author-date reference-list entry as plain text."""
    return _chicago(_coerce(ref), _PLAIN)


def format_chicago_html(ref: object) -> str:
    """Chicago author-date entry as safe HTML (``<em>`` containers, linked title and DOI)."""
    return _chicago(_coerce(ref), _HTML)


# --------------------------------------------------------------------------- BibTeX

_BIBTEX_TYPES = {
    "article": "article",
    "chapter": "incollection",
    "book": "book",
    "report": "techreport",
    "webpage": "online",
    "podcast": "misc",
    "video": "misc",
    "policy": "misc",
}
_BIBTEX_CONTAINER = {
    "article": "journal",
    "chapter": "booktitle",
    "book": "series",
    "report": "series",
    "webpage": "organization",
}
_BIBTEX_SPECIALS = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
    }
)
_CASE_SENSITIVE_WORD = re.compile(r"(?<![\\\w])([A-Za-z]*[A-Z][A-Za-z]*[A-Z][A-Za-z]*)(?!\w)")


def _bibtex_escape(value: str) -> str:
    return value.translate(_BIBTEX_SPECIALS)


def _bibtex_title(value: str) -> str:
    """Escaped title with acronyms such as ``IBM`` protected from re-casing."""
    return _CASE_SENSITIVE_WORD.sub(r"{\1}", _bibtex_escape(value))


def _bibtex_verbatim(value: str) -> str:
    """URL or DOI: left verbatim except for characters that would unbalance the field."""
    return re.sub(r"[{}\\\s]", lambda m: quote(m[0]), value)


def _bibtex_name(author: Author) -> str:
    if author.organisation:
        return "{" + _bibtex_escape(author.organisation) + "}"
    family = _bibtex_escape(author.family)
    if " and " in family or (" " in family and not author.given):
        family = "{" + family + "}"
    return f"{family}, {_bibtex_escape(author.given)}" if author.given else family


def _bibtex_names(people: list[Author], et_al: bool = False) -> str:
    names = [_bibtex_name(person) for person in people]
    return " and ".join(names + (["others"] if et_al and names else []))


def _ascii_word(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]", "", decomposed.encode("ascii", "ignore").decode().casefold())


def _key_words(text: str) -> list[str]:
    """ASCII words of ``text`` without stop words (all words if only stop words)."""
    words = [word for word in map(_ascii_word, text.split()) if word]
    return [word for word in words if word not in _STOPWORDS] or words


def _short_name(text: str) -> str:
    """``World Bank`` → ``worldbank``; ``Future of Humanity Institute`` → ``fhi``."""
    words = _key_words(text)
    return "".join(words) if len(words) <= 2 else "".join(word[0] for word in words)


def _bibtex_base_key(ref: Reference) -> str:
    """Family name (or institution, or site) + year + first significant title word."""
    first = (ref.authors or ref.editors or [Author()])[0]
    name = _ascii_word(first.family or first.given) or _short_name(
        first.organisation or ref.container or ref.publisher
    )
    title = _key_words(ref.title)
    if not name:
        name, title = "".join(title[:1]), title[1:]
    return name + _ascii_word(ref.year) + "".join(title[:1]) or "ref"


def _letters(number: int) -> str:
    """0 → a, 25 → z, 26 → aa …"""
    letters = ""
    number += 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("a") + remainder) + letters
    return letters


def _unique_keys(bases: list[str]) -> list[str]:
    counts = Counter(bases)
    taken = {base for base, count in counts.items() if count == 1}
    used: Counter[str] = Counter()
    keys = []
    for base in bases:
        key = base
        while counts[base] > 1 and (key == base or key in taken):
            key = base + _letters(used[base])
            used[base] += 1
        taken.add(key)
        keys.append(key)
    return keys


def _bibtex_fields(ref: Reference) -> list[tuple[str, str]]:
    container_field = _BIBTEX_CONTAINER.get(ref.kind, "howpublished")
    publisher_field = "institution" if ref.kind == "report" else "publisher"
    escaped = [
        (container_field, ref.container),
        ("volume", ref.volume),
        ("number", ref.issue),
        ("pages", ref.pages.replace("–", "--")),
        ("year", ref.year),
        (publisher_field, ref.publisher),
        ("address", ref.place),
        ("language", ref.language),
    ]
    return [
        ("author", _bibtex_names(ref.authors, ref.et_al)),
        ("editor", _bibtex_names(ref.editors, ref.et_al and not ref.authors)),
        ("title", _bibtex_title(ref.title)),
        *((name, _bibtex_escape(value)) for name, value in escaped),
        ("doi", _bibtex_verbatim(ref.doi)),
        ("url", _bibtex_verbatim(ref.url)),
    ]


def _bibtex_entry(ref: Reference, key: str) -> str:
    lines = [f"  {name} = {{{value}}}," for name, value in _bibtex_fields(ref) if value]
    return "\n".join([f"@{_BIBTEX_TYPES[ref.kind]}{{{key},", *lines, "}"])


def to_bibtex(refs: list) -> str:
    """BibTeX (UTF-8) for ``refs``, with stable keys such as ``alizadeh2015investigation``."""
    references = [_coerce(ref) for ref in refs]
    keys = _unique_keys([_bibtex_base_key(ref) for ref in references])
    entries = (_bibtex_entry(ref, key) for ref, key in zip(references, keys, strict=True))
    return "\n".join(entry + "\n" for entry in entries)


# --------------------------------------------------------------------------- RIS

_RIS_TYPES = {
    "article": "JOUR",
    "chapter": "CHAP",
    "book": "BOOK",
    "report": "RPRT",
    "webpage": "ELEC",
    "podcast": "SOUND",
    "video": "VIDEO",
    "policy": "GOVDOC",
}
_RIS_EOL = "\r\n"


def _ris_name(author: Author) -> str:
    if author.organisation:
        return author.organisation
    return ", ".join(part for part in (author.family, author.given) if part)


def _ris_tags(ref: Reference) -> list[tuple[str, str]]:
    start, _, end = re.sub(r"\s*[-–—]+\s*", "-", ref.pages).partition("-")
    return [
        ("TY", _RIS_TYPES[ref.kind]),
        *(("AU", _ris_name(author)) for author in ref.authors),
        *(("A2", _ris_name(editor)) for editor in ref.editors),
        ("TI", ref.title),
        ("T2", ref.container),
        ("JO", ref.container if ref.kind == "article" else ""),
        ("VL", ref.volume),
        ("IS", ref.issue),
        ("SP", start),
        ("EP", end),
        ("PY", ref.year),
        ("PB", ref.publisher),
        ("CY", ref.place),
        ("UR", ref.url),
        ("DO", ref.doi),
        ("LA", ref.language),
    ]


def _ris_record(ref: Reference) -> str:
    lines = [
        f"{tag}  - {' '.join(value.split())}" for tag, value in _ris_tags(ref) if value.strip()
    ]
    return _RIS_EOL.join([*lines, "ER  - "]) + _RIS_EOL


def to_ris(refs: list) -> str:
    """RIS records for ``refs`` (CRLF line endings, one blank line between records)."""
    return _RIS_EOL.join(_ris_record(_coerce(ref)) for ref in refs)
