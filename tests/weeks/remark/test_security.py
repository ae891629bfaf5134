"""weeks.remark output is safe HTML and safe CSS, whatever the deck says (R-SAFE-HTML).

Rule ids refer to docs/remark.md.
"""

import pytest

from tests.weeks.remark.helpers import assert_safe_html, html_of, messages, rendered
from weeks.remark import render_markdown

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
