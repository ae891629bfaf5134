"""Stroke-order data for hanzi-writer, read from the hanzi-writer-data npm package.

The package (about 9,500 JSON files, one per character) stays in node_modules; only the
characters a course uses are copied into the database, so nothing of it is served as a
static file and nothing is fetched at run time. Without the package (no npm on the
machine) the data is simply missing and pages show the still glyph.
"""

import json
import os
from pathlib import Path

from glossary.chinese import is_han

# The project's node_modules by default; HANZI_WRITER_DATA names the package's folder elsewhere,
# e.g. for an installed (non-editable) project, which has no node_modules beside it.
DATA_DIR = Path(
    os.environ.get("HANZI_WRITER_DATA")
    or Path(__file__).resolve().parent.parent / "node_modules" / "hanzi-writer-data"
)
KEYS = ("strokes", "medians", "radStrokes")


def read_character(character):
    """hanzi-writer's data for one Han character, or None when the package lacks it."""
    if not is_han(character):  # also keeps the file name to one ideograph: no path tricks
        return None
    try:
        data = json.loads((DATA_DIR / f"{character}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("strokes"), list):
        return None
    return {key: data[key] for key in KEYS if key in data}


def stroke_data(hanzi, known=None):
    """``{character: data}`` for each Han character of ``hanzi``.

    A character the package does not answer for keeps its ``known`` data, so saving on a
    machine without npm never erases what an earlier save stored.
    """
    known = known or {}
    found = {}
    for character in dict.fromkeys(hanzi):
        data = read_character(character) or known.get(character)
        if data:
            found[character] = data
    return found
