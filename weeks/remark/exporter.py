"""Slides back to remark markdown: ``parse_deck(export_deck(s))`` gives ``s``."""

import re

from weeks.remark.slides import SourceSlide


def export_deck(slides: list[SourceSlide], metadata: dict | None = None) -> str:
    """Write slides (and front matter) back as remark markdown."""
    parts = []
    if metadata:
        front = "".join(f"{key}: {value}\n" for key, value in metadata.items())
        parts.append(f"---\n{front}---\n")
    for i, slide in enumerate(slides):
        if i:
            parts.append("\n--\n" if slide.is_step else "\n---\n")
        parts.append(_slide_source(slide))
    return "".join(parts)


def _slide_source(slide: SourceSlide) -> str:
    lines = []
    if slide.name:
        lines.append(f"name: {slide.name}")
    if slide.classes:
        lines.append(f"class: {', '.join(slide.classes)}")
    if slide.background_image:
        url = slide.background_image
        if re.search(r"[\s()'\"]", url):
            url = '"' + url + '"' if '"' not in url else "'" + url + "'"
        lines.append(f"background-image: url({url})")
    if not slide.counted:
        lines.append("count: false")
    if slide.layout is not None:
        lines.append(f"layout: {'true' if slide.layout else 'false'}")
    if slide.template:
        lines.append(f"template: {slide.template}")
    if slide.excluded:
        lines.append("exclude: true")
    lines.extend(f"{key}: {value}" for key, value in slide.extra)
    source = "\n".join(lines + [slide.content]) if lines else slide.content
    if slide.notes:
        source += "\n???\n" + slide.notes
    return source
