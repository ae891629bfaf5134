"""Citations: which words of a title keep their capitals whatever a style's case."""

from readings.citations.propernouns import has_inner_capital, is_sentence_case, protected_words


def braced(title, names=frozenset()):
    spans = protected_words(title, set(names))
    return [title[start:end] for start, end in spans]


def test_acronyms_and_mixed_case_words_are_protected():
    assert braced("Deciphering China's AI Dream") == ["China", "AI"]
    assert braced("The iPhone and McKinsey") == ["iPhone", "McKinsey"]
    assert not has_inner_capital("Data-Driven")


def test_in_a_sentence_case_title_every_later_capitalised_word_is_a_proper_noun():
    assert is_sentence_case(["Ambassador", "Xie", "Feng", "remarks"])
    assert braced("Ambassador Xie Feng remarks") == ["Xie Feng"]
    assert braced("Creative clusters in Shanghai: a success story?") == ["Shanghai"]


def test_in_a_title_case_title_only_places_peoples_and_the_authors_names_are():
    assert braced("The Makers Are Coming! China's Long Tail") == ["China"]
    assert braced("Reading Jacobs Today", names={"Jacobs"}) == ["Jacobs"]
    assert braced("Urban Artificial Intelligence") == []
