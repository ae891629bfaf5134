"""Slide backgrounds (R-BACKGROUND): CSS built only from values that fit a small grammar."""

import re
from collections.abc import Callable

from core.sanitise import CSS_LENGTH, url_is_safe
from weeks.remark.lexer import CONTROL_CHARS

_COLOUR = re.compile(
    r"#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})"
    r"|(?:rgb|rgba|hsl|hsla)\(\s*[\d.]+%?(?:(?:\s*[,/]\s*|\s+)[\d.]+%?){2,3}\s*\)"
    r"|[a-z]{3,30}",
    re.I,
)
_POSITION_KEYWORDS = frozenset({"left", "right", "top", "bottom", "center"})
_REPEAT_KEYWORDS = frozenset({"repeat", "no-repeat", "repeat-x", "repeat-y", "space", "round"})
_LENGTH = re.compile(CSS_LENGTH, re.I)


def _size_ok(tokens: list[str]) -> bool:
    if len(tokens) == 1 and tokens[0].lower() in ("cover", "contain"):
        return True
    return 1 <= len(tokens) <= 2 and all(
        t.lower() == "auto" or _LENGTH.fullmatch(t) for t in tokens
    )


def _position_ok(tokens: list[str]) -> bool:
    return 1 <= len(tokens) <= 4 and all(
        t.lower() in _POSITION_KEYWORDS or _LENGTH.fullmatch(t) for t in tokens
    )


def _repeat_ok(tokens: list[str]) -> bool:
    return 1 <= len(tokens) <= 2 and all(t.lower() in _REPEAT_KEYWORDS for t in tokens)


_BACKGROUND_GRAMMAR: dict[str, Callable[[list[str]], bool]] = {
    "background-size": _size_ok,
    "background-position": _position_ok,
    "background-repeat": _repeat_ok,
}
BACKGROUND_PROPERTIES = (*_BACKGROUND_GRAMMAR, "background-color")


def background_value(key: str, value: str) -> str | None:
    """`value` normalised if it fits the small grammar for `key`, else None."""
    if len(value) > 100:
        return None
    if key == "background-color":
        value = value.strip()
        return value if _COLOUR.fullmatch(value) else None
    tokens = value.split()
    return " ".join(tokens) if _BACKGROUND_GRAMMAR[key](tokens) else None


def background_url_ok(url: str) -> bool:
    """http(s) or relative, and no control characters (the rest is escaped by _css_escape)."""
    return not CONTROL_CHARS.search(url) and url_is_safe(url, frozenset({"http", "https"}))


def background_css(image: str, properties: dict[str, str], resolve: Callable[[str], str]) -> str:
    """CSS declarations for the slide background, built only from validated parts."""
    declarations = []
    url = image and resolve(image).strip()
    if url and background_url_ok(url):
        declarations.append(f'background-image: url("{_css_escape(url)}")')
    for key in BACKGROUND_PROPERTIES:
        value = properties.get(key)
        if value is not None and (valid := background_value(key, value)):
            declarations.append(f"{key}: {valid}")
    return "; ".join(declarations)


_CSS_SAFE_PUNCTUATION = frozenset("-._~:/?#[]@!$*+,=%")


def _css_escape(value: str) -> str:
    """Escape for a double-quoted CSS string: anything but letters, digits (any script) and
    harmless URL punctuation becomes ``\\hex `` — so no quote, paren, ; or & gets through."""
    return "".join(
        c if c.isalnum() or c in _CSS_SAFE_PUNCTUATION else f"\\{ord(c):x} " for c in value
    )
