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
_PROPERTY_COMMENT = re.compile(r"<!--\s*([-\w]+):([^$\n]*?)\s*-->", re.ASCII)
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.S)


def extract_properties(lead: str) -> tuple[dict[str, str], str, list[int]]:
    """remark's extractProperties (R-PROPERTIES): the properties, the rest of `lead`, and each
    property's offset in `lead` (for line numbers).

    Lines at the top are consumed by moving `top` rather than by cutting the string, and the
    leading newlines of a comment are found backwards, to keep this linear."""
    properties: dict[str, str] = {}
    offsets: dict[str, int] = {}
    cuts: list[tuple[int, int]] = []  # comments cut out of `lead`: (original offset, length)

    def original(index: int) -> int:
        for cut_at, length in cuts:
            if cut_at > index:
                break
            index += length
        return index

    top = search_from = 0
    while True:
        if match := _PROPERTY_LINE.match(lead, top):
            offset = original(match.start(1))
            top = match.end()
        elif match := _PROPERTY_COMMENT.search(lead, max(top, search_from)):
            offset = original(match.start(1))
            start = match.start()
            while start > top and lead[start - 1] == "\n":
                start -= 1
            cut = (original(start), match.end() - start)
            cuts.insert(bisect.bisect(cuts, cut), cut)
            lead = lead[:start] + lead[match.end() :]
            search_from = start
        else:
            return properties, lead[top:], [offsets[key] for key in properties]
        key = match.group(1)
        properties.pop(key, None)  # a repeated key takes the later value and position
        properties[key] = match.group(2).strip()
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
    match = _CSS_URL.fullmatch(value.strip())
    return match.group(2).strip() if match else None
