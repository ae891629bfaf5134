"""The demo's Week 7 character and glossary (demo/loader.py: load_demo_glossary)."""

import pytest
from django.core.management import call_command

from demo.loader import DEMO_TERMS
from glossary.models import Character, Term
from weeks.models import Week

pytestmark = pytest.mark.django_db


def test_demo_week_7_has_its_character_with_pinyin_meaning_and_notes(demo):
    character = Character.objects.get(week__number=7)
    assert (character.hanzi, character.pinyin) == ("创", "chuàng")
    assert character.meaning == "to create; to start, initiate"
    # The notes print 仓's pinyin beside it, and the page prints 创's: neither gets ruby.
    assert '<span lang="zh-Hans"><span data-hant="倉">仓</span></span>' in character.notes_html
    assert "<rt>chuàng</rt>" not in character.notes_html
    assert "刂" in character.notes_html


def test_demo_confirms_the_terms_found_in_the_week_7_deck(demo):
    confirmed = set(Term.objects.confirmed().values_list("hanzi", flat=True))
    assert confirmed == set(DEMO_TERMS)
    assert Term.objects.filter(status=Term.Status.DRAFT).exists()  # left for the instructor
    week = Week.objects.get(number=7)
    slide = next(s for s in week.slides.all() if "城市大脑" in s.content and s.index)
    assert "<ruby><span>城市</span><rt>chéngshì</rt></ruby>" in slide.html
    assert '<ruby><span data-hant="大腦">大脑</span><rt>dànǎo</rt></ruby>' in slide.html


def test_demo_again_keeps_the_instructors_character_and_terms():
    call_command("load_demo")
    Character.objects.update(meaning="to begin")
    Term.objects.filter(hanzi="业绩").update(gloss="track record", edited=True)
    count = Term.objects.count()
    call_command("load_demo")
    assert Character.objects.get().meaning == "to begin"
    assert Term.objects.get(hanzi="业绩").gloss == "track record"
    assert Term.objects.count() == count
