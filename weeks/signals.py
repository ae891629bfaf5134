from django.dispatch import Signal

# Sent after a deck replaced a week's slides, with `week` and the saved `slides` (in order),
# so other apps can collect what the deck holds (glossary terms, readings, the character).
deck_imported = Signal()
