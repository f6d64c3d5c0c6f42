"""The decision vocabulary, said once: printed decision wording -> a normalised decision.

In: the text of a decision cell as printed ("Partly Agreed", "ACCEPTED", "Agreed in part").
Out: `decision_of` gives one of the `Decision` values of the schema, or None; `DECISION_ONLY` tells a
cell that says nothing but its decision from one that says more (which earns the record a warning).
"""

from __future__ import annotations

import re

# The decision vocabulary, said once: the first pattern that matches wins, so qualified forms come first.
DECISIONS = [
    (re.compile(r"\bnot\s+agreed\b|\bdisagreed?\b"), "not_agreed"),
    (re.compile(r"\bpart(?:ly|ially)\s+agreed\b|\bagreed\s+in\s+part\b"), "partly_agreed"),
    (re.compile(r"\bnot\s+accepted\b"), "not_accepted"),
    (re.compile(r"\bpart(?:ly|ially)\s+accepted\b|\baccepted\s+in\s+part\b"), "partly_accepted"),
    (re.compile(r"\bagreed\b"), "agreed"), (re.compile(r"\baccepted\b"), "accepted"),
    (re.compile(r"\brejected\b"), "rejected"),
]
# The words decisions are printed in: an answer, which a qualifier may go before ('Partly agreed'). Together, for
# mending what OCR splits or runs together ('N OT AGREED', 'NOTAGREED').
QUALIFIERS = ("not", "partly", "partially")
ANSWERS = ("agreed", "accepted", "rejected")
DECISION_WORDS = QUALIFIERS + ANSWERS
# Decisions as printed by different layouts fall into three answers a reader compares across plans.
AGREED = ("agreed", "accepted")
PARTLY = ("partly_agreed", "partly_accepted")
NOT_AGREED = ("not_agreed", "not_accepted", "rejected")
# A decision cell that says nothing but its decision (any case, stray punctuation or numbering aside).
DECISION_ONLY = re.compile(rf"^\W*(?:(?:{'|'.join(QUALIFIERS)})\s+)?(?:{'|'.join(ANSWERS)})(?:\s+in\s+part)?\W*$", re.I)


def decision_of(text: str) -> str | None:
    t = " ".join(text.lower().split())
    if "agree" not in t and "accept" not in t and "rejected" not in t:
        return None  # every pattern above needs one of these: most cells of a plan are no decision
    for pat, value in DECISIONS:
        if pat.search(t):
            return value
    return None
