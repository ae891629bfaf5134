"""The Week 7 deck and sample references the citation tests share."""

import re

from demo import DECK_PATH
from readings.citations import Author, Reference


def week_7_slides():
    """The deck's slides: remark separates them with lines that are exactly ``---``."""
    return re.split(r"^---$", DECK_PATH.read_text(encoding="utf-8"), flags=re.MULTILINE)


def slide_titled(heading):
    return next(slide for slide in week_7_slides() if heading in slide)


def by_title(refs, title):
    return next(ref for ref in refs if ref.title == title)


def people(authors):
    return [(a.family, a.given, a.organisation) for a in authors]


# The fields every reference of the Week 7 deck must come out with.
WEEK_7 = [
    {
        "title": "An Investigation of IBM's Smarter Cities",
        "kind": "article",
        "authors": [("Alizadeh", "T.", "")],
        "container": "Cities",
        "volume": "47",
        "year": "2015",
    },
    {
        "title": "Urban Artificial Intelligence",
        "kind": "article",
        "authors": [("Cugurullo", "F.", "")],
        "container": "Urban Planning",
        "volume": "5",
        "issue": "1",
        "year": "2020",
    },
    {
        "title": "The 'City Brain' and Algorithmic Governance in China",
        "kind": "article",
        "authors": [("Shao", "", "")],
        "container": "Urban Studies",
        "volume": "59",
        "issue": "5",
        "year": "2022",
    },
    {
        "title": "Deciphering China's AI Dream",
        "kind": "report",
        "authors": [("Ding", "J.", "")],
        "publisher": "Future of Humanity Institute",
        "place": "Oxford",
        "year": "2018",
        "url": "https://www.fhi.ox.ac.uk/wp-content/uploads/Deciphering_Chinas_AI-Dream.pdf",
    },
    {
        "title": "Constructing a Data-Driven Society",
        "kind": "article",
        "authors": [("Liang", "Fan", "")],
        "et_al": True,
        "container": "Policy & Internet",
        "volume": "10",
        "issue": "4",
        "year": "2018",
    },
    {
        "title": "Social Credit Overview Podcast",
        "kind": "podcast",
        "authors": [("Daum", "Jeremy", "")],
        "container": "China Law Translate",
        "year": "2018",
        "url": "https://www.chinalawtranslate.com/en/social-credit-overview-podcast/",
    },
    {
        "title": "La gouvernance par les nombres",
        "kind": "book",
        "authors": [("Supiot", "", "")],
        "publisher": "Fayard",
        "year": "2015",
        "language": "fr",
    },
    {
        "title": "China Briefing analysis",
        "kind": "webpage",
        "authors": [],
        "url": "https://www.china-briefing.com/news/"
        "chinas-15th-five-year-plan-key-insights-for-foreign-investors/",
    },
    {
        "title": "Carbon Brief Q&A on climate",
        "kind": "webpage",
        "url": "https://www.carbonbrief.org/"
        "qa-what-does-chinas-15th-five-year-plan-mean-for-climate-change/",
    },
    {
        "title": "Ambassador Xie Feng remarks",
        "kind": "webpage",
        "url": "https://us.china-embassy.gov.cn/eng/dshd/202603/t20260314_11874964.htm",
    },
    {
        "title": "China intensifies push",
        "kind": "webpage",
        "container": "Nature",
        "url": "https://www.nature.com/articles/d41586-026-00814-3",
    },
    {
        "title": "China's next five-year bet on AI",
        "kind": "webpage",
        "container": "MERICS",
    },
    {
        "title": "Innovation Under Pressure: China's Semiconductor Industry at a Crossroads",
        "kind": "webpage",
        "authors": [],
        "container": "American Affairs",
        "year": "2026",
        "url": "https://americanaffairsjournal.org/2026/02/"
        "innovation-under-pressure-chinas-semiconductor-industry-at-a-crossroads/",
    },
    {
        "title": "The Makers Are Coming! China's Long Tail",
        "kind": "chapter",
        "authors": [("Wang", "Jing", "")],
        "editors": [("Keane", "Michael", "")],
        "container": "Handbook of Cultural and Creative Industries in China",
        "pages": "43–63",
        "place": "Cheltenham",
        "publisher": "Edward Elgar Publishing",
        "year": "2016",
    },
]


TRICKY = Reference(
    kind="book",
    authors=[Author("Müller", "Jürgen"), Author(organisation="Zürich Institute & Partners")],
    title="Gouvernance par les nombres: 100% of 城市大脑 & under_score {braces} $5 #1 ~^\\",
    publisher="Éditions Fayard",
    place="Zürich",
    year="2015",
    url="https://example.org/a%20b_c?x=1&y=2#frag",
    doi="10.1000/abc_(12)",
)
