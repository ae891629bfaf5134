"""HTML markup for Chinese text: ``lang`` runs and dictionary links (pinyin ruby: :mod:`.ruby`)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from html.parser import HTMLParser
from urllib.parse import quote

from glossary.chinese.han import HAN_CHAR_RE, MARK_RUN_RE, han_script, is_han

# ------------------------------------------------------------------------- dictionaries

_PURPLE_CULTURE = "https://www.purpleculture.net/dictionary-details/?word="
_HANZIYUAN = "https://hanziyuan.net/#"
_CUHK = "https://humanum.arts.cuhk.edu.hk/Lexis/lexi-mf/search.php?word="


def dictionary_links(hanzi: str) -> list[tuple[str, str]]:
    """``[(label, url)]``: Purple Culture for the whole word, Hanziyuan (etymology) and the
    CUHK character database for each distinct character (labelled with the character when
    the word has several)."""
    word = hanzi.strip()
    characters = list(dict.fromkeys(ch for ch in word if is_han(ch)))

    def label(name: str, ch: str) -> str:
        return name if len(characters) == 1 else f"{name} {ch}"

    return [
        ("Purple Culture", _PURPLE_CULTURE + quote(word)),
        *((label("Hanziyuan", ch), _HANZIYUAN + quote(ch)) for ch in characters),
        *((label("CUHK", ch), _CUHK + quote(ch)) for ch in characters),
    ]


# ------------------------------------------------------------------------- HTML rewrite

_VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)
_RAW_TEXT_ELEMENTS = frozenset({"script", "style"})
_CODE_ELEMENTS = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea"})
_HAN_LANGUAGES = ("zh", "ja", "ko")


class _TextRewriter(HTMLParser):
    """Copies an HTML fragment, passing each text node outside shielded elements to
    ``transform`` (plain text in, HTML out).  Tags, attributes and comments are copied
    as written, so only text nodes can change."""

    def __init__(
        self,
        transform: Callable[[str], str],
        shields: Callable[[str, list[tuple[str, str | None]]], bool],
    ) -> None:
        super().__init__(convert_charrefs=True)
        self._transform = transform
        self._shields = shields
        self._open: list[tuple[str, bool]] = []  # (tag, shielded)
        self._out: list[str] = []

    def rewrite(self, fragment: str) -> str:
        self.feed(fragment)
        self.close()
        return "".join(self._out)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._out.append(self.get_starttag_text() or "")
        if tag not in _VOID_ELEMENTS:
            self._open.append((tag, self._shielded() or self._shields(tag, attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        self._out.append(f"</{tag}>")
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                break

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1][0] in _RAW_TEXT_ELEMENTS:
            self._out.append(data)  # script/style content is raw text, never escaped
        elif self._shielded():
            self._out.append(html.escape(data, quote=False))
        else:
            self._out.append(self._transform(data))

    def handle_comment(self, data: str) -> None:
        self._out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self._out.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self._out.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self._out.append(f"<![{data}]>")

    def _shielded(self) -> bool:
        return bool(self._open) and self._open[-1][1]


def _wrap_matches(text: str, pattern: re.Pattern[str], wrap: Callable[[str], str]) -> str:
    """Escape ``text`` as HTML, replacing each match of ``pattern`` by ``wrap(match)``."""
    out: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        out += [html.escape(text[last : match.start()], quote=False), wrap(match.group())]
        last = match.end()
    out.append(html.escape(text[last:], quote=False))
    return "".join(out)


def _has_han_lang(attrs: list[tuple[str, str | None]]) -> bool:
    lang = (dict(attrs).get("lang") or "").strip().lower()
    return lang.startswith(_HAN_LANGUAGES)


def mark_chinese(html_fragment: str) -> str:
    """Wrap each run of Han characters in text nodes in ``<span lang="zh-Hans|zh-Hant">``.

    Attributes, code-like elements and elements already carrying a zh/ja/ko ``lang`` are
    left alone.  Runs without script evidence take the script of the whole fragment.
    """
    fragment_script = han_script(html_fragment)

    def wrap(run: str) -> str:
        if not HAN_CHAR_RE.search(run):
            return html.escape(run, quote=False)
        script = han_script(run, default=fragment_script)
        return f'<span lang="{script}">{html.escape(run, quote=False)}</span>'

    return _TextRewriter(
        lambda text: _wrap_matches(text, MARK_RUN_RE, wrap),
        lambda tag, attrs: tag in _CODE_ELEMENTS or _has_han_lang(attrs),
    ).rewrite(html_fragment)
