"""core.markdown and core.sanitise: the site's Markdown and its HTML sanitiser, no database."""

import pytest

from core.markdown import (
    MAX_MARKDOWN_CHARS,
    MarkdownTooLong,
    markdown_to_html,
    render_markdown,
    render_plain_markdown,
)
from core.sanitise import sanitise, url_is_safe


def test_a_list_may_follow_a_paragraph_line_as_in_gfm():
    assert markdown_to_html("Sources:\n- a\n- b") == (
        "<p>Sources:</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>"
    )


def test_a_bare_url_becomes_a_link_but_not_inside_a_tag():
    assert markdown_to_html("See https://example.com/a.") == (
        '<p>See <a href="https://example.com/a">https://example.com/a</a>.</p>'
    )
    assert (
        markdown_to_html('<a href="https://x.org">x</a>') == '<p><a href="https://x.org">x</a></p>'
    )


def test_tables_keep_their_alignment_as_an_attribute():
    html = markdown_to_html("| a | b |\n|:--|--:|\n| 1 | 2 |")
    assert '<th align="left">a</th>' in html
    assert '<td align="right">2</td>' in html


def test_link_definitions_are_appended_only_where_the_text_uses_them():
    defs = {"nbs": ("https://stats.gov.cn", None), "unused": ("https://x.org", None)}
    assert markdown_to_html("From [NBS][nbs].", defs) == (
        '<p>From <a href="https://stats.gov.cn">NBS</a>.</p>'
    )


def test_plain_markdown_is_sanitised_and_empty_paragraphs_are_removed():
    html = render_plain_markdown("**Hi** <script>alert(1)</script>\r\n\r\n<input>\r\n\r\nBye")
    assert html == "<p><strong>Hi</strong> </p>\n\n<p>Bye</p>"


def test_plain_markdown_leaves_unbalanced_brackets_as_text():
    assert render_plain_markdown("[" * 20_000).startswith("<p>[[[")
    assert render_plain_markdown("a <b c") == "<p>a &lt;b c</p>"


def test_plain_markdown_refuses_text_over_the_cap():
    with pytest.raises(MarkdownTooLong, match="200,000"):
        render_plain_markdown("x" * (MAX_MARKDOWN_CHARS + 1))


def test_site_markdown_is_written_like_slides_once_weeks_is_installed():
    assert render_markdown("**Hi** .small[there]") == (
        '<p><strong>Hi</strong> <span class="small">there</span></p>'
    )


def test_the_sanitiser_keeps_allowlisted_markup_and_drops_the_rest():
    fragment = (
        '<p class="ok bad&quot;x" onclick="x">p</p><script>alert(1)</script>'
        '<a href="javascript:alert(1)">a</a><img src="a.png" style="width: 5%; position: fixed">'
    )
    assert sanitise(fragment) == (
        '<p class="ok">p</p><a rel="noopener noreferrer">a</a><img src="a.png" style="width:5%">'
    )


def test_the_sanitiser_checks_an_image_url_after_resolving_it():
    assert sanitise('<img src="x.png">', lambda url: "javascript:alert(1)") == "<img>"
    assert sanitise('<img src="x.png">', lambda url: "/media/x.png") == '<img src="/media/x.png">'


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "&#106;avascript:x",
        "&amp;#106;avascript:x",
        "java\tscript:x",
        " JAVASCRIPT:x",
        "data:text/html,x",
        "vbscript:x",
    ],
)
def test_hidden_script_urls_are_unsafe(url):
    assert not url_is_safe(url, frozenset({"http", "https", "mailto"}))


@pytest.mark.parametrize("url", ["https://x.org", "mailto:a@b.org", "img/a.png", "/a", "#top"])
def test_web_mail_and_relative_urls_are_safe(url):
    assert url_is_safe(url, frozenset({"http", "https", "mailto"}))


def test_code_spans_pair_runs_of_the_same_length():
    assert markdown_to_html("`a` and ``b ` c``") == ("<p><code>a</code> and <code>b ` c</code></p>")


def test_backtick_runs_that_no_run_closes_stay_text():
    runs = " ".join("`" * n for n in range(1, 310))
    assert markdown_to_html(runs) == f"<p>{runs}</p>"
    assert markdown_to_html("`" * 49_000) == "<p>" + "`" * 49_000 + "</p>"


def test_a_longer_opening_run_closes_on_the_longest_shorter_run_as_python_markdown_does():
    assert markdown_to_html("``a`") == "<p><code>`a</code></p>"
