"""Header block -> Metadata: title, establishment, submission and publication dates, kind, family.

In: the plain text of the lines above the action-plan table (first pages), in reading order.
Out: `actionplans.schemas.Metadata`. Labels are matched with or without colons; a value may run
over several lines until the next label.
"""

from __future__ import annotations

import datetime as dt
import re

from actionplans.schemas import Metadata

from .vocabulary import MONTH_PATTERN, MONTHS

LABELS = {
    "submitted": r"(?:date\s+)?action\s+plan\s+submitted(?:\s+on)?|date\s+submitted",
    "published": r"(?:date\s+)?report\s+published|date\s+of\s+publication|publication\s+date",
    "response_to": r"a\s+response\s+to(?:\s+the)?(?:\s+(?:hmip|hmi\s+prisons|hmi\s+probation|hm\s+inspectorate\s+of"
                   r"\s+\w+))?(?:\s+(?:inspection|thematic\s+review|review|report))?(?:\s+of)?",
    "plan_for": r"action\s+plan(?:\s*:\s*hmcip\s+report)?(?=\s*:|\s+(?:hmp|hmyoi|hmp\s*&\s*yoi|hmp/yoi|hmp\s+and\s+yoi|"
                r"hmyoi|stc|irc|ste|the)\b)",
    "establishment": r"establishment",
    "inspection": r"(?:date\s+of\s+)?inspection(?:\s+dates?)?",
}
STOP = re.compile(r"^(?:introduction|term\b|action plan\s*:|action plan -|rec\.?\s*no|1\.\s*rec)", re.I)
DATES_ONLY = re.compile(rf"^(?:\d{{1,2}}(?:\s*(?:st|nd|rd|th))?|[-\u2013\u2014,&;/]|and|to|{MONTH_PATTERN}|\d{{4}})+$",
                        re.I)
ESTABLISHMENT = re.compile(r"\b(HMP\s*(?:&|and|/)\s*YOI|HMP/YOI|HMYOI|HMP|HMIRC|IRC|STC|HM\s+Prison)\s+([A-Z][\w'’.-]*"
                           r"(?:\s+(?:[A-Z][\w'’.-]*|and|upon|on|in|the))*)")


LETTER_DATE = re.compile(r"^(?:date\s*:?\s*)?(\d{1,2}\s*(?:st|nd|rd|th)?\s+[A-Z][a-z]+\s+\d{4})$", re.I)
IRC = re.compile(r"\b(?:[A-Z][\w'’-]*\s+){1,3}(?:IRC|Immigration Removal Centre)\b")


def parse_day(text: str | None) -> str | None:
    """'18th December 2020', '13 September 2018', '26 th March 2021', '31/03/2021' -> ISO date."""
    if not text:
        return None
    t = re.sub(r"(\d)\s*(st|nd|rd|th)\b", r"\1", text.strip(), flags=re.I)
    m = re.search(r"\b(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b", t)
    if m and m.group(2).lower() in MONTHS:
        try:
            return dt.date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1))).isoformat()
        except ValueError:
            return None
    m = re.search(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})\b", t)
    if m:
        y = int(m.group(3)) + (2000 if len(m.group(3)) == 2 else 0)
        try:
            return dt.date(y, int(m.group(2)), int(m.group(1))).isoformat()
        except ValueError:
            return None
    return None


def parse_month(text: str | None) -> str | None:
    """A day if there is one, else 'October 2020' -> '2020-10'."""
    day = parse_day(text)
    if day or not text:
        return day
    m = re.search(r"\b([A-Za-z]{3,9})\.?,?\s+(\d{4})\b", text)
    if m and m.group(1).lower() in MONTHS:
        return f"{int(m.group(2)):04d}-{MONTHS[m.group(1).lower()]:02d}"
    return None


def _split_labels(lines: list[str]) -> dict[str, str]:
    """Assign each header line to the label it starts with, or to the label above it."""
    found: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines:
        s = line.strip()
        if not s:
            continue
        if STOP.match(s) and "plan_for" not in found and not re.match(LABELS["plan_for"], s, re.I):
            break
        if STOP.match(s) and found:
            break
        for name, pat in LABELS.items():
            m = re.match(rf"^\s*(?:{pat})\s*:?\s*", s, re.I)
            if m and (name != "inspection" or "response_to" not in found or current != "response_to"):
                current = name
                found.setdefault(name, []).append(s[m.end():])
                break
        else:
            if current:
                found[current].append(s)
    return {k: " ".join(v).strip(" :") for k, v in found.items()}


def latest_day(lines: list[str]) -> str | None:
    """The latest full date printed in the header block: a base for relative target dates when the
    plan prints no submission date (an urgent-notification letter, say)."""
    days = [d for ln in lines for d in [parse_day(ln)] if d]
    return max(days) if days else None


def parse_metadata(lines: list[str], family: str | None = None) -> Metadata:
    vals = _split_labels(lines)
    whole = " ".join(lines)
    response_to = vals.get("response_to") or None
    inspection = vals.get("inspection")
    if response_to and not inspection and DATES_ONLY.match(re.sub(r"\s+", "", response_to)):
        inspection, response_to = response_to, None  # 'A Response to the HMIP Inspection 17-21 June 2019'
    establishment = None
    sources = [vals.get("establishment"), vals.get("plan_for"), *lines]
    for source in [s for s in sources if s and re.search(r"\bIRC\b", s)] + sources:
        m = ESTABLISHMENT.search(source or "") or IRC.search(source or "")
        if m:
            establishment = re.sub(r"\s+", " ", m.group(0)).strip()
            establishment = re.split(r"\s+(?:POSITION|ACTION|Action|Report|A Response|Date|Inspection|TIMETABLE)\b",
                                     establishment)[0]
            break
    submitted = vals.get("submitted")
    if not submitted:  # a letter's own date line: '12 August 2022' or 'Date: 12 August 2022'
        submitted = next((m.group(1) for ln in lines if (m := LETTER_DATE.match(ln.strip()))), None)
    low = whole.lower()
    if establishment and re.search(r"\bIRC\b|removal centre", establishment, re.I):
        kind = "immigration_removal_centre"
    elif "urgent notification" in low:
        kind = "urgent_notification"
    elif "hmi probation" in low or "inspectorate of probation" in low and "thematic" not in low and not establishment:
        kind = "probation"
    elif establishment and "thematic" not in (response_to or "").lower():
        kind = "establishment"
    elif response_to or "thematic" in low:
        kind = "thematic"
    else:
        kind = None
    first = next((ln.strip() for ln in lines if ln.strip()), "")
    heading = re.match(r"^(?:action\s+plan|urgent\s+notification)\b", first, re.I) and not re.match(
        rf"^\s*(?:{LABELS['submitted']})", first, re.I)
    if heading:
        first = re.sub(r"^(action\s+plan)\s*:?\s+(?=HM|The\b)", r"\1: ", first, flags=re.I)
    title = response_to or (first if heading else None) or (f"Action Plan: {establishment}" if establishment else None)
    return Metadata(
        title=title, establishment=establishment, kind=kind, family=family,
        submitted=parse_day(submitted), submitted_text=submitted or None,
        report_published=parse_month(vals.get("published")), report_published_text=vals.get("published") or None,
        inspection_dates=inspection or None,
    )
