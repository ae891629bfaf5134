"""Write week-7.csl.json: the Week 7 deck's references as this site's CSL-JSON items.

Run from the repository root: python -m tests.readings.data.dump_week_7
"""

import json
from pathlib import Path

from readings.citations import extract_references
from readings.citations.csl import to_csl_item
from tests.readings.citations.samples import week_7_slides

OUT = Path(__file__).parent / "week-7.csl.json"


def week_7_items():
    refs = [ref for slide in week_7_slides() for ref in extract_references(slide)]
    return [to_csl_item(ref, f"week7-{number:02d}") for number, ref in enumerate(refs, 1)]


if __name__ == "__main__":
    OUT.write_text(json.dumps(week_7_items(), ensure_ascii=False, indent=2) + "\n", "utf-8")
