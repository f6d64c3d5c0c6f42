"""Does a later recommendation ask for the same thing as an earlier one, in other words?

In: two recommendation texts (as extracted; cross-references such as "(S53)" or "(para 1.12)" are ignored
wherever they stand).
Out: `Match` (score in [0, 1], the stems the two share, whether they are the same by `SETTINGS`).

The method, chosen on the labelled pairs of `tests/data/recurring_pairs*.tsv` other than the sixteenth set, which is
held out (see `benchmarks/recurring.py`): each text becomes the set of its content words, each word
lemmatised with spaCy's English lookup table (the one the rule pipeline uses, read directly so no pipeline is built)
and then stemmed (Snowball), so "disproportionately", "disproportionality" and "disproportionate" meet; then the
words and phrases inspectors use for one another's (`data/concepts.yml`: "explore the reasons for", "find out
why" and "investigate"; "over-represented" and "disproportionately"; "without delay" and "promptly") become one
concept each, so a recommendation made again in other words shares more with its first wording than a near
miss does. Beyond that hand-made list, two words also meet when WordNet puts the most frequent sense of one in a
synset with the most frequent sense of the other ("phone" and "telephone", "toilet" and "lavatory"), or with its
second sense ("medication" and "medicine", whose first sense is the profession; `Settings.wide_senses`), or when
WordNet links the first sense of one to the other by derivation ("administered" and "administration"), as the
adjective an adverb is made from ("privately", "private") or as the head of a satellite adjective ("confidential",
"private"; `Settings.related`); WordNet's phrases of two or three words ("open air", "take part") are read as one
term that meets their synonyms ("outdoors", "participate") and still meets each of its words (`Settings.phrases`):
`data/wordnet_synonyms.tsv`, built from WordNet 3.1 by `data/build_synonyms.py`, loaded once. A word's first sense
must be one of the other's (`Settings.senses`), so two words' rare meanings do not make them synonyms. A word
also meets the word for what its first sense is a kind of (its hypernym: "vaccination" / "immunization", "tutor" /
"teacher"; `Settings.broader`), never a sister kind ("GP" / "optician"). A later text
that opens with findings ("Use of force was not monitored; leaders should...") is also compared from its first
clause that says what should be done, and the better score counts. The score is the Dice coefficient of the two
sets D, less 2.75 F x (1 - D), where F is the Dice coefficient of their word pairs (each content term with the next,
in the order written, a concept counting as the words it is written in; `Settings.frame`): a near miss keeps a
recommendation's frame and swaps its object or group ("care leavers" / "veterans should be identified on arrival
and offered support"), so what it shares comes in runs, while a rewording shares words in another order; a text
repeated word for word still scores 1. Two texts are the same at 0.43 or above (`Settings.threshold`), the lowest
score at which the studied pairs (fifteen sets) are told apart with precision 0.90, pooled; the hand lists below
(`Settings.lists`) were written from the older sets' errors, and scoring each studied set at the threshold chosen on
the others measures how far they carry. Weighting each word by its rarity in
English (`Settings.weighted`) is measured but off: it raises recall and loses precision on every held-out set,
because the rare words two near misses share are the topic's nouns.
Five gates stop near misses that share many words:
both texts name a topic from `data/topics.yml` (use of force, incentives, complaints...) but no topic in
common; both name groups of prisoners from `data/groups.yml` but none in common (black, Asian and
mixed-heritage prisoners count as minority ethnic); or all the words they share name their topic and none
says what is asked of it ("monitor the use of force by ethnicity" and "reduce the use of force" share only
"use of force": same topic, another demand); or their demands line up word for word, in order, but for one slot
where each side has words the other never meets, the slot being their only difference and its two sides having a
part of speech in common ("New officers" / "New teachers should be mentored by experienced colleagues during their
first year": the object or group swapped inside one sentence; `swapped`, `Settings.swap`); or their first words
after 'should' meet but neither subject meets any word of the other demand ("Healthcare staff" / "Officers should
receive regular supervision": another group, the rest reworded too; `subject_swapped`, `Settings.subject`). British
spellings WordNet's index lacks are read in its spelling ("immunisation" as "immunization"; `_spelled`). An
abbreviation written in capitals meets the run of words in the other text whose initials spell it ("IMB" /
"Independent Monitoring Board"; a plural, "DIRFs", read as "DIRF"; `Settings.abbreviations`), and a swapped slot whose
two sides are a word and a compound written with it ("health" / "healthcare", "part way" / "partway") is no swap
(`Settings.swap_compounds`): inside a sentence kept word for word it is one word written two ways.
Deterministic and
offline: the same two texts give the same score on any machine, whatever else is in the database.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from importlib import resources

import yaml
from pydantic import BaseModel, Field

from .vocabulary import lemma_table

METHOD = "dice-concepts-wordnet-hypernym-spelling-abbrev-frame2.75-demand-swap-compound-subject-gate-0.43"


class Settings(BaseModel):
    """The tolerances of the comparison, in one place."""

    threshold: float = Field(default=0.43, description="Score at or above which two recommendations are the same:"
                             " the lowest at which precision reaches 0.90 on the studied labelled sets (all but the"
                             " held-out sixteenth), pooled; benchmarks/recurring.py --tune. Held out, the sixteenth"
                             " gave 0.902 precision at it (0.857 at 0.38, the threshold the rule gave on ten sets)."
                             " With abbreviations and compounds in the swap gate the rule gives 0.43 again, on the"
                             " fifteen sets and on sixteen (the sixteenth studied in that round)")
    min_shared: int = Field(default=2, description="Fewest shared content stems for a link: one shared word is"
                            " never a repeated recommendation")
    min_demand: int = Field(default=1, description="Fewest shared stems or concepts outside the words naming the"
                            " topic (data/topics.yml): sharing a topic is not asking the same of it")
    senses: int = Field(default=1, description="First WordNet senses of a word (per part of speech) through which it"
                        " meets another word of the same synset; 0 = exact stems and concepts only")
    wide_senses: int = Field(default=2, description="Senses of a word (per part of speech) that another word's first"
                             " sense may share for the two to meet: 2 lets 'medication' (first sense: a drug) meet"
                             " 'medicine' (first: the profession, second: a drug)")
    related: bool = Field(default=True, description="A word also meets the words its first sense is linked to in"
                          " WordNet: derivation (administer, administration), pertainym (privately, private),"
                          " similar-to (confidential, private)")
    broader: bool = Field(default=True, description="A word also meets the word for what its first sense is a kind"
                          " of in WordNet (its hypernym: 'vaccination' meets 'immunisation', 'tutor' meets"
                          " 'teacher'), not its sister kinds ('GP' and 'optician' stay apart)")
    phrases: bool = Field(default=True, description="Read WordNet's phrases of two or three words ('open air',"
                          " 'carry out') as one term with their synsets")
    weighted: bool = Field(default=False, description="Weigh each word by how rare it is in English (spaCy's word"
                           " probabilities). Off: it favours the topic's nouns, which near misses share, over the"
                           " common verbs that say what is asked (README, recurring recommendations)")
    demand_clause: bool = Field(default=True, description="Also compare the later text's last clause that says"
                                " what should be done, without the findings written before it")
    frame: float = Field(default=2.75, description="Weight of the shared frame: the score is the Dice coefficient"
                         " of the words less this times the Dice coefficient of the word pairs (each content term"
                         " with the next, as written) times the share of words not met. A near miss keeps a"
                         " recommendation's frame and swaps its object ('waiting times for X appointments should be"
                         " reduced'), so what it shares comes in runs; a rewording shares words in another order."
                         " 0 = off. 2.75: with the subject gate, the best on the ten studied sets left out one at a"
                         " time (2.5 before it, 3 and 1 before that; README, recurring recommendations)")
    swap: bool = Field(default=True, description="Stop a pair whose words line up in order except for one slot"
                       " where each side has words the other never meets (the object or group swapped inside one"
                       " frame: 'wash their own clothes' / 'wash their bedding at least once a week')")
    swap_share: float = Field(default=0.6, description="Share of the shorter text's words that must line up in order"
                              " around the slot for it to be a swapped slot rather than a rewording")
    swap_run: int = Field(default=3, description="Most words on each side of a swapped slot")
    swap_alone: bool = Field(default=True, description="The swapped slot must be the two texts' only difference:"
                             " every word either side does not meet lies in it")
    swap_pos: bool = Field(default=True, description="The two sides of a swapped slot must have a part of speech in"
                           " common (WordNet): 'unlocked' / 'out of cell' is a rewording, not a swapped object")
    subject: bool = Field(default=True, description="Stop a pair whose demands have the same verb and subjects"
                          " with no word in common ('Healthcare staff' / 'Officers should receive regular"
                          " supervision'; `subject_swapped`)")
    abbreviations: bool = Field(default=True, description="An abbreviation written in capitals ('IMB', 'DIRFs' read as"
                                " 'DIRF') meets the run of words in the other text whose initials spell it"
                                " ('Independent Monitoring Board', 'discrimination incident report forms'; 'and', 'of',"
                                " 'for', 'the', 'in', 'on', 'to', 'with' inside the run skipped); two runs that spell"
                                " the same letters do not meet")
    swap_compounds: bool = Field(default=True, description="A swapped slot whose two sides are a word and a compound"
                                 " written with it ('health' / 'healthcare', 'part way' / 'partway': two common words"
                                 " joined, each at least three letters, one at least four, neither a function word)"
                                 " is no swap. Only in the swap gate, where the rest of the sentence is word for word:"
                                 " as a match everywhere it also joined 'timetabled' to 'tables' and 'caseloads' to"
                                 " 'cases' and lost precision (benchmarks/README.md, the abbreviation round)")
    lists: bool = Field(default=True, description="Read the hand-made lists of data/concepts.yml, topics.yml and"
                        " groups.yml (paraphrases, topic and group gates). Off, the comparison sees every text as it"
                        " sees one on a topic the lists do not name: the threshold is chosen to hold both ways")


SETTINGS = Settings()

# Function words, and the words every recommendation uses whatever it asks ("leaders should ensure that
# the prison..."), which say nothing about what is asked.
STOP = frozenset("""a about above after again against all also am an and any are as at be been before being below
between both but by can could did do does doing down during each every few for from further had has have having he
her here hers him his how i if in into is it its itself just may me might more most must my no nor not now of off on
once only or other our out over own same shall she should so some such than that the their them then there these
they this those through to too under until up very was we were what when where which while who whom why will with
would you your per via within without upon make sure ensure leader leaders governor prison prisons prisoner
prisoners establishment hmpps centre manager managers able""".split())
# Words inspectors use for one another's; applied after stemming.
SYNONYMS = {"ten": "10", "overrepres": "disproport", "doctor": "gp", "detaine": "detain"}
BME = "bme"
MINORITY_GROUPS = {"black", "asian", "mixed_ethnicity"}
# Words STOP drops that still say who a recommendation is about or who is asked; the swap gate lines them up
# with the content words, so 'staff' / 'prisoners who are assaulted' is a swapped slot.
WHO = frozenset("prison prisons prisoner prisoners leader leaders governor establishment hmpps centre manager"
                " managers".split())
# Who is asked to act: a slot that swaps only these ('the governor' / 'leaders should ensure') is the same demand.
ASKED = frozenset("prison prisons leader leaders governor establishment hmpps centre manager managers chief"
                  " director directors".split())
# Words after 'should' that say nothing of what is asked ('should be able to have', 'should be given').
AUXILIARY = frozenset("be been have has able get".split())
# A cross-reference to a paragraph of the report, "(S53)", "(1.12, 1.14)", "(para 3.4)", wherever it stands.
CROSS_REF = re.compile(r"\s*\((?:[A-Z]{0,3}\s?\d[\d.,\s]*|para(?:graph)?\.?\s*\d[\d.]*)\)", re.I)


@functools.cache
def _stemmer():
    import snowballstemmer
    return snowballstemmer.stemmer("english")


def _words(text: str) -> list[str]:
    return [w for w, _ in _tokens(text)]


# An abbreviation written in capitals ('IMB'); with a small s after it, its plural ('DIRFs').
ACRONYM = re.compile(r"[A-Z]{2,6}")


def _tokens(text: str, abbreviations: bool = False) -> list[tuple[str, bool]]:
    """The words of a text, lower-cased, each with whether it is an abbreviation written in capitals; with
    `abbreviations`, a plural one ('DIRFs', 'GCSEs') is read as the abbreviation ('dirf', 'gcse'; the stemmer
    would leave 'gcses' whole)."""
    text = CROSS_REF.sub("", text)
    text = re.sub(r"over[- ]?represent", "overrepresent", text, flags=re.I)
    out = []
    for w in re.findall(r"[A-Za-z0-9]+", text):
        if abbreviations and len(w) > 2 and w.endswith("s") and ACRONYM.fullmatch(w[:-1]):
            w = w[:-1]
        out.append((w.lower(), bool(ACRONYM.fullmatch(w))))
    return out


# Function words an abbreviation's initials skip inside a run ('Prisons and Probation Ombudsman' is PPO).
INITIALS_SKIP = frozenset("and of for the in on to with".split())


def _initials(tokens: list[tuple[str, bool]]) -> tuple[list[set[str]], list[set[str]]]:
    """Per word: the abbreviation it is, written in capitals ('#imb'), and the abbreviations spelt by the initials
    of the runs of two to six words it is part of ('independent monitoring board' -> '#imb'; INITIALS_SKIP inside a
    run skipped, never at its ends; a run stops at an abbreviation)."""
    own: list[set[str]] = [set() for _ in tokens]
    runs: list[set[str]] = [set() for _ in tokens]
    for i, (w, caps) in enumerate(tokens):
        if caps:
            own[i].add("#" + w)
            continue
        if w in INITIALS_SKIP:
            continue
        letters, members = "", []
        for wj, cj in tokens[i:]:
            if cj or len(letters) == 6:
                break
            members.append(len(members))
            if wj in INITIALS_SKIP:
                continue
            letters += wj[0]
            if len(letters) >= 2:
                for k in range(len(members)):
                    if tokens[i + k][0] not in INITIALS_SKIP:
                        runs[i + k].add("#" + letters)
    return own, runs


@functools.cache
def _parts(word: str) -> frozenset[str]:
    """The stems of two common words a word is written as, joined ('healthcare' -> health, care; 'timetables' ->
    time, table; 'partway' -> part, way): each part a lemma of WordNet's table with a noun, verb or adjective sense,
    at least three letters, one of them at least four, neither a function word; every such split."""
    lemma = lemma_table().get(word, word)
    table, found = _synonym_table(), set()
    for k in range(3, len(lemma) - 2):
        x, y = lemma[:k], lemma[k:]
        if max(len(x), len(y)) < 4 or x in STOP or y in STOP:
            continue
        if all(part in table and table.kinds(part) & set("nva") for part in (x, y)):
            found.update((_stem(x), _stem(y)))
    return frozenset(found)


# British spellings WordNet's index may lack, and their American forms: (ending, replacement, shortest word).
SPELLINGS = (("isation", "ization", 8), ("isations", "izations", 9), ("ise", "ize", 5), ("ised", "ized", 6),
             ("ises", "izes", 6), ("ising", "izing", 7), ("iser", "izer", 6), ("isers", "izers", 7),
             ("our", "or", 6), ("ours", "ors", 7), ("oured", "ored", 7), ("ouring", "oring", 8), ("tre", "ter", 5),
             ("tres", "ters", 6), ("ogue", "og", 7), ("ogues", "ogs", 8), ("ence", "ense", 7),
             ("programme", "program", 9), ("programmes", "programs", 10), ("judgement", "judgment", 9))


@functools.cache
def _spelled(word: str) -> str:
    """A word as WordNet spells it: the American form ('immunisation' -> 'immunization', 'defence' -> 'defense',
    'programme' -> 'program') when WordNet's table lacks the word as written and as its lemma but has that form,
    directly or as its lemma; otherwise the word. Also the lemma table's 'ae'/'oe' ('paediatric', 'oesophagus')."""
    table, lemmas = _synonym_table(), lemma_table()
    if word in table or lemmas.get(word, word) in table:
        return word
    forms = [word[:-len(end)] + to for end, to, n in SPELLINGS if len(word) >= n and word.endswith(end)]
    forms += [word.replace("ae", "e", 1), word.replace("oe", "e", 1)] if re.search("[ao]e[a-z]", word) else []
    return next((f for f in forms if f != word and (f in table or lemmas.get(f, f) in table)), word)


@functools.cache
def _stem(word: str, spelling: bool = True) -> str:
    if spelling:
        word = _spelled(word)
    lemma = lemma_table().get(word, word)
    stem = _stemmer().stemWord(lemma)
    return SYNONYMS.get(stem, stem)


def stems(text: str) -> list[str]:
    """Every word of a text, lemmatised and stemmed, in order (function words included)."""
    return [_stem(w) for w in _words(text)]


def terms(text: str) -> frozenset[str]:
    """The content stems of a text: what it is compared on."""
    return frozenset(_stem(w) for w in _words(text) if w not in STOP and lemma_table().get(w, w) not in STOP)


@functools.cache
def _phrases(name: str, package: str = "actionplans.extract") -> dict[str, list[tuple[str, ...]]]:
    raw = yaml.safe_load(resources.files(package).joinpath(f"data/{name}").read_text("utf-8"))
    return {label: sorted({tuple(stems(str(p))) for p in phrases} - {()}) for label, phrases in raw.items()}


@functools.cache
def _concepts() -> list[tuple[tuple[str, ...], str]]:
    """The paraphrase groups of `data/concepts.yml` as (stem sequence, concept), longest sequences first."""
    found = {(p, label) for label, phrases in _phrases("concepts.yml").items() for p in phrases}
    return sorted(found, key=lambda pc: (-len(pc[0]), pc))


@functools.cache
def _starting(name: str) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """The (phrase, label) pairs of `data/<name>` by their first stem, in the order `_phrases` gives them (the
    concepts': `_concepts`'), so a sequence is matched only against the phrases that can start at each position."""
    pairs = _concepts() if name == "concepts.yml" else [
        (p, label) for label, phrases in _phrases(name).items() for p in phrases]
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for p, label in pairs:
        out.setdefault(p[0], []).append((p, label))
    return out


def _found(seq: list[str], name: str) -> Iterator[tuple[int, int, str]]:
    """Every occurrence of a phrase of `data/<name>` in a stem sequence: (start, end, label), by start."""
    starting = _starting(name)
    for i, stem in enumerate(seq):
        for p, label in starting.get(stem, ()):
            if tuple(seq[i:i + len(p)]) == p:
                yield i, i + len(p), label


def _fold(seq: list[str]) -> list[tuple[int, int, str]]:
    """Spans of a stem sequence that are a concept: (start, end, concept), left to right, longest match first."""
    out, i, starting = [], 0, _starting("concepts.yml")
    while i < len(seq):
        for p, label in starting.get(seq[i], ()):
            if tuple(seq[i:i + len(p)]) == p:
                out.append((i, i + len(p), label))
                i += len(p)
                break
        else:
            i += 1
    return out


def _labels(seq: list[str], name: str) -> frozenset[str]:
    """The labels of `data/<name>` one of whose phrases a stem sequence holds."""
    return frozenset(label for _, _, label in _found(seq, name))


def _covered(seq: list[str], name: str) -> set[int]:
    """The positions of a stem sequence that lie inside a phrase of `data/<name>`."""
    return {j for start, end, _ in _found(seq, name) for j in range(start, end)}


@functools.cache
def _synonym_table() -> _Table:
    """WordNet's synsets of each common word (data/wordnet_synonyms.tsv, built by data/build_synonyms.py):
    lemma -> part of speech -> synset ids, most frequent sense first (-1: a sense no other kept word shares);
    'x' -> the synsets its first sense links to (derivation, pertainym, similar-to)."""
    text = resources.files("actionplans.extract").joinpath("data/wordnet_synonyms.tsv").read_text("utf-8")
    return _Table(line.split("\t", 1) for line in text.splitlines() if line and not line.startswith("#"))


class _Table(dict):
    """lemma -> its line's cells, each read into part of speech -> ids the first time the lemma is looked up: a
    text meets a few hundred of the table's 59,000 lemmas, and reading every line at once cost the writer 0.16 s
    before the first plan could be linked."""

    def __getitem__(self, lemma: str) -> dict[str, tuple[int, ...]]:
        cells = dict.__getitem__(self, lemma)
        if isinstance(cells, str):
            cells = {c[0]: tuple(int(i) for i in c[2:].split()) for c in cells.split("\t")}
            dict.__setitem__(self, lemma, cells)
        return cells

    def get(self, lemma: str, default=None):
        return self[lemma] if lemma in self else default

    def items(self):
        return ((lemma, self[lemma]) for lemma in self)

    def kinds(self, lemma: str) -> set[str]:
        """The keys of a lemma's cells (n, v, a, r, x, h, k), its ids left unread."""
        cells = dict.__getitem__(self, lemma)
        return {c[0] for c in cells.split("\t")} if isinstance(cells, str) else set(cells)


@functools.cache
def _phrase_lemmas() -> dict[tuple[str, ...], str]:
    """The table's lemmas of two or three words, as word tuples."""
    table = _synonym_table()
    return {tuple(lemma.split()): lemma for lemma in table if " " in lemma and table.kinds(lemma) - {"h", "k"}}


@functools.cache
def _synsets(word: str, senses: int, related: bool = False, broader: bool = False, spelling: bool = True
             ) -> frozenset[int]:
    """The synsets of a word's first `senses` senses in each part of speech, as the word and as its lemma (with
    `related`, also those its first sense links to; with `broader`, the synsets its first sense is a kind of)."""
    if senses <= 0:
        return frozenset()
    table, lemmas = _synonym_table(), lemma_table()
    found = set()
    for form in {word, lemmas.get(word, word), *((_spelled(word), lemmas.get(_spelled(word))) if spelling
                                                 else ())} - {None}:
        for pos, ids in table.get(form, {}).items():
            if pos not in "xhk":
                found.update(i for i in ids[:senses] if i >= 0)
            elif pos == "k" and broader or pos == "x" and related or pos == "h" and related and broader:
                found.update(ids)
    return frozenset(found)


@functools.cache
def _probs() -> dict[str, float]:
    data = resources.files("spacy_lookups_data").joinpath("data/en_lexeme_prob.json.gz").read_bytes()
    return json.loads(gzip.decompress(data))


WEIGHT_BASE, WEIGHT_CAP = 8.0, 14.0


@functools.cache
def _weight(word: str) -> float:
    """How much a word says: its surprisal in English (-log probability), less a base, within [1, cap - base]."""
    probs = _probs()
    p = probs.get(lemma_table().get(word, word), probs.get(word, -WEIGHT_CAP))
    return min(max(-p, WEIGHT_BASE + 1), WEIGHT_CAP) - WEIGHT_BASE


# A clause that says what should be done; a findings clause before it ("Use of force was not monitored;") is
# left out when the later text is compared on its demand alone.
DEMAND = re.compile(r"\b(?:should|must|need to|needs to)\b", re.I)


@dataclass(frozen=True)
class Text:
    """A recommendation prepared for comparison: its content stems, topics and groups of prisoners."""

    terms: frozenset[str]
    topics: frozenset[str]
    groups: frozenset[str]
    words: dict[str, str]  # stem (or ~concept) -> the words as first written, to show what two texts share
    topic_terms: frozenset[str] = frozenset()  # stems written only inside a topic's name ("use of force")
    keys: dict[str, frozenset] = field(default_factory=dict)  # term -> itself and its words' first-sense synsets
    wide: dict[str, frozenset] = field(default_factory=dict)  # term -> keys, later senses and linked synsets
    weights: dict[str, float] = field(default_factory=dict)  # term -> how much it says
    demand: Text | None = None  # the clauses from the first that says what should be done, when findings precede
    pairs: frozenset[tuple[str, str]] = frozenset()  # consecutive content terms as written, in order
    slots: tuple[tuple[str, frozenset, frozenset], ...] = ()  # the demand's words in order: (word, keys, wide)
    subject: tuple[tuple[str, frozenset, frozenset], ...] = ()  # the demand's words before 'should', as slots
    verb: tuple[tuple[str, frozenset, frozenset], ...] = ()  # the demand's first content word after 'should'


def _extras(tokens: list[tuple[str, bool]], settings: Settings, slots: bool = False
            ) -> tuple[list[set[str]], list[set[str]]]:
    """Per word, what it meets beyond its stem and synsets: as keys, the abbreviation it is; as wide, the
    abbreviations its runs of words spell (`Settings.abbreviations`) and, for the swap gate's slots, the words it is
    written as, joined (`Settings.swap_compounds`)."""
    own, runs = _initials(tokens) if settings.abbreviations else ([set() for _ in tokens], [set() for _ in tokens])
    if slots and settings.swap_compounds:
        for i, (w, _) in enumerate(tokens):
            if w not in STOP and lemma_table().get(w, w) not in STOP:
                runs[i] |= _parts(w)
    return own, runs


def _prepare(text: str, settings: Settings) -> Text:
    tokens = _tokens(text, settings.abbreviations)
    raw = [w for w, _ in tokens]
    own, runs = _extras(tokens, settings)
    seq = [_stem(w) for w in raw]
    groups = set(_labels(seq, "groups.yml")) if settings.lists else set()
    if groups & MINORITY_GROUPS:
        groups.add(BME)
    words: dict[str, str] = {}
    keys: dict[str, set] = {}
    wide: dict[str, set] = {}
    weights: dict[str, float] = {}
    spans = {start: (end, label) for start, end, label in _fold(seq)} if settings.lists else {}
    if settings.phrases:  # WordNet's phrases ("open air") where no concept stands
        lemmas = [lemma_table().get(w, w) for w in raw]
        table, taken = _phrase_lemmas(), {j for s, (e, _) in spans.items() for j in range(s, e)}
        i = 0
        while i < len(raw):
            for n in (3, 2):
                span = range(i, i + n)
                if i + n > len(raw) or taken & set(span) or all(raw[j] in STOP for j in span):
                    continue
                phrase = table.get(tuple(raw[i:i + n])) or table.get(tuple(lemmas[i:i + n]))
                if phrase:
                    spans[i] = (i + n, "=" + phrase)
                    i += n - 1
                    break
            i += 1
    in_topic = _covered(seq, "topics.yml") if settings.lists else set()
    topic_phrases = set()
    order: list[str] = []  # the terms in the order written; a concept as the stems of its words as written
    i = 0
    while i < len(raw):
        if i in spans:  # a concept stands for its phrase, whatever words it uses
            end, label = spans[i]
            term = label if label.startswith("=") else f"~{label}"
            order.append(term if label.startswith("=") else " ".join(seq[i:end]))
            words.setdefault(term, " ".join(raw[i:end]))
            keys.setdefault(term, {term})
            wide.setdefault(term, {term})
            if label.startswith("="):  # a phrase is also its words, for a text that writes them apart
                keys[term].update(_synsets(label[1:], settings.senses, broader=settings.broader))
                wide[term].update(_synsets(label[1:], max(settings.senses, settings.wide_senses), settings.related,
                                                     settings.broader))
                for j in range(i, end):
                    if raw[j] not in STOP:
                        keys[term].update({seq[j]}, _synsets(raw[j], settings.senses, broader=settings.broader))
                        wide[term].update(_synsets(raw[j], max(settings.senses, settings.wide_senses),
                                                   settings.related, settings.broader))
                if all(j in in_topic for j in range(i, end)):
                    topic_phrases.add(term)
            for j in range(i, end):
                keys[term].update(own[j])
                wide[term].update(runs[j])
            weights[term] = max([weights.get(term, 0.0)]
                                + [_weight(w) if settings.weighted else 1.0 for w in raw[i:end]])
            i = end
            continue
        w = raw[i]
        if w not in STOP and lemma_table().get(w, w) not in STOP:
            term = seq[i]
            order.append(term)
            words.setdefault(term, w)
            keys.setdefault(term, {term}).update(_synsets(w, settings.senses, broader=settings.broader))
            wide.setdefault(term, {term}).update(_synsets(w, max(settings.senses, settings.wide_senses),
                                                          settings.related, settings.broader))
            keys[term].update(own[i])
            wide[term].update(runs[i])
            weights[term] = max(weights.get(term, 0.0), _weight(w) if settings.weighted else 1.0)
        i += 1
    outside = {seq[i] for i in range(len(seq)) if i not in in_topic}
    topic_terms = frozenset(s for s in words if s[0] not in "~=" and s not in outside) | topic_phrases
    for t in keys:
        wide[t] |= keys[t]
    topics = _labels(seq, "topics.yml") if settings.lists else frozenset()
    return Text(terms=frozenset(words), topics=topics, groups=frozenset(groups), words=words,
                topic_terms=topic_terms, keys={t: frozenset(k) for t, k in keys.items()},
                wide={t: frozenset(k) for t, k in wide.items()}, weights=weights,
                pairs=frozenset(zip(order, order[1:])))


def _slots(text: str, settings: Settings) -> tuple[tuple[str, frozenset, frozenset], ...]:
    """The words of a text that the swap gate lines up, in order: content words and the words naming who (WHO),
    each with its stem and first-sense synsets (keys) and its wider senses and linked synsets (wide)."""
    out = []
    tokens = _tokens(text, settings.abbreviations)
    own, runs = _extras(tokens, settings, slots=True)
    for i, (w, _) in enumerate(tokens):
        if (w in STOP or lemma_table().get(w, w) in STOP) and w not in WHO and lemma_table().get(w, w) not in WHO:
            continue
        stem = _stem(w)
        keys = frozenset({stem} | own[i] | _synsets(w, settings.senses, broader=settings.broader))
        out.append((w, keys, keys | runs[i] | _synsets(w, max(settings.senses, settings.wide_senses),
                                                          settings.related, settings.broader)))
    return tuple(out)


def prepare(text: str, settings: Settings = SETTINGS) -> Text:
    """A recommendation's text -> its content stems and concepts, topics and groups of prisoners."""
    whole = _prepare(text, settings)
    clauses = re.split(r"(?<=[;:.])\s+", CROSS_REF.sub("", text).strip())
    first = next((n for n, c in enumerate(clauses) if DEMAND.search(c)), 0)
    whole = replace(whole, slots=_slots(" ".join(clauses[first:]), settings)
                    if settings.swap or settings.subject else ())
    modal = DEMAND.search(clauses[first]) if settings.subject else None
    if modal:
        subject = tuple(w for w in _slots(clauses[first][:modal.start()], settings) if w[0] not in ASKED)
        verb = tuple(w for w in _slots(clauses[first][modal.end():], settings) if w[0] not in AUXILIARY)[:1]
        whole = replace(whole, subject=subject, verb=verb)
    if settings.demand_clause and first > 0:
        return replace(whole, demand=_prepare(" ".join(clauses[first:]), settings))
    return whole


@dataclass(frozen=True)
class Match:
    """How alike two recommendations are, and whether that makes the later one a repeat."""

    score: float
    words: tuple[str, ...]  # the shared words, as the later text writes them
    same: bool
    gate: str | None = None  # why a pair that shares words is not the same: 'topics', 'groups', 'demand' or 'swap'


def _met(a: Text, b: Text) -> frozenset[str]:
    """The terms of `a` that `b` has too: the same stem or concept, or a word whose first sense is a synset that a
    word of `b` has among its senses or links to (or the other way round)."""
    theirs = frozenset().union(*b.keys.values()) if b.keys else b.terms
    theirs_wide = frozenset().union(*b.wide.values()) if b.wide else theirs
    return frozenset(t for t in a.terms
                     if a.keys.get(t, {t}) & theirs_wide or a.wide.get(t, a.keys.get(t, {t})) & theirs)


def frame(a: Text, b: Text) -> float:
    """The Dice coefficient of two texts' word pairs (consecutive content terms): how much of a sentence frame
    they share, word for word and in order."""
    if not a.pairs or not b.pairs:
        return 0.0
    return 2 * len(a.pairs & b.pairs) / (len(a.pairs) + len(b.pairs))


def swapped(a: Text, b: Text, settings: Settings = SETTINGS) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """A slot swapped inside one frame: the two demands' words (`Text.slots`) lined up in order (the longest common
    subsequence, words meeting as in `_met`) cover `swap_share` of the shorter and at least three words, and
    between two lined-up words (or before the first, or after the last) each side has one to `swap_run` words that
    meet nothing anywhere in the other (who is asked, ASKED, aside). That is a near miss's mark: one
    recommendation's sentence with its object or group replaced ('New officers' / 'New teachers should be mentored
    by experienced colleagues during their first year'). A rewording replaces words too, but rarely keeps the rest
    of the sentence in order around them. Returns the two sides' swapped words, or None."""
    x, y = a.slots, b.slots
    n, m = len(x), len(y)
    if not n or not m:
        return None
    meets = [[bool(p[1] & q[2] or p[2] & q[1]) for q in y] for p in x]
    common = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            common[i][j] = common[i + 1][j + 1] + 1 if meets[i][j] else max(common[i + 1][j], common[i][j + 1])
    anchors, i, j = [], 0, 0
    while i < n and j < m:
        if meets[i][j] and common[i][j] == common[i + 1][j + 1] + 1:
            anchors.append((i, j))
            i, j = i + 1, j + 1
        elif common[i + 1][j] >= common[i][j + 1]:
            i += 1
        else:
            j += 1
    if len(anchors) < 3 or len(anchors) < settings.swap_share * min(n, m):
        return None
    free_x = [not any(row) for row in meets]
    free_y = [not any(meets[i][j] for i in range(n)) for j in range(m)]
    bounds = [(-1, -1), *anchors, (n, m)]
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:]):
        run_x = [i for i in range(i0 + 1, i1) if free_x[i]]
        run_y = [j for j in range(j0 + 1, j1) if free_y[j]]
        if not run_x or not run_y or len(run_x) > settings.swap_run or len(run_y) > settings.swap_run:
            continue
        words_x = tuple(x[i][0] for i in run_x if x[i][0] not in ASKED)
        words_y = tuple(y[j][0] for j in run_y if y[j][0] not in ASKED)
        if not words_x or not words_y:
            continue
        if settings.swap_alone and (sum(free_x[i] and x[i][0] not in ASKED for i in range(n)) > len(words_x)
                                    or sum(free_y[j] and y[j][0] not in ASKED for j in range(m)) > len(words_y)):
            return None
        if settings.swap_pos and not set().union(*map(_pos, words_x)) & set().union(*map(_pos, words_y)):
            continue
        return words_x, words_y
    return None


def subject_swapped(a: Text, b: Text) -> bool:
    """Another subject for the same verb: both demands name who or what they are about before 'should' (who is
    asked to act, ASKED, aside), no word of one subject meets a word of the other, and the first content word after
    'should' meets ('Healthcare staff' / 'Officers should receive regular supervision'; 'Visitors' / 'Staff should
    be searched'). A rewording that turns the sentence round changes its verb as well ('A risk assessment should be
    completed' / 'Staff should assess the risk')."""
    if not (a.subject and b.subject and a.verb and b.verb):
        return False
    meets = lambda p, q: bool(p[1] & q[2] or p[2] & q[1])  # noqa: E731
    return meets(a.verb[0], b.verb[0]) and not any(meets(p, q) for p in a.subject for q in b.slots) \
        and not any(meets(p, q) for p in b.subject for q in a.slots)


@functools.cache
def _pos(word: str) -> frozenset[str]:
    """The parts of speech WordNet has a word in (n, v, a, r), as written or as its lemma; all four if none."""
    table = _synonym_table()
    found = {p for form in (word, lemma_table().get(word, word)) for p in table.get(form, {}) if p not in "xhk"}
    return frozenset(found or "nvar")


def _score(a: Text, b: Text, settings: Settings = SETTINGS) -> tuple[float, frozenset[str], frozenset[str]]:
    if not a.terms or not b.terms:
        return 0.0, frozenset(), frozenset()
    ma, mb = _met(a, b), _met(b, a)
    wa, wb = (lambda t: a.weights.get(t, 1.0)), (lambda t: b.weights.get(t, 1.0))
    score = (sum(map(wa, ma)) + sum(map(wb, mb))) / (sum(map(wa, a.terms)) + sum(map(wb, b.terms)))
    return max(0.0, score - settings.frame * frame(a, b) * (1 - score)), ma, mb


def compare(earlier: Text | str, later: Text | str, settings: Settings = SETTINGS) -> Match:
    """Score two recommendations; `same` when the score reaches the threshold and no gate stops them."""
    a = prepare(earlier, settings) if isinstance(earlier, str) else earlier
    b = prepare(later, settings) if isinstance(later, str) else later
    score, ma, mb, a_, b_ = max(((*_score(x, y, settings), x, y)
                                 for x in (a, a.demand) if x for y in (b, b.demand) if y), key=lambda r: r[0])
    gate = None
    if a.topics and b.topics and not a.topics & b.topics:
        gate = "topics"
    elif a.groups and b.groups and not a.groups & b.groups:
        gate = "groups"
    elif min(len(ma - a_.topic_terms), len(mb - b_.topic_terms)) < settings.min_demand:
        gate = "demand"  # they share the topic's name and nothing of what is asked
    same = gate is None and score >= settings.threshold and min(len(ma), len(mb)) >= settings.min_shared
    if same and settings.swap and swapped(a, b, settings):  # only where it would decide: the alignment costs
        gate, same = "swap", False
    if same and settings.subject and subject_swapped(a, b):
        gate, same = "subject", False
    return Match(score=round(score, 4), words=tuple(sorted(b_.words[s] for s in mb)), same=same, gate=gate)
