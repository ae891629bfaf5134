"""The site's HTML sanitiser: everything users write that becomes HTML passes through here.

nh3 with an explicit allowlist of tags and attributes; URLs, classes, image styles and numbers
are checked again attribute by attribute. Pure Python, no Django.
"""

import html
import re
from collections.abc import Callable

import nh3

CLASS_NAME = re.compile(r"[A-Za-z_-][A-Za-z0-9_-]*")
URL_SCHEMES = frozenset({"http", "https", "mailto"})

# fmt: off
_ALLOWED_TAGS = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "a", "em",
    "strong", "b", "i", "u", "s", "code", "pre", "blockquote", "q", "cite", "table", "caption",
    "thead", "tbody", "tfoot", "tr", "th", "td", "img", "br", "hr", "div", "span", "sup", "sub",
    "del", "ins", "ruby", "rt", "rp", "figure", "figcaption", "small", "mark", "kbd", "samp",
    "var", "abbr",
})
# Not allowed, and their text is dropped too (the other disallowed tags keep their text).
_DROPPED_WITH_CONTENT = frozenset({
    "script", "style", "iframe", "object", "embed", "svg", "math", "template", "noscript",
    "textarea", "title", "xmp", "noembed", "noframes",
})
# fmt: on
_ALLOWED_ATTRIBUTES = {
    "*": {"class", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "style"},
    "ol": {"start"},
    "th": {"align", "colspan", "rowspan"},
    "td": {"align", "colspan", "rowspan"},
}
_IMAGE_STYLES = frozenset({"width", "max-width", "height"})
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f-\x9f]")
CSS_LENGTH = r"(?:0|[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:px|em|rem|%|vw|vh|vmin|vmax|pt|cm|mm|ch|ex))"
_IMAGE_STYLE = re.compile(rf"\s*(width|max-width|height)\s*:\s*({CSS_LENGTH}|auto)\s*", re.I)


def sanitise(fragment: str, resolve: Callable[[str], str] | None = None) -> str:
    """`fragment` with only allowlisted tags and attributes. `resolve` maps an image's ``src``
    (a deck's ``img/x.jpg`` to the uploaded file's URL) before its URL is checked."""
    resolve = resolve or _unchanged

    def attribute_filter(tag: str, attribute: str, value: str) -> str | None:
        return _filter_attribute(tag, attribute, value, resolve)

    return nh3.clean(
        fragment,
        tags=set(_ALLOWED_TAGS),
        clean_content_tags=set(_DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in _ALLOWED_ATTRIBUTES.items()},
        attribute_filter=attribute_filter,
        url_schemes=set(URL_SCHEMES),
        filter_style_properties=set(_IMAGE_STYLES),
        strip_comments=True,
        link_rel="noopener noreferrer",
    )


def _filter_attribute(
    tag: str, attribute: str, value: str, resolve: Callable[[str], str]
) -> str | None:
    """Per-attribute checks nh3 cannot express. nh3 does not re-check what this returns."""
    if attribute == "class":
        return " ".join(c for c in value.split() if CLASS_NAME.fullmatch(c)) or None
    if attribute in ("href", "src"):
        url = resolve(value) if (tag, attribute) == ("img", "src") else value
        return url if url_is_safe(url, URL_SCHEMES) else None
    if attribute == "style":
        declarations = [_IMAGE_STYLE.fullmatch(d) for d in value.split(";") if d.strip()]
        kept = [f"{m.group(1).lower()}: {m.group(2)}" for m in declarations if m]
        return "; ".join(kept) or None
    if attribute in ("start", "colspan", "rowspan", "width", "height"):
        return value if value.isdigit() and len(value) < 6 else None
    if attribute == "align":
        return value if value in ("left", "center", "right") else None
    if attribute == "dir":
        return value if value in ("ltr", "rtl", "auto") else None
    return value


def url_is_safe(url: str, schemes: frozenset[str]) -> bool:
    """True for relative URLs and for `schemes`, after decoding entities (repeatedly, so
    ``&amp;#106;`` cannot hide a ``j``) and dropping whitespace and control characters."""
    for _ in range(5):
        decoded = html.unescape(url)
        if decoded == url:
            break
        url = decoded
    scheme = _SCHEME.match(_URL_IGNORED.sub("", url).lower())
    return scheme is None or scheme.group(1) in schemes


def _unchanged(url: str) -> str:
    return url
