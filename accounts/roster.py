"""Read a class roster: CSV text with one `name,email` row per student, an optional header."""

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

MAX_ROWS = 2_000
MAX_NAME_LENGTH = 150
# A roster student's username is her e-mail address, and Django's usernames hold 150 characters.
MAX_EMAIL_LENGTH = 150


@dataclass(frozen=True)
class RosterRow:
    line: int
    name: str
    email: str


@dataclass(frozen=True)
class RosterError:
    line: int
    reason: str


def parse_roster(text):
    """Return (rows, errors): each good row, and each bad row's line number and reason."""
    rows, errors, seen = [], [], {}
    reader = csv.reader(io.StringIO(text.replace("\x00", "\ufffd")), strict=True)
    line = 0
    for record in _records(reader, errors):
        first_line, line = line + 1, reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        if first_line == 1 and [cell.strip().lower() for cell in record] == ["name", "email"]:
            continue
        if len(rows) + len(errors) >= MAX_ROWS:
            errors.append(RosterError(first_line, f"more than {MAX_ROWS} rows; split the file"))
            break
        row, reason = _read_row(first_line, record)
        if reason is None and row.email in seen:
            reason = f"the e-mail address is already on line {seen[row.email]}"
        if reason:
            errors.append(RosterError(first_line, reason))
        else:
            seen[row.email] = first_line
            rows.append(row)
    return rows, errors


def _records(reader, errors):
    """Yield the CSV records; an over-long field or an unclosed quote ends as an error."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            errors.append(RosterError(reader.line_num, f"the CSV cannot be read here: {error}"))
            return


def _read_row(line, record):
    if len(record) != 2:
        return None, f"expected 2 columns (name, email), found {len(record)}"
    name, email = (" ".join(cell.split()) for cell in record)
    if "\ufffd" in name + email:
        return None, "contains a NUL byte or a character that is not UTF-8"
    if not name:
        return None, "the name is empty"
    if len(name) > MAX_NAME_LENGTH:
        return None, f"the name is longer than {MAX_NAME_LENGTH} characters"
    if len(email) > MAX_EMAIL_LENGTH:
        return None, f"the e-mail address is longer than {MAX_EMAIL_LENGTH} characters"
    try:
        validate_email(email)
    except ValidationError:
        return None, f"“{email}” is not a valid e-mail address"
    return RosterRow(line, name, email.lower()), None
