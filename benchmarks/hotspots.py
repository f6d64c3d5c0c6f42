"""Profile the whole pipeline on one PDF and print the hottest functions.

    python benchmarks/hotspots.py [PDF] [--top N] [--annotate]

cProfile (standard library, so it runs without the bench extras), sorted by cumulative time and then
by own time, restricted to the top N entries. Runs `extract_document` once to warm imports, then
profiles a second run so import cost does not hide the hot spots.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdf", nargs="?", help="PDF to profile (default: the longest corpus PDF)")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--annotate", action="store_true", help="include the NLP stage (extract/nlp.py)")
    args = ap.parse_args()
    from actionplans.extract.pipeline import extract_document

    pdf = args.pdf or str(max((ROOT / "corpus").glob("*.pdf"), key=lambda p: p.stat().st_size))
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
