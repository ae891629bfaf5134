"""What the apps above `weeks` add to weeks without `weeks` importing them.

- ``slide_markup``: hooks ``(course_id) -> (html -> html)`` applied to every rendered slide
  (the glossary marks Chinese runs and the course's confirmed terms).
- ``week_page_queryset``: hooks ``(queryset) -> queryset`` adding what the week page shows of
  other apps (its readings, its character, its assignments) as joins and prefetches, so the
  page keeps a fixed number of queries.
- ``week_page_panels``: hooks ``(request, week) -> safe HTML`` (or "") shown at the end of the
  week page (the live classroom's discussion boards). A hook answers "" without a query for an
  anonymous visitor, whose page is cached and the same for everyone.
- ``week_program``: hooks ``(week, items) -> items`` giving the program the week page shows,
  from the week's program items (the presentations name who presents what), without queries of
  their own: what they read comes from ``week_page_queryset``.
"""

from core.registry import Registry

slide_markup = Registry("slide HTML markup")
week_page_queryset = Registry("week page queryset")
week_page_panels = Registry("week page panels")
week_program = Registry("week page program")


def slide_markup_for(course_id):
    """One function applying every registered slide markup of `course_id`, in order."""
    steps = [hook(course_id) for hook in slide_markup]

    def apply(html):
        for step in steps:
            html = step(html)
        return html

    return apply


def program_of(week):
    """The program items the week page shows, after every registered program hook."""
    items = list(week.program_items.all())
    for hook in week_program:
        items = hook(week, items)
    return items
