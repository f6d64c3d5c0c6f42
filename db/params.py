"""What a person types into the site's forms -> values the SQL can use, or one line saying what to type.

In: the text of a form box. Out: `read_date` gives an ISO date from the forms people in the UK write
("30/06/2022", "30-6-2022", "30 June 2022", "30 Jun 2022", "2022-06-30"); `check` gives, for each canned
query parameter, the message to show when the box is empty or cannot be read, so no query answers a
mistyped box with a silent "0 results".
"""

from __future__ import annotations

import datetime as dt
import re

_NUMERIC = re.compile(r"^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{2}|\d{4})$")
_WORDS = ("%d %B %Y", "%d %b %Y", "%d %B, %Y", "%d %b, %Y", "%B %d %Y", "%B %d, %Y")
DATE_EXAMPLE = "30/06/2022 or 2022-06-30"


def read_date(text: str | None) -> dt.date | None:
    """A date written day first (the UK way) or as ISO; None when it is not one. Two-digit years are 20xx."""
    t = re.sub(r"\s+", " ", (text or "").strip()).replace(",", ", ").replace(" ,", ",")
    t = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", t)
    if not t:
        return None
    try:
        return dt.date.fromisoformat(t)
    except ValueError:
        pass
    m = _NUMERIC.match(t)
    if m:
        d, mth, y = (int(g) for g in m.groups())
        try:
            return dt.date(y + 2000 if y < 100 else y, mth, d)
        except ValueError:
            return None
    for fmt in _WORDS:
        try:
            return dt.datetime.strptime(t.replace(", ", " ").replace(",", ""), fmt.replace(",", "")).date()
        except ValueError:
            continue
    return None


def iso_date(text: str | None) -> str | None:
    """`read_date` as the ISO text SQLite compares (registered as the SQL function ap_date)."""
    d = read_date(text)
    return d.isoformat() if d else None


# Canned query parameter -> (what to type, how to check it). Messages are one line a person can act on.
PARAMS: dict[str, dict] = {
    "as_of": {"label": "As of (a date)", "hint": f"e.g. {DATE_EXAMPLE}", "kind": "date"},
    "role": {"label": "Owner's role (the whole role)", "hint": "e.g. Governor, Head of Safety", "kind": "text"},
    "words": {"label": "Words in the owner's role", "hint": "e.g. Governor (also finds Deputy Governor)",
              "kind": "text"},
    "theme": {"label": "Theme or group of prisoners", "hint": "e.g. incentives, use of force, Gypsy, DIRF",
              "kind": "theme"},
    "q": {"label": "Words to find", "hint": "e.g. use of force", "kind": "text"},
    "prison": {"label": "Prison or service", "hint": "part of its name is enough, e.g. Ashcombe", "kind": "text"},
}


def check(name: str, value: str | None) -> str | None:
    """The message for a parameter's box as submitted, or None when the query can run on it."""
    spec = PARAMS.get(name, {"label": name, "hint": "", "kind": "text"})
    if value is None:
        return None
    if not value.strip():
        return f"The box '{spec['label']}' is empty: type something in it ({spec['hint']})."
    if spec["kind"] == "date" and read_date(value) is None:
        return f"'{value}' is not a date this site can read: write it as {DATE_EXAMPLE}."
    if spec["kind"] == "theme":
        from .vocabulary import find
        if not find(value):
            return (f"No theme or group is called '{value}': try words such as use of force, adjudications, "
                    "incentives, discrimination, activities, categorisation, Gypsy, Muslim (see the themes page).")
    return None
