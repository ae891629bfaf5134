from types import SimpleNamespace

from assignments.diffs import changes, history

BEFORE = {"topic": "Shenzhen", "sources": ["A", "B"], "argument": "Makers changed the city."}


def test_unchanged_fields_are_not_listed():
    assert changes(BEFORE, dict(BEFORE)) == []


def test_a_changed_argument_shows_words_removed_and_added():
    after = {**BEFORE, "argument": "Makers remade the city."}
    [change] = changes(BEFORE, after)
    assert change.label == "Argument"
    assert ("delete", "changed") in change.pieces and ("insert", "remade") in change.pieces


def test_chinese_text_is_compared_character_by_character():
    [change] = changes({**BEFORE, "topic": "深圳创客"}, {**BEFORE, "topic": "深圳工厂"})
    assert change.pieces == [("equal", "深圳"), ("delete", "创客"), ("insert", "工厂")]


def test_sources_are_compared_line_by_line():
    [change] = changes(BEFORE, {**BEFORE, "sources": ["A", "C"]})
    assert change.by_line
    assert change.pieces == [("equal", "A"), ("delete", "B"), ("insert", "C")]


def test_history_lists_newest_first_and_the_first_version_in_full():
    first = SimpleNamespace(number=1, content=BEFORE)
    second = SimpleNamespace(number=2, content={**BEFORE, "topic": "Shenzhen makers"})
    entries = history([first, second])
    assert [revision.number for revision, _ in entries] == [2, 1]
    assert [change.label for change in entries[1][1]] == ["Topic", "Sources", "Argument"]
    assert [change.label for change in entries[0][1]] == ["Topic"]
