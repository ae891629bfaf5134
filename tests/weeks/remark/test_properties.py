"""weeks.remark slide properties and variables (R-PROPERTIES … R-VARIABLES).

Rule ids refer to docs/remark.md.
"""

from tests.weeks.remark.helpers import html_of, messages, rendered, slides_of
from weeks.remark import SourceSlide

# ------------------------------------------- properties (R-PROPERTIES … R-VARIABLES)


def test_properties_at_the_top_of_a_slide_become_fields():
    (slide,) = slides_of(
        "name: intro\nclass: inverse, center\nbackground-image: url('img/a.jpg')\n"
        "count: false\nlayout: false\ntemplate: base\nbackground-size: cover\ntitle: Hi\n\n# A"
    )
    assert slide == SourceSlide(
        content="\n# A",
        name="intro",
        classes=["inverse", "center"],
        background_image="img/a.jpg",
        counted=False,
        layout=False,
        template="base",
        extra=[("background-size", "cover"), ("title", "Hi")],
    )


def test_property_lines_stop_at_the_first_other_line():
    (slide,) = slides_of("class: a\n\nname: b\n# Title\nlayout: true")
    assert (slide.classes, slide.name, slide.layout) == (["a"], "b", None)
    assert slide.content == "# Title\nlayout: true"


def test_a_dollar_sign_ends_a_property_value():
    (slide,) = slides_of("title: costs $5\n")
    assert slide.extra == [("title", "costs")]
    assert slide.content.startswith("$5")


def test_html_comment_properties_are_read_and_removed():
    (slide,) = slides_of("# A\n<!-- name: intro -->\ntext")
    assert slide.name == "intro"
    assert slide.content == "# A\ntext"


def test_a_fullwidth_colon_or_chinese_key_is_text():
    (slide,) = slides_of("来源：NBS\n标题: x")
    assert slide.extra == []


def test_prose_read_as_a_property_is_kept_like_remark_but_warned():
    text = "# Slide\n---\nSource: NBS\nhttps://example.com/x\nActual text"
    slide = slides_of(text)[1]
    assert slide.extra == [("Source", "NBS"), ("https", "//example.com/x")]
    assert slide.content == "Actual text"
    assert messages(text) == [
        "Slide 2, line 3: 'Source: NBS' was read as a slide property (remark does this); "
        "indent it or escape it if it is meant as text",
        "Slide 2, line 4: 'https://example.com/x' was read as a slide property (remark does "
        "this); indent it or escape it if it is meant as text",
    ]


def test_properties_used_as_variables_and_known_keys_do_not_warn():
    text = "title: Planning\nhighlight-style: monokai\nbackground-color: #222\n\n# {{ title }}"
    assert messages(text) == []
    assert html_of(text) == "<h1>Planning</h1>"


def test_class_is_split_on_commas_and_spaces():
    (slide,) = slides_of("class: a, b c,,d\n")
    assert slide.classes == ["a", "b", "c", "d"]


def test_exclude_is_case_insensitive_and_drops_the_slide():
    slides = rendered("# A\n---\nexclude: TRUE\n# B\n---\n# C")
    assert [(s.visible, s.index, s.number) for s in slides] == [
        (True, 1, 1),
        (False, None, None),
        (True, 2, 2),
    ]


def test_count_false_shows_the_previous_number():
    slides = rendered("count: false\n# A\n---\n# B\n---\ncount: false\n# C\n---\n# D")
    assert [(s.index, s.number) for s in slides] == [(1, 1), (2, 1), (3, 1), (4, 2)]


def test_variables_expand_unknown_ones_stay_and_backslash_escapes():
    html = html_of("name: intro\nclass: a\n\n{{ name }} / {{class}} / {{ other }} / \\{{ name }}")
    assert html == "<p>intro / a / {{ other }} / {{ name }}</p>"


def test_a_comment_property_may_close_on_a_later_line_but_its_value_stays_on_one():
    assert slides_of("<!-- a: b\n  -->\n# x")[0].extra == [("a", "b")]
    assert slides_of("<!-- a: b\nc -->\n# x")[0].extra == []
    assert slides_of("<!-- a: b $ -->\n# x")[0].extra == []
