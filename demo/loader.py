"""The demo course: Chinese Cities with Week 7, built from the instructor's own deck."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accounts.models import Enrolment, EnrolmentKey
from assignments.models import Assignment, Membership
from assignments.services import save_revision, start_group
from core.pagecache import bump_version
from courses.models import Course
from demo import DECK_PATH
from glossary.models import Character, Term
from glossary.services import collect_from_deck, rerender_weeks
from readings.models import Reading
from readings.services import collect_slide_readings
from weeks.models import Week
from weeks.revisions import save_deck

COURSE = {
    "title": "Chinese Cities",
    "institution": "Sciences Po",
    "code": "OGLM 3050",
    "section": "59127",
    "term": "S2 2025/26",
    "instructor_name": "Clément Renaud",
    "instructor_email": "hi@clementrenaud.com",
    "meeting_time": "Tuesdays 17:00–19:00",
    "session_start": datetime.time(17, 0),
    "session_end": datetime.time(19, 0),
    "meeting_place": "Sciences Po, 1 place Saint-Thomas-d’Aquin, room K.011",
}
WEEK_7 = {
    "title": "Planning For Innovation",
    "date": datetime.date(2026, 3, 17),
    "is_published": True,
}


@transaction.atomic
def load_demo():
    """Create the demo course where it is missing; never overwrites the instructor's edits."""
    course, _ = Course.objects.get_or_create(slug="chinese-cities", defaults=COURSE)
    week, _ = Week.objects.get_or_create(course=course, number=7, defaults=WEEK_7)
    if not week.slides.exists():  # the deck's "Program Today" slide gives the program
        save_deck(week, DECK_PATH.read_text(encoding="utf-8"))
    load_demo_readings(week)
    load_demo_glossary(week)
    load_assignment_demo(course, week)
    load_grading_demo(course, week)
    return course


def load_demo_readings(week):
    """Confirm the readings the deck's import found, unless the instructor confirmed some."""
    if not week.week_readings.exists():  # slides imported before the readings app existed
        collect_slide_readings(week=week, slides=week.slides.all())
    if not week.readings.confirmed().exists():
        week.readings.update(status=Reading.Status.CONFIRMED)
        bump_version()  # update() sends no signals


DEMO_CHARACTER = {
    "pinyin": "chuàng",
    "meaning": "to create; to start, initiate",
    "notes": (
        "创 joins 仓 (cāng, “granary”), which gives the sound, and 刂, the knife radical "
        "(刀 dāo at the side of a character): its first sense was a cut. Read *chuāng* it "
        "still means a wound (创伤 chuāngshāng); read *chuàng* it means to make something "
        "new, as in 创新 chuàngxīn (innovation), 创业 chuàngyè (to start a business) and "
        "创客 chuàngkè (maker)."
    ),
}
# The deck's terms the demo confirms: hanzi → (pinyin, or "" to keep the found one; gloss).
DEMO_TERMS = {
    "智慧城市": ("", "smart city"),
    "新型智慧城市": ("", "New Type Smart City"),
    "城市大数据平台": ("", "urban big-data platform"),
    "一网通办": ("yī wǎng tōng bàn", "“one network, one door”: all public services online"),
    "城市大脑": ("", "City Brain (Alibaba, Hangzhou)"),
    "新一代人工智能发展规划": ("", "New Generation AI Development Plan (2017)"),
    "天网": ("", "Skynet (surveillance camera network)"),
    "雪亮工程": ("", "Sharp Eyes (rural video surveillance)"),
    "户籍": ("", "household registration"),
    "健康码": ("", "COVID health code"),
    "社会信用": ("", "social credit"),
    "失信被执行人": ("", "judgment defaulter"),
    "精准扶贫": ("", "targeted poverty alleviation"),
    "生态文明": ("", "ecological civilization"),
    "业绩": ("", "performance, results (what officials are evaluated on)"),
    "中国科学院": ("", "Chinese Academy of Sciences"),
    "自主创新": ("", "indigenous innovation"),
    "科技自立自强": ("", "science and technology self-reliance"),
    "中国制造2025": ("", "Made in China 2025"),
    "开发区": ("", "development zone"),
    "大众创业、万众创新": ("", "mass entrepreneurship and innovation"),
    "双创": ("", "short for 大众创业、万众创新"),
    "创客": ("", "maker"),
    "黑客": ("", "hacker"),
    "新单位": ("", "Xindanwei, “new work unit”: a Shanghai coworking space"),
    "新车间": ("", "Xinchejian, “new workshop”: a Shanghai hackerspace"),
    "联合创业办公社": ("liánhé chuàngyè bàngōngshè", "People Squared (Shanghai coworking)"),
    "创新屋": ("", "Innovation Houses (Shanghai)"),
    "榕树": ("", "banyan tree"),
}


def load_demo_glossary(week):
    """Give Week 7 its character 创 and confirm its deck's terms, unless the instructor has."""
    if not week.glossary_terms.exists():  # slides imported before the glossary app existed
        collect_from_deck(week=week, slides=list(week.slides.all()))
    character = Character.objects.filter(week=week).first()
    if character and (not character.meaning or not character.has_strokes):
        if not character.meaning:
            for name, value in DEMO_CHARACTER.items():
                setattr(character, name, value)
        character.save()  # also stores stroke data installed (npm) since the last save
    if not Term.objects.filter(course=week.course).confirmed().exists():
        for term in week.glossary_terms.filter(hanzi__in=DEMO_TERMS, edited=False):
            pinyin, term.gloss = DEMO_TERMS[term.hanzi]
            term.pinyin = pinyin or term.pinyin
            term.status = Term.Status.CONFIRMED
            term.save()
        rerender_weeks([week.pk])  # the slides now show the confirmed terms' pinyin


DEMO_STUDENTS = (("li.wei", "Li Wei"), ("camille.martin", "Camille Martin"))
DEMO_STUDENT_PASSWORD = "seminar-student"  # noqa: S105  (set only by load_demo --admin, DEBUG)
ASSIGNMENT_2 = {
    "title": "Assignment 2: Final project",
    "instructions": (
        "Get into your groups, agree on a **topic or case study**, list the **sources** you will "
        "use, and write **one sentence**: what is your argument?"
    ),
    "group_min_size": 2,
    "group_max_size": 4,
    "min_sources": 3,
    "topics_visible": True,
}
DEMO_SUBMISSION = {
    "topic": "Shenzhen's maker spaces",
    "sources": [
        "Lindtner, S. (2020). Prototype Nation. Princeton University Press.",
        "https://www.shenzhen.gov.cn/",
    ],
    "argument": "Shenzhen's maker spaces turned the city's factories into a planning asset.",
}


def load_assignment_demo(course, week):
    """Assignment 2 on Week 7, two enrolled demo students and their group with a first draft."""
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    assignment, created = Assignment.objects.get_or_create(
        course=course,
        slug="final-project",
        defaults={
            **ASSIGNMENT_2,
            "week": week,
            "opens_at": now - datetime.timedelta(days=1),
            "group_formation_deadline": now + datetime.timedelta(days=14),
            "due_at": now + datetime.timedelta(days=30),
        },
    )
    EnrolmentKey.objects.get_or_create(course=course, defaults={"key": "chinese-cities-2026"})
    students = []
    for username, name in DEMO_STUDENTS:
        student, new = get_user_model().objects.get_or_create(
            username=username, defaults={"first_name": name, "email": f"{username}@example.org"}
        )
        if new:
            student.set_unusable_password()
            student.save()
        Enrolment.objects.get_or_create(user=student, course=course)
        students.append(student)
    if created:
        group = start_group(assignment=assignment, name="Shenzhen makers")
        for student in students:
            Membership.objects.create(group=group, user=student)
        save_revision(group=group, author=students[0], base_number=0, **DEMO_SUBMISSION)


RUBRIC_2 = (
    ("Topic", "A case narrow enough to study in depth", 4),
    ("Sources", "Scholarly and primary sources, cited in full", 6),
    ("Argument", "One arguable sentence the sources can support", 10),
)
ASSIGNMENT_3 = {
    "title": "Assignment 3: Field report",
    "kind": Assignment.Kind.FILE,
    "instructions": "Hand in your group's **field report** as one PDF (at most 8 MB).",
    "group_min_size": 1,
    "group_max_size": 4,
    "min_sources": 0,
}


def load_grading_demo(course, week):
    """The rubric of Assignment 2, and Assignment 3, a PDF hand-in (no group yet)."""
    assignment = Assignment.objects.get(course=course, slug="final-project")
    if not assignment.criteria.exists():
        for position, (title, description, points) in enumerate(RUBRIC_2):
            assignment.criteria.create(
                position=position, title=title, description=description, points=points
            )
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    Assignment.objects.get_or_create(
        course=course,
        slug="field-report",
        defaults={
            **ASSIGNMENT_3,
            "week": week,
            "opens_at": now - datetime.timedelta(days=1),
            "group_formation_deadline": now + datetime.timedelta(days=21),
            "due_at": now + datetime.timedelta(days=45),
        },
    )


def set_demo_student_passwords():
    """Give the demo students a known password (development only); returns their logins."""
    logins = []
    for username, _ in DEMO_STUDENTS:
        student = get_user_model().objects.get(username=username)
        student.set_password(DEMO_STUDENT_PASSWORD)
        student.save()
        logins.append((username, DEMO_STUDENT_PASSWORD))
    return logins
