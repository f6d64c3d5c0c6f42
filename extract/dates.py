"""Target dates: the text of a plan's Target Date cell -> a TargetDate.

In: the cell text as printed ("June 2021", "Q2 2021/22", "Completed and ongoing", "within 3 months")
and `base`, the plan's submission date, against which relative forms resolve (never the run date).
Out: `actionplans.schemas.TargetDate`: the text as printed, `due` = the last day of the period named
(null where none is named), its `precision`, and a `status`.

Cheap regular-expression rules run first (quarters, financial years, seasons, months, ranges,
relative periods); dateparser, with explicit settings, is the fallback for other absolute dates.
`parse_target_date` never raises: anything it cannot read comes back with status "unparsed".
`mend_misread` puts a date entry read through OCR back as printed where the grammar confirms OCR misread it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections import Counter
from dataclasses import dataclass

from actionplans.schemas import TargetDate

from .vocabulary import MONTH_NAMES, MONTHS, known_words

__all__ = ["mend_misread", "parse_target_date"]

MIN_YEAR, MAX_YEAR = 1990, 2100

# The months and their short forms (`vocabulary`), with two more spellings plans print ('Sept', 'Febuary').
_MONTHS = {**MONTHS, "sept": 9, "febuary": 2}
# `_MONTHS` as the rules match them, kept as written: it also matches 'Sepember', which has no number there.
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary|uary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_M = rf"(?P<month>{_MONTH})\.?"
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty four": 24, "twenty-four": 24,
}
_NUM = r"(?P<n>\d{1,3}|" + "|".join(sorted((re.escape(k) for k in _NUMBERS), key=len, reverse=True)) + r")"
# Seasons as the months they end on (meteorological seasons; winter Y runs Dec Y to Feb Y+1).
SEASON_END = {"spring": 5, "summer": 8, "autumn": 11, "fall": 11, "winter": 2}
_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


# ---------------------------------------------------------------------------------------------- helpers


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _year(text: str) -> int:
    """A printed year: '21' is 2021, '99' is 1999 (plans start in the 1990s at the earliest)."""
    y = int(text)
    if y < 100:
        y += 2000 if y < 90 else 1900
    return y


def _fy_start(first: str, second: str) -> int | None:
    """'2021', '22' -> 2021 when the two name consecutive years (a UK financial year), else None."""
    y1 = _year(first)
    y2 = int(second)
    if len(second) <= 2:
        y2 = (y1 // 100) * 100 + y2
        if y2 < y1:
            y2 += 100
    return y1 if y2 == y1 + 1 else None


def _fq_end(fy_start: int, quarter: int) -> dt.date:
    """End of a UK financial quarter: Q1 Apr-Jun, Q2 Jul-Sep, Q3 Oct-Dec, Q4 Jan-Mar of the next year."""
    month = (3 + 3 * quarter) if quarter < 4 else 3
    return _month_end(fy_start + (1 if quarter == 4 else 0), month)


def _fy_of(day: dt.date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def _add_months(day: dt.date, months: int) -> dt.date:
    m = day.month - 1 + months
    y, m = day.year + m // 12, m % 12 + 1
    return dt.date(y, m, min(day.day, calendar.monthrange(y, m)[1]))


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _NUMBERS[text]


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    due: dt.date | None
    precision: str
    starts_period: bool = False  # "from June 2021": a start, not a deadline
    relative: bool = False  # resolved against the submission date


# ---------------------------------------------------------------------------------------------- cleaning


_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                         "\u2212": "-", "\u2019": "'", "\u2018": "'", "\u00a0": " ", "\u2009": " "})
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_ORDINAL = re.compile(r"(\d)\s*(?:st|nd|rd|th)\b")


def _clean(text: str, keep_brackets: bool = False) -> str:
    s = text.translate(_DASHES).lower()
    if not keep_brackets:
        s = _BRACKETS.sub(" ", s)
    else:
        s = s.replace("(", " ").replace(")", " ").replace("[", " ").replace("]", " ")
    s = _ORDINAL.sub(r"\1", s)  # "26 th", "3rd" -> "26", "3"
    s = re.sub(r"\s+", " ", s)
    return s.strip(" .;:,*")


# ---------------------------------------------------------------------------------------------- statuses

_NA = re.compile(r"^(?:n\s*/\s*a|n\.\s*a\.?|na|not applicable|not agreed|none|nil|no action|-+|/|x)$")
_DONE_ONGOING = re.compile(
    r"\bcomplete[d]?\b.{0,40}?\b(?:and|&|/|but|-|with|\+)?\s*(?:on-?going|continu(?:ing|ous|es)|in progress)\b"
    r"|\b(?:on-?going|continuing)\b.{0,10}\b(?:and|&|/)\s*complete[d]?\b")
_DONE = re.compile(r"^(?:(?:this|the|all)\s+)?(?:actions?\s+)?(?:is\s+|are\s+|has been\s+|have been\s+)?"
                   r"(?:complete[d]?|achieved|done|closed|implemented|delivered|in place|met)\b(?!\s+by\b)")
_IMMEDIATE = re.compile(r"^(?:with\s+)?(?:immediate(?:ly)?|immediate effect|now|forthwith|asap|as soon as possible"
                        r"|with immediate effect)\b")
_RECURRING = re.compile(
    r"\b(?:daily|weekly|fortnightly|monthly|bi-?monthly|quarterly|bi-?annual(?:ly)?|semi-?annual(?:ly)?"
    r"|six[- ]monthly|half[- ]yearly|annual(?:ly)?|yearly|termly|every (?:\w+ )?(?:day|week|month|quarter|year)s?"
    r"|each (?:day|week|month|quarter|year)|on a (?:daily|weekly|monthly|quarterly|regular|rolling) basis)\b")
_ONGOING = re.compile(r"\b(?:on-?going|continuous(?:ly)?|continuing|business as usual|bau|in progress|rolling)\b")
_START_MARK = re.compile(r"(?:\bfrom|\bstarting|\bcommencing|\bsince|\bbeginning|\bstart)\s+(?:in\s+|on\s+)?$")


_TBC = re.compile(r"^(?:tbc|tba|tbd|to be (?:confirmed|agreed|decided|determined|arranged|set))\b")


def _status_word(s: str) -> str | None:
    if _NA.match(s):
        return "not_applicable"
    if _TBC.match(s):
        return "to_be_confirmed"
    if _DONE_ONGOING.search(s):
        return "completed_and_ongoing"
    if _DONE.match(s):
        return "completed"
    if _IMMEDIATE.match(s):
        return "immediate"
    if _RECURRING.search(s):
        return "recurring"
    if _ONGOING.search(s):
        return "ongoing"
    return None


# ---------------------------------------------------------------------------------------------- rules

_Y = r"'?(?P<year>\d{4}|\d{2})"
_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b")),
    ("dmy_num", re.compile(r"(?<![\d/.-])(?P<d>\d{1,2})\s?[/.-]\s?(?P<m>\d{1,2})\s?[/.-]\s?"
                           r"(?P<year>\d{4}|\d{2})(?![\d/])")),
    ("dmy", re.compile(rf"\b(?P<d>\d{{1,2}})(?:\s*(?:of\s+)?|[-/ ]){_M}(?:\s*,?\s*|[-/ ']){_Y}\b")),
    ("mdy", re.compile(rf"\b{_M}\s+(?:the\s+)?(?P<d>\d{{1,2}}),?\s+(?P<year>\d{{4}})\b")),
    ("season", re.compile(r"\b(?P<season>spring|summer|autumn|fall|winter)\s*(?:of\s+|term\s+)?'?(?P<year>\d{4}|\d{2})"
                          r"(?:\s*[/-]\s*(?P<y2>\d{4}|\d{2}))?\b")),
    ("fq", re.compile(r"\b(?:q|quarter\s*)(?P<q>[1-4])\s*(?:of\s+)?(?:the\s+)?(?:fy|financial year|business year)?\s*"
                      r"'?(?P<y1>\d{4}|\d{2})\s*[/-]\s*(?P<y2>\d{4}|\d{2})\b")),
    ("fq_after", re.compile(r"\b(?:fy\s*)?(?P<y1>\d{4}|\d{2})\s*[/-]\s*(?P<y2>\d{4}|\d{2})\s*,?\s*"
                            r"(?:q|quarter\s*)(?P<q>[1-4])\b")),
    ("fq_fy", re.compile(r"\b(?:q|quarter\s*)(?P<q>[1-4])\s*(?:of\s+)?fy\s*'?(?P<year>\d{4}|\d{2})\b")),
    ("cq", re.compile(r"\b(?:q|quarter\s*)(?P<q>[1-4])\s*(?:of\s+)?(?P<year>\d{4})\b(?![/-]\d)")),
    ("fy", re.compile(r"(?<![\d/])(?P<y1>\d{4})\s*[/-]\s*(?P<y2>\d{4}|\d{2})(?![\d/])")),
    ("fy_short", re.compile(r"\b(?:fy|financial year|business year)\s*'?(?P<y1>\d{2})\s*[/-]\s*(?P<y2>\d{2})\b")),
    ("fy_single", re.compile(r"\bfy\s*'?(?P<year>\d{4}|\d{2})\b")),
    ("part_year", re.compile(r"\b(?P<part>early|mid|middle of|late|first half of|second half of|start of|"
                             r"beginning of)\s*-?\s*(?P<year>\d{4})\b")),
    ("my", re.compile(rf"\b{_M}(?:\s*,?\s*|[-/ '.]){_Y}\b")),
    ("my_num", re.compile(r"(?<![\d/.-])(?P<m>\d{1,2})\s?[/.-]\s?(?P<year>\d{4})(?![\d/])")),
    ("year", re.compile(r"(?<![\d/.-])\b(?P<year>(?:19|20)\d{2})\b(?![/.-]?\d)")),
    # Relative forms: need the submission date.
    ("within", re.compile(rf"\b(?:within|in|after|next)?\s*(?:the\s+)?(?:next\s+)?{_NUM}\s*"
                          r"(?P<unit>day|week|month|year)s?\b")),
    ("next_period", re.compile(r"\bnext\s+(?P<unit>week|month|quarter|financial year|business year|year|"
                               r"spring|summer|autumn|fall|winter)\b")),
    ("this_period", re.compile(r"\b(?:end of|by|during|within)\s+(?:this\s+|the\s+|the current\s+)?"
                               r"(?P<unit>month|quarter|financial year|business year|calendar year|year)"
                               r"\b(?!\s*'?\d)")),
    ("fq_bare", re.compile(r"\b(?:q|quarter\s*)(?P<q>[1-4])\b")),
    ("dm", re.compile(rf"\b(?P<d>\d{{1,2}})\s*(?:of\s+)?{_M}\b")),
    ("md", re.compile(rf"\b{_M}\s+(?P<d>\d{{1,2}})\b")),
    ("season_bare", re.compile(r"\b(?P<season>spring|summer|autumn|fall|winter)\b")),
    ("month_bare", re.compile(rf"\b{_M}\b")),
]
_RELATIVE = {"within", "next_period", "this_period", "fq_bare", "dm", "md", "season_bare", "month_bare"}


def _month_no(name: str) -> int:
    return _MONTHS[name.rstrip(".")]


def _rule_due(kind: str, g: dict[str, str], base: dt.date | None) -> tuple[dt.date | None, str] | None:
    """Due date and precision for one rule match; None when the match is not a date after all."""
    if kind in ("iso", "dmy_num", "dmy", "mdy"):
        y = _year(g["year"])
        m = int(g["m"]) if g.get("m") else _month_no(g["month"])
        d = int(g["d"])
        if kind == "dmy_num" and m > 12 >= d:  # 12/31/2021: printed month-first
            d, m = m, d
        return dt.date(y, m, d), "day"
    if kind in ("fq", "fq_after"):
        fy = _fy_start(g["y1"], g["y2"])
        return (_fq_end(fy, int(g["q"])), "financial_quarter") if fy is not None else None
    if kind == "fq_fy":  # FY22 is the year ending March 2022
        return _fq_end(_year(g["year"]) - 1, int(g["q"])), "financial_quarter"
    if kind == "cq":
        return _month_end(int(g["year"]), 3 * int(g["q"])), "quarter"
    if kind in ("fy", "fy_short"):
        fy = _fy_start(g["y1"], g["y2"])
        return (dt.date(fy + 1, 3, 31), "financial_year") if fy is not None else None
    if kind == "fy_single":
        return dt.date(_year(g["year"]), 3, 31), "financial_year"
    if kind == "season":
        season, y = g["season"], _year(g["year"])
        if season == "winter":
            y = _year(g["y2"]) if g.get("y2") and len(g["y2"]) == 4 else y + 1
        return _month_end(y, SEASON_END[season]), "season"
    if kind == "part_year":
        part, y = g["part"], int(g["year"])
        month = {"early": 4, "start of": 4, "beginning of": 4, "mid": 8, "middle of": 8, "late": 12,
                 "first half of": 6, "second half of": 12}[part]
        return _month_end(y, month), "year"
    if kind == "my":
        return _month_end(_year(g["year"]), _month_no(g["month"])), "month"
    if kind == "my_num":
        m = int(g["m"])
        return (_month_end(int(g["year"]), m), "month") if 1 <= m <= 12 else None
    if kind == "year":
        return dt.date(int(g["year"]), 12, 31), "year"
    # Relative forms from here on.
    if base is None:
        return None, "relative"
    if kind == "within":
        n, unit = _number(g["n"]), g["unit"]
        if unit == "day":
            return base + dt.timedelta(days=n), "relative"
        if unit == "week":
            return base + dt.timedelta(weeks=n), "relative"
        return _add_months(base, n * (12 if unit == "year" else 1)), "relative"
    if kind == "next_period":
        unit = g["unit"]
        if unit == "week":
            return base + dt.timedelta(days=13 - base.weekday()), "relative"  # Sunday of next week
        if unit == "month":
            nxt = _add_months(base.replace(day=1), 1)
            return _month_end(nxt.year, nxt.month), "month"
        if unit == "quarter":
            q = (base.month - 4) % 12 // 3 + 1
            fy = _fy_of(base)
            fy, q = (fy + 1, 1) if q == 4 else (fy, q + 1)
            return _fq_end(fy, q), "financial_quarter"
        if unit in ("financial year", "business year"):
            return dt.date(_fy_of(base) + 2, 3, 31), "financial_year"
        if unit == "year":
            return dt.date(base.year + 1, 12, 31), "year"
        return _next_season(unit, base, strictly_next=True), "season"
    if kind == "this_period":
        unit = g["unit"]
        if unit == "month":
            return _month_end(base.year, base.month), "month"
        if unit == "quarter":
            q = (base.month - 4) % 12 // 3 + 1
            return _fq_end(_fy_of(base), q), "financial_quarter"
        if unit in ("financial year", "business year"):
            return dt.date(_fy_of(base) + 1, 3, 31), "financial_year"
        return dt.date(base.year, 12, 31), "year"
    if kind == "fq_bare":
        q = int(g["q"])
        fy = _fy_of(base)
        due = _fq_end(fy, q)
        return (due if due >= base else _fq_end(fy + 1, q)), "financial_quarter"
    if kind in ("dm", "md"):
        m, d = _month_no(g["month"]), int(g["d"])
        due = dt.date(base.year, m, d)
        return (due if due >= base else dt.date(base.year + 1, m, d)), "day"
    if kind == "season_bare":
        return _next_season(g["season"], base), "season"
    if kind == "month_bare":
        m = _month_no(g["month"])
        due = _month_end(base.year, m)
        return (due if due >= base else _month_end(base.year + 1, m)), "month"
    return None


def _next_season(season: str, base: dt.date, strictly_next: bool = False) -> dt.date:
    """End of the first `season` ending on/after base; with strictly_next, the first starting after base."""
    end_month, start_month = SEASON_END[season], _SEASON_START[season]
    for year in range(base.year, base.year + 3):
        end = _month_end(year, end_month)
        start = dt.date(year - 1 if season == "winter" else year, start_month, 1)
        if (start > base) if strictly_next else (end >= base):
            return end
    return _month_end(base.year + 2, end_month)


def _scan(s: str, base: dt.date | None) -> list[_Hit]:
    """Every date expression in cleaned text `s`, each span read by the first rule that fits it."""
    hits: list[_Hit] = []
    taken = [False] * len(s)
    for kind, rx in _RULES:
        for m in rx.finditer(s):
            a, b = m.span()
            while a < b and s[a] == " ":
                a += 1
            if a >= b or any(taken[a:b]):
                continue
            g = {k: v for k, v in m.groupdict().items() if v is not None}
            try:
                res = _rule_due(kind, g, base)
            except (ValueError, KeyError, OverflowError):
                continue
            if res is None:
                if kind in ("fq", "fq_after"):  # "Q2 2021/23": not a financial year, and not a bare "Q2"
                    for i in range(a, b):
                        taken[i] = True
                continue
            due, precision = res
            if due is not None and not (MIN_YEAR <= due.year <= MAX_YEAR):
                for i in range(a, b):  # "March 3021": a year out of range is not a yearless month
                    taken[i] = True
                continue
            for i in range(a, b):
                taken[i] = True
            starts = bool(_START_MARK.search(s[:a]))
            hits.append(_Hit(a, b, due, precision, starts, kind in _RELATIVE))
    hits.sort(key=lambda h: h.start)
    return hits


# ---------------------------------------------------------------------------------------------- OCR misreadings

# Letters OCR reads for the digits they look like, inside a number.
DIGIT_LOOKALIKES = str.maketrans({"l": "1", "L": "1", "I": "1", "i": "1", "|": "1", "!": "1", "O": "0", "o": "0",
                                  "D": "0", "S": "5", "s": "5", "Z": "2", "z": "2", "B": "8"})
_LOOKALIKE = "lLIi|!OoDSsZzB"
_NUMBERISH = re.compile(rf"(?P<num>[\d{re.escape(_LOOKALIKE)}]+?)(?P<suffix>st|nd|rd|th)?(?P<tail>[.,;:]?)",
                        re.I)
_DAY_SUFFIXED = re.compile(r"(?P<day>\d\d)(?P<suffix>st|nd|rd)(?P<tail>[.,;:]?)", re.I)
_QUARTERISH = re.compile(r"(?:[Qq][lIiL|!]|[Oo0](?P<q>[1-4]))(?P<tail>[.,;:]?)")  # 'Qi', 'Ql', 'QL': Q1; 'O3': Q3
# 'Aprili2020': a month's name and its year, the space between them read as a stroke ('i', 'l', 'I', '|', '!')
_MONTH_STROKE_YEAR = re.compile(rf"(?P<month>{_MONTH})[iIl|!](?P<year>(?:19|20)\d\d)(?P<tail>[.,;:]?)", re.I)
_GLUED = re.compile(r"(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])|(?<=[Qq][1-4])[.,]?(?=\d)|(?<=[A-Za-z])[.,]?(?=[A-Za-z])")


def _ordinal_of(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _misread_readings(token: str) -> list[str]:
    """What a token of a date entry may have been printed as, where OCR predictably misreads one: a number with
    letters read for digits ('3lst', '2O21', 'l0', pieces of 'Jan-2l' too), or two or more such letters and no digit
    that make no word ('lz' for '12' in 'Within lz months'), its ordinal suffix agreeing with the number it becomes
    ('3lst' -> '31st', never '31th'); a day no month has whose suffix names the digit its first
    one leaves ('34st' -> '31st'); a quarter's '1' read as a letter or its 'Q' as 'O' ('Qi', 'O3'); two words run
    together (a quarter and its year 'Q12019/20', a status's 'Tobe', or 'To.be', the space read as a stop), split at
    each place where a word can end; a month's name and its year, the space between them read as a stroke
    ('Aprili2020'), parted; a month's name that lost its first letter ('arch') or its last ('Marc'), or has
    one letter wrong ('Navember'), or its short form one letter wrong before its year ('Oat22')."""
    out: list[str] = []
    pieces = re.split(r"([-/\u2013])", token)
    mended = []
    for piece in pieces:
        m = _NUMBERISH.fullmatch(piece)
        if m and not m["num"].isdigit() and (m["suffix"] or any(c.isdigit() for c in m["num"]) or (
                len(m["num"]) >= 2 and piece.lower() not in known_words())):
            num = m["num"].translate(DIGIT_LOOKALIKES)
            if num.isdigit() and (not m["suffix"] or m["suffix"].lower() == _ordinal_of(int(num))):
                piece = num + (m["suffix"] or "") + m["tail"]
        mended.append(piece)
    if "".join(mended) != token:
        out.append("".join(mended))
    m = _DAY_SUFFIXED.fullmatch(token)
    if m and int(m["day"]) > 31:
        # a day no month has, its suffix naming its last digit ('st' 1, 'nd' 2, 'rd' 3): '34st' was '31st'
        day = int(m["day"][0] + str(("st", "nd", "rd").index(m["suffix"].lower()) + 1))
        if day <= 31 and _ordinal_of(day) == m["suffix"].lower():
            out.append(f"{day}{m['suffix']}{m['tail']}")
    m = _QUARTERISH.fullmatch(token)
    if m:
        out.append("Q" + (m["q"] or "1") + m["tail"])
    m = _MONTH_STROKE_YEAR.fullmatch(token)
    if m:
        out.append(f"{m['month']} {m['year']}{m['tail']}")
    for cut in _GLUED.finditer(token):
        a, b = token[:cut.start()], token[cut.end():]
        if a and b:
            out.append(f"{a} {b}")
    # A month's name with its first letter lost ('arch' for 'March'): OCR reads no letter where the capital stands at
    # a cell's edge, against a rule or in the scan's grain. Only a name whose tail no other month's is.
    out += [name for name in MONTH_NAMES if token.isalpha() and len(token) >= 3 and name[1:].lower() == token.lower()]
    month = _month_one_off(token)
    if month:
        out.append(month)
    clipped = _month_clipped(token)
    if clipped:
        out.append(clipped)
    abbrev = _abbrev_one_off(token)
    if abbrev:
        out.append(abbrev)
    return out


def _month_clipped(token: str) -> str | None:
    """The month's name a word is with its last letter lost ('Marc', 'Septembe'): OCR reads no letter where the word's
    end meets grain or a cell's edge. Four letters or more, the head of one month's name only; put back only where the
    month then dates the entry (`mend_misread`), as 'Marc' is a name too. A stroke read where the letter stood
    ('Marc!', 'Novembe|') is that letter: no date writes one."""
    low = (token[:-1] if token.endswith(("!", "|")) else token).lower()
    if not low.isalpha() or len(low) < 4 or low in _MONTHS:
        return None
    near = [name for name in MONTH_NAMES if name[:-1].lower() == low]
    return near[0] if len(near) == 1 else None


def _month_one_off(token: str) -> str | None:
    """The month's name a word is one letter off ('Navember', 'Aueust'): a word of five letters or more, no English
    word ('marsh', 'match' stay), one letter different from one month's name and from no other's."""
    low = token.lower()
    if not token.isalpha() or len(token) < 5 or low in _MONTHS or low in known_words():
        return None
    near = [name for name in MONTH_NAMES if len(name) == len(low)
            and sum(a != b for a, b in zip(name.lower(), low)) == 1]
    return near[0] if len(near) == 1 else None


# 'Oat22', 'Oat-22': three letters and a year, as a month's short form and its year are printed ('Oct-22')
_ABBREV_YEAR = re.compile(r"(?P<mon>[A-Za-z]{3})(?P<sep>[-/]?)(?P<year>\d\d(?:\d\d)?)(?P<tail>[.,;:]?)")


def _abbrev_one_off(token: str) -> str | None:
    """A month's short form one letter off, its year after it ('Oat22' for 'Oct-22', the 'c' read as 'a' and the dash
    lost): the three letters are one letter different from one month's short form and from no other's ('Mat22', as
    near 'Mar' as 'May', stays); the separator and year stay as read. Put back only where the year then dates the
    entry (`mend_misread`)."""
    m = _ABBREV_YEAR.fullmatch(token)
    if not m or m["mon"].lower() in _MONTHS:
        return None
    near = [name[:3] for name in MONTH_NAMES if sum(a != b for a, b in zip(name[:3].lower(), m["mon"].lower())) == 1]
    if len(near) != 1:
        return None
    return f"{near[0] if m['mon'][0].isupper() else near[0].lower()}{m['sep']}{m['year']}{m['tail']}"


def _reading(text: str) -> tuple[Counter, str | None, tuple]:
    """What the date grammar reads of `text`: its cleaned words no rule reads (as a multiset), its status word, and
    its due date and precision (relative forms without a submission date)."""
    s = _clean(text)
    covered = [False] * len(s)
    for h in _scan(s, None):
        for i in range(h.start, h.end):
            covered[i] = True
    unread = Counter(m.group() for m in re.finditer(r"\S+", s) if not all(covered[m.start():m.end()]))
    got = _parse_once(text, None)
    return unread, _status_word(s) if s else None, got[:2]


_RANGE_EQUALS = re.compile(rf"\b(?P<a>{_MONTH}\.? )=(?= {_MONTH}\b)", re.I)
_PARTED_SUFFIX = re.compile(r"\b(\d{1,2}) (st|nd|rd|th)\b", re.I)


def mend_misread(text: str) -> str:
    """A date entry read through OCR, with OCR's predictable misreadings inside it put back where the date grammar
    confirms the reading (`_misread_readings`): a word the grammar did not read becomes one it reads, every other
    word it read still read ('3lst December 2021' -> '31st December 2021', 'End of Qi 2020/21' -> 'End of Q1
    2020/21'); or a status it did not know is named ('Tobe confirmed' -> 'To be confirmed'); or two words run
    together, both read, are parted with the reading unchanged ('Q12019/20' -> 'Q1 2019/20'). Nothing else is
    changed: a word the grammar cannot confirm stays as read ('Dleacemabe', '201 5' where the page printed 2019),
    and a split year is never joined (a digit may be missing from it). A lone letter the grammar did not read, a
    speck OCR read inside the entry, goes where without it the grammar reads another date, and every other word it
    read still read ('April f 2024' -> 'April 2024', not the year's end), or where it opens the entry before a word the
    grammar reads ('I January 2021' -> 'January 2021'). A lone mark goes where without it the grammar reads words it
    did not ('Within three — months'); an '=' between two months' names is a range's dash; an ordinal's suffix
    parted from its day is joined to it ('31 st'). A month's name one letter off is put back where a year then dates
    it ('30 Navember 2018' -> '30 November 2018'; a lone 'Navember' stays); one that lost its last letter where it then
    dates the entry to its month ('31st Marc 2022' -> '31st March 2022'; a lone 'Marc' stays)."""
    # an ordinal's suffix OCR parted from its day ('31 st December 2019'), the two as one: the grammar reads both alike
    text = _PARTED_SUFFIX.sub(lambda m: m[1] + m[2] if m[2].lower() == _ordinal_of(int(m[1])) else m[0], text)
    # a range's dash OCR read as '=' between two months' names ('April = July 2020'): no date writes '='
    text = _RANGE_EQUALS.sub("\\g<a>\u2013", text)
    tokens = re.split(r"(\s+)", text)
    reading = None  # what the grammar reads of the entry as it stands: read once, and again only once mended
    for i in range(0, len(tokens), 2):
        tok = tokens[i]
        candidates = _misread_readings(tok) if tok else []
        speck = len(tok) == 1 and not tok.isdigit() and len(tokens) > 1  # a lone letter or mark: without it too
        if not candidates and not speck:
            continue
        reading = reading or _reading(text)
        before, status, due = reading
        one_off, clipped = _month_one_off(tok) or _abbrev_one_off(tok), _month_clipped(tok)  # (put back only as below)
        was = Counter(re.findall(r"\S+", _clean(tok)))
        unread_here = was & before
        for cand in candidates + ([None] if speck and unread_here else []):
            cut = tokens[:i] + [cand] + tokens[i + 1:]
            if cand is None:  # the letter gone, with the space after it (or, ending the entry, before it)
                cut[i], cut[i + 1 if i + 1 < len(cut) else i - 1] = "", ""
            new = "".join(cut)
            after, new_status, new_due = _reading(new)
            if cand is None and not tok.isalpha():
                # a lone mark between words of one date, which the grammar reads as one without it: grain read
                # as a dash ('Within three — months'); never a range's dash, the words each side read already
                if not after - (before - unread_here) and (before - unread_here) - after:
                    tokens, text, reading = cut, new, (after, new_status, new_due)
                    break
                continue
            if cand is None:
                # or, opening the entry before a word the grammar reads, where the date reads the same without it:
                # grain above or before the date's first word ('I' / 'January 2021'), never an entry's word
                opening = i == 0 and len(tokens) > 2 and not Counter(re.findall(r"\S+", _clean(tokens[2]))) & before
                if not after - (before - unread_here) and new_due[0] is not None and (
                        new_due != due or opening and new_status == status):
                    tokens, text, reading = cut, new, (after, new_status, new_due)
                    break
                continue
            if cand is not None and cand == one_off and new_due[0] is None:
                continue  # a month's name one letter off is put back only where a year dates it: the date's shape
            if cand is not None and cand == clipped and new_due[1] not in ("day", "month"):
                continue  # ... and one clipped only where it then dates the entry to its month or day
            if status is None and new_status is not None and new_status != "not_applicable":
                ok = new_due == due or due[0] is None  # a status named, the date as it was
            elif unread_here:  # the word was not read: now it is, and nothing read before is lost
                ok = not after - (before - unread_here)
            else:  # read already, as one word: parted in two words both read, the reading the same
                ok = (len(_clean(cand).split()) == 2 and _clean(tok) in _clean(text).split()
                      and not after - before and new_due == due and new_status == status)
            if ok:
                tokens[i] = cand
                text, reading = new, (after, new_status, new_due)
                break
    return text


# ---------------------------------------------------------------------------------------------- dateparser


@functools.lru_cache(maxsize=64)
def _parser(base: dt.date | None):
    """One DateDataParser per submission date (dateparser builds its settings per parser)."""
    from dateparser.date import DateDataParser

    relative_base = dt.datetime.combine(base or dt.date(2000, 1, 1), dt.time())
    settings = {
        "DATE_ORDER": "DMY",
        "PREFER_DAY_OF_MONTH": "last",
        "PREFER_DATES_FROM": "future",  # a target date is after the plan it sits in
        "RELATIVE_BASE": relative_base,
        "REQUIRE_PARTS": ["month", "year"],
        "RETURN_TIME_AS_PERIOD": False,
        "STRICT_PARSING": False,
        # Relative parsing is left to the rules above, which know the submission date's meaning.
        "PARSERS": ["absolute-time", "custom-formats"],
    }
    return DateDataParser(languages=["en"], settings=settings)


_LOOKS_DATED = re.compile(rf"\d|{_MONTH}")


def _dateparser_hit(s: str, base: dt.date | None) -> _Hit | None:
    if not _LOOKS_DATED.search(s) or len(s) > 120:
        return None
    try:
        data = _parser(base).get_date_data(s)
    except Exception:  # noqa: BLE001 - dateparser raises assorted errors on odd input; a miss is not an error here
        return None
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    period = data.period or "day"
    if period == "year":
        due, precision = dt.date(day.year, 12, 31), "year"
    elif period == "month":
        due, precision = _month_end(day.year, day.month), "month"
    else:
        due, precision = day, "day"
    if not (MIN_YEAR <= due.year <= MAX_YEAR):
        return None
    return _Hit(0, len(s), due, precision)


# ---------------------------------------------------------------------------------------------- public


def warm() -> None:
    """Load dateparser's English data now (about 0.2 s, on its first date) rather than inside the first plan."""
    _parser(None).get_date_data("1 January 2020")



def parse_target_date(text: str, base: dt.date | None = None) -> TargetDate:
    """Read a Target Date cell. `base` is the plan's submission date; relative forms resolve against it.

    Without `base`, a relative form ("within 3 months", "end of July") gets due None, precision
    "relative" and status "due". Never raises.
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if isinstance(base, dt.datetime):
        base = base.date()
    due, precision, status, fields = _parse_once(text, base)
    # a new model each call (no caller can change another's), from values `_parse` validated already
    return TargetDate.model_construct(set(fields), text=text, due=due, precision=precision, status=status)


def date_status(text: str, base: dt.date | None = None) -> str:
    """`parse_target_date(text, base).status` without building the model: the table stages ask it of every line of
    every column when they type columns by content."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if isinstance(base, dt.datetime):
        base = base.date()
    return _parse_once(text, base)[2]


_FIELDS_SET: dict[frozenset, frozenset] = {}  # the few distinct sets of fields a result has, each held once


@functools.lru_cache(maxsize=8192)
def _parse_once(text: str, base: dt.date | None) -> tuple:
    """`_parse`, remembered as (due, precision, status, fields set): the table stages read every line of every
    column as a possible date to type the columns, then the date cells again as dates, and plans repeat the same
    few dates; the answer depends on the text and the base day only. Kept as values rather than models: a long
    plan's cache held thousands of them (two-thirds of the lines read being prose, each an 'unparsed' model)."""
    try:
        got = _parse(text, base)
    except Exception:  # noqa: BLE001 - the contract is "never raise": the extractor must finish the document
        got = TargetDate(text=text, status="unparsed")
    fields = frozenset(got.model_fields_set)
    return got.due, got.precision, got.status, _FIELDS_SET.setdefault(fields, fields)


def _parse(text: str, base: dt.date | None) -> TargetDate:
    if isinstance(base, dt.datetime):
        base = base.date()
    s = _clean(text)
    if not s:
        return TargetDate(text=text, status="unparsed")
    status = _status_word(s)
    if status == "not_applicable":
        return TargetDate(text=text, status="not_applicable")

    hits = _scan(s, base)
    if not any(h.precision != "relative" and not h.relative for h in hits):
        # A date printed only inside brackets: "Complete (November 2020)", "Q3 (2021/22)".
        inner = _clean(text, keep_brackets=True)
        if inner != s:
            inner_hits = _scan(inner, base)
            if any(not h.relative for h in inner_hits):
                hits = inner_hits
                status = status or _status_word(inner)
    if not hits and status is None:
        hit = _dateparser_hit(s, base)
        hits = [hit] if hit else []

    # "Ongoing from April 2021": a start, not a deadline. A lone "From April 2021" is taken as a deadline.
    deadlines = [h for h in hits if not h.starts_period]
    if not deadlines and status not in ("ongoing", "recurring"):
        deadlines = hits
    dated = [h for h in deadlines if h.due is not None]
    if dated:
        # A range or a list names several periods: the action is due when the last one ends.
        best = max(dated, key=lambda h: (h.due, -h.start))
        due, precision = best.due, best.precision
    elif deadlines:
        due, precision = None, "relative"
    else:
        due, precision = None, None

    if status is None:
        status = "due" if precision is not None else "unparsed"
    elif status == "ongoing" and due is not None:
        status = "due"  # "Ongoing - review June 2021" names a deadline
    elif status in ("immediate",) and due is None:
        precision = None
    return TargetDate(text=text, due=due, precision=precision, status=status)
