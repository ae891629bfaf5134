import pytest

from demo import DECK_PATH
from glossary import services
from glossary.models import Character, Term
from tests.factories import CharacterFactory, ProgramItemFactory, TermFactory, WeekFactory
from weeks.decks import render_week_slides
from weeks.revisions import save_deck

pytestmark = pytest.mark.django_db

WEEK_7 = DECK_PATH.read_text(encoding="utf-8")
REQUIRED_TERMS = [
    "智慧城市",
    "城市大脑",
    "新型智慧城市",
    "业绩",
    "创客",
    "科技自立自强",
    "新单位",
    "大众创业、万众创新",
]


def import_week_7(week):
    save_deck(week, WEEK_7)
    return list(week.slides.all())


def terms_of(course):
    return {term.hanzi: term for term in Term.objects.filter(course=course)}


def slide_mentioning(week, text):
    return next(s for s in week.slides.order_by("position") if text in s.content and s.index)


def test_importing_week_7_links_its_character(week):
    import_week_7(week)
    character = Character.objects.get(week=week)
    assert (character.hanzi, character.pinyin, character.course) == ("创", "chuàng", week.course)


def test_importing_week_7_creates_draft_terms_with_pinyin(week):
    import_week_7(week)
    terms = terms_of(week.course)
    assert set(REQUIRED_TERMS) <= set(terms)
    assert {term.status for term in terms.values()} == {Term.Status.DRAFT}
    assert terms["智慧城市"].pinyin == "zhìhuì chéngshì"
    assert terms["业绩"].pinyin == "yèjì"
    assert terms["创客"].pinyin == "chuàngkè"
    assert terms["新型智慧城市"].gloss == "New Type Smart City"
    assert not any(set(hanzi) <= set("、，。·—()（）") for hanzi in terms)


def test_imported_terms_link_the_week_and_the_slides_that_mention_them(week):
    slides = import_week_7(week)
    term = terms_of(week.course)["城市大脑"]
    assert list(term.weeks.all()) == [week]
    assert set(term.slides.all()) == {s for s in slides if "城市大脑" in s.content}
    assert term.slides.exists()


def test_reimporting_creates_no_duplicates_and_keeps_the_instructors_terms(week):
    import_week_7(week)
    terms = terms_of(week.course)
    confirmed = terms["业绩"]
    confirmed.gloss, confirmed.pinyin = "performance record", "yèjì"
    confirmed.status = Term.Status.CONFIRMED
    confirmed.save()
    edited = terms["创客"]
    edited.gloss, edited.edited = "maker (hand-written)", True
    edited.save()
    count = len(terms)

    import_week_7(week)

    again = terms_of(week.course)
    assert len(again) == count
    assert (again["业绩"].gloss, again["业绩"].status) == ("performance record", "confirmed")
    assert again["创客"].gloss == "maker (hand-written)"
    assert (
        again["业绩"].slides.count()
        == Term.slides.through.objects.filter(term=again["业绩"]).count()
    )
    assert set(again["业绩"].slides.values_list("week", flat=True)) == {week.pk}
    assert Character.objects.filter(week=week).count() == 1


def test_reimport_drops_drafts_no_deck_mentions_any_more(week):
    save_deck(week, "# Smart cities\n\n智慧城市 — _zhìhuì chéngshì_")
    save_deck(week, "# Brains\n\n城市大脑 — _chéngshì dànǎo_")
    assert set(terms_of(week.course)) == {"城市大脑"}


def test_a_term_of_another_week_keeps_that_week(course):
    week_6 = WeekFactory(course=course, number=6)
    week_7 = WeekFactory(course=course, number=7)
    save_deck(week_6, "# A\n\n业绩 (_yeji_)")
    save_deck(week_7, "# B\n\n智慧城市 — _zhìhuì chéngshì_, not 业绩")
    save_deck(week_7, "# B\n\n智慧城市 — _zhìhuì chéngshì_")
    terms = terms_of(course)
    assert list(terms["业绩"].weeks.all()) == [week_6]
    assert list(terms["智慧城市"].weeks.all()) == [week_7]


def test_a_confirmed_term_links_slides_that_mention_it_without_a_gloss(week):
    TermFactory(course=week.course, hanzi="双创", pinyin="shuāngchuàng")
    save_deck(week, "# Title\n\n---\n\n# 双创 everywhere")
    slides = list(week.slides.all())
    term = Term.objects.get(hanzi="双创")
    assert list(term.slides.all()) == [slides[1]]


def test_a_deck_with_another_character_moves_the_week_to_it(week):
    import_week_7(week)
    old = Character.objects.get(week=week)
    save_deck(week, "## Character of the week\n\n# 城\n\n## City")
    old.refresh_from_db()
    assert old.week is None
    assert Character.objects.get(week=week).hanzi == "城"


def test_a_deck_without_a_character_slide_leaves_the_character(week):
    character = CharacterFactory(course=week.course, week=week, hanzi="城")
    save_deck(week, "# 创\n\n## Planning For Innovation")
    assert Character.objects.get(week=week) == character


def test_an_unlinked_character_of_the_course_is_reused(week):
    character = CharacterFactory(course=week.course, hanzi="创", meaning="to create")
    import_week_7(week)
    character.refresh_from_db()
    assert character.week == week
    assert Character.objects.filter(course=week.course).count() == 1


def test_character_in_deck_reads_the_h1_line_of_the_character_slide():
    class Slide:
        def __init__(self, content):
            self.content = content

    assert services.character_in_deck([Slide("## Week 7\n\n# 创")]) == ""
    assert services.character_in_deck([Slide("## Character of the Week\n\n# **城市**")]) == "城市"
    assert services.character_in_deck([Slide("## Character of the week\n\n# Not one")]) == ""


def test_slides_are_marked_chinese_and_confirmed_terms_get_ruby(week):
    term = TermFactory(course=week.course, hanzi="城市大脑", pinyin="chéngshì dànǎo")
    import_week_7(week)
    html = slide_mentioning(week, "城市大脑").html
    assert (
        f'<span lang="zh-Hans"><a class="zh-term" href="{term.get_absolute_url()}">'
        "<ruby><span>城市</span><rt>chéngshì</rt></ruby>"
        '<ruby><span data-hant="大腦">大脑</span><rt>dànǎo</rt></ruby></a>'
        "</span>"
    ) in html
    assert 'class="zh-term"' not in slide_mentioning(week, "智慧城市").html  # still a draft


def test_confirming_terms_rerenders_the_weeks_where_they_appear(week):
    import_week_7(week)
    assert 'class="zh-term"' not in slide_mentioning(week, "智慧城市").html
    count = services.confirm_terms(Term.objects.filter(hanzi__in=["智慧城市", "业绩"]))
    assert count == 2
    for hanzi in ("智慧城市", "业绩"):
        link = f'<a class="zh-term" href="{Term.objects.get(hanzi=hanzi).get_absolute_url()}">'
        assert link in slide_mentioning(week, hanzi).html


def test_deleting_a_confirmed_term_removes_its_ruby(week):
    TermFactory(course=week.course, hanzi="业绩", pinyin="yèjì")
    import_week_7(week)
    assert 'class="zh-term"' in slide_mentioning(week, "业绩").html
    services.delete_terms(Term.objects.filter(hanzi="业绩"))
    assert 'class="zh-term"' not in slide_mentioning(week, "业绩").html


def test_week_prose_gets_lang_and_ruby_when_saved(week):
    TermFactory(course=week.course, hanzi="智慧城市", pinyin="zhìhuì chéngshì")
    week.summary = "What is a 智慧城市?"
    week.save()
    assert (
        "<ruby><span>智慧</span><rt>zhìhuì</rt></ruby><ruby><span>城市</span><rt>chéngshì</rt></ruby>"
        in week.summary_html
    )
    assert 'class="zh-term"' in week.summary_html
    assert '<span lang="zh-Hans">' in week.summary_html


def test_program_descriptions_get_lang_and_ruby_when_saved(week):
    TermFactory(course=week.course, hanzi="创客", pinyin="chuàngkè")
    item = ProgramItemFactory(week=week, description="The 创客 movement, 黑客 too")
    assert (
        '<ruby><span data-hant="創客">创客</span><rt>chuàngkè</rt></ruby></a>'
        in item.description_html
    )
    assert (
        '<span lang="zh-Hans"><ruby><span>黑客</span><rt>hēikè</rt></ruby></span>'
        in item.description_html
    )


def test_rerender_weeks_updates_prose_and_character_notes(week):
    week.summary = "智慧城市 today"
    week.save()
    character = CharacterFactory(course=week.course, week=week, notes="See 智慧城市.")
    TermFactory(course=week.course, hanzi="智慧城市", pinyin="zhìhuì chéngshì")
    render_week_slides(week)
    services.rerender_weeks([week.pk])
    week.refresh_from_db()
    character.refresh_from_db()
    assert 'class="zh-term"' in week.summary_html
    assert 'class="zh-term"' in character.notes_html
