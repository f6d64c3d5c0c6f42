"""Accuracy of the NLP on the labelled sets in tests/data, per pipeline variant (rules vs trained).

Usage: python benchmarks/nlp_accuracy.py [--wrong]
Prints, per set and variant, the share of items read exactly as labelled; --wrong lists the misses.
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
import time
from pathlib import Path

from actionplans.extract.dates import parse_target_date
from actionplans.extract.nlp import _model_available, analyse
from actionplans.extract.owners import describe_owner, split_owners

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def items(value: str, sep: str = ",") -> list[str]:
    return [] if value in ("-", "") else [v.strip() for v in value.split(sep)]


def dates() -> tuple[int, list[str]]:
    wrong = []
    data = rows("dates.tsv")
    for r in data:
        text = r["text"].replace("\\n", "\n")
        base = None if r["base"] == "-" else dt.date.fromisoformat(r["base"])
        got = parse_target_date(text, base)
        want = (None if r["due"] == "-" else r["due"], None if r["precision"] == "-" else r["precision"], r["status"])
        if (str(got.due) if got.due else None, got.precision, got.status) != want:
            wrong.append(f"{text!r}: got {got.due} {got.precision} {got.status}, want {want}")
    return len(data), wrong


def owners() -> tuple[int, list[str]]:
    wrong = []
    data = rows("owners.tsv")
    for r in data:
        got = split_owners(r["entry"])
        want = items(r["owners"], " | ")
        roles = [None if x == "?" else x for x in items(r["roles"], " | ")]
        got_roles = [describe_owner(o).role for o in want]
        if got != want or got_roles != roles:
            wrong.append(f"{r['entry']!r}: got {got} {got_roles}")
    return len(data), wrong


def actions(variant: str) -> tuple[int, list[str], list[str]]:
    data = rows("actions.tsv")
    res = analyse([r["text"] for r in data], variant)
    verbs_wrong, form_wrong = [], []
    for r, a in zip(data, res, strict=True):
        if a.verbs != items(r["verbs"]):
            verbs_wrong.append(f"{r['text'][:80]!r}: got {a.verbs}, want {items(r['verbs'])}")
        if a.form != r["form"]:
            form_wrong.append(f"{r['text'][:80]!r}: got {a.form}, want {r['form']}")
    return len(data), verbs_wrong, form_wrong


def themes(variant: str) -> tuple[int, list[str], list[str]]:
    data = rows("themes.tsv")
    res = analyse([r["text"] for r in data], variant)
    t_wrong, g_wrong = [], []
    for r, a in zip(data, res, strict=True):
        if sorted(a.themes) != sorted(items(r["themes"])):
            t_wrong.append(f"{r['text'][:80]!r}: got {a.themes}, want {items(r['themes'])}")
        if sorted(a.groups) != sorted(items(r["groups"])):
            g_wrong.append(f"{r['text'][:80]!r}: got {a.groups}, want {items(r['groups'])}")
    return len(data), t_wrong, g_wrong


def main() -> None:
    show = "--wrong" in sys.argv
    report: list[tuple[str, str, int, list[str]]] = []
    n, w = dates()
    report.append(("dates (due, precision, status)", "-", n, w))
    n, w = owners()
    report.append(("owners (split and role)", "-", n, w))
    variants = ["rules", "trained"] if _model_available() else ["rules"]
    for v in variants:
        t0 = time.perf_counter()
        n, vw, fw = actions(v)
        report.append(("action verbs", v, n, vw))
        report.append(("action form", v, n, fw))
        n, tw, gw = themes(v)
        report.append(("themes", v, n, tw))
        report.append(("groups", v, n, gw))
        print(f"# {v}: {time.perf_counter() - t0:.2f}s for actions and themes (pipeline build included)",
              file=sys.stderr)
    print(f"{'set':34} {'variant':8} {'n':>4} {'accuracy':>9}")
    for name, v, n, w in report:
        print(f"{name:34} {v:8} {n:4d} {100 * (n - len(w)) / n:8.1f}%")
    if show:
        for name, v, _n, w in report:
            for line in w:
                print(f"WRONG [{name} / {v}] {line}")


if __name__ == "__main__":
    main()
