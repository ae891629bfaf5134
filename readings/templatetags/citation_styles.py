from django import template

from readings.citations import DEFAULT_STYLE, STYLES

register = template.Library()


@register.inclusion_tag("readings/includes/citation_style.html")
def citation_style_switcher(course, style=DEFAULT_STYLE):
    """The citation style menu: it switches the entries in place (readings/citation-style.js)
    and, without JavaScript, opens the course's reading list in the style chosen."""
    styles = [(name, label) for name, (_, label) in STYLES.items()]
    return {"course": course, "styles": styles, "style": style}
