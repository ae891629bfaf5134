import pytest
from django.urls import reverse

from glossary import strokes
from glossary.models import Character, Term
from tests.factories import CharacterFactory, TermFactory
from weeks.revisions import save_deck

pytestmark = pytest.mark.django_db

DECK = "# Smart cities\n\n智慧城市 — _zhìhuì chéngshì_\n\n---\n\n# Evaluation\n\n_yeji_ (业绩)"


@pytest.fixture(autouse=True)
def no_stroke_package(tmp_path, monkeypatch):
    monkeypatch.setattr(strokes, "DATA_DIR", tmp_path)


def slide_html(week, text):
    return next(s.html for s in week.slides.all() if text in s.content)


def term_form(term, **changes):
    data = {
        "course": term.course_id,
        "hanzi": term.hanzi,
        "pinyin": term.pinyin,
        "gloss": term.gloss,
        "notes": term.notes,
        "status": term.status,
    }
    return {**data, **changes}


def test_term_list_filters_by_status_and_searches_toneless_pinyin(staff_client, course):
    TermFactory(course=course, hanzi="智慧城市", pinyin="zhìhuì chéngshì", gloss="smart city")
    TermFactory(course=course, hanzi="业绩", pinyin="yèjì", status=Term.Status.DRAFT)
    url = reverse("admin:glossary_term_changelist")
    content = staff_client.get(url, {"q": "zhihui"}).content.decode()
    assert "智慧城市" in content and "业绩" not in content
    content = staff_client.get(url, {"status__exact": "draft"}).content.decode()
    assert "业绩" in content and "智慧城市" not in content


def test_confirm_action_confirms_drafts_and_puts_their_pinyin_over_the_slides(staff_client, week):
    save_deck(week, DECK)
    assert 'class="zh-term"' not in slide_html(week, "智慧城市")  # drafts are not linked
    response = staff_client.post(
        reverse("admin:glossary_term_changelist"),
        {"action": "confirm", "_selected_action": list(Term.objects.values_list("pk", flat=True))},
    )
    assert response.status_code == 302
    assert set(Term.objects.values_list("status", flat=True)) == {"confirmed"}
    for hanzi in ("智慧城市", "业绩"):
        term = Term.objects.get(hanzi=hanzi)
        assert f'<a class="zh-term" href="{term.get_absolute_url()}">' in slide_html(week, hanzi)


def test_editing_a_term_protects_it_and_rerenders_its_slides(staff_client, week):
    save_deck(week, DECK)
    term = Term.objects.get(hanzi="业绩")
    term.status = Term.Status.CONFIRMED
    term.save()
    url = reverse("admin:glossary_term_change", args=[term.pk])
    response = staff_client.post(url, term_form(term, pinyin="yè jì", gloss="performance"))
    assert response.status_code == 302
    term.refresh_from_db()
    assert term.edited and term.gloss == "performance"
    # The slide prints the pinyin beside the term ("yeji (业绩)"): linked, with no ruby.
    assert f'<a class="zh-term" href="{term.get_absolute_url()}">' in slide_html(week, "业绩")
    save_deck(week, DECK + "\n")  # imported again: the edited term is left alone
    term.refresh_from_db()
    assert (term.pinyin, term.gloss) == ("yè jì", "performance")


def test_a_term_added_by_hand_is_linked_to_the_slides_that_mention_it(staff_client, week):
    save_deck(week, DECK + "\n\n---\n\n# 城市大脑 in Hangzhou")
    response = staff_client.post(
        reverse("admin:glossary_term_add"),
        {
            "course": week.course_id,
            "hanzi": "城市大脑",
            "pinyin": "",
            "gloss": "City Brain",
            "notes": "",
            "status": "confirmed",
        },
    )
    assert response.status_code == 302
    term = Term.objects.get(hanzi="城市大脑")
    assert term.edited and term.pinyin == "chéngshì dànǎo"
    assert list(term.weeks.all()) == [week]
    assert (
        f'<a class="zh-term" href="{term.get_absolute_url()}">'
        "<ruby><span>城市</span><rt>chéngshì</rt></ruby>"
        '<ruby><span data-hant="大腦">大脑</span><rt>dànǎo</rt></ruby></a>'
    ) in slide_html(week, "城市大脑")


def test_deleting_a_confirmed_term_in_the_admin_removes_its_ruby(staff_client, week):
    TermFactory(course=week.course, hanzi="业绩", pinyin="yèjì")
    save_deck(week, DECK)
    term = Term.objects.get(hanzi="业绩")
    assert 'class="zh-term"' in slide_html(week, "业绩")
    response = staff_client.post(
        reverse("admin:glossary_term_delete", args=[term.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert 'class="zh-term"' not in slide_html(week, "业绩")


def test_character_is_added_with_links_and_says_when_stroke_data_is_missing(staff_client, week):
    response = staff_client.post(
        reverse("admin:glossary_character_add"),
        {
            "course": week.course_id,
            "week": week.pk,
            "hanzi": "创",
            "pinyin": "",
            "meaning": "to create",
            "notes": "仓 + 刂",
            "links-TOTAL_FORMS": "1",
            "links-INITIAL_FORMS": "0",
            "links-0-position": "0",
            "links-0-label": "Zdic",
            "links-0-url": "https://www.zdic.net/hans/创",
        },
    )
    assert response.status_code == 302
    character = Character.objects.get(week=week)
    assert character.pinyin == "chuàng"
    assert character.links.get().label == "Zdic"
    content = staff_client.get(
        reverse("admin:glossary_character_change", args=[character.pk])
    ).content.decode()
    assert "No stroke data for 创" in content
    assert "https://hanziyuan.net/#%E5%88%9B" in content


def test_character_link_with_a_javascript_url_is_refused(staff_client, course):
    character = CharacterFactory(course=course)
    response = staff_client.post(
        reverse("admin:glossary_character_change", args=[character.pk]),
        {
            "course": course.pk,
            "week": "",
            "hanzi": "创",
            "pinyin": "chuàng",
            "meaning": "",
            "notes": "",
            "links-TOTAL_FORMS": "1",
            "links-INITIAL_FORMS": "0",
            "links-0-position": "0",
            "links-0-label": "Bad",
            "links-0-url": "javascript:alert(1)",
        },
    )
    assert response.status_code == 200
    assert not character.links.exists()
