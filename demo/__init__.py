"""The demo course (Chinese Cities, Week 7) and the instructor's deck it is built from."""

from pathlib import Path

DECK_PATH = Path(__file__).parent / "decks" / "week-07-planning-for-innovation.md"
