"""Make the scanned sample: a text-layer corpus plan printed and scanned, so the OCR path has a real input.

    python corpus/scanned/make_scan.py [NAME] [--dpi 200] [--angle 0.5] [--seed 14]

In: corpus/NAME.pdf (a text-layer plan the extractor reads at 1.000) and its NAME.expected.json.
Out: corpus/scanned/NAME-scan.pdf, an image-only PDF (one greyscale JPEG per page, no text at all), and
corpus/scanned/NAME-scan.expected.json, a copy of the original's expected records, so the scan is scored
against exactly what its text-layer original is scored against.

Each page is rasterised by pdfium, turned by a small angle (a sheet fed slightly askew), given seeded
Gaussian noise and a few dark specks (scanner grain and dust), and saved as JPEG, as office scanners do.
The PDF is committed, so tests need neither this script nor a rasteriser; it is rerun only to change
the sample. The same arguments give the same pixels.
"""

from __future__ import annotations

import argparse
import io
import shutil
import time
from pathlib import Path

import numpy as np
import pypdfium2
from PIL import Image

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent


def scan_page(img: Image.Image, angle: float, rng: np.random.Generator) -> Image.Image:
    """One rendered page -> the same page as a scanner would return it (greyscale, askew, grainy)."""
    grey = img.convert("L").rotate(-angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    a = np.asarray(grey, dtype=np.float32)
    a = a + rng.normal(0.0, 6.0, a.shape)  # sensor grain
    ys, xs = rng.integers(0, a.shape[0], 400), rng.integers(0, a.shape[1], 400)
    a[ys, xs] = rng.integers(0, 120, 400)  # dust specks, one pixel each
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), mode="L")


def scan_pdf(src: Path, out: Path, dpi: int = 200, angle: float = 0.5, seed: int = 14, title: str = "") -> Path:
    """`src` printed and scanned into `out`: an image-only PDF, one greyscale JPEG per page (`scan_page`).
    The same arguments give the same bytes."""
    rng = np.random.default_rng(seed)
    pdf = pypdfium2.PdfDocument(str(src))
    pages = []
    try:
        for page in pdf:
            img = page.render(scale=dpi / 72).to_pil()
            scanned = scan_page(img, angle, rng)
            buf = io.BytesIO()
            scanned.save(buf, "JPEG", quality=80, optimize=True)  # what an office scanner writes
            pages.append(Image.open(io.BytesIO(buf.getvalue())))
            page.close()
    finally:
        pdf.close()
    fixed = time.gmtime(1614556800)  # 1 March 2021, not today: the same arguments give the same bytes
    pages[0].save(out, "PDF", resolution=float(dpi), save_all=True, append_images=pages[1:],
                  title=title or f"Sample scan of {src.stem}", creationDate=fixed, modDate=fixed)
    return out


def make(name: str, dpi: int = 200, angle: float = 0.5, seed: int = 14) -> Path:
    out = scan_pdf(CORPUS / f"{name}.pdf", HERE / f"{name}-scan.pdf", dpi, angle, seed,
                   title=f"Sample scan of {name} (made by corpus/scanned/make_scan.py)")
    shutil.copyfile(CORPUS / f"{name}.expected.json", HERE / f"{name}-scan.expected.json")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("name", nargs="?", default="v3-hmpps-2021-hmp-ashcombe")
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--angle", type=float, default=0.5, help="degrees, clockwise")
    ap.add_argument("--seed", type=int, default=14)
    args = ap.parse_args()
    out = make(args.name, args.dpi, args.angle, args.seed)
    print(f"{out.relative_to(CORPUS.parent)}: {out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
