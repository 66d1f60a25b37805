"""Turning strings into publication dates: the strict user-facing parser and the
lenient metadata parser.

Why two: a date the user types (CLI flag, upload field) must be exactly YYYY-MM-DD
and plausible, and a wrong one is an error the user sees; dates found in metadata
come in every format publishers use (ISO timestamps, RFC 822, "March 23, 2025") and
an unusable one is skipped so the next source in the chain gets its turn.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import re
from functools import cache

from loaders.errors import DateError
from loaders.settings import Settings

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def today() -> dt.date:
    """The latest possible publication date (a seam for tests)."""
    return dt.date.today()


def check_plausible(day: dt.date, settings: Settings, what: str = "publication date") -> dt.date:
    """Raise DateError when `day` is in the future or before settings.min_year."""
    if day > today():
        raise DateError(f"{what} {day.isoformat()} is in the future (today is {today().isoformat()})")
    if day.year < settings.min_year:
        raise DateError(f"{what} {day.isoformat()} is before {settings.min_year}")
    return day


def parse_published(value: str | dt.date, settings: Settings) -> dt.date:
    """Strict YYYY-MM-DD parser for dates typed by a user (CLI --published, upload field).

    Malformed, future and pre-`min_year` dates raise DateError with a message that
    names the value and what is wrong with it.
    """
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return check_plausible(value, settings)
    text = str(value).strip()
    if not _ISO_DAY.fullmatch(text):
        raise DateError(f"{text!r} is not a valid date (YYYY-MM-DD)")
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise DateError(f"{text!r} is not a valid date (YYYY-MM-DD)") from None
    return check_plausible(day, settings)


@cache
def _dateparser():
    """One reused DateDataParser (building one per call costs far more than parsing)."""
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={
        "PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"],
    })


def parse_meta_date(value: object, fallback: bool = True) -> dt.date | None:
    """A calendar day from a metadata value in any common format, or None.

    The date is taken as written (a timestamp's local date, not converted to UTC):
    that is the day the publisher printed. Partial dates ("2025-03") are refused.
    `fallback=False` skips dateparser (the slow path) and only reads ISO and RFC 822 forms.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text or len(text) > 80:
        return None
    head = text[:10]
    if _ISO_DAY.fullmatch(head) and (len(text) == 10 or text[10] in "T _"):
        try:
            return dt.date.fromisoformat(head)
        except ValueError:
            return None
    if re.fullmatch(r"\d{8}", text):
        try:
            return dt.datetime.strptime(text, "%Y%m%d").date()
        except ValueError:
            return None
    try:
        parsed = email.utils.parsedate_to_datetime(text)
        if parsed is not None:
            return parsed.date()
    except (TypeError, ValueError, IndexError):
        pass
    if not fallback:
        return None
    try:
        found = _dateparser().get_date_data(text)
    except (ValueError, OverflowError):
        return None
    if found and found.date_obj is not None and found.period == "day":
        return found.date_obj.date()
    return None
