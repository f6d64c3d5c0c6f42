"""How fast is the pipeline, against plain pdfplumber and camelot, on the same PDFs?

    python benchmarks/run.py [--quick] [--camelot-pages N] [--camelot-all] [--repeat N]

One run over corpus/*.pdf plus two plans built from repeated corpus pages (benchmarks/make_plans.py:
a long one of 320 pages and one of 30). Every measurement runs in a fresh child process, so none
inherits another's warm caches or memory; the child times only the work (imports and spaCy's model
load are outside the timed region, and are reported as start-up on their own). Prints pages per
second for each, the ratios the project aims at, and writes every figure to benchmarks/out/last.json.

Measurements:
  floor        pdfplumber parsing every page's characters (`page.chars`), nothing else
  plumber      plain pdfplumber `page.extract_tables()` on every page
  camelot      camelot lattice on each page, stream where lattice finds no table; on a subset of
               pages (N of each file spread evenly, --camelot-pages) scaled per page, unless --camelot-all
  pipeline     library: `extract_document` (with NLP) + `db.load.save` into a fresh SQLite file
  workers      the project's batch runner (`extract --workers N` as a library call) with 1 and 2
               workers: a long file's page chunks read by every worker, built and annotated by one;
               this process the one writer; CPU count and load average printed beside the ratio
  cli          the CLI in a subprocess, into a fresh database, then again into the same database
               (the re-run; wall time including interpreter start-up)
  rss          peak RSS of `extract_document` (with NLP) on the 320- and 30-page plans, each alone in
               a fresh process
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
PY = sys.executable
BIN = Path(PY).parent
LONG, SHORT = 320, 30
# Children run as an installed Python runs, caching compiled bytecode: with PYTHONDONTWRITEBYTECODE set (as some
# sandboxes set it) every CLI run and every spawned worker compiled the project's modules from source again, 20 ms
# of a 0.09 s re-run.
BYTECODE_OFF = bool(os.environ.get("PYTHONDONTWRITEBYTECODE"))
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

TARGETS = {  # name: (comparison, limit, what it means)
    "pipeline_over_plumber": ("<=", 0.2, "pipeline time / plain extract_tables time"),
    "camelot_over_pipeline": (">=", 3.0, "camelot time / pipeline time"),
    "workers1_over_workers2": (">=", 1.7, "1-worker time / 2-worker time"),
    "rerun_over_first": ("<=", 0.02, "re-run time / first-run time (CLI, same database)"),
    "rss_long_mb": ("<=", 150.0, f"peak RSS on the {LONG}-page plan, MB"),
    "rss_long_over_short": ("<=", 1.1, f"peak RSS {LONG} pages / {SHORT} pages (flat in page count)"),
    "readers_disagree": ("<=", 0, "corpus PDFs whose records differ between --reader pdfium and pdfplumber"),
}


# --------------------------------------------------------------------------------------------------
# Children: each measurement, run as `python run.py --child KIND ARGS...`, prints one JSON line.

def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def _quiet() -> None:
    import logging
    import warnings
    warnings.filterwarnings("ignore")
    for noisy in ("pdfminer", "pdfplumber", "camelot", "playa"):
        logging.getLogger(noisy).setLevel(logging.ERROR)


def child_floor(files: list[str]) -> dict:
    import pdfplumber
    t, c = time.perf_counter(), time.process_time()
    pages = chars = 0
    for f in files:
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages:
                chars += len(page.chars)
                pages += 1
                page.close()
    return {"seconds": time.perf_counter() - t, "cpu": time.process_time() - c, "pages": pages, "chars": chars}


def child_plumber(files: list[str]) -> dict:
    import pdfplumber
    t, c = time.perf_counter(), time.process_time()
    pages = tables = 0
    for f in files:
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages:
                tables += len(page.extract_tables())
                pages += 1
                page.close()
    return {"seconds": time.perf_counter() - t, "cpu": time.process_time() - c, "pages": pages, "tables": tables}


def sample_pages(n: int, limit: int) -> list[int]:
    """Up to `limit` page numbers spread evenly over 1..n (all of them when limit is 0)."""
    if not limit or limit >= n:
        return list(range(1, n + 1))
    if limit == 1:
        return [1]
    return sorted({1 + round(i * (n - 1) / (limit - 1)) for i in range(limit)})


def child_camelot(limit: int, files: list[str]) -> dict:
    """Lattice on each page; stream on the pages where lattice finds nothing. Up to `limit` pages of
    each file, spread evenly (0 = all)."""
    import camelot
    import pypdfium2 as pdfium
    t, c = time.perf_counter(), time.process_time()
    pages = tables = stream_pages = 0
    for f in files:
        n = len(pdfium.PdfDocument(f))
        chosen = sample_pages(n, limit)
        lattice = camelot.read_pdf(f, pages=",".join(map(str, chosen)), flavor="lattice", backend="pdfium")
        missing = sorted(set(chosen) - {int(t.page) for t in lattice})
        stream = camelot.read_pdf(f, pages=",".join(map(str, missing)), flavor="stream") if missing else []
        tables += lattice.n + len(stream)
        stream_pages += len(missing)
        pages += len(chosen)
    return {"seconds": time.perf_counter() - t, "cpu": time.process_time() - c, "pages": pages, "tables": tables,
            "stream_pages": stream_pages}


def _warm_pipeline(annotate: bool) -> None:
    """Import everything and load what loads on first use, so the timed region holds only the work: the batch
    workers' own start-up (`batch._warm`: the pipeline, dateparser's English data, the word lists, the NLP model)
    and what saving loads for the recurring-recommendation links (the lemma table, the stemmer, the phrase lists),
    warmed on a text of no plan in the bench set."""
    from actionplans.extract import batch, recurring
    batch._warm(annotate)
    recurring.prepare("Prisoners should be able to attend education, work and activities every day.")


def _annotate_available() -> bool:
    try:
        from actionplans.extract import nlp  # noqa: F401
        return True
    except ImportError:
        return False


def child_pipeline(db_path: str, files: list[str]) -> dict:
    from actionplans.db.load import open_db, save
    from actionplans.extract import errors
    from actionplans.extract.pipeline import extract_document
    annotate = _annotate_available()
    _warm_pipeline(annotate)
    t, c = time.perf_counter(), time.process_time()
    db = open_db(db_path)
    pages = recs = failed = 0
    for f in files:
        try:
            doc = extract_document(f, annotate=annotate)
        except errors.ExtractError:
            failed += 1
            continue
        save(db, doc)
        pages += doc.source.pages
        recs += len(doc.recommendations)
    return {"seconds": time.perf_counter() - t, "cpu": time.process_time() - c, "pages": pages,
            "recommendations": recs, "failed": failed, "annotate": annotate, "rss_mb": _maxrss_mb()}


def child_pool(workers: int, db_path: str, files: list[str]) -> dict:
    """The project's own batch runner (`actionplans extract --workers N`, as a library call): N worker
    processes (a long file's page chunks read by all of them, built and annotated by one), this
    process the one writer. Worker start-up counts. The load average is read as the run starts and ends: a
    second core busy with other work cannot give two workers their share."""
    from actionplans.db.load import open_db
    from actionplans.extract import batch
    annotate = _annotate_available()
    db = open_db(db_path)
    load = os.getloadavg()[0]
    t = time.perf_counter()
    run = batch.run(files, db, workers=workers, annotate=annotate)
    seconds = time.perf_counter() - t
    ok = [o for o in run.outcomes if o.status != batch.FAILED]
    return {"seconds": seconds, "pages": sum(o.pages or 0 for o in ok), "recommendations":
            sum(o.recommendations for o in ok), "failed": len(run.failed), "annotate": annotate, "workers": workers,
            "load": [round(load, 2), round(os.getloadavg()[0], 2)]}


def child_rss(path: str) -> dict:
    from actionplans.extract.pipeline import extract_document
    annotate = _annotate_available()
    base = _maxrss_mb()
    t = time.perf_counter()
    doc = extract_document(path, annotate=annotate)
    return {"seconds": time.perf_counter() - t, "pages": doc.source.pages, "rss_mb": _maxrss_mb(),
            "rss_before_mb": base, "annotate": annotate, "recommendations": len(doc.recommendations)}


def child_agree(files: list[str]) -> dict:
    """Both readers over every corpus PDF (extract/reader.py): how many give records that differ (any text
    field, or a box by more than a point)."""
    from actionplans.extract.reader import reader_outcomes, record_differences
    annotate = _annotate_available()
    _warm_pipeline(annotate)
    differ = {}
    for f in files:
        got = reader_outcomes(Path(f), annotate=annotate)
        found = record_differences(got["pdfplumber"], got["pdfium"])
        if found:
            differ[f] = found[:3]
    return {"files": len(files), "disagree": len(differ), "differences": differ, "annotate": annotate}


def child_startup() -> dict:
    t = time.perf_counter()
    annotate = _annotate_available()
    _warm_pipeline(annotate)
    from actionplans.db import load  # noqa: F401
    return {"seconds": time.perf_counter() - t, "annotate": annotate}


CHILDREN = {"floor": child_floor, "plumber": child_plumber, "camelot": child_camelot, "pipeline": child_pipeline,
            "pool": child_pool, "rss": child_rss, "startup": child_startup, "agree": child_agree}


def run_child(kind: str, *args) -> dict:
    cmd = [PY, str(Path(__file__).resolve()), "--child", kind, *map(str, args)]
    t = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=CHILD_ENV)
    wall = time.perf_counter() - t
    if p.returncode != 0:
        raise RuntimeError(f"{kind} failed ({p.returncode}): {p.stderr.strip()[-2000:]}")
    out = json.loads(p.stdout.strip().splitlines()[-1])
    out["wall"] = wall
    return out


def run_cli(args: list[str]) -> dict:
    t = time.perf_counter()
    p = subprocess.run([str(BIN / "actionplans"), *args], capture_output=True, text=True, cwd=ROOT, env=CHILD_ENV)
    return {"seconds": time.perf_counter() - t, "rc": p.returncode, "stderr": p.stderr.strip()[-600:]}


def cli_has(option: str) -> bool:
    p = subprocess.run([str(BIN / "actionplans"), "extract", "--help"], capture_output=True, text=True, cwd=ROOT,
                       env=CHILD_ENV)
    return option in p.stdout


# --------------------------------------------------------------------------------------------------
# The parent: build the plans, run every child, print and save.

def page_count(path: Path) -> int:
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(path)
    try:
        return len(doc)
    finally:
        doc.close()


def rate(r: dict, pages: int) -> str:
    """Pages per second by CPU time where the child measured it (steady when other work shares the
    machine), and the wall time beside it."""
    cpu = f"{r['cpu']:8.2f} s cpu" if "cpu" in r else " " * 14
    return f"{pages / cost(r):8.1f} pages/s  {cpu}  {r['seconds']:8.2f} s wall"


def cost(r: dict) -> float:
    return r.get("cpu", r["seconds"])


def runs_of(r: dict) -> str:
    """Every run's figure where a measurement was repeated (the best is the one shown)."""
    return f"  [best of {' / '.join(f'{x:.2f}' for x in r['runs'])} s]" if len(r.get("runs", ())) > 1 else ""


def verdict(name: str, value: float | None) -> str:
    op, limit, _ = TARGETS[name]
    if value is None:
        return "n/a"
    ok = value <= limit if op == "<=" else value >= limit
    return f"{'met ' if ok else 'MISSED'} (target {op} {limit:g})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    ap.add_argument("--camelot-pages", type=int, default=6,
                    help="camelot runs on N pages of each file, spread evenly, scaled per page (default 6)")
    ap.add_argument("--camelot-all", action="store_true", help="run camelot on every page (slow)")
    ap.add_argument("--quick", action="store_true", help="corpus and the 30-page plan only; no long plan")
    ap.add_argument("--repeat", type=int, default=3,
                    help="run plain pdfplumber and the pipeline, and the batch runner with 1 and 2 workers, this many "
                         "times each, alternately; the best run of each counts (default 3)")
    args = ap.parse_args()
    if args.child:
        _quiet()
        kind, *rest = args.child
        fn = CHILDREN[kind]
        if kind == "camelot":
            out = fn(int(rest[0]), rest[1:])
        elif kind == "pool":
            out = fn(int(rest[0]), rest[1], rest[2:])
        elif kind == "pipeline":
            out = fn(rest[0], rest[1:])
        elif kind == "rss":
            out = fn(rest[0])
        elif kind == "startup":
            out = fn()
        else:
            out = fn(rest)
        print(json.dumps(out))
        return

    sys.path.insert(0, str(HERE))
    from make_plans import build, corpus_pdfs
    corpus = corpus_pdfs()
    long_plan = None if args.quick else build(LONG)
    short_plan = build(SHORT)
    files = [*corpus, short_plan] + ([long_plan] if long_plan else [])
    rel = [str(f.relative_to(ROOT)) for f in files]
    counts = {str(f.relative_to(ROOT)): page_count(f) for f in files}
    pages = sum(counts.values())
    tmp = Path(tempfile.mkdtemp(prefix="bench-", dir=OUT))
    results: dict = {"when": time.strftime("%Y-%m-%dT%H:%M:%S"), "machine": {
        "cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "files": counts, "pages": pages}

    def step(msg: str) -> None:
        print(f"  .. {msg}", file=sys.stderr, flush=True)

    results["load_before"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    try:
        step("start-up")
        results["startup"] = run_child("startup")
        step("floor")
        results["floor"] = run_child("floor", *rel)
        limit = 0 if args.camelot_all else args.camelot_pages
        step("camelot" + (" (all pages)" if not limit else f" (up to {limit} pages of each file)"))
        results["camelot"] = run_child("camelot", limit, *rel)
        # The two ratios' terms run back to back, alternately, `--repeat` times each; the best run of each counts
        # (other work on a shared machine only ever slows a run) and every run is kept and printed.
        runs: dict[str, list[dict]] = {"plumber": [], "pipeline": [], "pool1": [], "pool2": []}
        for k in range(args.repeat):
            step(f"plain pdfplumber extract_tables, then the pipeline in 1 process (round {k + 1} of {args.repeat})")
            runs["plumber"].append(run_child("plumber", *rel))
            runs["pipeline"].append(run_child("pipeline", tmp / f"one-{k}.db", *rel))
        for k in range(args.repeat):
            step(f"batch runner, 1 worker then 2 (round {k + 1} of {args.repeat})")
            runs["pool1"].append(run_child("pool", 1, tmp / f"pool1-{k}.db", *rel))
            runs["pool2"].append(run_child("pool", 2, tmp / f"pool2-{k}.db", *rel))
        for key, got in runs.items():
            results[key] = dict(min(got, key=cost), runs=[round(cost(g), 2) for g in got])
        step("CLI first run and re-run")
        workers = cli_has("--workers")
        cli = results["cli"] = {"workers_option": workers}
        if workers:
            cli["workers1"] = run_cli(["extract", *rel, "--db", str(tmp / "w1.db"), "--workers", "1"])
        extra = ["--workers", "2"] if workers else []
        cli["first"] = run_cli(["extract", *rel, "--db", str(tmp / "cli.db"), *extra])
        cli["rerun"] = run_cli(["extract", *rel, "--db", str(tmp / "cli.db"), *extra])
        if workers:
            cli["workers2"] = cli["first"]
        step("records from either reader, every corpus PDF")
        agree = [*corpus, *sorted((ROOT / "corpus" / "generated").glob("*.pdf"))]
        results["agree"] = run_child("agree", *[f.relative_to(ROOT) for f in agree])
        step("peak RSS")
        if long_plan:
            results["rss_long"] = run_child("rss", long_plan.relative_to(ROOT))
        results["rss_short"] = run_child("rss", short_plan.relative_to(ROOT))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    results["load_after"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    report(results, args, limit)


def report(r: dict, args, camelot_limit: int) -> None:
    pages = r["pages"]
    cam = r["camelot"]
    cam_scaled = cost(cam) / max(cam["pages"], 1) * pages
    pipe = cost(r["pipeline"])
    ratios = {
        "pipeline_over_plumber": pipe / cost(r["plumber"]),
        "pipeline_over_floor": pipe / cost(r["floor"]),
        "camelot_over_pipeline": cam_scaled / pipe,
        "workers1_over_workers2": r["pool1"]["seconds"] / r["pool2"]["seconds"],
        "workers1_over_workers2_cli": None,
        "rerun_over_first": None,
        "rss_long_mb": r["rss_long"]["rss_mb"] if "rss_long" in r else None,
        "rss_long_over_short": r["rss_long"]["rss_mb"] / r["rss_short"]["rss_mb"] if "rss_long" in r else None,
        "readers_disagree": r["agree"]["disagree"] if "agree" in r else None,
    }
    cli = r["cli"]
    if cli["first"]["rc"] in (0, 1) and cli["rerun"]["rc"] in (0, 1):
        ratios["rerun_over_first"] = cli["rerun"]["seconds"] / cli["first"]["seconds"]
    if "workers2" in cli:
        ratios["workers1_over_workers2_cli"] = cli["workers1"]["seconds"] / cli["workers2"]["seconds"]
    r["ratios"] = ratios
    r["targets"] = {k: {"op": op, "limit": lim, "value": ratios.get(k),
                        "met": None if ratios.get(k) is None else
                        (ratios[k] <= lim if op == "<=" else ratios[k] >= lim)} for k, (op, lim, _) in TARGETS.items()}

    p = print
    p(f"actionplans benchmark  {r['when']}  {r['machine']['cpus']} CPUs  Python {r['machine']['python']}")
    p(f"PDFs: {len(r['files'])} files, {pages} pages")
    for f, n in r["files"].items():
        p(f"  {n:4d}  {f}")
    ann = "with" if r["pipeline"]["annotate"] else "WITHOUT (extract/nlp.py missing)"
    p(f"Load average before/after: {r['load_before']} / {r['load_after']} (other work on the machine slows wall times)")
    if BYTECODE_OFF:
        p("(PYTHONDONTWRITEBYTECODE is set here; the children run without it, caching bytecode as an installed Python"
          " does)")
    p(f"\nThroughput over all {pages} pages (each in a fresh process; imports and model load not timed;")
    p("single-process ratios use CPU time, the 2-process ones wall time):")
    p(f"  floor: pdfplumber page.chars                 {rate(r['floor'], pages)}")
    p(f"  plain pdfplumber page.extract_tables()       {rate(r['plumber'], pages)}{runs_of(r['plumber'])}")
    scope = "all pages" if not camelot_limit else (
        f"measured on {cam['pages']} pages (up to {camelot_limit} of each file, spread evenly), scaled per page")
    p(f"  camelot lattice (+stream where none)         {pages / cam_scaled:8.1f} pages/s  {cam_scaled:8.2f} s cpu"
      f"  {cam['seconds'] / max(cam['pages'], 1) * pages:8.2f} s wall")
    p(f"      [{scope}; {cam['stream_pages']} of {cam['pages']} pages needed stream]")
    p(f"  pipeline (library, {ann} NLP, + save)    {rate(r['pipeline'], pages)}"
      f"  [{r['pipeline']['recommendations']} recommendations, {r['pipeline']['failed']} files failed]"
      f"{runs_of(r['pipeline'])}")
    p(f"  batch runner, 1 worker (in-process)           {rate(r['pool1'], pages)}{runs_of(r['pool1'])}")
    p(f"  batch runner, 2 worker processes + writer     {rate(r['pool2'], pages)}{runs_of(r['pool2'])}")
    p("      [batch.run: a file over SPLIT_PAGES has its page chunks read by every worker, is built and annotated"
      " by one; worker start-up included]")
    for key in ("pool1", "pool2"):
        if "load" in r[key]:
            p(f"      [{r[key]['workers']} worker(s): 1-minute load average {r[key]['load'][0]:.2f} at the start,"
              f" {r[key]['load'][1]:.2f} at the end, on {r['machine']['cpus']} CPUs]")
    p(f"  start-up (imports + NLP model), once         {r['startup']['seconds']:8.2f} s")
    p("\nCLI in a subprocess (wall time, interpreter start-up included):")
    if "workers1" in cli:
        p(f"  extract ... --db fresh.db --workers 1        {rate(cli['workers1'], pages)}  rc={cli['workers1']['rc']}")
    w = " --workers 2" if "workers2" in cli else "           "
    p(f"  extract ... --db fresh.db{w}        {rate(cli['first'], pages)}  rc={cli['first']['rc']}")
    p(f"  the same again, unchanged PDFs, same db      {cli['rerun']['seconds']:8.2f} s"
      f"               rc={cli['rerun']['rc']}  (re-run)")
    for k in ("workers1", "first", "rerun"):
        if k in cli and cli[k]["rc"] not in (0, 1):
            p(f"    CLI {k} failed: {cli[k]['stderr'][-300:]}")
    if "workers2" not in cli:
        p("  (the CLI has no --workers option yet: the 2-process figure above comes from the pool)")
    if "agree" in r:
        a = r["agree"]
        p(f"\nRecords, --reader pdfium against --reader pdfplumber: {a['files'] - a['disagree']} of {a['files']} "
          f"corpus PDFs the same (corpus/ and corpus/generated/; every text field, boxes within 1 pt)")
        for f, found in a["differences"].items():
            p(f"  DIFFER {f}: {'; '.join(found)}"[:300])
    p("\nPeak RSS of extract_document (fresh process each):")
    for key, n in (("rss_long", LONG), ("rss_short", SHORT)):
        if key in r:
            m = r[key]
            p(f"  {n:3d}-page plan   {m['rss_mb']:7.1f} MB  (after imports {m['rss_before_mb']:.1f} MB;"
              f" {m['seconds']:.1f} s, {m['recommendations']} recommendations)")
    p("\nRatios:")
    fmt = {"rerun_over_first": "{:.1%}", "rss_long_mb": "{:.1f}"}
    for k, v in ratios.items():
        shown = "n/a" if v is None else fmt.get(k, "{:.2f}").format(v)
        line = f"  {k:28s} {shown:>8s}"
        if k in TARGETS:
            line += f"  {verdict(k, v)}  {TARGETS[k][2]}"
        if k.startswith("workers1_over_workers2"):
            line += f"  [{r['machine']['cpus']} CPUs, load {r['load_before']} / {r['load_after']} before / after]"
        p(line)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "last.json").write_text(json.dumps(r, indent=1, default=str) + "\n")
    p(f"\nFigures written to {(OUT / 'last.json').relative_to(ROOT)}")


if __name__ == "__main__":
    main()
