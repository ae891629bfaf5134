"""weeks.remark templates, layouts and steps (R-TEMPLATE, R-LAYOUT, R-INHERIT, R-STEPS).

Rule ids refer to docs/remark.md.
"""

from tests.weeks.remark.helpers import rendered, slides_of
from weeks.remark import render_deck

# --------------------------------------- inheritance (R-TEMPLATE, R-LAYOUT, R-INHERIT, R-STEPS)


LAYOUT_DECK = """\
layout: true
name: base
class: framed
.header[Course]

---
class: a
# One
--
## Step
---
layout: false
# Plain
---
template: base
# Again
"""


def test_a_layout_slide_is_hidden_uncounted_and_applies_until_layout_false():
    layout, one, step, plain, again = render_deck(slides_of(LAYOUT_DECK))
    assert (layout.visible, layout.index, layout.number) == (False, None, None)
    assert one.html == '<p><span class="header">Course</span></p>\n<h1>One</h1>'
    assert one.classes == ["framed", "a"]
    assert (one.index, one.number) == (1, 1)
    assert plain.html == "<h1>Plain</h1>"
    assert plain.classes == []
    assert again.html == '<p><span class="header">Course</span></p>\n<h1>Again</h1>'


def test_steps_accumulate_content_with_the_layout_once():
    step = render_deck(slides_of(LAYOUT_DECK))[2]
    assert step.html == ('<p><span class="header">Course</span></p>\n<h1>One</h1>\n<h2>Step</h2>')
    assert (step.index, step.number) == (2, 2)  # steps are counted by default


def test_steps_inherit_class_and_background_but_not_name():
    _, step = rendered("name: first\nclass: a\nbackground-image: url(x.jpg)\n\nA\n--\nclass: b\nB")
    assert step.name == ""
    assert step.classes == ["a", "b", "remark-slide-incremental"]
    assert step.background_css == 'background-image: url("x.jpg")'


def test_a_template_must_be_an_earlier_named_slide_and_merges_classes():
    slides = rendered(
        "template: later\n# A\n---\nname: later\nclass: t\n\nT\n---\ntemplate: later\nclass: o\nO"
    )
    assert slides[0].html == "<h1>A</h1>"  # forward references fall through
    assert slides[2].classes == ["t", "o"]
    assert slides[2].html == "<p>T\nO</p>"
    assert slides[2].name == ""


def test_content_variable_places_the_derived_content():
    slides = rendered("name: frame\n<b>{{content}}</b>\n---\ntemplate: frame\ninside")
    assert slides[0].html == "<p><b></b></p>"
    assert slides[1].html == "<p><b>inside</b></p>"
