"""Source slides to sanitised HTML: inheritance, numbering, variables, content classes, macros.

Markdown goes through core.markdown's converter and every HTML string through core.sanitise.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from core.markdown import EMPTY_PARAGRAPH, PLACEHOLDER, defuse, markdown_to_html
from core.sanitise import CLASS_NAME, sanitise
from weeks.remark.backgrounds import background_css
from weeks.remark.lexer import (
    VARIABLE,
    Code,
    ContentClass,
    Fence,
    Lexer,
    Macro,
    TreeState,
    build_tree,
    normalise,
)
from weeks.remark.limits import (
    MAX_EFFECTIVE_CHARS,
    MAX_HTML_CHARS,
    MAX_SLIDE_HTML_CHARS,
    DeckError,
)
from weeks.remark.macros import macro_html
from weeks.remark.slides import RenderedSlide, SourceSlide
from weeks.remark.templates import Effective, effective_slides, template_sources


def render_deck(
    slides: list[SourceSlide], *, resolve_image: Callable[[str], str] | None = None
) -> list[RenderedSlide]:
    """Render every source slide, in order, with remark's inheritance and numbering."""
    resolve = resolve_image or _identity
    effective = effective_slides(slides, template_sources(slides))
    defs = _collect_link_definitions(slides)
    rendered: list[RenderedSlide] = []
    index = number = html_total = 0
    for slide, inherited in zip(slides, effective, strict=True):
        visible = not slide.excluded and slide.layout is not True
        result = _render(slide, inherited, defs, resolve, visible=visible)
        html_total += len(result.html) + len(result.notes_html)
        if len(result.html) + len(result.notes_html) > MAX_SLIDE_HTML_CHARS:
            raise DeckError(
                f"the slide renders to more than {MAX_SLIDE_HTML_CHARS:,} characters of HTML; "
                "shorten it or split it",
                slide=len(rendered) + 1,
                line=slide.line,
            )
        if html_total > MAX_HTML_CHARS:
            raise DeckError(
                f"the deck renders to more than {MAX_HTML_CHARS:,} characters of HTML by this "
                "slide; split it into several weeks",
                slide=len(rendered) + 1,
                line=slide.line,
            )
        if visible:
            index += 1
            number += slide.counted
            result.index, result.number = index, max(1, number)
        rendered.append(result)
    return rendered


def render_markdown(text: str) -> str:
    """Sanitised HTML of a Markdown fragment, with content classes and macros (no variables)."""
    text = normalise(text)
    if len(text) > MAX_EFFECTIVE_CHARS:
        raise DeckError(
            f"the text is longer than {MAX_EFFECTIVE_CHARS:,} characters", slide=1, line=1
        )
    return _render_fragment(text, None, {}, _identity)


def _identity(url: str) -> str:
    return url


def _collect_link_definitions(slides: list[SourceSlide]) -> dict[str, tuple[str, str | None]]:
    """Reference-link definitions from every slide, usable on every slide (R-LINK-DEFINITIONS)."""
    state = TreeState()
    for slide in slides:
        if not slide.excluded:
            for text in (slide.content, slide.notes):
                text = normalise(text)
                build_tree(Lexer(text), 0, len(text), 0, state)
    return state.defs


def _render(
    slide: SourceSlide,
    effective: Effective,
    defs: dict[str, tuple[str, str | None]],
    resolve: Callable[[str], str],
    *,
    visible: bool,
) -> RenderedSlide:
    # Notes are the slide's own only: remark's develop branch behaviour (R-NOTES), so a step's
    # notes do not repeat the notes of the steps before it.
    classes = [c for c in effective.classes if CLASS_NAME.fullmatch(c)]
    if slide.is_step:
        classes.append("remark-slide-incremental")
    return RenderedSlide(
        visible=visible,
        index=None,
        number=None,
        name=slide.name,
        classes=classes,
        background_css=background_css(effective.background_image, effective.properties, resolve),
        html=_render_fragment(effective.content, effective.properties, defs, resolve),
        notes_html=_render_fragment(normalise(slide.notes), None, defs, resolve),
        background_image=effective.background_image,
    )


def _render_fragment(
    text: str,
    properties: dict[str, str] | None,
    defs: dict[str, tuple[str, str | None]],
    resolve: Callable[[str], str],
) -> str:
    """Sanitised HTML of one slide body or notes; `properties` None leaves {{ }} alone."""
    state = TreeState()
    tree = build_tree(Lexer(text), 0, len(text), 0, state)
    all_defs = {**state.defs, **defs}
    clean = sanitise(_tree_html(tree, properties, all_defs, inline=False), resolve)
    return EMPTY_PARAGRAPH.sub("", clean).strip()


_BLOCK_PLACEHOLDER = re.compile("<p>\\s*\x1a(\\d+)\x1a\\s*</p>")
_SINGLE_PARAGRAPH = re.compile(r"<p>((?:(?!</?p>).)*)</p>", re.S)


def _tree_html(
    nodes: list,
    properties: dict[str, str] | None,
    defs: dict[str, tuple[str, str | None]],
    *,
    inline: bool,
) -> str:
    """remark's Converter: render each content class on its own, then its parent around it,
    with the finished HTML held in placeholders so Markdown cannot touch it (R-CLASS-INSIDE)."""
    pieces: list[tuple[str, bool]] = []  # (markdown, is code)
    stash: list[tuple[str, bool]] = []  # (HTML, is a block that must not stay inside <p>)

    def hold(fragment: str, block: bool = False) -> str:
        stash.append((fragment, block))
        return f"\x1a{len(stash) - 1}\x1a"

    def unwrap_block(match: re.Match) -> str:
        fragment, block = stash[int(match.group(1))]
        return fragment if block else f"<p>{fragment}</p>"

    for node in nodes:
        if isinstance(node, ContentClass):
            tag = "div" if node.block else "span"
            inner = _tree_html(node.children, properties, defs, inline=not node.block)
            held = hold(f'<{tag} class="{" ".join(node.classes)}">{inner}</{tag}>', node.block)
            if node.block and (not pieces or pieces[-1][0].endswith("\n")):
                held = f"\n\n{held}\n\n"  # a <div> starting a line is an HTML block for marked
            pieces.append((held, False))
        elif isinstance(node, Macro):
            pieces.append((hold(macro_html(node) or html.escape(node.raw)), False))
        elif isinstance(node, Fence):
            code = _expand_variables(node.code, properties) if properties is not None else node.code
            pieces.append((f"\n\n{hold(_fence_html(node.language, code), True)}\n\n", True))
        else:
            text = _expand_variables(node, properties) if properties is not None else node
            pieces.append((text, isinstance(node, Code)))
    source = defuse(pieces, hold).lstrip()
    result = markdown_to_html(source, defs)
    if inline and (single := _SINGLE_PARAGRAPH.fullmatch(result.strip())):
        result = single.group(1)
    result = _BLOCK_PLACEHOLDER.sub(unwrap_block, result)
    result = PLACEHOLDER.sub(lambda m: stash[int(m.group(1))][0], result)
    return EMPTY_PARAGRAPH.sub("", result)


def _fence_html(language: str, code: str) -> str:
    """Fenced code as marked renders it; the language becomes a ``language-…`` class (R-FENCE)."""
    css_class = f' class="language-{language}"' if CLASS_NAME.fullmatch(language) else ""
    return f"<pre><code{css_class}>{html.escape(code, quote=False)}\n</code></pre>"


def _expand_variables(text: str, properties: dict[str, str]) -> str:
    """{{ key }} becomes the property's value; unknown keys stay, \\{{ key }} escapes
    (R-VARIABLES)."""

    def expand(match: re.Match) -> str:
        if match.group(1):
            return match.group(2)
        key = match.group(3).strip()
        if key in properties:
            return normalise(properties[key])
        return "" if key == "content" else match.group(2)

    return VARIABLE.sub(expand, text)
