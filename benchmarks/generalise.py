"""Layout benchmark: how well extraction generalises, per layout dimension (issue 11).

    python benchmarks/generalise.py --n 200 --seed S [--workers 2] [--out benchmarks/out] [--scanned]
    actionplans evaluate --generated 200 --seed S            # the same, from the command line
    actionplans evaluate --generated 40 --seed S --scanned   # each plan printed and scanned, read through OCR
    make generalise N=200 SEED=S

In: a count and a seed. `corpus/generate.py` draws and renders that many sample plans (reusing plans
already rendered in `benchmarks/out/generalise-<seed>/` by the same generator code), each with expected
records from its own ground truth. With --scanned each render is first printed and scanned
(`corpus/scanned/make_scan.py`, into `generalise-<seed>/scanned/`), so the plan is read through OCR. Each plan is
extracted with `extract_document` (as `actionplans
evaluate` does; one that fails to extract scores 0 on everything) and scored with `extract.evaluate.score`,
the shared scorer's metrics.
Out (stdout): the seed; the mean and worst of every metric over all plans; one table per dimension with
each value's mean of every metric; the lowest value of every metric over all dimensions; the ten worst
plans with their drawn values and first misses. Returns the exit status: 1 when a metric's lowest
per-value mean is under the corpus thresholds, else 0.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import hashlib
import importlib.util
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
SHORT = {"recs_recall": "recall", "recs_precision": "prec", "owners_f1": "owners", "dates_f1": "dates",
         "due_f1": "due", "alignment": "align"}
# Dimensions read from the render rather than drawn.
def _share(m: dict, wrapped: str, total: str) -> str:
    """'none', 'some' (under a third) or 'most' of a plan's entries wrap onto more lines than they have owners."""
    k, n = m.get(wrapped, 0), m.get(total, 0)
    return "none" if not k else "some" if 3 * k < n else "most"


MEASURED = {"row_breaks": lambda m: "none" if not m.get("rows_broken_across_pages") else "some",
            "owner_wraps": lambda m: _share(m, "owners_wrapped", "owner_entries"),
            "date_wraps": lambda m: _share(m, "dates_wrapped", "date_entries")}


def load_generator():
    """corpus/generate.py of this checkout (the generator is a development tool, not part of the package)."""
    path = ROOT / "corpus" / "generate.py"
    if not path.exists():
        raise SystemExit(f"Error: {path} not found: the layout benchmark runs from a checkout of the project")
    if "actionplans_generate" in sys.modules:
        return sys.modules["actionplans_generate"]
    spec = importlib.util.spec_from_file_location("actionplans_generate", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["actionplans_generate"] = mod
    spec.loader.exec_module(mod)
    return mod


def generator_version() -> str:
    """Digest of the generator's sources: plans rendered by other code are rendered again."""
    h = hashlib.sha256()
    for name in ("generate.py", "build.py", "textgen.py"):
        h.update((ROOT / "corpus" / name).read_bytes())
    return h.hexdigest()[:16]


def render(n: int, seed: int, out: Path, workers: int, log) -> list[dict]:
    """Drawn-values records of plans 0..n-1 of `seed` in `out`, rendering those not already there."""
    gen = load_generator()
    version = generator_version()
    out.mkdir(parents=True, exist_ok=True)
    todo = []
    for i in range(n):
        f = out / f"gen-{seed}-{i:03d}.drawn.json"
        old = json.loads(f.read_text(encoding="utf-8")) if f.exists() else None
        if not old or old.get("generator") != version or (old["verified"] and not f.with_name(
                f.name.replace(".drawn.json", ".pdf")).exists()):
            todo.append(i)
    if todo:
        t0 = time.perf_counter()
        plans = gen.generate(seed, todo, out, workers, log)
        for p in plans:                          # stamp the generator version for the next run
            f = out / f"{p.name}.drawn.json"
            rec = json.loads(f.read_text(encoding="utf-8"))
            rec["generator"] = version
            f.write_text(json.dumps(rec, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        log(f"rendered {len(todo)} plans in {time.perf_counter() - t0:.0f} s")
    return [json.loads((out / f"gen-{seed}-{i:03d}.drawn.json").read_text(encoding="utf-8")) for i in range(n)]


def _scan(job: tuple[str, str, int]) -> None:
    src, dst, seed = job
    if "make_scan" not in sys.modules:
        sys.path.insert(0, str(ROOT / "corpus" / "scanned"))
    import make_scan
    make_scan.scan_pdf(Path(src), Path(dst), seed=seed)


def scan_all(plans: list[dict], out: Path, workers: int) -> Path:
    """Each verified plan printed and scanned (`corpus/scanned/make_scan.py`: 200 dpi, half a degree askew,
    grain and dust) into `out`/scanned/, so extraction has to read it through OCR; a scan made since its plan was
    last rendered is kept (the same render gives the same scan)."""
    folder = out / "scanned"
    folder.mkdir(exist_ok=True)
    def current(p: dict) -> bool:  # scanned since the plan was last rendered
        scan = folder / f"{p['id']}.pdf"
        return scan.exists() and scan.stat().st_mtime_ns >= (out / f"{p['id']}.pdf").stat().st_mtime_ns
    jobs = [(str(out / f"{p['id']}.pdf"), str(folder / f"{p['id']}.pdf"), p["index"]) for p in plans
            if p["verified"] and not current(p)]
    with concurrent.futures.ProcessPoolExecutor(workers) as ex:
        list(ex.map(_scan, jobs))
    return folder


def score_all(plans: list[dict], out: Path, workers: int, pdfs: Path | None = None) -> list[dict]:
    """Each plan's metrics, misses and error. Extraction is the batch runner's worker task
    (`batch.extract_one`, in `workers` processes) on the PDFs in `pdfs` (default `out`): the rows that validate
    are scored, as they would be loaded; rows that fail validation are listed among the misses; a plan that
    fails to extract at all scores 0 on everything and carries its error."""
    from actionplans.extract.batch import _warm, extract_one
    from actionplans.extract.evaluate import METRICS, score
    ok = [p for p in plans if p["verified"]]
    with concurrent.futures.ProcessPoolExecutor(workers, initializer=_warm, initargs=(True,)) as ex:
        got = list(ex.map(extract_one, [str((pdfs or out) / f"{p['id']}.pdf") for p in ok]))
    results = []
    for p, res in zip(ok, got):
        gold = json.loads((out / f"{p['id']}.expected.json").read_text(encoding="utf-8"))
        if "error" in res:
            e = res["error"]
            scores, misses, err = dict.fromkeys(METRICS, 0.0), [], f"{e['reason']}: {e['message']}"
        else:
            scores, misses = score(gold, res["document"].model_dump(mode="json"))  # alignment None: nothing to place
            misses = [f"invalid row {q.get('ref')}: {q.get('field')}: {q.get('message')}"
                      for q in res["problems"]] + misses
            err = None
        results.append({"plan": p, "scores": scores, "misses": misses, "error": err})
    return results


def _mean(rs: list[dict], m: str) -> float | None:
    """Mean of metric m over the plans that measure it (alignment: those with an owner or date to place)."""
    xs = [r["scores"][m] for r in rs if r["scores"][m] is not None]
    return sum(xs) / len(xs) if xs else None


def _fmt(x: float | None) -> str:
    return f"{x:>9.3f}" if x is not None else f"{'-':>9}"


def values_of(p: dict) -> dict[str, str]:
    """Drawn values plus those read from the render."""
    v = dict(p["drawn"])
    for k, f in MEASURED.items():
        v[k] = f(p.get("measured", {}))
    return v


def goals() -> dict[str, float]:
    """What every dimension value's mean must reach: the corpus thresholds, plus refs at 1.000 (issue 11)."""
    from actionplans.extract.evaluate import THRESHOLDS
    return {**THRESHOLDS, "refs": 1.0}


def report(results: list[dict], seed: int, n: int, unverified: list[dict], echo=print, scanned: bool = False) -> int:
    from actionplans.extract.evaluate import METRICS
    thresholds = goals()
    heads = [SHORT.get(m, m) for m in METRICS]
    echo(f"Layout benchmark: {len(results)} generated sample plans, seed {seed} (python corpus/generate.py "
         f"--n {n} --seed {seed})" + (", each printed and scanned, so read through OCR" if scanned else ""))
    if unverified:
        echo(f"{len(unverified)} drawn plans left out: their placement could not be verified in the render")
    if not results:
        return 1
    echo("")
    echo(f"{'':<26}" + "".join(f"{h:>9}" for h in heads))
    echo(f"{'mean':<26}" + "".join(_fmt(_mean(results, m)) for m in METRICS))
    echo(f"{'worst':<26}" + "".join(_fmt(min((r['scores'][m] for r in results if r['scores'][m] is not None),
                                             default=None)) for m in METRICS))
    failed = [r for r in results if r["error"]]
    echo(f"{len(failed)} of {len(results)} plans failed to extract (scored 0)")
    for r in failed:
        echo(f"  {r['plan']['id']}: {r['error']}")
    lowest: dict[str, tuple[float, str]] = {}
    dims = list(results[0]["plan"]["drawn"]) + list(MEASURED)
    order = {d: {v: i for i, v in enumerate(vs)} for d, vs in load_generator().DIMENSIONS.items()}
    order.update({d: {"none": 0, "some": 1, "most": 2} for d in MEASURED})
    for dim in dims:
        groups: dict[str, list[dict]] = defaultdict(list)
        for r in results:
            groups[values_of(r["plan"])[dim]].append(r)
        echo("")
        echo(f"{dim:<22}{'n':>4}" + "".join(f"{h:>9}" for h in heads))
        for val in sorted(groups, key=lambda v, dim=dim: (order.get(dim, {}).get(v, 99), str(v))):
            rs = groups[val]
            means = {m: _mean(rs, m) for m in METRICS}
            for m in METRICS:
                if means[m] is not None and (m not in lowest or means[m] < lowest[m][0]):
                    lowest[m] = (means[m], f"{dim}={val} (n={len(rs)})")
            echo(f"  {str(val)[:20]:<20}{len(rs):>4}" + "".join(_fmt(means[m]) for m in METRICS))
    echo("")
    echo("lowest per-value mean of each metric (threshold):")
    short_of = []
    for m in METRICS:
        v, where = lowest[m]
        th = thresholds.get(m)
        mark = "" if th is None or v >= th - 1e-9 else "  < below"
        if mark:
            short_of.append(m)
        echo(f"  {SHORT.get(m, m):<8} {v:.3f}  {where}" + (f"  ({th:.2f})" if th is not None else "") + mark)
    echo("")
    echo("ten worst plans:")
    def measured(r: dict) -> list[float]:
        return [x for x in r["scores"].values() if x is not None]
    worst = sorted(results, key=lambda r: (sum(measured(r)) / len(measured(r)), r["plan"]["id"]))[:10]
    for r in worst:
        p = r["plan"]
        mean = sum(measured(r)) / len(measured(r))
        short = [m for m in METRICS if r["scores"][m] is not None and r["scores"][m] < 1]
        echo(f"  {p['id']}  mean {mean:.3f}  " + " ".join(f"{SHORT.get(m, m)} {r['scores'][m]:.2f}" for m in short))
        echo("    " + ", ".join(f"{k}={v}" for k, v in values_of(p).items()))
        if r["error"]:
            echo(f"    error: {r['error']}")
        for miss in r["misses"][:4]:
            echo(f"    {miss}")
    return 1 if short_of else 0


def run(n: int, seed: int, out: Path | None = None, workers: int | None = None, echo=print,
        scanned: bool = False) -> int:
    """Render (and with `scanned`, scan), extract, score and print; the exit status (1: a metric under its
    threshold)."""
    workers = workers or min(2, os.cpu_count() or 1)
    out = (out or OUT) / f"generalise-{seed}"
    t0 = time.perf_counter()
    plans = render(n, seed, out, workers, lambda s: print(s, file=sys.stderr))
    pdfs = scan_all(plans, out, workers) if scanned else out
    t1 = time.perf_counter()
    results = score_all(plans, out, workers, pdfs)
    print(f"rendering {t1 - t0:.0f} s, extraction and scoring {time.perf_counter() - t1:.0f} s", file=sys.stderr)
    return report(results, seed, n, [p for p in plans if not p["verified"]], echo, scanned)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Layout benchmark over generated sample plans")
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--scanned", action="store_true", help="Print and scan each plan; extraction reads it through OCR")
    a = ap.parse_args(argv)
    sys.exit(run(a.n, a.seed, a.out, a.workers, scanned=a.scanned))


if __name__ == "__main__":
    main()
