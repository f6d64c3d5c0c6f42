"""Where a batch run's time goes, process by process: what bounds the run with two workers.

    python benchmarks/pool_timeline.py [--workers N] [--delay S] [PDF ...]

Runs the batch runner as `make bench`'s pool child does (`batch.run` into a fresh database, worker start-up
counted) on the bench set (corpus/*.pdf and the 30- and 320-page plans, built if missing), or on the PDFs given,
and prints (the pipeline's modules are imported before the clock starts, to be wrapped: some 0.05 s of one core
that the bench's run counts is not in these figures):

- the wall time and the CPU time of the writer's process and of every process it started (`RUSAGE_CHILDREN`): the
  cores' idle time is wall time x cores - CPU time. Where that is small the run is bound by its total CPU, and only
  less CPU makes it faster: handing the same work to another process, or doing it sooner, does not;
- each process's tasks (a whole file, a long file's build, a long file's page chunks read for its builder) and
  saves, those of a tenth of a second or more with their start, end and CPU;
- CPU per stage over all processes, and how many times a text was prepared for the recurring links against how
  many distinct texts there are (each process prepares the texts it meets that it has not prepared itself): set
  beside a 1-worker run's, the difference is what running in several processes costs.

`--delay S`: the builder of the run's longest file sleeps S seconds before its language processing. If the wall
time does not grow by S, the chain of work on that file (read, build, annotate, save) is not what ends the run.
Every process appends its events to a scratch file as they happen (Linux: the workers are forked, and
`time.perf_counter` is one clock for all of them). Run it on a quiet machine (the load average is printed), and
several times: on a shared 2-CPU machine one run's figures move by 5% from run to run.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LONG_TASK = 0.1  # seconds: a process's tasks and saves at least this long are listed one by one, the rest counted


def instrument(log: str, delay: float, longest: str) -> None:
    """Wrap the runner's tasks and the pipeline's stages so that every process (the workers are forked from this
    one) appends [pid, label, start, end, cpu, detail] to `log` per call."""
    from actionplans.db import load
    from actionplans.extract import batch, nlp, pipeline, reader, recurring

    def wrap(owner, name: str, label: str, detail=None) -> None:
        fn = getattr(owner, name)

        def run(*args, **kwargs):
            start, cpu = time.perf_counter(), time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                event = [os.getpid(), label, start, time.perf_counter(), time.process_time() - cpu,
                         detail(*args) if detail else None]
                with open(log, "a") as f:
                    f.write(json.dumps(event) + "\n")
        # the pool pickles a task by its name: the wrapper must be found under the wrapped function's name
        run.__module__, run.__qualname__ = fn.__module__, fn.__qualname__
        setattr(owner, name, run)

    if delay:
        annotate = nlp.annotate

        def annotate_later(doc, *args, **kwargs):
            if os.path.normpath(doc.source.path) == longest:
                time.sleep(delay)
            return annotate(doc, *args, **kwargs)
        nlp.annotate = annotate_later

    def name(path, *_) -> str:
        return Path(path).name
    wrap(batch, "_warm", "start-up")
    wrap(batch, "_warm_forms", "start-up")
    wrap(batch, "extract_one", "file", name)
    wrap(batch, "read_share", "chunks", name)
    wrap(reader.PageRanges, "read", "reading")
    wrap(pipeline, "recover", "table stages")
    wrap(nlp, "annotate", "NLP")
    wrap(recurring, "prepare", "texts for the links", lambda text, *_: text)
    wrap(load, "save", "saving", lambda db, doc, *_: Path(doc.source.path).name)


def report(events: list[list], t0: float, wall: float, writer_cpu: float, children_cpu: float, workers: int) -> None:
    for e in events:
        e[2:4] = e[2] - t0, e[3] - t0
    cores = len(os.sched_getaffinity(0))
    cpu = writer_cpu + children_cpu
    print(f"{workers} worker(s) on {cores} CPUs: {wall:.2f} s wall; CPU {cpu:.2f} s (writer's process "
          f"{writer_cpu:.2f}, the processes it started {children_cpu:.2f}); cores idle {wall * cores - cpu:.2f} "
          f"core-s ({1 - cpu / (wall * cores):.0%}); load average {os.getloadavg()[0]:.2f}")
    first = {}
    for e in events:
        first[e[0]] = min(first.get(e[0], e[2]), e[2])
    for pid in sorted(first, key=first.get):
        mine = sorted((e for e in events if e[0] == pid and e[1] in ("file", "chunks", "saving")), key=lambda e: e[2])
        if not mine:
            continue
        busy = sum(e[4] for e in mine)
        print(f"  process {pid}: {len(mine)} tasks and saves from {mine[0][2]:.2f} to {mine[-1][3]:.2f} s, "
              f"{busy:.2f} s CPU in them")
        for e in mine:
            if e[3] - e[2] >= LONG_TASK:
                print(f"    {e[1]:7s} {e[2]:5.2f} -> {e[3]:5.2f} s  cpu {e[4]:.2f}  {e[5]}")
    spent: collections.Counter = collections.Counter()
    for e in events:
        spent[e[1]] += e[4]
    texts = [e[5] for e in events if e[1] == "texts for the links"]
    print("  CPU per stage, all processes: " + ", ".join(
        f"{k} {spent[k]:.2f} s" for k in ("start-up", "reading", "table stages", "NLP", "texts for the links",
                                          "saving")) + f"; texts prepared {len(texts)} times, {len(set(texts))} "
          "distinct")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdf", nargs="*", help="PDFs to run (default: the bench set)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--delay", type=float, default=0.0, help="seconds the longest file's builder sleeps before NLP")
    args = ap.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from actionplans.db.load import open_db
    from actionplans.extract import batch
    from make_plans import build, corpus_pdfs
    files = args.pdf or [str(p.relative_to(ROOT)) for p in [*corpus_pdfs(), build(30), build(320)]]
    longest = os.path.normpath(max(files, key=batch.page_count))
    with tempfile.TemporaryDirectory(prefix="pool-timeline-") as scratch:
        log = os.path.join(scratch, "events.jsonl")
        db = open_db(os.path.join(scratch, "plans.db"))
        instrument(log, args.delay, longest)  # imports the pipeline's modules: before the clock starts
        t0, cpu = time.perf_counter(), time.process_time()
        run = batch.run(files, db, workers=args.workers, annotate=True)
        wall = time.perf_counter() - t0
        writer_cpu = time.process_time() - cpu
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        with open(log) as f:
            events = [json.loads(line) for line in f]
    if run.failed:
        print("\n".join(o.line for o in run.failed), file=sys.stderr)
    report(events, t0, wall, writer_cpu, children.ru_utime + children.ru_stime, args.workers)


if __name__ == "__main__":
    main()
