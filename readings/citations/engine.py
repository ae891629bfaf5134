"""citeproc-py brought to the CSL 1.0.2 behaviours it leaves out, as citeproc-js (Zotero) has them.

Imported once by :mod:`readings.citations.formatting`; each change is one rule of the CSL
specification, checked against citeproc-js's output for the same items and styles
(``tests/readings/data/``):

* a variable rendered through ``cs:substitute`` is suppressed in the rest of the entry,
  also when the substitute is a macro or a ``cs:names`` (citeproc-py suppressed only a bare
  ``cs:text``), and a ``cs:names`` inside a ``cs:choose`` of the substitute takes the name
  options of the ``cs:names`` it stands for;
* ``initialize="false"`` keeps given names whole (only existing initials are normalised);
* a label's ``text-case`` applies in the style's default language;
* a page range is abbreviated only when both pages have as many digits (``1–20`` stays);
* (speed) a macro is looked up once per style rather than by XPath at every use;
* title case leaves citeproc-js's stop words (``next``, ``about``…) in lower case and
  capitalises each part of a hyphenated compound (``Five-Year``).
"""

from __future__ import annotations

import re

from citeproc import model
from citeproc.string import MixedString, String

from readings.citations.base import _wordset

_STOP_WORDS = _wordset(
    "a about above according across after against along alongside amid amidst among amongst"
    " an and around as aside astride at atop barring before behind below beneath beside"
    " besides between beyond but by circa de despite down during et except for from given in"
    " inside into lest like modulo near next nor notwithstanding of off on onto or out over"
    " per plus pro qua sans since so than the through throughout till to toward towards under"
    " underneath until unto up upon versus via von van with within without yet"
)
_INITIALS = re.compile(r"^(?:[^\W\d_](?:\.|(?=[\s-]|$))[\s-]*)+$")


def _record_variable(original):
    def _variable(self, item, context):
        text = original(self, item, context)
        recording = getattr(context.get_layout(), "substituted", None)
        if text and recording is not None:
            recording.append((self.tag, self.get("variable")))
        return text

    return _variable


def _names_process(original):
    def process(self, item, names_context=None, context=None, **kwargs):
        layout = (context if context is not None else self).get_layout()
        repressed = {name for entry in layout.repressed.get(self.tag, []) for name in entry.split()}
        variables = self.get("variable")
        shown = [variable for variable in variables.split() if variable not in repressed]
        if not shown:
            return None
        if names_context is None and self.name is None:
            names_context = getattr(layout, "substitute_names", None)
        self.set("variable", " ".join(shown))  # the suppressed ones left out of this rendering
        try:
            text = original(self, item, names_context=names_context, context=context, **kwargs)
        finally:
            self.set("variable", variables)
        recording = getattr(layout, "substituted", None)
        if text and recording is not None:
            recording.extend((self.tag, variable) for variable in shown)
        return text

    return process


def _substitute_render(self, item, context=None, **kwargs):
    layout = context.get_layout()
    parent = self.xpath_search("./parent::cs:names[1]")[0]
    for child in self.getchildren():
        layout.substituted, layout.substitute_names = [], parent
        try:
            if isinstance(child, model.Names) and child.name is None:
                text = child.render(item, names_context=parent, context=context, **kwargs)
            else:
                text = child.render(item, context=context, **kwargs)
        except model.VariableError:
            continue
        finally:
            rendered, layout.substituted = layout.substituted, None
            layout.substitute_names = None
        if text:
            self.add_to_repressed_list(child, context)
            for tag, variable in rendered:
                layout.repressed.setdefault(tag, []).append(variable)
            return text
    return None


def _initialize(original):
    def initialize(self, given, mark, context):
        whole = self.get("initialize", "true").lower() == "false"
        if whole and not _INITIALS.match(str(given)):
            return given
        return original(self, given, mark, context)

    return initialize


def _last_page(original):
    def format_last_page(self, first, last):
        if len(str(first)) != len(str(last)):
            return last
        return original(self, first, last)

    return format_last_page


_MACROS: dict[tuple[int, str], object] = {}


def _get_macro(self, name):
    root = self.get_root()
    key = (id(root), name)
    macro = _MACROS.get(key)
    if macro is None or macro.getroottree().getroot() is not root:
        macro = _MACROS[key] = root.xpath_search(f"cs:macro[@name='{name}'][1]")[0]
    return macro


def _label_case(self, text, language=None):
    return _case(self, text, language or "en")


def _title_word(word: str, first: bool) -> str:
    parts = word.split("-")
    cased = []
    for index, part in enumerate(parts):
        bare = part.strip("“‘\"'([")
        if part.islower() and (first and index == 0 or bare.casefold() not in _STOP_WORDS):
            lead = len(part) - len(part.lstrip("“‘\"'(["))
            part = part[:lead] + part[lead : lead + 1].upper() + part[lead + 1 :]
        cased.append(part)
    return "-".join(cased)


def _title_case(text: str) -> str:
    words, previous = [], ":"
    for word in text.split(" "):
        words.append(_title_word(word, previous.endswith((":", ".", "?", "!"))))
        previous = word or previous
    return " ".join(words)


def _case(self, text, language=None):
    segments = list(text) if isinstance(text, MixedString) else [text]
    plain = all(type(segment) is String for segment in segments)
    if self.get("text-case") != "title" or language != "en" or not plain:
        return _original_case(self, text, language)
    return String(_title_case("".join(map(str, segments))))


_original_case = model.TextCased.case
model.Text._variable = _record_variable(model.Text._variable)
model.Names.process = _names_process(model.Names.process)
model.Substitute.render = _substitute_render
model.Name.initialize = _initialize(model.Name.initialize)
model.Label.case = _label_case
model.FormatNumber._format_last_page = _last_page(model.FormatNumber._format_last_page)
model.CitationStylesElement.get_macro = _get_macro
model.TextCased.case = _case
