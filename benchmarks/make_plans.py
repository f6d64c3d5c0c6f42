"""Build the benchmark's long plans by repeating corpus content.

    python benchmarks/make_plans.py [--pages 320 30] [--out benchmarks/out]

Pages of the corpus PDFs (taken in name order, over and over) are copied with pypdfium2 into one
file per size, `plan-<N>p.pdf`, each exactly N pages. The files are rebuilt only when the corpus
is newer than them; they live under benchmarks/out/, which git ignores.
"""

from __future__ import annotations

import argparse
from itertools import cycle
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"


def corpus_pdfs() -> list[Path]:
    return sorted((ROOT / "corpus").glob("*.pdf"))


def build(pages: int, out_dir: Path = OUT, sources: list[Path] | None = None) -> Path:
    """Write plan-<pages>p.pdf from whole corpus plans, repeated, cut at exactly `pages` pages."""
    sources = sources or corpus_pdfs()
    if not sources:
        raise SystemExit("no PDFs in corpus/: nothing to build a long plan from")
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"plan-{pages}p.pdf"
    newest = max(p.stat().st_mtime for p in sources)
    if target.exists() and target.stat().st_mtime >= newest and len(pdfium.PdfDocument(target)) == pages:
        return target
    dest = pdfium.PdfDocument.new()
    opened = [pdfium.PdfDocument(p) for p in sources]
    try:
        for src in cycle(opened):
            have = len(dest)
            if have >= pages:
                break
            take = min(len(src), pages - have)
            dest.import_pages(src, list(range(take)))
        tmp = target.with_suffix(".tmp")
        dest.save(tmp)
        tmp.replace(target)
    finally:
        dest.close()
        for d in opened:
            d.close()
    return target


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, nargs="+", default=[320, 30])
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    for n in args.pages:
        print(build(n, args.out))


if __name__ == "__main__":
    main()
