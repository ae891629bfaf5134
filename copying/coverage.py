"""Which of a course's models a copy to a new term takes along, and which it leaves behind.

Every model that belongs to a course (through its foreign keys) is in exactly one of the two;
tests/copying/test_coverage.py fails when an app adds one that is in neither, so that someone
decides whether next year's course should have it.
"""

COPIED = {
    "courses.Course": "the new course, with a new slug and term",
    "weeks.Week": "moved to the new dates, as drafts, with their times and rooms",
    "weeks.ProgramItem": "the session's program, as it is",
    "weeks.Slide": "derived again from the deck's latest source (weeks.revisions.save_deck)",
    "weeks.DeckRevision": "the latest source becomes the new deck's first revision",
    "weeks.SlideImage": "the same uploaded files, so the slides find their images",
    "glossary.Character": "with its week and links",
    "glossary.CharacterLink": "with its character",
    "glossary.Term": "with its status, pinyin, gloss, notes and weeks",
    "readings.Reading": "with its status and the slide it was read from",
    "readings.WeekReading": "with its role and order",
    "readings.Mention": "derived again from the copied slides",
    "assignments.Assignment": "with every date moved like its week",
    "assignments.RubricCriterion": "with its assignment",
}

NOT_COPIED = {
    "presentations.PresentationSlots": "a new term's sign-up opens when its slots are set",
    "presentations.SignUp": "the old term's students and their presentations",
    "live.LiveSession": "where the presenter was in the old term's class",
    "live.Contribution": "the old class's discussion boards",
    "live.Upvote": "the old class's votes on its boards",
    "courses.CalendarFeed": "a student's private calendar address",
    "courses.CalendarEventRevision": "the old calendar's event history",
    "accounts.Enrolment": "the students of the old term",
    "accounts.EnrolmentKey": "the old term's enrolment keys",
    "accounts.Invitation": "invitations to the old term",
    "accounts.MailPreferences": "a student's settings",
    "announcements.Announcement": "news of the old term",
    "assignments.Group": "the old term's student groups",
    "assignments.Membership": "the old term's student groups",
    "assignments.Submission": "student work",
    "assignments.Revision": "student work",
    "assignments.DeadlineReminder": "reminders sent to the old term's groups",
    "search.Entry": "the search index, rebuilt from the copy by its own signals",
}
