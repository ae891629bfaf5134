"""Assertions on rendered HTML: what hostile input must never turn into."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

FORBIDDEN_TAGS = {
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "base",
    "frame",
    "frameset",
    "applet",
    "style",
}
HEAD_ONLY_TAGS = {"meta", "link", "title"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "background", "poster", "cite", "srcset"}
SAFE_SCHEMES = {"", "http", "https", "mailto"}
CLASS_TOKEN = re.compile(r"^[A-Za-z_-][A-Za-z0-9_-]*$")
IMAGE_SIZE = re.compile(r"((max-)?(width|height): *[\d.]+(%|px|em|rem|vw|vh)? *;? *)+")


class Auditor(HTMLParser):
    def __init__(self, site_scripts):
        super().__init__(convert_charrefs=True)
        self.site_scripts = site_scripts
        self.problems = []
        self.in_body = False

    def handle_starttag(self, tag, attrs):
        where = f"<{tag} {attrs}>"
        self.in_body = self.in_body or tag == "body"
        if self.in_body and tag in HEAD_ONLY_TAGS:
            self.problems.append(f"head tag in body: {where}")
        if tag == "form" and urlsplit(dict(attrs).get("action") or "").netloc:
            self.problems.append(f"form posting off-site: {where}")
        if tag == "script":
            src = dict(attrs).get("src") or ""
            kind = dict(attrs).get("type") or ""
            if not (src.startswith(self.site_scripts) or kind == "application/json"):
                self.problems.append(f"script: {where}")
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"forbidden tag: {where}")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"event handler: {where}")
            if name in URL_ATTRIBUTES:
                scheme = urlsplit(re.sub(r"[\x00-\x20]", "", value)).scheme.lower()
                if scheme not in SAFE_SCHEMES:
                    self.problems.append(f"unsafe URL: {where}")
            if name == "class" and not all(CLASS_TOKEN.match(t) for t in value.split()):
                self.problems.append(f"bad class: {where}")
            if name == "style" and not (
                IMAGE_SIZE.fullmatch(value) if tag == "img" else not background_problems(value)
            ):
                self.problems.append(f"dangerous style: {where}")


def html_problems(page, site_scripts=("/static/",)):
    """Return what in `page` could run script or inject styles; [] when it is clean."""
    auditor = Auditor(site_scripts)
    auditor.feed(page)
    auditor.close()
    return auditor.problems


CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6}) ?|\\(.)")
DECLARATION = re.compile(
    r"background-(?:image|color|size|position|repeat): *"
    r'(?:url\("(?P<url>(?:[^"\\\n]|\\.)*)"\)|[#\w\s%.,()-]+)'
)


def background_problems(css):
    """Problems in a slide's background CSS: it must be background-* declarations only."""
    problems = []
    for declaration in filter(None, (part.strip() for part in split_declarations(css))):
        match = DECLARATION.fullmatch(declaration)
        if not match:
            problems.append(f"not a plain background declaration: {declaration}")
        elif match["url"] is not None:
            url = CSS_ESCAPE.sub(lambda m: chr(int(m[1], 16)) if m[1] else m[2], match["url"])
            scheme = urlsplit(re.sub(r"[\x00-\x20]", "", url)).scheme.lower()
            if scheme not in {"", "http", "https"}:
                problems.append(f"unsafe background URL: {url}")
    return problems


def split_declarations(css):
    """Split on semicolons outside double-quoted strings."""
    parts, current, quoted, escaped = [], "", False, False
    for char in css:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == ";" and not quoted:
            parts.append(current)
            current = ""
            continue
        current += char
    return [*parts, current]
