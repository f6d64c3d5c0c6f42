"""Owner and date entries -> the response paragraph each sits beside.

In: the response cell's paragraphs and the owner (or date) cell's entries, both with page and
y-position, possibly across page breaks.
Out: for each entry, the index of its paragraph. An entry belongs to the paragraph whose lines it
starts level with; failing that, to the last paragraph that starts above it.
"""

from __future__ import annotations

from .cells import Paragraph


def assign(paras: list[Paragraph], entries: list[Paragraph]) -> list[int | None]:
    out: list[int | None] = []
    for e in entries:
        tol = 0.4 * e.lines[0].height
        hit = None
        for i, p in enumerate(paras):
            if any(pg == e.page and top - tol <= e.top <= bottom + tol for pg, top, bottom in p.spans):
                hit = i if hit is None or p.top <= e.top else hit
        if hit is None:
            before = [i for i, p in enumerate(paras) if (p.page, p.top) <= (e.page, e.top + tol)]
            hit = before[-1] if before else (0 if paras else None)
        out.append(hit)
    return out
