"""Which slide each slide inherits from (R-TEMPLATE, R-LAYOUT, R-STEPS), what it inherits
(R-INHERIT), and what that may cost to render (R-BUDGET)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from weeks.remark.lexer import normalise
from weeks.remark.limits import MAX_EFFECTIVE_CHARS, MAX_RENDERED_CHARS, DeckError
from weeks.remark.slides import SourceSlide


@dataclass
class Effective:
    """A slide after inheriting from its template, layout or previous step (R-TEMPLATE,
    R-INHERIT)."""

    properties: dict[str, str]
    content: str
    classes: list[str]
    background_image: str


def template_sources(slides: list[SourceSlide]) -> list[int | None]:
    """For each slide, the position of the slide it inherits from, decided as remark's
    createSlides does (R-TEMPLATE): a step uses the previous visible slide, else ``template:`` an
    earlier named slide, else ``layout: false`` clears the layout, else the current layout.
    Excluded slides take no part (R-EXCLUDE)."""
    templates: list[int | None] = []
    visible: list[int] = []
    by_name: dict[str, int] = {}
    layout = None
    included = 0  # remark's `i`, counted after excluded slides are dropped
    for position, slide in enumerate(slides):
        template = None
        if slide.excluded:
            templates.append(None)
            continue
        if slide.is_step and included:
            template = visible[-1] if visible else None
        elif slide.template in by_name:
            template = by_name[slide.template]
        elif slide.layout is False:
            layout = None
        elif layout is not None and slide.layout is not True:
            template = layout
        included += 1
        if slide.name:
            by_name[slide.name] = position
        if slide.layout is True:
            layout = position
        else:
            visible.append(position)
        templates.append(template)
    return templates


def check_render_budget(slides: list[SourceSlide], templates: list[int | None]) -> None:
    """Steps repeat the steps before them, so rendering can cost far more than the deck's size:
    cap each slide's inherited content and the deck's total (R-BUDGET)."""
    lengths: list[int] = []
    total = 0
    for position, (slide, template) in enumerate(zip(slides, templates, strict=True)):
        inherited = 0 if template is None else lengths[template] + 1
        lengths.append(len(slide.content) + inherited)
        total += lengths[-1] + len(slide.notes)
        if lengths[-1] > MAX_EFFECTIVE_CHARS or total > MAX_RENDERED_CHARS:
            raise DeckError(
                "with its layout, template and earlier steps this slide makes the deck too long "
                f"to render (at most {MAX_EFFECTIVE_CHARS:,} characters a slide and "
                f"{MAX_RENDERED_CHARS:,} in all); use fewer -- steps or split the deck",
                slide=position + 1,
                line=slide.line,
            )


def _own_properties(slide: SourceSlide) -> dict[str, str]:
    """The slide's properties as remark holds them: strings, for inheritance and {{ vars }}."""
    properties = {"continued": "true" if slide.is_step else "false"}
    if slide.name:
        properties["name"] = slide.name
    if slide.classes:
        properties["class"] = ", ".join(slide.classes)
    if slide.background_image:
        properties["background-image"] = f"url({slide.background_image})"
    if not slide.counted:
        properties["count"] = "false"
    if slide.layout is not None:
        properties["layout"] = "true" if slide.layout else "false"
    if slide.template:
        properties["template"] = slide.template
    properties.update(slide.extra)
    return properties


_CONTENT_VARIABLE = re.compile(r"(?<!\\)\{\{\s*content\s*\}\}")


def inherit(slide: SourceSlide, template: Effective | None) -> Effective:
    """remark's Slide.inherit: properties fill in, class merges "template, own", content is
    template + own or goes into {{content}}; name, layout and count are never inherited."""
    properties = _own_properties(slide)
    content = normalise(slide.content)
    if template is None:
        return Effective(properties, content, list(slide.classes), slide.background_image)
    for key, value in template.properties.items():
        if key not in ("name", "layout", "count", "class", "continued"):
            properties.setdefault(key, value)
    classes = list(dict.fromkeys(template.classes + slide.classes))
    if classes:
        properties["class"] = ", ".join(classes)
    if _CONTENT_VARIABLE.search(template.content):
        content = _CONTENT_VARIABLE.sub(lambda _: content, template.content)
    elif template.content and content:
        content = template.content + "\n" + content
    else:
        content = template.content + content
    background = slide.background_image or template.background_image
    return Effective(properties, content, classes, background)
