"""Citations: the CSL rules readings.citations.engine gives citeproc-py, one by one."""

from readings.citations import Author, Reference, format_reference


def test_full_given_names_stay_whole_where_the_style_says_initialize_false():
    ref = Reference(authors=[Author("Liang", "Fan")], title="T", container="J", year="2018")
    assert format_reference(ref, "chicago").startswith("Liang, Fan. 2018.")
    assert format_reference(ref, "apa").startswith("Liang, F. (2018).")


def test_a_substituted_title_or_editor_is_not_printed_twice():
    page = Reference(kind="webpage", title="China intensifies push", container="Nature")
    assert format_reference(page, "mla").count("China Intensifies Push") == 1
    book = Reference(
        kind="book", editors=[Author("Keane", "Michael")], title="Handbook", year="2016"
    )
    assert format_reference(book, "chicago") == "Keane, Michael, ed. 2016. Handbook."


def test_a_page_range_keeps_its_last_page_whole_when_the_digits_differ():
    ref = Reference(title="T", container="J", volume="1", pages="1–20", year="2012")
    assert format_reference(ref, "mla").endswith("pp. 1–20.")
    ref.pages = "415–453"
    assert "415–53" in format_reference(ref, "chicago")


def test_title_case_keeps_stop_words_low_and_capitalises_hyphenated_parts():
    ref = Reference(kind="webpage", title="China's next five-year bet on AI", container="MERICS")
    assert "“China’s next Five-Year Bet on AI.”" in format_reference(ref, "chicago")


def test_an_editor_label_is_capitalised_as_the_style_asks():
    ref = Reference(
        kind="chapter",
        authors=[Author("Wang", "Jing")],
        editors=[Author("Keane", "Michael")],
        title="The Makers",
        container="Handbook",
        year="2016",
    )
    assert "In M. Keane (Ed.), Handbook" in format_reference(ref, "apa")
