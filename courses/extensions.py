"""What the apps above `courses` add to the course home without `courses` importing them.

- ``course_page_queryset``: hooks ``(queryset, user) -> queryset`` adding what the course home
  shows of other apps (the course's assignments) as prefetches, so the page keeps a fixed
  number of queries; `user` lets a hook leave out what this visitor may not see.
"""

from core.registry import Registry

course_page_queryset = Registry("course page queryset")


def for_course_page(queryset, user):
    for hook in course_page_queryset:
        queryset = hook(queryset, user)
    return queryset
