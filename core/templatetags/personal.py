"""``{% personal "name" arg %}…{% endpersonal %}``: a part of a cached page that is the reader's.

The block renders as written, between marks (core.pagecache.personal.marked). When the page is
served from the cache to a logged-in reader, the part registered as `name` in
`core.pagecache.personal_parts` renders it again for her, alone: it must give what the block
gives for her. `arg` (a number, a slug) tells it which course, week or assignment.
"""

from django import template
from django.core.exceptions import ImproperlyConfigured

from core.pagecache.personal import marked, personal_parts

register = template.Library()


class PersonalNode(template.Node):
    def __init__(self, name, arg, nodelist):
        self.name, self.arg, self.nodelist = name, arg, nodelist

    def render(self, context):
        name = self.name.resolve(context)
        arg = "" if self.arg is None else str(self.arg.resolve(context))
        if name not in personal_parts:
            raise ImproperlyConfigured(f"No personal part {name!r} is registered.")
        return marked(name, arg, self.nodelist.render(context))


@register.tag
def personal(parser, token):
    bits = token.split_contents()
    if len(bits) not in (2, 3):
        raise template.TemplateSyntaxError('Usage: {% personal "name" [arg] %}…{% endpersonal %}')
    nodelist = parser.parse(("endpersonal",))
    parser.delete_first_token()
    arg = parser.compile_filter(bits[2]) if len(bits) == 3 else None
    return PersonalNode(parser.compile_filter(bits[1]), arg, nodelist)
