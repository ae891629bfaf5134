"""The load's database, each step in a Django process of its own: the demo course with the
students in groups (--populate), then every load group's submission and revisions (--dump)."""

import json
import subprocess
import sys

from bench.server import PYTHON, ROOT

COURSE = "chinese-cities"
ASSIGNMENT = "final-project"
GROUP_SIZE = 3
GROUP_PREFIX = "Load group"
PASSWORD = "load-test-password-4821"  # noqa: S105 (set on throwaway accounts of a fresh database)


def django_json(mode, env):
    """Run `python -m bench.load <mode>` (--populate or --dump); return the JSON it prints."""
    result = subprocess.run(
        [PYTHON, "-m", "bench.load", *mode],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode:
        sys.exit(f"{' '.join(mode)} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def populate(students):
    """The demo course, plus `students` enrolled students in groups of 3 (JSON on stdout)."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.urls import reverse

    from accounts.models import Enrolment
    from assignments import services
    from assignments.models import Assignment
    from demo.loader import load_demo

    call_command("migrate", verbosity=0)
    course = load_demo()
    assignment = Assignment.objects.get(course=course, slug=ASSIGNMENT)
    password = make_password(PASSWORD)  # hashed once; each login still checks it in full
    report = {"assignment": assignment.get_absolute_url(), "students": [], "groups": {}}
    group = None
    for index in range(students):
        user = get_user_model().objects.create(
            username=f"load-{index + 1:03d}",
            first_name=f"Student {index + 1}",
            email=f"load-{index + 1:03d}@example.org",
            password=password,
        )
        Enrolment.objects.create(user=user, course=course, role=Enrolment.Role.STUDENT)
        if index % GROUP_SIZE == 0:
            name = f"{GROUP_PREFIX} {index // GROUP_SIZE + 1:02d}"
            group = services.create_group(assignment=assignment, user=user, name=name)
            report["groups"][str(group.pk)] = {
                "name": name,
                "save": reverse("assignments:save", args=[course.slug, assignment.slug, group.pk]),
            }
        else:
            services.join_group(assignment=assignment, user=user, code=group.join_code)
        report["students"].append({"username": user.username, "group": str(group.pk)})
    print(json.dumps(report))


def dump():
    """Every load group's submission and revisions, as stored (JSON on stdout)."""
    import django

    django.setup()
    from assignments.models import Group

    groups = Group.objects.filter(name__startswith=GROUP_PREFIX).select_related("submission")
    report = {}
    for group in groups:
        submission = group.submission
        revisions = submission.revisions.select_related("author").order_by("number")
        report[str(group.pk)] = {
            "name": group.name,
            "revision_number": submission.revision_number,
            "content": submission.content,
            "revisions": [
                {
                    "number": revision.number,
                    "author": revision.author.username if revision.author else None,
                    "content": revision.content,
                }
                for revision in revisions
            ],
        }
    print(json.dumps(report))
