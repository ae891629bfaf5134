from demo import DECK_PATH
from weeks.program import find_program_slide, parse_program
from weeks.remark import parse_deck


def week_7_slides():
    return [slide.content for slide in parse_deck(DECK_PATH.read_text()).slides]


def test_the_week_7_program_slide_is_found():
    program = find_program_slide(week_7_slides())
    assert program.lstrip().startswith("# Program Today")


def test_the_week_7_program_is_read_item_by_item():
    items = parse_program(find_program_slide(week_7_slides()))
    assert [(item.part, item.kind) for item in items] == [
        ("First hour", "presentation"),
        ("First hour", "discussion"),
        ("First hour", "break"),
        ("Second hour", "planning"),
        ("Second hour", "case-study"),
        ("Second hour", "group-work"),
    ]
    assert items[0].presenters == "Song Ziqian"
    assert items[0].title == "AI and urban policy in China"
    assert items[4].title == "Mass entrepreneurship and the maker movement"


def test_an_unknown_label_becomes_a_lecture_item_keeping_its_words():
    [item] = parse_program("### Second hour\n\n1. **Guest talk**: Urban villages")
    assert (item.kind, item.title, item.part) == (
        "lecture",
        "Guest talk: Urban villages",
        "Second hour",
    )


def test_plain_list_items_are_kept_as_lectures():
    [item] = parse_program("- Reading discussion")
    assert (item.kind, item.title) == ("lecture", "Reading discussion")


def test_a_presentation_without_a_dash_has_no_presenter():
    [item] = parse_program("1. **Presentation**: Shenzhen's urban villages")
    assert (item.presenters, item.title) == ("", "Shenzhen's urban villages")


def test_a_deck_without_a_program_slide_gives_none():
    assert find_program_slide(["# Intro\n\ntext", "# Other"]) is None
