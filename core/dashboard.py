"""The admin index's dashboard: one panel per course, its lines contributed by the apps above.

``core`` knows neither courses nor weeks, so both halves are registries (``core.registry``):

- ``dashboard_panels``: hooks ``() -> [Panel]``; ``courses`` makes one panel per course.
- ``dashboard_lines``: hooks ``(keys, now) -> {key: [Line]}``, given the keys of every panel at
  once, so that each hook answers in a fixed number of queries however many courses there are.
  Lines appear in the order the hooks were registered (the order of ``INSTALLED_APPS``).
"""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from core.registry import Registry

dashboard_panels = Registry("admin dashboard panels")
dashboard_lines = Registry("admin dashboard lines")


@dataclass(frozen=True)
class Line:
    """One line of a panel: what needs doing, and the admin page where it is done.

    `count` is None for a line that reports rather than counts (the next session); a line with
    a `permission` (``"app.codename"``) is shown only to staff who hold it, since its link
    would answer them 403.
    """

    text: str
    url: str
    count: int | None = None
    detail: str = ""
    status: str = ""
    permission: str = ""

    @property
    def needs_attention(self):
        return bool(self.count)


@dataclass
class Panel:
    key: object
    title: str
    url: str
    lines: list = field(default_factory=list)


def dashboard_for(user, now=None):
    """Every registered panel with the lines `user` may follow, in registration order."""
    now = now or timezone.now()
    panels = [panel for hook in dashboard_panels for panel in hook()]
    by_key = {panel.key: panel for panel in panels}
    if by_key:
        for hook in dashboard_lines:
            for key, lines in hook(list(by_key), now).items():
                by_key[key].lines.extend(lines)
    for panel in panels:
        panel.lines = [
            line for line in panel.lines if not line.permission or user.has_perm(line.permission)
        ]
    return panels


def counts_by(queryset, field, count="pk"):
    """{value of `field`: number of distinct `count` values} for `queryset`, in one query."""
    grouped = queryset.order_by().values(field).annotate(rows=Count(count, distinct=True))
    return dict(grouped.values_list(field, "rows"))


def counted(count, singular, plural=None):
    """``counted(1, "group")`` → "1 group", ``counted(3, "group")`` → "3 groups"."""
    return f"{count} {singular if count == 1 else plural or singular + 's'}"
