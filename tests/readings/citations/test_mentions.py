"""Citations: author-year mentions in slides, and which reference a mention cites."""

from readings.citations import Author, Reference
from readings.citations.mentions import Mention, cites, extract_mentions
from tests.readings.citations.samples import slide_titled


def test_the_creative_clusters_footnote_has_three_mentions():
    assert extract_mentions(slide_titled("# Creative Clusters?")) == [
        Mention("Zhen & Chan", "2014"),
        Mention("O'Connor & Gu", "2012"),
        Mention("Rossiter", "2010"),
    ]


def test_several_mentions_may_share_parentheses_and_carry_pages_or_et_al():
    text = "as shown (see Smith et al. 2019; Jones and Li, 2020a) and (Wang 2016: 43)."
    assert [m.text for m in extract_mentions(text)] == [
        "Smith et al., 2019",
        "Jones and Li, 2020",
        "Wang, 2016",
    ]


def test_parentheses_without_a_name_and_year_are_not_mentions():
    assert extract_mentions("(2010-2013) (RIP) (Figure 3, 2012) (mostly state-owned)") == []


def test_a_mention_is_listed_once_per_slide():
    assert len(extract_mentions("(Rossiter, 2010) and again (Rossiter 2010)")) == 1


def test_a_reference_answers_a_mention_by_first_family_name_and_year():
    zhen = Reference(authors=[Author("Zhen", "Yang"), Author("Chan", "R.")], year="2014")
    assert cites(Mention("Zhen & Chan", "2014"), zhen)
    assert not cites(Mention("Zhen & Chan", "2015"), zhen)
    assert not cites(Mention("Chan", "2014"), zhen)
    oconnor = Reference(authors=[Author("O’Connor", "Justin")], year="2012")
    assert cites(Mention("O'Connor & Gu", "2012"), oconnor)


def test_an_institution_answers_a_mention_of_its_name():
    movilab = Reference(authors=[Author(organisation="MoviLab")], year="2016")
    assert cites(Mention("MoviLab", "2016"), movilab)
    assert not cites(Mention("MoviLab", "2016"), Reference(title="No author", year="2016"))
