"""Slide properties (R-PROPERTIES): ``key: value`` lines and ``<!-- key: value -->`` comments
at the top of a slide, stored on the :class:`SourceSlide` fields that can hold them."""

import bisect
import re
from collections.abc import Callable

from core.sanitise import CLASS_NAME
from weeks.remark.backgrounds import BACKGROUND_PROPERTIES, background_url_ok, background_value
from weeks.remark.slides import SourceSlide

KNOWN_PROPERTIES = frozenset(
    {"name", "class", "layout", "template", "count", "exclude", "continued"}
)
_PROPERTY_LINE = re.compile(r"\n*([-\w]+):([^$\n]*)", re.ASCII)
_COMMENT_HEAD = re.compile(r"<!--\s*+([-\w]++):", re.ASCII)
_SPACE = " \t\n\r\f\v"  # \s in an ASCII pattern


class _Comments:
    """remark's ``<!--\\s*([-\\w]+):([^$\\n]*?)\\s*-->`` without its lazy rescans: the
    value ends at the first ``-->`` after the colon, so one forward pointer per marker finds
    every candidate's end; a search that fails leaves the pointers where later ones resume."""

    def __init__(self, text: str):
        self.text = text
        self._next: dict[str, int] = {}
        self._space_close = self._space_start = -1

    def _find(self, needle: str, at: int) -> int:
        found = self._next.get(needle, -1)
        if found != len(self.text) and found < at:
            found = self.text.find(needle, at)
            found = self._next[needle] = len(self.text) if found < 0 else found
        return found

    def _space_before(self, close: int) -> int:
        """Where the whitespace right before the ``-->`` at `close` starts (walked once)."""
        if self._space_close != close:
            start = close
            while start > 0 and self.text[start - 1] in _SPACE:
                start -= 1
            self._space_close, self._space_start = close, start
        return self._space_start

    def search(self, pos: int) -> tuple[int, int, int, str, str] | None:
        """(start, key offset, end, key, value) of the first property comment from `pos`."""
        text = self.text
        for head in _COMMENT_HEAD.finditer(text, pos):
            colon_end = head.end()
            close = self._find("-->", colon_end)
            if close == len(text):
                return None
            stop = min(self._find("\n", colon_end), self._find("$", colon_end))
            value_end = max(colon_end, self._space_before(close))
            if value_end <= stop:
                value = text[colon_end:value_end]
                return head.start(), head.start(1), close + 3, head.group(1), value
        return None


_CSS_QUOTES = "'\""


def extract_properties(lead: str) -> tuple[dict[str, str], str, list[int]]:
    """remark's extractProperties (R-PROPERTIES): the properties, the rest of `lead`, and each
    property's offset in `lead` (for line numbers).

    Lines at the top are consumed by moving `top` rather than by cutting the string, the
    leading newlines of a comment are found backwards, and comments are found by forward
    pointers (:class:`_Comments`), to keep this linear."""
    properties: dict[str, str] = {}
    offsets: dict[str, int] = {}
    cut_at: list[int] = []  # where each cut comment was, in `lead` as it was cut (ascending)
    cut_total: list[int] = [0]  # characters cut before each of those places

    def original(index: int) -> int:
        return index + cut_total[bisect.bisect_right(cut_at, index)]

    top = search_from = 0
    comments = _Comments(lead)
    while True:
        if match := _PROPERTY_LINE.match(lead, top):
            key, value, offset = match.group(1), match.group(2), original(match.start(1))
            top = match.end()
        elif found := comments.search(max(top, search_from)):
            start, key_start, end, key, value = found
            offset = original(key_start)
            while start > top and lead[start - 1] == "\n":
                start -= 1
            cut_at.append(start)
            cut_total.append(cut_total[-1] + end - start)
            lead = lead[:start] + lead[end:]
            comments = _Comments(lead)
            search_from = start
        else:
            return properties, lead[top:], [offsets[key] for key in properties]
        properties.pop(key, None)  # a repeated key takes the later value and position
        properties[key] = value.strip()
        offsets[key] = offset


def set_property(
    slide: SourceSlide,
    key: str,
    value: str,
    variables: set[str],
    source_line: str,
    warn: Callable[[str], None],
) -> None:
    """Store one property on its field; values the fields cannot hold stay in `extra`."""
    if key == "name":
        slide.name = value
    elif key == "class":
        tokens = [t for t in re.split(r"[, ]", value) if t]
        slide.classes = [t for t in tokens if CLASS_NAME.fullmatch(t)]
        for bad in (t for t in tokens if not CLASS_NAME.fullmatch(t)):
            warn(f"class {bad!r} is not a valid class name and was dropped")
    elif key == "background-image" and (url := _css_url(value)) is not None:
        slide.background_image = url
        if not background_url_ok(url):
            warn(f"background-image {value!r} is not an http(s) or relative URL and is ignored")
    elif key == "count" and value == "false":
        slide.counted = False
    elif key == "layout" and value in ("true", "false"):
        slide.layout = value == "true"
    elif key == "template":
        slide.template = value
    elif key == "exclude" and value.lower() == "true":
        slide.excluded = True
    else:
        slide.extra.append((key, value))
        _check_extra_property(key, value, variables, source_line, warn)


def _check_extra_property(
    key: str, value: str, variables: set[str], source_line: str, warn: Callable[[str], None]
) -> None:
    if key == "background-image":
        warn(f"background-image {value!r} is not a url(…) and is ignored")
    elif key in BACKGROUND_PROPERTIES:
        if background_value(key, value) is None:
            warn(f"{key} {value!r} is not supported and is ignored")
    elif key == "layout":
        warn(f"layout: {value} has no effect; remark only knows layout: true and layout: false")
    elif not (
        key in KNOWN_PROPERTIES or key.startswith(("background-", "highlight-")) or key in variables
    ):
        warn(
            f"{source_line!r} was read as a slide property (remark does this); indent it or "
            "escape it if it is meant as text"
        )


def _css_url(value: str) -> str | None:
    """The URL inside ``url(…)``, bare or quoted; None when `value` is not a single url()."""
    value = value.strip()
    if not (value.startswith("url(") and value.endswith(")")):
        return None
    inner = value[4:-1].strip()
    if len(inner) >= 2 and inner[0] in _CSS_QUOTES and inner[-1] == inner[0]:
        inner = inner[1:-1]
    return inner.strip()
