"""How long does OCR take per page, and what does the cache save?

    python benchmarks/ocr.py [PDF ...] [--repeat N]

For each scanned PDF (by default the committed sample, corpus/scanned/*-scan.pdf): the whole pipeline
(`extract_document`, without NLP) into a fresh, empty OCR cache, so OCRmyPDF and Tesseract really run, then
the same again from the cache. Prints OCR seconds per page (wall time of the OCR step as `ocr.ocr_pdf`
records it: deskew, Tesseract, ruling lines, one core), the pipeline's own seconds on top, and the re-run.
Figures also go to benchmarks/out/ocr.json. Tesseract runs one thread (OMP_THREAD_LIMIT=1), as the batch
runs it, so the figure is per core: a 2-core batch reads two scans at once.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def measure(pdf: Path, repeat: int) -> dict:
    from actionplans.extract import ocr
    from actionplans.extract.pipeline import extract_document

    runs = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="ocr-bench-") as cache:
            s = ocr.OcrSettings(cache_dir=cache)
            t0 = time.perf_counter()
            doc = extract_document(pdf, annotate=False, ocr_settings=s)
            first = time.perf_counter() - t0
            note = json.loads(next(Path(cache, "ocr").glob("*.json")).read_text(encoding="utf-8"))
            t0 = time.perf_counter()
            extract_document(pdf, annotate=False, ocr_settings=s)
            again = time.perf_counter() - t0
        pages = len(doc.source.ocr_pages)
        runs.append({"pages": pages, "ocr_seconds": note["seconds"], "first_run": round(first, 3),
                     "cached_run": round(again, 3), "confidence": doc.source.ocr_confidence,
                     "recommendations": len(doc.recommendations)})
    best = min(runs, key=lambda r: r["ocr_seconds"])
    return {"pdf": str(pdf.relative_to(ROOT) if pdf.is_relative_to(ROOT) else pdf), **best,
            "ocr_seconds_per_page": round(best["ocr_seconds"] / best["pages"], 2), "runs": runs}


def versions() -> dict:
    out = {}
    for tool, arg in (("tesseract", "--version"), ("ocrmypdf", "--version")):
        try:
            out[tool] = subprocess.run([tool, arg], capture_output=True, text=True).stdout.splitlines()[0].strip()
        except (OSError, IndexError):
            out[tool] = None
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=1, help="runs per file; the fastest is reported")
    args = ap.parse_args()
    pdfs = args.pdfs or sorted((ROOT / "corpus" / "scanned").glob("*-scan.pdf"))
    load = os.getloadavg()[0]
    results = [measure(p.resolve(), args.repeat) for p in pdfs]
    for r in results:
        print(f"{r['pdf']}: OCR {r['ocr_seconds_per_page']:.2f} s/page ({r['pages']} pages, {r['ocr_seconds']:.1f} s, "
              f"confidence {r['confidence']}); whole pipeline {r['first_run']:.1f} s, from the cache "
              f"{r['cached_run']:.2f} s")
    print(f"load average before {load:.2f}, after {os.getloadavg()[0]:.2f}; {versions()}")
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    (out / "ocr.json").write_text(json.dumps({"results": results, "tools": versions()}, indent=1) + "\n",
                                  encoding="utf-8")


if __name__ == "__main__":
    main()
