"""weeks.remark: remark.js decks in, slides and sanitised HTML out, and back to markdown.

Rule ids (R-NEWLINES, R-STEPS, …) refer to docs/remark.md.
"""

from html.parser import HTMLParser

import pytest

from demo import DECK_PATH
from weeks.remark import (
    MAX_DECK_CHARS,
    MAX_SLIDE_CHARS,
    MAX_SLIDES,
    DeckError,
    SourceSlide,
    export_deck,
    parse_deck,
    render_deck,
    render_markdown,
)


@pytest.fixture(scope="module")
def week_7_text():
    return DECK_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def week_7(week_7_text):
    return parse_deck(week_7_text)


@pytest.fixture(scope="module")
def week_7_rendered(week_7):
    return render_deck(week_7.slides)


def slides_of(text):
    return parse_deck(text).slides


def rendered(text, **options):
    return render_deck(slides_of(text), **options)


def html_of(text, **options):
    """HTML of the first visible slide."""
    return next(slide.html for slide in rendered(text, **options) if slide.visible)


def messages(text):
    return [warning.message for warning in parse_deck(text).warnings]


# --------------------------------------------------------------------------- the Week 7 deck


def test_week_7_deck_parses_to_49_slides(week_7):
    assert len(week_7.slides) == 49
    assert week_7.metadata == {}


def test_week_7_deck_imports_without_warnings(week_7):
    assert week_7.warnings == []


def test_character_of_the_week_is_slide_3_with_three_classes(week_7, week_7_rendered):
    slide = week_7.slides[2]
    assert "## Character of the week" in slide.content
    assert slide.classes == ["inverse", "center", "middle"]
    assert week_7_rendered[2].classes == ["inverse", "center", "middle"]


def test_slide_named_title_has_its_background_image(week_7, week_7_rendered):
    (title,) = [slide for slide in week_7.slides if slide.name == "title"]
    assert title.background_image == "/talks/pspe/img/opimpuc-header.jpg"
    position = week_7.slides.index(title)
    css = week_7_rendered[position].background_css
    assert css == 'background-image: url("/talks/pspe/img/opimpuc-header.jpg")'


def test_background_images_go_through_resolve_image(week_7):
    slides = render_deck(week_7.slides, resolve_image=lambda url: "/media/" + url.split("/")[-1])
    assert 'background-image: url("/media/maker.jpg")' in [s.background_css for s in slides]


def test_week_7_rows_of_columns_render_as_nested_divs(week_7_rendered):
    html = week_7_rendered[10].html
    assert '<div class="row"><div class="column"><p><strong>Surveillance</strong>' in html
    assert '</ul></div>\n<div class="column"><p><strong>Health Governance' in html


def test_chained_content_classes_give_both_classes(week_7_rendered):
    html = week_7_rendered[45].html
    assert '<div class="footnote small"><p>Liu Yan' in html


def test_every_week_7_slide_is_visible_numbered_and_safe(week_7_rendered):
    slides = week_7_rendered
    assert [(s.visible, s.index, s.number) for s in slides] == [(True, n, n) for n in range(1, 50)]
    for slide in slides:
        assert_safe_html(slide.html)


def test_week_7_deck_round_trips_through_export(week_7, week_7_rendered):
    again = parse_deck(export_deck(week_7.slides, week_7.metadata))
    assert again.slides == week_7.slides  # SourceSlide equality ignores `line`
    assert render_deck(again.slides) == week_7_rendered


# ------------------------------------------------ input (R-NEWLINES, R-INDENT, R-FRONT-MATTER)


def test_crlf_is_read_as_lf():
    slides = slides_of("# A\r\n---\r\nclass: x\r\n\r\n# B\r\n")
    assert len(slides) == 2
    assert slides[1].classes == ["x"]
    assert "\r" not in slides[1].content


def test_common_indentation_is_removed_before_parsing():
    slides = slides_of("    class: x\n\n    # A\n    ---\n    # B\n        code")
    assert slides[0].classes == ["x"]
    assert len(slides) == 2
    assert "<pre><code>code" in render_deck(slides)[1].html


def test_front_matter_is_read_as_metadata_with_a_warning():
    deck = parse_deck('---\ntitle: "Week 7"\nlayout: remark\n---\n# A\n---\n# B')
    assert deck.metadata == {"title": "Week 7", "layout": "remark"}
    assert len(deck.slides) == 2
    assert deck.slides[0].line == 5
    assert "front matter" in deck.warnings[0].message


def test_front_matter_goes_back_on_top_when_exporting():
    text = export_deck(slides_of("# A\n---\n# B"), {"title": "Week 7"})
    assert text.startswith("---\ntitle: Week 7\n---\n# A")
    assert parse_deck(text).metadata == {"title": "Week 7"}


def test_nul_and_control_characters_are_dropped():
    assert slides_of("# A\x00B\x1a")[0].content == "# AB"


# --------------------------------------- separators (R-TOKENS, R-SEPARATOR, R-EMPTY-SLIDE, R-STEPS)


@pytest.mark.parametrize(
    "protected",
    [
        "```\n---\n--\n???\n```",
        "~~~\n---\n~~~",
        "`---`",
        "text\n\n    ---\n    ???\n",
        ".left[\n--\n???\n]",  # a --- line does end a content class: see the R-BRACKETS test
    ],
)
def test_nothing_inside_fences_code_or_content_classes_splits_a_slide(protected):
    slides = slides_of(f"# A\n{protected}\nafter")
    assert len(slides) == 1
    assert slides[0].notes == ""


@pytest.mark.parametrize("line", ["----", "***", "___", " ---", "--- ", "-- ", "-- x"])
def test_only_dashes_alone_on_their_line_separate_slides(line):
    assert len(slides_of(f"a\n\n{line}\n\nb")) == 1


def test_separator_with_trailing_spaces_is_text_but_warns():
    text = "# A\n\n--- \n\n# B"
    assert len(slides_of(text)) == 1
    assert messages(text) == [
        "Slide 1, line 3: '---' followed by spaces is not a separator for remark; "
        "delete the trailing spaces"
    ]


def test_double_dash_starts_a_step_and_keeps_the_newline():
    slides = slides_of("- a\n--\n- b")
    assert [s.is_step for s in slides] == [False, True]
    assert render_deck(slides)[1].html == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"


def test_empty_slides_are_real_slides():
    slides = rendered("---\n# B\n---\n---\n# D\n---")
    assert len(slides) == 5
    assert [s.visible for s in slides] == [True] * 5
    assert [s.number for s in slides] == [1, 2, 3, 4, 5]


def test_a_final_empty_slide_is_kept_with_a_warning():
    text = "# A\n---\n"
    assert len(slides_of(text)) == 2
    assert "ends with an empty slide" in messages(text)[0]


def test_slides_know_their_source_line():
    assert [s.line for s in slides_of("# A\n---\nclass: x\n\n# B\n--\nmore")] == [1, 3, 7]


# --------------------------------------------------------------------------- notes (R-NOTES)


def test_notes_start_at_three_question_marks_and_never_reach_the_slide():
    (slide,) = rendered("# A\n\n???\nSay *this*.\n")
    assert slide.html == "<h1>A</h1>"
    assert slide.notes_html == "<p>Say <em>this</em>.</p>"


def test_question_marks_in_a_sentence_or_with_spaces_are_text():
    (slide,) = slides_of("Really???\n??? \n")
    assert slide.notes == ""


def test_a_second_notes_marker_drops_the_earlier_notes_with_a_warning():
    text = "# A\n???\nfirst\n???\nsecond"
    (slide,) = slides_of(text)
    assert slide.notes == "second"
    assert messages(text) == [
        "Slide 1, line 4: a second ??? starts the notes again: remark drops the notes "
        "written before it"
    ]


def test_a_step_shows_only_its_own_notes():
    first, step = rendered("a\n???\nfirst notes\n--\nb\n???\nstep notes")
    assert first.notes_html == "<p>first notes</p>"
    assert step.notes_html == "<p>step notes</p>"


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


# ------------------------------------- content classes (R-CONTENT-CLASS … R-ESCAPE)


def test_a_one_line_content_class_is_a_span_without_paragraph():
    html = html_of(".red[**65%**] left")
    assert html == '<p><span class="red"><strong>65%</strong></span> left</p>'


def test_a_content_class_with_a_newline_is_a_div_keeping_blocks():
    assert html_of(".box[\n- a\n]") == '<div class="box"><ul>\n<li>a</li>\n</ul></div>'


def test_content_classes_match_mid_word_but_not_starting_with_a_digit():
    assert html_of("report.pdf[p. 3] .2col[x]") == (
        '<p>report<span class="pdf">p. 3</span> .2col[x]</p>'
    )


def test_an_escaped_content_class_is_literal():
    assert html_of("\\.red[text]") == "<p>.red[text]</p>"


def test_content_classes_inside_code_are_not_expanded():
    assert html_of("`.red[x]`") == "<p><code>.red[x]</code></p>"


def test_an_unclosed_content_class_stays_text_with_a_warning():
    text = "a .foo[ b"
    assert html_of(text) == "<p>a .foo[ b</p>"
    assert messages(text) == ["Slide 1, line 1: '.foo[' has no closing ']' and is shown as text"]


def test_a_content_class_never_swallows_a_separator():
    text = "a .foo[\n---\nb ] c\n---\nd"
    slides = rendered(text)
    assert len(slides) == 3
    assert slides[0].html == "<p>a .foo[</p>"
    assert messages(text) == [
        "Slide 1, line 1: '.foo[' is closed by the ']' on line 3, after a --- separator; remark "
        "would merge the slides in between, here it is kept as text. Close it before the ---"
    ]


def test_links_inside_content_classes_keep_their_brackets():
    assert html_of(".note[see [docs](https://d.org) [1]]") == (
        '<p><span class="note">see <a href="https://d.org" rel="noopener noreferrer">docs</a>'
        " [1]</span></p>"
    )


def test_very_deep_nesting_renders_with_the_rest_as_text():
    text = ".a[" * 300 + "x" + "]" * 300
    html = html_of(text)
    assert html.count("<span") == 12
    assert "nested more than 12 deep" in messages(text)[0]


# --------------------------------------------------------------------------- macros (R-MACRO)


def test_scale_macro_gives_a_resolved_image_with_a_width():
    html = html_of("![:scale 50%](img/map.png)", resolve_image=lambda url: "/media/" + url)
    assert html == '<p><img src="/media/img/map.png" alt="" style="width:50%"></p>'


@pytest.mark.parametrize("width", ["50%;position:fixed", "calc(1px)", "50", "expression(1)"])
def test_scale_macro_drops_widths_that_are_not_plain_lengths(width):
    html = html_of(f"![:scale {width}](a.png)")
    assert html == '<p><img src="a.png" alt=""></p>'


def test_an_unknown_macro_is_kept_as_text_with_a_warning():
    text = "![:shout hi](x)"
    assert html_of(text) == "<p>![:shout hi](x)</p>"
    assert "macro '![:shout hi](x)' is unknown" in messages(text)[0]


# --------------------------------------------- Markdown (R-MARKDOWN, R-LINK-DEFINITIONS, R-FENCE)


def test_tables_render_with_alignment():
    html = html_of("| a | b |\n|:--|--:|\n| 1 | 2 |")
    assert '<th align="left">a</th>' in html
    assert '<td align="right">2</td>' in html


def test_reference_links_resolve_across_slides():
    slides = rendered("See [the plan][plan].\n---\n[plan]: https://ndrc.gov.cn/plan.pdf")
    assert slides[0].html == (
        '<p>See <a href="https://ndrc.gov.cn/plan.pdf" rel="noopener noreferrer">the plan</a>.</p>'
    )
    assert slides[1].html == ""


def test_bare_urls_become_links():
    assert html_of("Go to https://example.org/a_b_c.") == (
        '<p>Go to <a href="https://example.org/a_b_c" rel="noopener noreferrer">'
        "https://example.org/a_b_c</a>.</p>"
    )


def test_fenced_code_keeps_its_language_and_escapes_html():
    assert html_of("```python\nif a < b:\n    pass\n```") == (
        '<pre><code class="language-python">if a &lt; b:\n    pass\n</code></pre>'
    )


def test_a_list_may_follow_a_paragraph_line_as_in_gfm():
    html = render_markdown("Sources:\n- a\n- b")
    assert html == "<p>Sources:</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>"


def test_paragraphs_left_empty_by_the_sanitiser_are_removed():
    assert html_of("A\n\n<input> <input>\n\nB") == "<p>A</p>\n\n<p>B</p>"


def test_render_markdown_renders_a_fragment_with_content_classes():
    assert render_markdown("**Hi** .small[there] {{ x }}") == (
        '<p><strong>Hi</strong> <span class="small">there</span> {{ x }}</p>'
    )


# -------------------------------------------------------------------- sizes and cost (R-BUDGET)


def test_a_slide_over_the_size_cap_raises_naming_the_slide():
    text = "# A\n---\n# B\n---\n" + "x" * (MAX_SLIDE_CHARS + 1)
    with pytest.raises(DeckError) as error:
        parse_deck(text)
    assert (error.value.slide, error.value.line) == (3, 5)
    assert str(error.value).startswith("Slide 3, line 5: the slide is longer than 50,000")


def test_a_deck_over_the_size_cap_raises():
    slide = "# Slide\n\n" + "text " * 9000 + "\n---\n"
    with pytest.raises(DeckError) as error:
        parse_deck(slide * (MAX_DECK_CHARS // len(slide) + 2))
    assert "longer than 2,000,000 characters" in str(error.value)
    assert error.value.slide == MAX_DECK_CHARS // len(slide) + 1


def test_more_than_2000_slides_raises():
    with pytest.raises(DeckError) as error:
        parse_deck("x\n---\n" * MAX_SLIDES + "x")
    assert (error.value.slide, error.value.line) == (2001, 4001)


def test_runaway_steps_are_refused_at_import():
    with pytest.raises(DeckError) as error:
        parse_deck(("- " + "x" * 400 + "\n--\n") * 400)
    assert "too long to render" in str(error.value)


@pytest.mark.parametrize(
    "body",
    [
        "[" * 20_000,
        "[a](" * 5_000,
        "![" * 10_000,
        "[" * 10_000 + "]" * 10_000,
        "[a](" * 5_000 + ")" * 5_000,
        ".a[" * 16_000,
        ".a[" * 8_000 + "]" * 8_000,
        "<a " * 15_000,
        "<![CDATA[" * 5_000,
        "```x\n" * 9_000,
        "![:x " * 9_000,
        "a: b\n" * 9_000,
        "{{a" * 16_000,
        "\n" * 49_000 + "<!-- a: b -->",
    ],
    ids=lambda body: repr(body[:12]),
)
def test_pathological_slides_parse_and_render_quickly(body):
    # No timer: the CI's time limit catches a regression; each of these took seconds to
    # minutes before the defences in weeks.remark.
    deck = parse_deck(body)
    for slide in render_deck(deck.slides):
        assert_safe_html(slide.html)


# --------------------------------------------------------------------------- security (R-SAFE-HTML)


HOSTILE_BODY = """\
<script>alert(1)</script><img src=x onerror=alert(1)>
<iframe src="https://evil.example"></iframe><svg onload=alert(1)></svg><math></math>
<style>body{display:none}</style><form action=/x><input name=a></form>
<meta http-equiv=refresh content=0><base href=//evil><object></object><embed>
[a](javascript:alert(1)) ![b](javascript:alert(2)) [c](JaVaScRiPt:alert(3))
<a href="&#106;avascript:alert(4)">d</a> <a href="java&#x09;script:alert(5)">e</a>
<a href=" javascript:alert(6)">f</a> <a href="data:text/html,<script>x</script>">g</a>
<a href="vbscript:x">h</a> [i](data:text/html;base64,PHNjcmlwdD4=) <img src="data:image/png,x">
<p style="position:fixed" onclick="x" class='ok bad"class'>p</p>
<img src="a.png" style="width: 5%; position: fixed; background: url(javascript:x)">
"""


def test_hostile_markup_is_removed_from_slides():
    (slide,) = rendered(HOSTILE_BODY)
    assert_safe_html(slide.html)
    for needle in ("script", "alert", "onerror", "iframe", "svg", 'style="position', "data:"):
        assert needle not in slide.html.lower()
    assert '<img src="a.png" style="width:5%">' in slide.html
    assert '<p class="ok">p</p>' in slide.html


def test_hostile_markup_is_removed_from_notes_and_fragments():
    (slide,) = rendered("# A\n???\n" + HOSTILE_BODY)
    assert_safe_html(slide.notes_html)
    assert "alert" not in slide.notes_html
    assert "alert" not in render_markdown(HOSTILE_BODY)


def test_a_resolver_cannot_smuggle_a_javascript_url_into_an_image():
    html = html_of("![a](x.png)", resolve_image=lambda url: "javascript:alert(1)")
    assert html == '<p><img alt="a"></p>'


def test_class_injection_is_dropped_with_a_warning():
    text = 'class: ok, x" onmouseover="alert(1)\n\n# A'
    (slide,) = rendered(text)
    assert slide.classes == ["ok"]
    assert "class 'x\"' is not a valid class name" in messages(text)[0]


@pytest.mark.parametrize(
    "value",
    [
        "url(x);color:red",
        "url(javascript:alert(1))",
        "url('JavaScript:alert(1)')",
        "url(&#106;avascript:alert(1))",
        "url(&amp;#106;avascript:alert(1))",
        'url("java\tscript:alert(1)")',
        "url(data:image/png;base64,AAAA)",
        "url(vbscript:x)",
        "expression(alert(1))",
        "red",
    ],
)
def test_hostile_background_images_never_reach_the_css(value):
    text = f"background-image: {value}\n\n# A"
    (slide,) = rendered(text)
    assert slide.background_css == ""
    assert "background-image" in messages(text)[0]


def test_background_url_characters_are_css_escaped():
    (slide,) = rendered("background-image: url('/img/a b\"c);d&e.jpg')\n")
    assert slide.background_css == (
        'background-image: url("/img/a\\20 b\\22 c\\29 \\3b d\\26 e.jpg")'
    )


def test_unicode_file_names_keep_working():
    (slide,) = rendered("background-image: url(img/创客.jpg)\n\n![创](img/创客.jpg)")
    assert slide.background_css == 'background-image: url("img/创客.jpg")'
    assert 'src="img/创客.jpg"' in slide.html


def test_background_properties_must_fit_a_small_grammar():
    text = (
        "background-image: url(https://cdn.example/a.jpg)\nbackground-size: 50% auto\n"
        "background-position: center top\nbackground-repeat: no-repeat\n"
        "background-color: rgb(0, 0, 0)\n\n# A\n---\n"
        "background-size: cover;position:fixed\nbackground-color: red;x:y\n"
        "background-position: url(x)\nbackground-repeat: expression(1)\n\n# B"
    )
    good, bad = rendered(text)
    assert good.background_css == (
        'background-image: url("https://cdn.example/a.jpg"); background-size: 50% auto; '
        "background-position: center top; background-repeat: no-repeat; "
        "background-color: rgb(0, 0, 0)"
    )
    assert bad.background_css == ""
    assert len(messages(text)) == 4


# --------------------------------------------------------------------------- export (R-EXPORT)


def test_export_writes_properties_content_then_notes():
    slide = SourceSlide(
        content="# A",
        notes="Say it.",
        name="intro",
        classes=["inverse", "middle"],
        background_image="img/a b.jpg",
        counted=False,
        layout=True,
        template="base",
        excluded=True,
        extra=[("background-size", "cover")],
    )
    step = SourceSlide(content="more", is_step=True)
    assert export_deck([slide, step]) == (
        'name: intro\nclass: inverse, middle\nbackground-image: url("img/a b.jpg")\n'
        "count: false\nlayout: true\ntemplate: base\nexclude: true\nbackground-size: cover\n"
        "# A\n???\nSay it.\n--\nmore"
    )
    assert parse_deck(export_deck([slide, step])).slides == [slide, step]


def test_an_edge_case_deck_round_trips():
    text = (
        "---\ntitle: Demo\n---\nFirst\n---\n---\nclass: a\n\n- one\n--\n- two\n???\nnotes\n"
        "--\ncount: false\ntitle: costs $5\n---\n<!-- name: c -->\n.x[\n```\n---\n```\n]\n---\n"
    )
    deck = parse_deck(text)
    again = parse_deck(export_deck(deck.slides, deck.metadata))
    assert again.slides == deck.slides
    assert again.metadata == deck.metadata == {"title": "Demo"}
    assert render_deck(again.slides) == render_deck(deck.slides)


# --------------------------------------------------------------------------- helpers


# fmt: off
ALLOWED_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "a", "em",
    "strong", "b", "i", "u", "s", "code", "pre", "blockquote", "q", "cite", "table", "caption",
    "thead", "tbody", "tfoot", "tr", "th", "td", "img", "br", "hr", "div", "span", "sup", "sub",
    "del", "ins", "ruby", "rt", "rp", "figure", "figcaption", "small", "mark", "kbd", "samp",
    "var", "abbr",
}
# fmt: on


class _SafetyChecker(HTMLParser):
    def handle_starttag(self, tag, attrs):
        assert tag in ALLOWED_TAGS, tag
        for name, value in attrs:
            assert not name.startswith("on"), name
            if name == "style":
                assert tag == "img", tag
                for declaration in filter(None, value.split(";")):
                    assert declaration.split(":")[0].strip() in ("width", "max-width", "height")
            if name in ("href", "src"):
                probe = "".join(value.split()).lower()
                assert not probe.startswith(("javascript:", "data:", "vbscript:")), value
                scheme = probe.split(":", 1)[0] if ":" in probe.split("/", 1)[0] else ""
                assert scheme in ("", "http", "https", "mailto"), value


def assert_safe_html(html):
    checker = _SafetyChecker(convert_charrefs=True)
    checker.feed(html)
    checker.close()


@pytest.mark.parametrize(
    "text",
    [
        "[ref]: http://example.org\n---\n# Next",
        "[ref]: http://example.org\n\n\n--\nstep",
        "```\ncode\n```\n---\n# Next",
        "```\ncode\n```\n???\nnotes",
        "    indented code\n\n---\nafter",
        "--\n\nstep after an empty first slide",
    ],
)
def test_a_token_that_ends_with_newlines_before_a_separator_round_trips(text):
    deck = parse_deck(text)
    again = parse_deck(export_deck(deck.slides, deck.metadata))
    assert again.slides == deck.slides
    assert [s.html for s in render_deck(again.slides)] == [s.html for s in render_deck(deck.slides)]
