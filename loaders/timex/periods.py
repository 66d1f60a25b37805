"""Calendar periods: a TIMEX3 value, its calendar interval and its precision, in one record.

Why: every handler of the resolver ends in "this day / week / month / quarter / season /
year / decade", so the value strings (2025-W11, 2025-Q3, 2024-WI, 199) and the intervals
they cover are built in one place, with the same conventions everywhere.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

ONE_DAY = dt.timedelta(days=1)
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
SEASON_ORDER = ("WI", "SP", "SU", "FA")


@dataclass(frozen=True)
class Period:
    value: str
    start: dt.date | None
    end: dt.date | None
    precision: str

    def with_mod(self, mod: str) -> Period:
        """Narrow the interval for early/mid/late (first, middle, last third)."""
        if not mod or self.start is None or self.end is None or self.start == self.end:
            return self
        days = (self.end - self.start).days + 1
        third = max(1, days // 3)
        if mod == "START":
            return Period(self.value, self.start, self.start + dt.timedelta(days=third - 1), self.precision)
        if mod == "END":
            return Period(self.value, self.end - dt.timedelta(days=third - 1), self.end, self.precision)
        if mod == "MID":
            s = self.start + dt.timedelta(days=third)
            return Period(self.value, s, min(self.end, s + dt.timedelta(days=third - 1)), self.precision)
        return self


def last_day_of_month(year: int, month: int) -> int:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return (nxt - ONE_DAY).day


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def day(d: dt.date) -> Period:
    return Period(d.isoformat(), d, d, "day")


def day_time(d: dt.date, suffix: str) -> Period:
    """A day with a time of day: 2025-03-18TEV, 2025-03-18T22:00."""
    return Period(f"{d.isoformat()}T{suffix}", d, d, "day")


def week(d: dt.date) -> Period:
    y, w, wd = d.isocalendar()
    monday = d - dt.timedelta(days=wd - 1)
    return Period(f"{y}-W{w:02d}", monday, monday + dt.timedelta(days=6), "week")


def weekend(saturday: dt.date) -> Period:
    y, w, _ = saturday.isocalendar()
    return Period(f"{y}-W{w:02d}-WE", saturday, saturday + ONE_DAY, "week")


def month(year: int, m: int) -> Period:
    return Period(f"{year:04d}-{m:02d}", dt.date(year, m, 1), dt.date(year, m, last_day_of_month(year, m)), "month")


def quarter(year: int, q: int) -> Period:
    s = dt.date(year, 3 * q - 2, 1)
    e = dt.date(year, 3 * q, last_day_of_month(year, 3 * q))
    return Period(f"{year:04d}-Q{q}", s, e, "quarter")


def half(year: int, h: int) -> Period:
    s, e = (dt.date(year, 1, 1), dt.date(year, 6, 30)) if h == 1 else (dt.date(year, 7, 1), dt.date(year, 12, 31))
    return Period(f"{year:04d}-H{h}", s, e, "range")


def season(year: int, code: str) -> Period:
    """Meteorological seasons; the winter belongs to the year of its December."""
    first, last = SEASON_MONTHS[code]
    s = dt.date(year, first, 1)
    end_year = year + 1 if code == "WI" else year
    e = dt.date(end_year, last, last_day_of_month(end_year, last))
    return Period(f"{year:04d}-{code}", s, e, "season")


def season_of(d: dt.date) -> tuple[int, str]:
    """(season year, code) that contains a day."""
    m = d.month
    if m in (12, 1, 2):
        return (d.year if m == 12 else d.year - 1), "WI"
    return d.year, {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(m, "FA")


def year(y: int) -> Period:
    return Period(f"{y:04d}", dt.date(y, 1, 1), dt.date(y, 12, 31), "year")


def decade(first_year: int) -> Period:
    """TIMEX3 writes the 1990s as 199."""
    return Period(f"{first_year // 10:03d}", dt.date(first_year, 1, 1), dt.date(first_year + 9, 12, 31), "decade")


def century(ordinal: int) -> Period:
    """The 20th century is 19 (1900-1999, the TIMEX3 reading)."""
    c = ordinal - 1
    return Period(f"{c:02d}", dt.date(max(1, c * 100), 1, 1), dt.date(c * 100 + 99, 12, 31), "range")


def quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def shift_quarter(y: int, q: int, n: int) -> tuple[int, int]:
    k = y * 4 + (q - 1) + n
    return k // 4, k % 4 + 1


def easter(y: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ll) // 451
    mo = (h + ll - 7 * m + 114) // 31
    da = (h + ll - 7 * m + 114) % 31 + 1
    return dt.date(y, mo, da)


def holiday_date(spec: str, y: int) -> dt.date | None:
    """Date of a holiday spec from holidays.txt (MM-DD, MM-N-W, EASTER+k) in year y."""
    try:
        if spec.startswith("EASTER"):
            return easter(y) + dt.timedelta(days=int(spec[6:] or 0))
        parts = spec.split("-")
        if len(parts) == 2:
            return dt.date(y, int(parts[0]), int(parts[1]))
        mo, n, wd = int(parts[0]), parts[1], int(parts[2])
        if n == "L":
            d = dt.date(y, mo, last_day_of_month(y, mo))
            while d.isoweekday() != wd:
                d -= ONE_DAY
            return d
        d = dt.date(y, mo, 1)
        while d.isoweekday() != wd:
            d += ONE_DAY
        return d + dt.timedelta(weeks=int(n) - 1)
    except ValueError:
        return None
