"""The reference types, the patterns the parser shares and small text helpers."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlsplit

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
    # CSL-JSON variables of an imported item that no field holds (abstract, ISSN, full date…),
    # given back on export.
    extra: dict = field(default_factory=dict)


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
