"""Deck preview and import at scale: CPU seconds for 49 slides, 400 slides and the largest deck.

It migrates a fresh temporary SQLite database, loads nothing but a course and a week, and
builds its decks from the Week 7 deck in demo/decks: the deck itself (49 slides), its slides
repeated to 400, and repeated until the caps of weeks.remark.limits refuse one more (the
largest deck an instructor can import). For each it measures, in CPU seconds of this process
after Django has started (time.process_time, so a loaded machine does not inflate them):

- preview: what the deck editor's preview does on each pause (parse, render, the slide under
  the cursor, warnings, images, program), nothing saved;
- import: ``save_deck`` into the empty week up to its commit (parse and render before the
  write transaction, then the slides and the revision in it);
- extraction: the glossary, readings and search work that runs after that commit;
- re-import: a new revision of the same deck over the week's slides, everything included.

    python bench/deck_import.py [--repeat 3]

Each figure is the best of --repeat runs. It exits 1 if importing 400 slides costs 1 s or more,
or any step of the largest deck 2 s or more.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRET_KEY = "deck-benchmark-only-secret-key-0123456789-abcdefghijklmnop"  # noqa: S105 (throwaway)
MAX_400_IMPORT, MAX_LARGEST = 1.0, 2.0


def setup_django(database_url):
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        SECRET_KEY=SECRET_KEY,
        DEBUG="0",
        DATABASE_URL=database_url,
        LOG_LEVEL="ERROR",
    )
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def build_decks():
    """The Week 7 deck, its slides repeated to 400, and to the largest the caps allow."""
    from demo import DECK_PATH
    from weeks.remark import MAX_SLIDES, DeckError, export_deck, parse_deck

    week_7 = DECK_PATH.read_text(encoding="utf-8")
    slides = parse_deck(week_7).slides

    def repeated(count):
        return export_deck([slides[i % len(slides)] for i in range(count)])

    low, high = 400, MAX_SLIDES + 1  # the largest count that parses lies in [low, high)
    while high - low > 1:
        middle = (low + high) // 2
        try:
            parse_deck(repeated(middle))
        except DeckError:
            high = middle
        else:
            low = middle
    return {"Week 7": week_7, "400 slides": repeated(400), "largest": repeated(low)}


class CommitClock:
    """Notes the CPU time when the outermost transaction commits, before other callbacks."""

    def __init__(self, connection):
        self.connection = connection
        self.committed_at = None

    def __call__(self, execute, sql, params, many, context):
        if self.connection.in_atomic_block and self.committed_at is None:
            self.committed_at = 0.0
            self.connection.on_commit(self.commit)
        return execute(sql, params, many, context)

    def commit(self):
        self.committed_at = time.process_time()


def measure(week, text):
    """CPU seconds: preview, import transaction, extraction after it, re-import."""
    from django.db import connection

    from weeks.deck_admin import preview_data
    from weeks.revisions import save_deck

    started = time.process_time()
    preview_data(week, text, line=1)  # what the deck editor's preview does on each pause
    preview = time.process_time() - started

    week.slides.all().delete()
    week.deck_revisions.all().delete()
    clock = CommitClock(connection)
    with connection.execute_wrapper(clock):
        started = time.process_time()
        save_deck(week, text)
        finished = time.process_time()
    transaction, extraction = clock.committed_at - started, finished - clock.committed_at

    started = time.process_time()
    save_deck(week, text + "\n")  # a new revision over the same slides
    again = time.process_time() - started
    return preview, transaction, extraction, again


def run(repeat):
    from django.core.management import call_command

    from courses.models import Course
    from weeks.models import Week

    call_command("migrate", verbosity=0)
    course = Course.objects.create(title="Chinese Cities", slug="chinese-cities")
    week = Week.objects.create(
        course=course, number=7, title="Planning For Innovation", date="2026-03-12"
    )
    ok = True
    decks = build_decks()
    print(f"{'deck':12} {'slides':>6} {'chars':>9}  preview  import  extraction  re-import (CPU s)")
    # The first deck of a process also loads jieba's dictionary and the pinyin syllable table.
    print_row("cold start", week, decks["Week 7"], measure(week, decks["Week 7"]))
    for label, text in decks.items():
        runs = [measure(week, text) for _ in range(repeat)]
        best = [min(column) for column in zip(*runs, strict=True)]
        print_row(label, week, text, best)
        preview, transaction, extraction, again = best
        if label == "400 slides":
            ok &= transaction + extraction < MAX_400_IMPORT and again < MAX_400_IMPORT
        if label == "largest":
            ok &= max(preview, transaction + extraction, again) < MAX_LARGEST
    return ok


def print_row(label, week, text, figures):
    preview, transaction, extraction, again = figures
    print(
        f"{label:12} {week.slides.count():>6} {len(text):>9}  {preview:7.2f} {transaction:7.2f} "
        f"{extraction:11.2f} {again:10.2f}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        setup_django(f"sqlite:///{directory}/bench.sqlite3")
        ok = run(args.repeat)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
