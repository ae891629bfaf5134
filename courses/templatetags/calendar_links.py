from django import template

register = template.Library()


@register.filter
def absolute_url(path, request):
    """`path` as an absolute address on the site `request` reached."""
    return request.build_absolute_uri(path)


@register.filter
def webcal(url):
    """The webcal:// form of an http(s) address, which calendar apps open as a subscription."""
    for scheme in ("https://", "http://"):
        if url.startswith(scheme):
            return "webcal://" + url.removeprefix(scheme)
    return url
