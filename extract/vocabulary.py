"""The plans' vocabulary, said once: months, date statuses and the English word list the stages share.

Out: the months as printed (`MONTH_NAMES`, `MONTH_ABBRS`), with their numbers (`MONTH_NUMBER` for the full
names, `MONTHS` with the short forms too) and as a pattern (`MONTH_PATTERN`); the groups of date statuses a
reader of the records compares (`COMPLETED`, `UNMARKED`); spaCy's English lemma table (`lemma_table`), the English
words it and spaCy's stop words make (`english`), the words of the project's phrase lists (`plan_words`) and the
two together (`known_words`), each loaded once however many stages ask.
Decisions are said once in `decisions.py`, beside the patterns that read them; the status keys themselves are the
schema's (`DateStatus`).
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
import json
import re
import runpy
from importlib import resources
from pathlib import Path

# Written out, not taken from `calendar`, whose names follow the process's locale.
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")
MONTH_ABBRS = tuple(m[:3] for m in MONTH_NAMES)  # 'Jan' ... 'Dec'
MONTH_NUMBER = {m.lower(): i for i, m in enumerate(MONTH_NAMES, 1)}  # 'january' -> 1
MONTHS = {**MONTH_NUMBER, **{m.lower(): i for i, m in enumerate(MONTH_ABBRS, 1)}}  # 'jan' -> 1 too
# Any of `MONTHS` in a regular expression (compile it ignoring case), the longest first so 'June' is not read as 'Jun'
MONTH_PATTERN = "|".join(sorted(MONTHS, key=len, reverse=True))

# Statuses that say the work is done.
COMPLETED = ("completed", "completed_and_ongoing")
# Statuses that are no word of the plan's own: a plain date, or a date not read.
UNMARKED = ("due", "unparsed")


def _read_lemma_table() -> dict[str, str]:
    with resources.files("spacy_lookups_data").joinpath("data/en_lemma_lookup.json.gz").open("rb") as f:
        return json.load(gzip.open(f))


@functools.cache
def lemma_table() -> dict[str, str]:
    """spaCy's English lemma lookup table (spacy-lookups-data, installed for the NLP stage), read as JSON: form ->
    lemma. Kept once read (the links lemmatise with it); the word lists below read it afresh and let it go, so the
    table stages hold only the words (about 10 MB less at peak)."""
    return _read_lemma_table()


def _english_words() -> set[str]:
    """Every form and lemma of the lemma table and spaCy's stop words, which that table leaves out."""
    # spaCy's English stop-word list, run as the plain module it is: importing it through the spacy package would
    # load all of spaCy (tens of MB) in the table stage, where only the words are wanted
    spec = importlib.util.find_spec("spacy")
    stop_words = runpy.run_path(str(Path(spec.submodule_search_locations[0]) / "lang" / "en" / "stop_words.py"))[
        "STOP_WORDS"]
    table = _read_lemma_table()
    return {w.lower() for w in (*table, *table.values(), *stop_words)}


@functools.cache
def english() -> frozenset[str]:
    """English words (`_english_words`)."""
    return frozenset(_english_words())


@functools.cache
def plan_words() -> frozenset[str]:
    """The words of the project's own phrase lists: 'healthcare', 'safeguarding', 'governor', ..."""
    words: set[str] = set()
    for name in ("roles.yml", "themes.yml", "groups.yml"):
        text = resources.files("actionplans.extract").joinpath(f"data/{name}").read_text("utf-8")
        words.update(re.findall(r"[a-z]{3,}", text.lower()))
    return frozenset(words)


@functools.cache
def known_words() -> frozenset[str]:
    """English words and the plans' own (`english`, `plan_words`), built on their own: a text layer's table stages
    need only these, and hold one set, not two."""
    return frozenset(_english_words() | plan_words())
