"""Back to the source: find a stored document's PDF and draw a page of it with a record's area marked.

In: the path a document was read from (as stored in `documents.path`), a 1-based page number and
boxes `[x0, top, x1, bottom]` in PDF points from the page's top-left corner (as the extractor stores them).
Out: the PDF's file, checked to still be the bytes that were extracted, and PNG bytes of the page.
"""

from __future__ import annotations

import hashlib
import io
import threading
from functools import lru_cache
from pathlib import Path

BBox = tuple[float, float, float, float]

# pdfium keeps global state and is not safe to call from two threads at once.
_PDFIUM = threading.Lock()
MIN_SCALE, MAX_SCALE = 0.5, 3.0
FILL = (255, 214, 0, 80)
EDGE = (214, 40, 40, 255)


class SourceMissing(Exception):
    """The document's PDF is not where the database says, or the file there has changed since extraction."""


@lru_cache(maxsize=256)
def _sha256(path: str, mtime_ns: int, size: int) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def locate(paths: list[str], sha256: str, base: Path | None = None) -> Path:
    """The first of `paths` (relative ones taken from `base`, else the current directory) holding the document."""
    tried = []
    for p in paths:
        if not p or "://" in p:
            continue
        path = Path(p) if Path(p).is_absolute() else (base or Path.cwd()) / p
        if not path.is_file():
            tried.append(f"{p} (not found)")
            continue
        st = path.stat()
        if _sha256(str(path), st.st_mtime_ns, st.st_size) != sha256:
            tried.append(f"{p} (a different file now)")
            continue
        return path
    raise SourceMissing("the PDF is not available: " + ("; ".join(tried) or "no path stored"))


def parse_box(text: str) -> BBox | None:
    """'x0,top,x1,bottom' (or the stored JSON list) -> a box, None when it is not four numbers in order."""
    parts = text.strip().strip("[]").split(",")
    if len(parts) != 4:
        return None
    try:
        x0, top, x1, bottom = (float(p) for p in parts)
    except ValueError:
        return None
    if not (x0 <= x1 and top <= bottom) or min(x0, top) < -1 or max(x1, bottom) > 20000:
        return None
    return (x0, top, x1, bottom)


def box_param(box: BBox | None) -> str:
    return ",".join(f"{v:g}" for v in box) if box else ""


@lru_cache(maxsize=64)
def render_page(path: str, page: int, boxes: tuple[BBox, ...] = (), scale: float = 1.5) -> bytes:
    """PNG of one page (1-based) with each box filled in translucent yellow and edged in red."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw

    scale = min(max(scale, MIN_SCALE), MAX_SCALE)
    with _PDFIUM:
        pdf = pdfium.PdfDocument(path)
        try:
            if not 1 <= page <= len(pdf):
                raise ValueError(f"page {page} is not in this {len(pdf)}-page PDF")
            img = pdf[page - 1].render(scale=scale).to_pil().convert("RGBA")
        finally:
            pdf.close()
    if boxes:
        overlay = Image.new("RGBA", img.size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(overlay)
        pad = 2
        for x0, top, x1, bottom in boxes:
            rect = [(x0 - pad) * scale, (top - pad) * scale, (x1 + pad) * scale, (bottom + pad) * scale]
            draw.rectangle(rect, fill=FILL, outline=EDGE, width=max(2, round(2 * scale)))
        img = Image.alpha_composite(img, overlay)
    out = io.BytesIO()
    img.convert("RGB").save(out, format="PNG", optimize=True)
    return out.getvalue()
