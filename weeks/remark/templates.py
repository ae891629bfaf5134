"""Which slide each slide inherits from (R-TEMPLATE, R-LAYOUT, R-STEPS), what it inherits
(R-INHERIT), and what that may cost to render (R-BUDGET)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from weeks.remark.lexer import VARIABLE, normalise
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


def effective_slides(slides: list[SourceSlide], templates: list[int | None]) -> list[Effective]:
    """Every slide after inheriting (R-INHERIT), refused before it is built when it would cost
    too much to render (R-BUDGET): steps repeat the steps before them and a ``{{content}}``
    used twice in a layout doubles the slide, so the deck's size says little. Each slide's
    content, with its {{ variables }} expanded, is capped, and so is the deck's total."""
    effective: list[Effective] = []
    total = 0
    for position, (slide, template) in enumerate(zip(slides, templates, strict=True)):
        parent = None if template is None else effective[template]
        length = _inherited_length(slide, parent)
        if length <= MAX_EFFECTIVE_CHARS:
            effective.append(inherit(slide, parent))
            length = expanded_length(effective[-1].content, effective[-1].properties)
        total += length + len(slide.notes)
        if length > MAX_EFFECTIVE_CHARS or total > MAX_RENDERED_CHARS:
            raise DeckError(
                "with its layout, template, earlier steps and {{ variables }} this slide makes "
                f"the deck too long to render (at most {MAX_EFFECTIVE_CHARS:,} characters a "
                f"slide and {MAX_RENDERED_CHARS:,} in all); use fewer -- steps, fewer "
                "{{content}} in the layout, or split the deck",
                slide=position + 1,
                line=slide.line,
            )
    return effective


def check_render_budget(slides: list[SourceSlide], templates: list[int | None]) -> None:
    """Raise DeckError if rendering `slides` would cost more than the caps allow (R-BUDGET)."""
    effective_slides(slides, templates)


def expanded_length(content: str, properties: dict[str, str]) -> int:
    """How long `content` becomes once its {{ variables }} are expanded (at most; R-VARIABLES)."""
    length = len(content)
    for match in VARIABLE.finditer(content):
        key = match.group(3).strip()
        if not match.group(1) and (key in properties or key == "content"):
            length += len(properties.get(key, "")) - len(match.group(2))
    return length


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


def _inherited_length(slide: SourceSlide, template: Effective | None) -> int:
    """len(inherit(slide, template).content), counted without building it."""
    own = len(slide.content)  # normalise() only shortens it
    if template is None:
        return own
    holes = [len(m.group()) for m in _CONTENT_VARIABLE.finditer(template.content)]
    if holes:
        return len(template.content) - sum(holes) + len(holes) * own
    return len(template.content) + own + (1 if template.content and own else 0)


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
