"""Time pass: resolve date mentions to calendar dates or bounds, against the dateline and the tense."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import NamedTuple

from kg.mentions import Mention


class TimeValue(NamedTuple):
    """A resolved time: exact first and last day, or only the earliest and latest possible days."""

    begin: date | None = None
    end: date | None = None
    earliest: date | None = None
    latest: date | None = None

    def sort_key(self) -> date:
        """Return the day to order events by."""
        return self.begin or self.earliest or self.latest or date.min

    def within(self, other: "TimeValue") -> bool:
        """Tell whether this time fits inside another: a day of a range, or a day between its bounds."""
        first, last = self.begin or self.earliest, self.end or self.latest
        outer_first, outer_last = other.begin or other.earliest, other.end or other.latest
        if self == other:
            return True
        if first is None or last is None or outer_first is None or outer_last is None:
            return False
        return outer_first <= first and last <= outer_last

    def text(self) -> str:
        """Return a short ISO rendering for labels."""
        if self.begin:
            return self.begin.isoformat() if self.begin == self.end else f"{self.begin}/{self.end}"
        return f"{self.earliest or '..'}/{self.latest or '..'}"


def _day(year: int, month: int, day: int) -> date | None:
    """Return a date, clamping 31 to the month's last day; None when the day cannot exist."""
    last = calendar.monthrange(year, month)[1]
    if day == 31:
        day = last
    return date(year, month, day) if 1 <= day <= last else None


def _pick_year(build, published: date, tense: str | None) -> tuple[date, date] | None:
    """Choose the year for a day without one: forward in the future, backward in the past, else nearest."""
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        value = build(year)
        if value is not None and value[0] is not None and value[1] is not None:
            candidates.append(value)
    if not candidates:
        return None
    if tense == "future":
        ahead = [c for c in candidates if c[1] >= published]
        return ahead[0] if ahead else candidates[-1]
    if tense == "past":
        behind = [c for c in candidates if c[0] <= published]
        return behind[-1] if behind else candidates[0]
    return min(candidates, key=lambda c: abs((c[0] - published).days))


def _period(unit: str, offset: int, part: list[int] | None, published: date) -> TimeValue:
    """Bound a week, month or year counted from the dateline's ("la próxima semana", "a finales de mes")."""
    if unit == "week":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=offset)
        return TimeValue(earliest=monday, latest=monday + timedelta(days=6))
    if unit == "month":
        index = published.year * 12 + published.month - 1 + offset
        year, month = divmod(index, 12)
        first, last = part or (1, 31)
        return TimeValue(earliest=_day(year, month + 1, first), latest=_day(year, month + 1, last))
    year = published.year + offset
    # A part of a year scales the part of a month it names: "finales" is its last third.
    first, last = part or (1, 31)
    return TimeValue(earliest=date(year, 1 + round((first - 1) * 12 / 31), 1),
                     latest=_day(year, -(-last * 12 // 31), 31))


def resolve(mention: Mention, text: str, lexicon: dict, published: date | None,
            tense: str | None) -> TimeValue | None:
    """Turn one date mention into a TimeValue, or None when it needs a dateline the article lacks."""
    groups = {name: text[b:e] for name, (b, e) in mention.groups.items()}
    settings = mention.data["settings"]
    kind = settings["kind"]
    months, weekdays, parts = lexicon["month"], lexicon["weekday"], lexicon["part"]
    month = months[groups["month"].lower()] if "month" in groups else None
    month_end = months[groups["month_end"].lower()] if "month_end" in groups else month
    year = int(groups["year"]) if "year" in groups else None

    if kind in ("date", "range"):
        day = int(groups["day"])
        day_end = int(groups.get("day_end", day))

        def build(y: int) -> tuple[date | None, date | None]:
            # A range across the new year ("del 28 de diciembre al 2 de enero") ends the year after.
            y_end = y + 1 if month_end < month else y
            return _day(y, month, day), _day(y_end, month_end, day_end)
        span = build(year) if year else (_pick_year(build, published, tense) if published else None)
        return TimeValue(begin=span[0], end=span[1]) if span and span[0] and span[1] else None
    if kind in ("vague", "month"):
        first, last = parts[groups["part"].lower()] if kind == "vague" else (1, 31)

        def build(y: int) -> tuple[date | None, date | None]:
            return _day(y, month, first), _day(y, month, last)
        span = build(year) if year else (_pick_year(build, published, tense) if published else None)
        return TimeValue(earliest=span[0], latest=span[1]) if span and span[0] and span[1] else None
    if published is None:
        return None
    if kind == "period":
        return _period(settings["unit"], settings.get("offset", 0), parts.get(groups.get("part", "").lower()),
                       published)
    if kind == "upcoming":
        return TimeValue(earliest=published + timedelta(days=1))
    if kind == "deictic":
        day = published + timedelta(days=settings["offset"])
        return TimeValue(begin=day, end=day)
    weekday = weekdays[(groups.get("weekday") or groups["weekday_after"]).lower()]
    delta = weekday - published.weekday()
    direction = settings.get("direction", "tense")
    if direction == "tense":
        direction = {"past": "past", "future": "next"}.get(tense or "", "this")
    if direction == "past":
        delta = delta - 7 if delta >= 0 else delta
    elif direction == "next":
        delta = delta + 7 if delta <= 0 else delta
    day = published + timedelta(days=delta)
    return TimeValue(begin=day, end=day)
