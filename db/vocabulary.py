"""The words people use for themes, groups, decisions and statuses, and the keys the database stores.

In: the phrase files the extractor tags records with (`extract/data/themes.yml`, `groups.yml`, read as data:
the same phrases that put a key on a record find that key again when a person types one of them), and the
human labels below. Out: `label(key)` ("use_of_force" -> "Use of force"), `find(words)` (what a person
typed -> the theme and group keys it names: "incentives" -> ["iep"], "Gypsy" -> ["grt"]), and `labels_of`
for a stored JSON list.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

import yaml

# Keys whose label is not the key with spaces: acronyms spelt out, names written as their communities write them.
LABELS: dict[str, str] = {
    # themes
    "use_of_force": "Use of force", "adjudications": "Adjudications", "iep": "Incentives (IEP)",
    "discrimination_complaints": "Discrimination complaints (DIRF)", "access_to_activities": "Access to activities",
    "categorisation": "Categorisation", "rehabilitation": "Rehabilitation", "release_planning": "Release planning",
    "staff_training": "Staff training", "cultural_awareness": "Cultural awareness",
    "data_monitoring": "Equality data and monitoring", "family_ties": "Family ties",
    "prisoner_engagement": "Prisoner engagement", "third_sector": "Voluntary sector (third sector)",
    # groups
    "bme": "Black and minority ethnic", "grt": "Gypsy, Roma and Traveller", "muslim": "Muslim",
    "foreign_nationals": "Foreign nationals", "young_adults": "Young adults", "women": "Women",
    "disabled": "Disabled people", "black": "Black", "asian": "Asian", "mixed_ethnicity": "Mixed ethnicity",
    "older_prisoners": "Older prisoners", "lgbt": "LGBT", "religious_minorities": "Religious minorities",
    # decisions, as the three answers plans give
    "agreed": "Agreed", "partly_agreed": "Partly agreed", "not_agreed": "Not agreed", "accepted": "Accepted",
    "partly_accepted": "Partly accepted", "not_accepted": "Not accepted", "rejected": "Rejected",
    # date statuses
    "due": "Due", "ongoing": "Ongoing", "completed": "Completed", "completed_and_ongoing": "Completed and ongoing",
    "immediate": "Immediate", "recurring": "Recurring", "not_applicable": "Not applicable",
    "to_be_confirmed": "To be confirmed",
    "unparsed": "Date not read",
    # owner levels
    "establishment": "Establishment", "prison_group": "Prison group", "national": "National (HMPPS)",
    "moj": "Ministry of Justice", "contractor": "Contractor", "health_provider": "Health provider",
    "probation": "Probation", "youth_custody": "Youth Custody Service", "other": "Other",
    # provenance
    "published": "Published plan", "rebuilt": "Rebuilt from a published plan",
    "sample": "Sample made for this project",
}
# The six areas of the Manifesto on race equality in prisons, first wherever themes are listed.
MANIFESTO = ["use_of_force", "adjudications", "iep", "discrimination_complaints", "access_to_activities",
             "categorisation"]
MIN_WORDS_LEN = 3  # shorter queries ("of", "a") would name every theme


def label(key: str | None) -> str:
    """A stored key as people write it; unknown keys get their underscores turned into spaces."""
    if not key:
        return ""
    return LABELS.get(key) or key.replace("_", " ").capitalize()


@cache
def phrases(kind: str) -> dict[str, list[str]]:
    """key -> phrases, from the extractor's phrase file `kind` ("themes" or "groups")."""
    text = resources.files("actionplans.extract").joinpath(f"data/{kind}.yml").read_text("utf-8")
    return {k: [str(p) for p in v] for k, v in yaml.safe_load(text).items()}


def keys(kind: str) -> list[str]:
    """Every key of `kind`, the manifesto's areas first."""
    ks = list(phrases(kind))
    return [k for k in MANIFESTO if k in ks] + [k for k in ks if k not in MANIFESTO]


def kind_of(key: str) -> str | None:
    for kind in ("themes", "groups"):
        if key in phrases(kind):
            return kind
    return None


def _norm(text: str) -> str:
    words = re.findall(r"[a-z0-9+]+", text.lower().replace("_", " "))
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words)


def _contains(outer: str, inner: str) -> bool:
    return bool(inner) and f" {inner} " in f" {outer} "


def find(words: str | None) -> list[str]:
    """The theme and group keys that what a person typed names: a key, a label, or a phrase of the phrase
    files. Keys named exactly win ("black" is the group Black, not every phrase holding the word); else
    whole words either way round ("discrimination" is in "discrimination complaint"; "use of force incidents"
    holds "use of force"). Plural endings are ignored. Empty or too short: no keys."""
    q = _norm(words or "")
    if len(q) < MIN_WORDS_LEN:
        return []
    exact, near = [], []
    for kind in ("themes", "groups"):
        for key in keys(kind):
            names = [_norm(key), _norm(label(key))] + [_norm(p) for p in phrases(kind)[key]]
            if q in names:
                exact.append(key)
            elif any(_contains(n, q) or (len(n) >= MIN_WORDS_LEN and _contains(q, n)) for n in names):
                near.append(key)
    return exact or near


def labels_of(stored: str | None, sep: str = "; ") -> str:
    """A stored JSON list of keys -> their labels joined by `sep` ("" for none)."""
    try:
        items = json.loads(stored) if stored else []
    except (TypeError, ValueError):
        return stored or ""
    return sep.join(label(k) for k in items) if isinstance(items, list) else str(items)
