import pytest
from django.core.exceptions import ValidationError

from assignments.validators import count_sentences, validate_one_sentence, validate_visible_text


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Shenzhen grew fast.", 1),
        ("Shenzhen grew fast", 1),
        ("Shenzhen grew. Beijing did not.", 2),
        ("We compare cities, e.g. Shenzhen and Beijing.", 1),
        ("Policy in the U.S. differs from China's.", 1),
        ("Growth was 3.5 percent in 2020.", 1),
        ("J. Smith argues that planning follows industry.", 1),
        ("See example.com for the data.", 1),
        ("It grew... slowly.", 1),
        ("Why? Because planners followed.", 2),
        ("Really?! Yes.", 2),
        ('He said "no." Then he left.', 2),
        ("(Shenzhen grew.) Beijing too.", 2),
        ("深圳的创客空间改变了城市规划。", 1),
        ("深圳发展很快。北京没有。", 2),
        ("深圳！北京", 2),
        ("Shenzhen (深圳) grew fast.", 1),
        ("", 0),
    ],
)
def test_sentences_are_counted_by_the_documented_rule(text, sentences):
    assert count_sentences(text) == sentences


def test_an_empty_argument_is_refused_with_a_clear_message():
    with pytest.raises(ValidationError, match="one sentence"):
        validate_one_sentence("   ")


def test_two_sentences_are_refused_with_the_count():
    with pytest.raises(ValidationError) as error:
        validate_one_sentence("Shenzhen grew. Beijing did not.")
    assert "2 sentences" in error.value.messages[0]


@pytest.mark.parametrize("name", ["   ", "\u200b\u200b", "\u00a0\u2060", "\t\n"])
def test_names_made_only_of_invisible_characters_are_refused(name):
    with pytest.raises(ValidationError):
        validate_visible_text(name)


@pytest.mark.parametrize("name", ["深圳小组", "فريق", "e\u0301quipe", "🏙️"])
def test_names_in_any_script_are_accepted(name):
    validate_visible_text(name)
