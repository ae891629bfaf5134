"""Helpers the weeks.remark tests share: decks in, slides or HTML out, and an HTML safety check."""

from html.parser import HTMLParser

from weeks.remark import parse_deck, render_deck


def slides_of(text):
    return parse_deck(text).slides


def rendered(text, **options):
    return render_deck(slides_of(text), **options)


def html_of(text, **options):
    """HTML of the first visible slide."""
    return next(slide.html for slide in rendered(text, **options) if slide.visible)


def messages(text):
    return [warning.message for warning in parse_deck(text).warnings]


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
