"""Periods of time, as inspection reports describe them.

Reports give their figures and fieldwork for periods written in prose: "12 months to
30 June 2015", "between June and August 2015", "as at 30 June 2015", "the five year
period to 30 June 2015". :meth:`Period.parse` reads these; ``str(period)`` writes a
phrase that parses back to the same period. Dates are calendar dates: no time zone
or clock is involved anywhere.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

import attrs

from peelmodel._types import checked_post_init
from peelmodel.errors import ValidationError

__all__ = ["Period"]

_MONTHS = {name.casefold(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.casefold(): i for i, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
}
_WORD_FOR = {v: k for k, v in _NUMBER_WORDS.items()}

_DAY_MONTH_YEAR = r"(?:(?P<{p}day>\d{{1,2}})(?:st|nd|rd|th)?\s+)?(?P<{p}month>[a-z]+)\.?(?:\s+(?P<{p}year>\d{{4}}))?"
_SPAN = re.compile(
    r"(?:the\s+)?(?P<n>\d+|[a-z]+)[\s-]+(?P<kind>months?|years?)(?:\s+period)?\s+(?:to|ending)\s+"
    + _DAY_MONTH_YEAR.format(p="e")
)
_BETWEEN = re.compile(
    r"(?:(?:between|from)\s+)?"
    + _DAY_MONTH_YEAR.format(p="s")
    + r"\s*(?:\s(?:and|to|until)\s|[–-])\s*"
    + _DAY_MONTH_YEAR.format(p="e")
)
_AS_AT = re.compile(r"(?:as\s+(?:at|of)|at|on)\s+" + _DAY_MONTH_YEAR.format(p="e"))
_MONTH = re.compile(r"(?P<emonth>[a-z]+)\.?\s+(?P<eyear>\d{4})")
_LEADING = re.compile(r"^(?:in|for|over|during)\s+(?:the\s+)?")


def _problem(text: str, why: str) -> ValidationError:
    return ValidationError.single(
        "$", "period.unparsable", f"cannot read {text!r} as a period: {why}"
    )


def _add_months(day: date, months: int) -> date:
    from dateutil.relativedelta import relativedelta

    result: date = day + relativedelta(months=months)
    return result


@attrs.frozen(kw_only=True)
class Period:
    """A span of calendar days, both ends included. ``start == end`` is an instant.

    >>> p = Period.parse("12 months to 30 June 2015")
    >>> p.start, p.end
    (datetime.date(2014, 7, 1), datetime.date(2015, 6, 30))
    >>> str(p)
    '12 months to 30 June 2015'
    """

    start: date
    end: date

    __attrs_post_init__ = checked_post_init

    def _rules(self) -> None:
        if self.end < self.start:
            raise ValidationError.single(
                "$.end",
                "period.reversed",
                f"the period ends ({self.end.isoformat()}) before it starts "
                f"({self.start.isoformat()})",
            )

    @property
    def days(self) -> int:
        """How many days the period covers, both ends included."""
        return (self.end - self.start).days + 1

    @property
    def is_instant(self) -> bool:
        """True for a single day ("as at 30 June 2015")."""
        return self.start == self.end

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def months(self) -> int | None:
        """The number of whole months the period spans, ending on its last day, or None."""
        after = self.end + timedelta(days=1)
        n = (after.year - self.start.year) * 12 + after.month - self.start.month
        if n > 0 and _add_months(after, -n) == self.start:
            return n
        return None

    def __str__(self) -> str:
        end = _render(self.end)
        if self.is_instant:
            return f"as at {end}"
        n = self.months()
        if n is not None and n % 12 == 0:
            years = n // 12
            if years == 1:
                return f"12 months to {end}"
            return f"the {_WORD_FOR.get(years, str(years))} year period to {end}"
        last_day = calendar.monthrange(self.end.year, self.end.month)[1]
        if self.start.day == 1 and self.end.day == last_day:
            end_month = f"{calendar.month_name[self.end.month]} {self.end.year}"
            start_month = calendar.month_name[self.start.month]
            if (self.start.year, self.start.month) == (self.end.year, self.end.month):
                return end_month
            if self.start.year != self.end.year:
                start_month += f" {self.start.year}"
            return f"between {start_month} and {end_month}"
        if n is not None:
            return f"{n} months to {end}"
        return f"between {_render(self.start)} and {end}"

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read a period from the phrases inspection reports use.

        Accepts "12 months to 30 June 2015", "12 months to December 2019", "the five
        year period to 30 June 2015", "between June 2021 and June 2022", "between June
        and August 2015", "1 April 2021 to 31 March 2022", "as at 30 June 2015" and a
        month, "September 2018". A month without a day means the whole
        month. Impossible dates and reversed ranges are a :class:`ValidationError`.
        """
        if not isinstance(text, str):
            raise ValidationError.single(
                "$", "period.type", f"a period must be text, not {type(text).__name__}"
            )
        phrase = _LEADING.sub("", " ".join(text.split()).casefold().rstrip("."))
        if m := _SPAN.fullmatch(phrase):
            count = _count(m["n"], text)
            months = count * (12 if m["kind"].startswith("year") else 1)
            end = _day(text, m["eday"], m["emonth"], m["eyear"], last=True)
            return cls(start=_add_months(end + timedelta(days=1), -months), end=end)
        if m := _BETWEEN.fullmatch(phrase):
            end = _day(text, m["eday"], m["emonth"], m["eyear"], last=True)
            start_year = m["syear"] or str(end.year)
            start = _day(text, m["sday"], m["smonth"], start_year, last=False)
            if end < start:
                raise ValidationError.single(
                    "$",
                    "period.reversed",
                    f"{text!r} ends ({end.isoformat()}) before it starts ({start.isoformat()})",
                )
            return cls(start=start, end=end)
        if m := _MONTH.fullmatch(phrase):
            end = _day(text, None, m["emonth"], m["eyear"], last=True)
            return cls(start=end.replace(day=1), end=end)
        if m := _AS_AT.fullmatch(phrase):
            if m["eday"] is None:
                raise _problem(text, "'as at' needs a day, as in 'as at 30 June 2015'")
            day = _day(text, m["eday"], m["emonth"], m["eyear"], last=True)
            return cls(start=day, end=day)
        raise _problem(
            text,
            "expected a phrase such as '12 months to 30 June 2015', "
            "'between June and August 2015' or 'as at 30 June 2015'",
        )


def _count(token: str, text: str) -> int:
    n = int(token) if token.isdigit() else _NUMBER_WORDS.get(token)
    if n is None or n <= 0:
        raise _problem(text, f"{token!r} is not a number of months or years")
    return n


def _day(text: str, day: str | None, month: str, year: str | None, *, last: bool) -> date:
    month_number = _MONTHS.get(month)
    if month_number is None:
        raise _problem(text, f"{month!r} is not a month")
    if year is None:
        raise _problem(text, f"no year is given for {month!r}")
    y = int(year)
    if day is None:
        d = calendar.monthrange(y, month_number)[1] if last else 1
    else:
        d = int(day)
    try:
        return date(y, month_number, d)
    except ValueError:
        raise _problem(text, f"{d} {calendar.month_name[month_number]} {y} is not a date") from None


def _render(day: date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def __dir__() -> list[str]:
    """The public names only: what completion in a notebook offers."""
    return sorted(__all__)
