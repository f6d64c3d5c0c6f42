"""The decision vocabulary, said once: printed decision wording -> a normalised decision.

In: the text of a decision cell as printed ("Partly Agreed", "ACCEPTED", "Agreed in part").
Out: `decision_of` gives one of the `Decision` values of the schema, or None; `DECISION_ONLY` tells a
cell that says nothing but its decision from one that says more (which earns the record a warning).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

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


def misread_answer(text: str, likeness: float) -> str | None:
    """The answer a decision cell read through OCR printed where OCR misread its word into none ('puiected' for
    'rejected', its 'j' read as 'i' and the j's tail under it as 'J'): the cell's one word of more than two letters,
    no word the plans know, that resembles one answer by at least `likeness` (difflib's ratio) and no other. A word
    that is a word ('expected') is what was printed, one like two answers ('aecepted') is undecided, and a cell of
    more words says more than a decision: None for those."""
    from .vocabulary import known_words  # the word lists load on first use: imported where used

    long = [w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 2]
    if len(long) != 1 or long[0] in known_words():
        return None
    like = [a for a in ANSWERS if SequenceMatcher(None, long[0], a, autojunk=False).ratio() >= likeness]
    return decision_of(like[0]) if len(like) == 1 else None
