"""weeks.remark rendering: content classes, macros and Markdown (R-CONTENT-CLASS … R-FENCE).

Rule ids refer to docs/remark.md.
"""

import pytest

from tests.weeks.remark.helpers import html_of, messages, rendered
from weeks.remark import render_markdown

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
