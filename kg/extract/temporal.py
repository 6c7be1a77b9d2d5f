"""Time pass: resolve date mentions to calendar dates or bounds, against the dateline and the tense."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Callable, NamedTuple

from kg.errors import warning
from kg.extract.mentions import Mention, Mentions
from kg.extract.patterns import ModuleRegexes
from kg.extract.rules import RuleSet
from kg.extract.segment import Block, Dateline, body_date, month_number, named_years, read_datelines

REGEXES = ModuleRegexes(__file__)


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
            return self.begin.isoformat() if self.begin == self.end else f"{self.begin}/{self.end or '..'}"
        return f"{self.earliest or '..'}/{self.latest or '..'}"


# The days of a month a week or a fortnight of it names ("la tercera semana de junio"); 31 stands for its last.
MONTH_SLICES = {"primera quincena": (1, 15), "segunda quincena": (16, 31), "primera semana": (1, 7),
                "segunda semana": (8, 14), "tercera semana": (15, 21), "cuarta semana": (22, 28),
                "última semana": (-7, 31)}


def _day(year: int, month: int, day: int) -> date | None:
    """Return a date, clamping 31 to the month's last day; None when the day cannot exist."""
    if not (1 <= year <= 9999 and 1 <= month <= 12):
        return None
    last = calendar.monthrange(year, month)[1]
    if day == 31:
        day = last
    return date(year, month, day) if 1 <= day <= last else None


def easter_sunday(year: int) -> date:
    """Return the day of Easter Sunday of a year of the Gregorian calendar (the anonymous Gregorian computus)."""
    golden, century, rest = year % 19, year // 100, year % 100
    leap_centuries, century_left = divmod(century, 4)
    moon_correction = (8 * century + 13) // 25
    epact = (19 * golden + century - leap_centuries - moon_correction + 15) % 30
    leap_years, year_left = divmod(rest, 4)
    to_sunday = (32 + 2 * century_left + 2 * leap_years - epact - year_left) % 7
    late = (golden + 11 * epact + 19 * to_sunday) // 433
    month = (epact + to_sunday - 7 * late + 90) // 25
    return date(year, month, (epact + to_sunday - 7 * late + 33 * month + 19) % 32)


def count_days(groups: dict[str, str], lexicon: dict) -> int:
    """Return how many days a count of days or weeks says ("tres días", "dos semanas", "10 jornadas")."""
    word = groups["count"].lower()
    count = int(word) if word.isdigit() else lexicon["number"][word]
    return count * (7 if lexicon["time-unit"][groups["unit"].lower()] == "week" else 1)


def _pick_year(build, published: date, tense: str | None) -> tuple[date, date] | None:
    """Choose the year for a day without one: forward in the future, backward in the past, else nearest."""
    return _choose([build(year) for year in (published.year - 1, published.year, published.year + 1)],
                   published, tense)


def _pick_month(day: int, published: date, tense: str | None) -> tuple[date, date] | None:
    """Choose the month for a day of the month alone ("el día 18"), the way _pick_year chooses a year."""
    candidates = []
    for offset in (-1, 0, 1):
        year, month = divmod(published.year * 12 + published.month - 1 + offset, 12)
        # Day 31 of a shorter month is no such day here, not its last day.
        value = _day(year, month + 1, day) if day <= calendar.monthrange(year, month + 1)[1] else None
        candidates.append((value, value))
    return _choose(candidates, published, tense)


def _choose(spans: list[tuple[date | None, date | None]], published: date,
            tense: str | None) -> tuple[date, date] | None:
    """Choose among candidate spans in time order: the first ahead in the future, the last behind in the past."""
    candidates = [span for span in spans if span[0] is not None and span[1] is not None]
    if not candidates:
        return None
    if tense == "future":
        ahead = [c for c in candidates if c[1] >= published]
        return ahead[0] if ahead else candidates[-1]
    if tense == "past":
        behind = [c for c in candidates if c[0] <= published]
        return behind[-1] if behind else candidates[0]
    return min(candidates, key=lambda c: abs((c[0] - published).days))


def _period(unit: str, offset: int, part: list[int] | None, published: date, tense: str | None = None) -> TimeValue:
    """Bound a week, month or year counted from the dateline's ("la próxima semana", "a finales de mes"); a part
    of the dateline's month that the tense puts on the other side of the publication is the month before's
    ("se reunieron a finales de mes", told on the 5th) or after ("se reunirán a principios de mes", on the 20th)."""
    if unit == "month" and offset == 0 and part:
        first, last = _day(published.year, published.month, part[0]), _day(published.year, published.month, part[1])
        if tense == "past" and first and first > published:
            offset = -1
        elif tense == "future" and last and last < published:
            offset = 1
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


def _ago(groups: dict[str, str], lexicon: dict, published: date) -> TimeValue | None:
    """Count back from the publication: "hace once días" is a day, "hace dos semanas" that week, "hace un
    mes" that month, "hace tres años" that year."""
    word = groups["count"].lower()
    count = int(word) if word.isdigit() else lexicon["number"][word]
    unit = lexicon["time-unit"][groups["unit"].lower()]
    if unit == "day":
        day = published - timedelta(days=count)
        return TimeValue(begin=day, end=day)
    if unit == "week":
        return _period("week", -count, None, published)
    if unit == "month":
        return _period("month", -count, None, published)
    return TimeValue(earliest=date(published.year - count, 1, 1), latest=date(published.year - count, 12, 31))


def resolve(mention: Mention, text: str, lexicon: dict, published: date | None,
            tense: str | None, reference: date | None = None) -> TimeValue | None:
    """Turn one date mention into a TimeValue, or None when it needs a dateline the article lacks or would fall
    outside the calendar ("la próxima semana" in an article dated 31 December 9999). A reference day, the day
    named before it, gives a day said alone its month ("en marzo…, el día 16") and is what "la víspera" and
    "al día siguiente" count from (else the publication); a duration ("tras ocho días de negociaciones") ends on
    it, and without one is not resolved."""
    try:
        return _resolve(mention, text, lexicon, published, tense, reference)
    except (ValueError, OverflowError):
        return None


def _resolve(mention: Mention, text: str, lexicon: dict, published: date | None,
             tense: str | None, reference: date | None) -> TimeValue | None:
    """Resolve one date mention; calendar overflows raise ValueError or OverflowError."""
    groups = {name: text[b:e] for name, (b, e) in mention.groups.items()}
    settings = mention.data["settings"]
    kind = settings["kind"]
    weekdays, parts = lexicon["weekday"], lexicon["part"]
    month = month_number(groups["month"], lexicon) if "month" in groups else None
    month_end = month_number(groups["month_end"], lexicon) if "month_end" in groups else month
    year = int(groups["year"]) if "year" in groups else None
    if "year_shift" in groups:  # "del año pasado": counted from the publication's year
        if published is None:
            return None
        year = published.year + lexicon["year-shift"][groups["year_shift"]]
    # A rule may fix the direction a month or weekday lies in ("el pasado diciembre"), whatever the tense.
    tense = {"past": "past", "next": "future"}.get(settings.get("direction", ""), tense)

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
        if "slice" in groups:
            first, last = MONTH_SLICES[groups["slice"].lower()]
        else:
            first, last = parts[groups["part"].lower()] if kind == "vague" else (1, 31)

        def build(y: int) -> tuple[date | None, date | None]:
            # a first day counted back from the month's end ("la última semana")
            start = first if first > 0 else calendar.monthrange(y, month)[1] + first + 1
            return _day(y, month, start), _day(y, month, last)
        span = build(year) if year else (_pick_year(build, published, tense) if published else None)
        return TimeValue(earliest=span[0], latest=span[1]) if span and span[0] and span[1] else None
    if kind == "day" and reference is not None:
        day = _day(reference.year, reference.month, int(groups["day"]))
        return TimeValue(begin=day, end=day) if day else None
    if kind == "easter":
        # "el fin de semana de Pascua", "en Semana Santa": days counted from Easter Sunday of the year the tense says
        def feast(y: int) -> tuple[date, date]:
            first = easter_sunday(y) + timedelta(days=settings.get("offset", 0))
            return first, first + timedelta(days=settings.get("days", 1) - 1)
        span = feast(year) if year else (_pick_year(feast, published, tense) if published else None)
        return TimeValue(begin=span[0], end=span[1]) if span else None
    if kind == "duration":
        # the days an event lasted, up to the reference day: "tras ocho días de negociaciones, anunciaron hoy"
        if reference is None:
            return None
        days = count_days(groups, lexicon)
        return TimeValue(begin=reference - timedelta(days=days - 1), end=reference) if days > 0 else None
    if kind == "stay":
        # the days a visit lasts, from the day it begins
        if reference is None:
            return None
        days = count_days(groups, lexicon)
        return TimeValue(begin=reference, end=reference + timedelta(days=days - 1)) if days > 0 else None
    if kind == "relative":
        base = reference or published
        offset = settings["offset"]
        if "count" in groups:  # "una semana después": counted from a day named, never from the publication
            base = reference
            offset *= count_days(groups, lexicon)
        day = base + timedelta(days=offset) if base else None
        return TimeValue(begin=day, end=day) if day else None
    if kind == "year":
        first, last = parts[groups["part"].lower()] if "part" in groups else (1, 31)
        return TimeValue(earliest=date(year, 1 + round((first - 1) * 12 / 31), 1),
                         latest=_day(year, -(-last * 12 // 31), 31))
    if published is None:
        return None
    if kind == "ago":
        return _ago(groups, lexicon, published)
    if kind == "day":
        span = _pick_month(int(groups["day"]), published, tense)
        return TimeValue(begin=span[0], end=span[1]) if span else None
    if kind == "period":
        return _period(settings["unit"], settings.get("offset", 0), parts.get(groups.get("part", "").lower()),
                       published, tense)
    if kind == "upcoming":
        return TimeValue(earliest=published + timedelta(days=1))
    if kind == "deictic":
        day = published + timedelta(days=settings["offset"])
        return TimeValue(begin=day, end=day)
    weekday = weekdays[(groups.get("weekday") or groups["weekday_after"]).lower()]
    delta = weekday - published.weekday()
    direction = settings.get("direction", "tense")
    if direction == "tense":
        # "el sábado" in an article of a Saturday is its day, whatever the tense: a week away would be "el
        # sábado pasado" or "el próximo sábado".
        direction = "this" if delta == 0 else {"past": "past", "future": "next"}.get(tense or "", "nearest")
    if direction == "this" and (tense == "future" and delta < 0 or tense == "past" and delta > 0):
        # "se reunirá este lunes" in an article of a Thursday: the Monday to come, not the one gone.
        direction = "next" if tense == "future" else "past"
    if direction == "past":
        delta = delta - 7 if delta >= 0 else delta
    elif direction == "next":
        delta = delta + 7 if delta <= 0 else delta
    elif direction == "nearest":  # no tense tells: the nearer of the last and the next such day
        delta = delta - 7 if delta > 3 else delta + 7 if delta < -3 else delta
    day = published + timedelta(days=delta)
    # "el viernes y el sábado": the days from the first to the next such weekday.
    last = day + timedelta(days=(weekdays[groups["weekday_end"].lower()] - weekday) % 7) \
        if "weekday_end" in groups else day
    return TimeValue(begin=day, end=last)


# ---- the publication date of an article ----


def _impossible(year: int | None, month: int | None, day: int | None) -> str | None:
    """Say which part of a stated date cannot exist, or None when every part it gives can."""
    if year is not None and not 1 <= year <= 9999:
        return f"year {year}"
    if month is not None and not 1 <= month <= 12:
        return f"month {month}"
    if day is None:
        return None
    # Without a year, 29 February may exist: 2000 was a leap year.
    last = calendar.monthrange(2000 if year is None else year, month)[1] if month is not None else 31
    if not 1 <= day <= last:
        return f"day {day}" + (f" of {year or '?'}-{month:02d}" if month is not None else "")
    return None


def _checked(stated: Dateline) -> tuple[Dateline | None, str | None]:
    """Return a dateline without the parts that cannot exist (None when its day cannot), and what they were."""
    detail = _impossible(stated.year, stated.month, stated.day)
    if detail:
        return None, detail
    if stated.hour is not None and not (0 <= stated.hour <= 23 and 0 <= (stated.minute or 0) <= 59):
        return stated._replace(hour=None, minute=None), f"time {stated.hour}:{stated.minute or 0:02d}"
    return stated, None


def _date_mentions(mentions: Mentions) -> list[tuple[Mention, list[Mention]]]:
    """Return every date mention with the mentions of its sentence."""
    return [(m, found) for found in mentions.by_sentence.values() for m in found if m.kind == "date"]


def _impossible_mentions(name: str, text: str, mentions: Mentions, lexicon: dict) -> list[str]:
    """Warn of the dates in the text that cannot exist ("el 30 de febrero de 2023", "el día 32")."""
    notes = []
    for m, _ in _date_mentions(mentions):
        words = {key: text[b:e] for key, (b, e) in m.groups.items()}
        year = int(words["year"]) if "year" in words else None
        for day, month in (("day", "month"), ("day_end", "month_end")):
            if day not in words:
                continue
            month_word = words.get(month, words.get("month"))
            detail = _impossible(year, month_number(month_word, lexicon) if month_word else None, int(words[day]))
            if detail:
                notes.append(warning("W004", path=name, begin=m.begin, end=m.end, words=text[m.begin:m.end],
                                     detail=detail))
                break
    return notes


def _tense_near(m: Mention, sentence: list[Mention]) -> str | None:
    """Return the tense of the cue nearest to a mention in its sentence."""
    cues = [c for c in sentence if c.kind == "tense"]
    if not cues:
        return None
    return min(cues, key=lambda c: (abs(c.begin - m.begin), c.begin)).data["settings"]["tense"]


def _weekday_checks(partial: Dateline, text: str, mentions: Mentions,
                    lexicon: dict) -> list[Callable[[date], bool]]:
    """Return the tests a publication day must pass to agree with the weekdays the article gives.

    The dateline's own weekday; a weekday given with its day ("el sábado 8", "el martes 21 de
    noviembre") must fall on that day; "este viernes" told in the past lies on or before the
    publication day of its week, told in the future on or after it.
    """
    checks: list[Callable[[date], bool]] = []
    if partial.weekday is not None:
        checks.append(lambda day: day.weekday() == partial.weekday)
    for m, sentence in _date_mentions(mentions):
        settings = m.data["settings"]
        if "weekday" not in m.groups or "year" in m.groups:
            continue
        tense = _tense_near(m, sentence)
        if settings["kind"] in ("date", "day"):
            weekday = lexicon["weekday"][text[slice(*m.groups["weekday"])].lower()]
            checks.append(lambda day, m=m, weekday=weekday, tense=tense:
                          (found := resolve(m, text, lexicon, day, tense)) is not None
                          and found.begin.weekday() == weekday)
        elif settings["kind"] == "weekday" and settings.get("direction") == "this" and tense:
            # Its week is the publication day's: on or before that day in the past, on or after it in the future.
            weekday = lexicon["weekday"][text[slice(*m.groups["weekday"])].lower()]
            checks.append(lambda day, weekday=weekday, tense=tense:
                          weekday <= day.weekday() if tense == "past" else weekday >= day.weekday())
    return checks


# A title a former holder is named by ("el expresidente", "el ex primer ministro", "el entonces canciller").
FORMER = REGEXES.compile(r"\b(?:ex-?\s?|entonces\s+|antigu[oa]\s+|difunt[oa]\s+|fallecid[oa]\s+)(?:presidente|presidenta|"
                         r"vicepresidente|vicepresidenta|primer|primera|secretari[oa]|ministr[oa]|canciller|jef[ea]|"
                         r"mandatari[oa]|rey|reina|líder|dirigente|gobernante)\b", re.IGNORECASE)
# Where a sentence ends before a name (not at an initial: "George H. W. Bush").
SENTENCE_END = REGEXES.compile(r"(?<=[a-záéíóúñ0-9)»\"])[.!?]\s")
# How far before a name its title may stand ("el presidente de Estados Unidos, George Bush").
TITLE_REACH = 80
# The most years an office holder's terms may leave open for the year of a dateline.
TERMS_REACH = 12


def _office_years(partial: Dateline, text: str, blocks: list[Block], rules: RuleSet) -> tuple[list[int], str] | None:
    """Return the years in which every person the text names by a title of theirs held an office on the dateline's
    day, and who they are; None when no one so named bounds them to a few years.

    A person counts when the lexicon knows their offices, the name the text gives is theirs alone ("Bush"
    names two presidents, "George H. W. Bush" one) and a title, or "homólogo", stands a few words before it,
    not one of a former holder.
    """
    titles = sorted(rules.lexicon.get("office", {}), key=len, reverse=True) + ["homólogo", "homóloga"]
    titled = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in titles) + r")\b", re.IGNORECASE)
    people: dict[str, list] = {}
    for block in blocks:
        if block.kind not in ("headline", "lead", "body"):
            continue
        for begin, end, eid in rules.find_names(text[block.begin:block.end]):
            entity = rules.entities[eid]
            before = SENTENCE_END.split(text[block.begin:block.begin + begin][-TITLE_REACH:])[-1]
            if entity.offices and text[block.begin + begin:block.begin + end] not in rules.alias_owners \
                    and titled.search(before) and not FORMER.search(before):
                people[entity.label] = entity.offices
    closed = [o.end.year for offices in people.values() for o in offices if o.end is not None]
    if not people or not closed:
        return None
    first = max(min(o.start.year for o in offices) for offices in people.values())
    last = min(max(o.end.year if o.end else 9999 for o in offices) for offices in people.values())
    if last - first > TERMS_REACH:
        return None
    years = [year for year in range(first, last + 1) if not _impossible(year, partial.month, partial.day)
             and all(any(o.held_on(date(year, partial.month, partial.day)) for o in offices)
                     for offices in people.values())]
    return (years, ", ".join(sorted(people))) if years else None


def _infer_year(partial: Dateline, text: str, blocks: list[Block], mentions: Mentions,
                rules: RuleSet) -> tuple[int, str] | None:
    """Return the year a dateline without one must have, and what bounded it; None unless pinned.

    The year lies next to the latest year the text names (a year before it, that year or the one
    after), or, when the text names none, within the terms of the office holders it names by their
    title; and the dateline's day must agree there with every weekday the article gives. Five years
    at least separate two years in which a day falls on the same weekday, so when the weekdays agree
    in only one of the candidates, that one is taken.
    """
    years = named_years(text, blocks, rules)
    checks = _weekday_checks(partial, text, mentions, rules.lexicon)
    if not checks:
        return None
    if years:
        latest = max(years)
        candidates, bound = list(range(latest - 1, latest + 2)), f"next to {latest}, the latest the text names"
    else:
        terms = _office_years(partial, text, blocks, rules)
        if terms is None:
            return None
        candidates, bound = terms[0], f"within the terms of office of {terms[1]}"
    fits = [year for year in candidates
            if not _impossible(year, partial.month, partial.day)
            and all(check(date(year, partial.month, partial.day)) for check in checks)]
    return (fits[0], bound) if len(fits) == 1 else None


def _complete(partial: Dateline, reference: date) -> Dateline | None:
    """Give a dateline without a year (or a month) the one that puts it nearest to a reference day."""
    candidates = []
    for offset in (-1, 0, 1):
        if partial.month is None:
            year, month = divmod(reference.year * 12 + reference.month - 1 + offset, 12)
            month += 1
        else:
            year, month = reference.year + offset, partial.month
        if not _impossible(year, month, partial.day):
            candidates.append(partial._replace(year=year, month=month))
    if not candidates:
        return None
    return min(candidates, key=lambda d: abs((date(d.year, d.month, d.day) - reference).days))


def date_article(name: str, text: str, blocks: list[Block], mentions: Mentions, rules: RuleSet,
                 given: list[Dateline]) -> tuple[Dateline | None, list[str]]:
    """Return the publication date of an article, and warnings on dates that cannot exist or were inferred.

    The first dateline with a whole date wins. A dateline without a year takes it from the given
    dates (`--published`, the file name), else from the date the body gives for its own day, else
    from the weekdays the article gives when they pin it down among the years it names or the terms of
    the office holders it names. An article without a dated dateline
    takes the body's date, else a given date.
    """
    notes: list[str] = []
    datelines = []
    for stated in read_datelines(text, blocks, rules):
        checked, detail = _checked(stated)
        if detail:
            notes.append(warning("W004", path=name, begin=stated.block.begin, end=stated.block.end,
                                 words=text[stated.block.begin:stated.block.end], detail=detail))
        if checked is not None and checked.day is not None:
            datelines.append(checked)
    notes += _impossible_mentions(name, text, mentions, rules.lexicon)
    whole = [d for d in datelines if d.moment()]
    if whole:
        return whole[0], notes
    own = body_date(text, blocks, rules)
    own = own if own is not None and own.moment() else None
    given = [d for d in given if d.moment()]
    if not datelines:
        if own or given:
            return own or given[0], notes
        return None, notes + [warning("W001", path=name)]
    # A dateline without a year takes it from a given date before the body's own.
    references = given + ([own] if own else [])
    partial = datelines[0]
    words = {"path": name, "begin": partial.block.begin, "end": partial.block.end,
             "words": text[partial.block.begin:partial.block.end]}
    if references:
        completed = _complete(partial, references[0].moment().date())
        if completed is not None:
            return completed, notes
        detail = _impossible(references[0].year, partial.month, partial.day)
        return references[0], notes + [warning("W004", **words, detail=detail)]
    inferred = _infer_year(partial, text, blocks, mentions, rules) if partial.month is not None else None
    if inferred is None:
        return None, notes + [warning("W002", **words)]
    year, bound = inferred
    return partial._replace(year=year), notes + [warning("W003", **words, year=year, bound=bound)]


# The programs of the patterns compiled above, for the next run (kg/extract/patterns.py).
REGEXES.keep()
