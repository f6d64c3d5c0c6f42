"""Profile the whole pipeline on one PDF and print the hottest functions, or time its stages without a profiler.

    python benchmarks/hotspots.py [PDF] [--top N] [--annotate]
    python benchmarks/hotspots.py --stages [PDF ...]

cProfile (standard library, so it runs without the bench extras), sorted by cumulative time and then
by own time, restricted to the top N entries. Runs `extract_document` once to warm imports, then
profiles a second run so import cost does not hide the hot spots. cProfile roughly doubles the run and
inflates functions that make many small calls most, so judge a change by `--stages` (or `make bench`).

`--stages`: CPU time of each stage (reading, table stages and, within them, column typing and cell reading,
building the records, NLP, saving and, within it, the recurring-recommendation links) over the PDFs given, by
default the bench set (corpus/*.pdf and the 30- and 320-page plans, built if missing), after the same warm-up as
`make bench` (batch start-up: imports, first-use data, the NLP model, the collector's settings). No profiler runs,
so the figures add up to what `make bench` measures for the pipeline, give or take the machine's noise.
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import io
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def stages(pdfs: list[str]) -> None:
    from actionplans.db import links, load
    from actionplans.extract import batch, nlp, pipeline, recurring, tables

    if not pdfs:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from make_plans import build, corpus_pdfs
        pdfs = [str(p) for p in [*corpus_pdfs(), build(30), build(320)]]
    batch._warm(True)  # as the bench's pipeline child and every batch worker start
    recurring.prepare("Prisoners should be able to attend education, work and activities every day.")
    spent: collections.Counter = collections.Counter()

    def timed(owner, name: str, label: str) -> None:
        fn = getattr(owner, name)

        def run(*args, **kwargs):
            t = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[label] += time.process_time() - t
        setattr(owner, name, run)

    timed(pipeline, "read_pages", "read pages")
    timed(pipeline, "recover", "table stages")
    timed(tables, "type_columns", "  of which column typing")
    timed(pipeline, "read_cells", "  of which reading cells")
    timed(pipeline, "build_recommendation", "build records")
    timed(nlp, "annotate", "NLP")
    timed(links, "update", "  of which links")
    db = load.open_db(tempfile.mktemp(suffix=".db", prefix="hotspots-"))
    pages = 0
    start = time.process_time()
    for pdf in pdfs:
        doc = pipeline.extract_document(pdf, annotate=True)
        pages += doc.source.pages
        t = time.process_time()
        load.save(db, doc)
        spent["save"] += time.process_time() - t
    total = time.process_time() - start
    order = ["read pages", "table stages", "  of which column typing", "  of which reading cells", "build records",
             "NLP", "save", "  of which links"]
    print(f"{len(pdfs)} PDFs, {pages} pages: {total:.2f} s CPU in all")
    for label in order:
        print(f"  {label:28s} {spent[label]:6.2f} s")
    top = sum(spent[k] for k in order if not k.startswith(" "))
    print(f"  {'the rest':28s} {total - top:6.2f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdf", nargs="*",
                    help="PDF(s) to profile (default: the longest corpus PDF; --stages: the bench set)")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--annotate", action="store_true", help="include the NLP stage (extract/nlp.py)")
    ap.add_argument("--stages", action="store_true", help="CPU time per stage, no profiler (see above)")
    args = ap.parse_args()
    if args.stages:
        stages(args.pdf)
        return
    from actionplans.extract.pipeline import extract_document

    pdf = args.pdf[0] if args.pdf else str(max((ROOT / "corpus").glob("*.pdf"), key=lambda p: p.stat().st_size))
    extract_document(pdf, annotate=args.annotate)  # warm: imports, spaCy model load
    prof = cProfile.Profile()
    t = time.perf_counter()
    prof.enable()
    doc = extract_document(pdf, annotate=args.annotate)
    prof.disable()
    wall = time.perf_counter() - t
    print(f"{pdf}: {doc.source.pages} pages, {len(doc.recommendations)} recommendations, "
          f"{wall:.2f} s under the profiler (annotate={args.annotate})")
    for key, title in (("cumulative", "by cumulative time"), ("tottime", "by own time")):
        out = io.StringIO()
        st = pstats.Stats(prof, stream=out).strip_dirs().sort_stats(key)
        st.print_stats(args.top)
        body = out.getvalue()
        body = body[body.find("   ncalls"):]
        print(f"\n== top {args.top} {title} ==\n{body.rstrip()}")


if __name__ == "__main__":
    sys.exit(main())
