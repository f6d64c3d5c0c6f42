"""Owner and date entries -> the response paragraph each sits beside.

In: the response cell's paragraphs and the owner (or date) cell's entries, both with page and
y-position, possibly across page breaks.
Out: for each entry, the index of its paragraph. An entry belongs to the paragraph whose lines it
starts level with; failing that, to the last paragraph that starts above it.
"""

from __future__ import annotations

from .cells import Paragraph


def beside(paras: list[Paragraph], page: int, y: float, tol: float) -> int | None:
    """Index of the paragraph level with y on page: the one whose lines span it, else the last one
    that starts above it."""
    hit = None  # of the paragraphs spanning y, the last to start at or (within tol) just below it
    for i, p in enumerate(paras):
        if any(pg == page and top - tol <= y <= bottom + tol for pg, top, bottom in p.spans):
            if hit is None or (p.page, p.top) <= (page, y + tol):
                hit = i
    if hit is None:
        above = [i for i, p in enumerate(paras) if (p.page, p.top) <= (page, y + tol)]
        hit = above[-1] if above else (0 if paras else None)
    return hit


def assign(paras: list[Paragraph], entries: list[Paragraph]) -> list[int | None]:
    return [beside(paras, e.page, e.top, 0.4 * e.lines[0].height) for e in entries]
