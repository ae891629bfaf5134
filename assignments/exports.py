"""CSV exports for staff: the submissions, and the grades for the registrar."""

import csv

from django.http import HttpResponse

from assignments.models import Membership
from assignments.validators import format_points
from core.text import spreadsheet_safe


def csv_response(filename, header, rows, *, bom=False):
    """A CSV download, every cell defused; with `bom`, Excel reads its UTF-8 (accents) right."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if bom:
        response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return response


GRADE_HEADER = ["assignment", "student", "username", "email", "group", "grade on 20", "released"]


def grade_rows(assignments):
    """One row per student of each group of `assignments`: who, which group, which grade.

    Every grade is exported, released or not (the file is for staff); a group with no grade
    yet has an empty cell. One query, whatever the number of students.
    """
    memberships = (
        Membership.objects.filter(assignment__in=assignments)
        .select_related("user", "group__submission", "group__assignment")
        .order_by("group__assignment__due_at", "group__name", "user__last_name", "user__username")
    )
    for membership in memberships:
        user, group = membership.user, membership.group
        grade = group.submission.grade
        yield [
            group.assignment.title,
            user.get_full_name() or user.get_username(),
            user.get_username(),
            user.email,
            group.name,
            "" if grade is None else format_points(grade),
            "yes" if group.assignment.grades_released else "no",
        ]
