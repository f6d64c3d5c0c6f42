"""Establishment names as plans print them -> one establishment: a key, a canonical name and a kind.

In: a plan's `Metadata` (the establishment as printed, its kind and title, and its dates).
Out: `Establishment` (key, canonical name, kind, the form as printed) and the date the plan's inspection
ended (`inspected`), so the plans of one establishment can be put in order.

Plans name one prison many ways: "HMP Leeds", "HMP/YOI Leeds", "HMP & YOI Leeds", "HM Prison and Young
Offender Institution Leeds", "Leeds Prison", and in capitals on 2015 covers ("HMP LEEDS"). The key is
the place name with the prefixes and suffixes that say what kind of place it is removed, so every form
of one prison shares a key; what is removed decides the kind. Plans with no establishment (thematic
reviews, probation-wide inspections) belong to one national establishment, or to a probation region
when the title names one.

Depends on nothing of the project but the schema models, so `db` (and anyone else) can call it.
"""

from __future__ import annotations

import calendar
import re
from typing import Literal

from pydantic import BaseModel, Field

from .vocabulary import MONTH_PATTERN, MONTHS

Kind = Literal["prison", "yoi", "irc", "probation_region", "national"]

NATIONAL_KEY = "national"
NATIONAL_NAME = "National (thematic and service-wide plans)"

# Prefixes and suffixes that say what an establishment is; longest first so "HMP & YOI" wins over "HMP".
_PRISON_YOI = (r"HM\s+Prison\s+(?:and|&)\s+(?:Young\s+Offender\s+Institution|YOI)|HMP\s*(?:&|and|/)\s*YOI|HMP/YOI|"
               r"HMP\s*\+\s*YOI")
_PREFIXES: list[tuple[str, str]] = [
    (_PRISON_YOI, "prison"),
    (r"HM\s+Young\s+Offender\s+Institution|HM\s*YOI|HMYOI|YOI|Young\s+Offender\s+Institution", "yoi"),
    (r"HM\s+Prison|HMP", "prison"),
    (r"HM\s*IRC|HMIRC|IRC|Immigration\s+Removal\s+Centre", "irc"),
    (r"STC|Secure\s+Training\s+Centre", "yoi"),
]
_SUFFIXES: list[tuple[str, str]] = [
    (r"Immigration\s+Removal\s+Centre|IRC", "irc"),
    (r"Prison\s+(?:and|&)\s+(?:Young\s+Offender\s+Institution|YOI)", "prison"),
    (r"Young\s+Offender\s+Institution|YOI", "yoi"),
    (r"Prison", "prison"),
    (r"Secure\s+Training\s+Centre|STC", "yoi"),
]
PREFIX = re.compile(r"^\s*(?:" + "|".join(f"(?P<p{i}>{p})" for i, (p, _) in enumerate(_PREFIXES)) + r")\s+", re.I)
SUFFIX = re.compile(r"\s+(?:" + "|".join(f"(?P<s{i}>{p})" for i, (p, _) in enumerate(_SUFFIXES)) + r")\s*$", re.I)
# Words that stay lower case inside a place name ("Hatfield Lakes", "Stoke upon Trent", "Isle of Wight").
SMALL = {"and", "upon", "on", "in", "the", "of", "under", "le", "by"}
REGION = re.compile(r"\b(?:(?:in|of|for)\s+(?:the\s+)?)?(?P<name>(?:[A-Z][\w'’-]*\s+){0,3}[A-Z][\w'’-]*)\s+"
                    r"(?:probation\s+)?region\b|\bProbation\s+Service\s*[-–—:,]\s*(?P<svc>[A-Z][\w'’-]*"
                    r"(?:\s+[A-Z][\w'’-]*){0,3})")


class Establishment(BaseModel):
    """One prison, YOI, removal centre, probation region, or the national level, as every plan names it."""

    key: str = Field(description="Stable id: the place name in lower case with hyphens ('leeds', 'irc-thornleigh')")
    name: str = Field(description="Canonical name: 'HMP Leeds', 'HMYOI Larchmoor', 'Thornleigh IRC'")
    kind: Kind = Field(description="prison, yoi, irc, probation_region or national")
    place: str | None = Field(default=None, description="The place name alone, capitalised as a name: 'Leeds'")
    printed: str | None = Field(default=None, description="The establishment as the plan printed it")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _capitalise(place: str) -> str:
    """'KESTREL MOOR' -> 'Kestrel Moor', 'STOKE-UPON-TRENT' -> 'Stoke-upon-Trent'; mixed case is kept as printed."""
    if not (place.isupper() or place.islower()):
        return place

    def word(w: str, first: bool) -> str:
        parts = re.split(r"([-'’])", w.lower())
        return "".join(p if (p in SMALL and not (first and i == 0)) or not p.isalpha() else p.capitalize()
                       for i, p in enumerate(parts))
    return " ".join(word(w, i == 0) for i, w in enumerate(place.split()))


def _strip(printed: str) -> tuple[str, set[str]]:
    """The place name inside a printed name, and the kinds its prefixes and suffixes announce."""
    kinds: set[str] = set()
    text = re.sub(r"\s+", " ", printed).strip(" .,:;")
    while m := PREFIX.match(text):
        kinds.add(next(k for i, (_, k) in enumerate(_PREFIXES) if m.group(f"p{i}")))
        text = text[m.end():]
    while m := SUFFIX.search(text):
        kinds.add(next(k for i, (_, k) in enumerate(_SUFFIXES) if m.group(f"s{i}")))
        text = text[:m.start()]
    return text.strip(" .,:;"), kinds


def _name(place: str, kind: str) -> str:
    return {"prison": f"HMP {place}", "yoi": f"HMYOI {place}", "irc": f"{place} IRC",
            "probation_region": f"{place} probation region"}.get(kind, place)


def establishment_of(printed: str | None, kind: str | None = None, title: str | None = None) -> Establishment:
    """The establishment a plan belongs to.

    `printed` is the establishment as the plan names it (any of the forms above), `kind` the extractor's plan
    kind (`establishment`, `thematic`, `probation`, `immigration_removal_centre`, `urgent_notification`...) and
    `title` the plan's title, read for a probation region when no establishment is printed.
    A name with an HMP form is a prison (a prison that also holds young adults stays a prison); a name with
    only YOI forms is a YOI.
    """
    if printed and printed.strip():
        place, kinds = _strip(printed)
        if not place:  # a bare prefix ("HMP"): nothing to key on, so it is kept whole
            place, kinds = printed.strip(), set()
        place = _capitalise(place)
        if "irc" in kinds or kind == "immigration_removal_centre":
            k = "irc"
        elif "prison" in kinds or not kinds:
            k = "prison"
        else:
            k = "yoi"
        key = f"irc-{_slug(place)}" if k == "irc" else _slug(place)
        return Establishment(key=key, name=_name(place, k), kind=k, place=place, printed=printed)
    if kind == "probation":  # a regional inspection names its region in the title
        m = REGION.search(title or "")
        if m:
            place = _capitalise((m.group("name") or m.group("svc")).strip())
            return Establishment(key=f"probation-{_slug(place)}", name=_name(place, "probation_region"),
                                 kind="probation_region", place=place, printed=None)
    return Establishment(key=NATIONAL_KEY, name=NATIONAL_NAME, kind="national", place=None, printed=None)


LAST_DATE = re.compile(rf"(?:(\d{{1,2}})\s*(?:st|nd|rd|th)?\s+)?({MONTH_PATTERN})\.?,?\s+(\d{{4}})\b", re.I)


def inspection_end(text: str | None) -> str | None:
    """The last day an inspection-dates text names: '17, 18 December & 7-11 January 2019' -> '2019-01-11';
    '24-25th February; 2-6th March 2020' -> '2020-03-06'; 'March 2015' -> '2015-03' (month only)."""
    if not text:
        return None
    found = list(LAST_DATE.finditer(text))
    if not found:
        return None
    day, month, year = found[-1].groups()
    mo = MONTHS[month.lower()]
    if day and 1 <= int(day) <= calendar.monthrange(int(year), mo)[1]:
        return f"{int(year):04d}-{mo:02d}-{int(day):02d}"
    return f"{int(year):04d}-{mo:02d}"


def inspected(inspection_dates: str | None, report_published: str | None,
              submitted: str | None) -> tuple[str | None, str | None]:
    """When a plan's inspection took place, for ordering an establishment's plans, and what says so.

    Returns (ISO date or YYYY-MM, source), source being 'inspection' (the dates printed), 'report' (the
    report's publication, which follows the inspection by a few months) or 'plan' (the plan's submission);
    (None, None) when the plan prints none of them."""
    for value, source in ((inspection_end(inspection_dates), "inspection"), (report_published, "report"),
                          (submitted, "plan")):
        if value:
            return value, source
    return None, None
