"""Owner and date entries -> the response paragraph each belongs to, by an order-preserving alignment.

In: the response cell's paragraphs and the owner (or date) cell's entries, both with page and
y-position, possibly across page breaks.
Out: for each entry, the index of its paragraph (`Alignment.targets`), under the layout hypothesis
that explains the row best.

Entries are typed by hand beside their paragraphs, and not always level with them. Each hypothesis
is a way of typing: every entry level with its paragraph's first line (shift 0), set one or two
lines low (shift 1, 2), or all entries stacked at the top of the cell in order (`stacked`). Under a
shift, the entries are assigned in order (never crossing: entry k+1 never goes to a paragraph above
entry k's) to minimise how far each sits from where the hypothesis puts it; sitting above that place
costs more than sitting below it, since an entry typed late drifts down, never up. A typist keeps one
habit through a plan, so `choose` weighs each row's own evidence against the document's.
"""

from __future__ import annotations

from dataclasses import dataclass

from .cells import Paragraph, lead_in
from .settings import DEFAULT, Settings

Hypothesis = int | str  # a shift in lines (0, 1, 2) or "stacked"
SHIFTS: tuple[int, ...] = (0, 1, 2)
STACKED = "stacked"
FAR = 50.0  # lines: an entry on a page the paragraph never reaches (costs are in settings.Settings)


@dataclass
class Alignment:
    hypothesis: Hypothesis
    cost: float
    targets: list[int | None]
    leads: int = 0  # entries it gives to lead-ins ('... will:') with paragraphs below them
    entries: list[Paragraph] | None = None  # the entries it aligns, as it reads the cell
    prior: float = 0.0  # the part of `cost` that is the hypothesis' prior (a shift's, stacking's), not misfit
    passed: int = 0  # lead-ins it leaves blank while an entry sits exactly where it puts the paragraph right below


def beside(paras: list[Paragraph], page: int, y: float, tol: float) -> int | None:
    """Index of the paragraph level with y on page: the one whose lines span it, else the last one
    that starts above it. (Used to tell whether two lines of a cell sit beside different paragraphs.)"""
    hit = None  # of the paragraphs spanning y, the last to start at or (within tol) just below it
    for i, p in enumerate(paras):
        for pg, top, bottom in p.spans:
            if pg == page and top - tol <= y <= bottom + tol:
                if hit is None or (p.page, p.top) <= (page, y + tol):
                    hit = i
                break
    if hit is None:
        above = [i for i, p in enumerate(paras) if (p.page, p.top) <= (page, y + tol)]
        hit = above[-1] if above else (0 if paras else None)
    return hit


def offset(p: Paragraph, page: int, y: float, lh: float, bounds: dict[int, tuple[float, float]] | None = None) -> float:
    """How many lines below paragraph p's first line the point (page, y) lies; negative when above.
    Counts through the paragraph's own lines across a page break. `bounds`: the row's first line's top and last
    line's bottom on each page; with them a point atop the page after the paragraph's last one counts on from the
    paragraph through the lines below it to its page's foot (an entry set low under a paragraph at a page's foot
    is carried over the break to the next page's top)."""
    before = 0.0
    for pg, top, bottom in p.spans:
        if pg == page:
            return before + (y - top) / lh
        if pg > page:
            return -FAR
        before += (bottom - top) / lh + 1
    last, _, bottom = p.spans[-1]
    if bounds is not None and page == last + 1 and last in bounds and page in bounds:
        return before + (bounds[last][1] - bottom) / lh + (y - bounds[page][0]) / lh
    return before + FAR if page > last else -FAR


def _band(p: Paragraph, page: int) -> int | None:
    """The table row (`band`, as the scanner read it) of p's first line on `page`; None when it has none there."""
    return next((ln.words[0].get("band") for ln in p.lines if ln.page == page), None)


def ruled_apart(paras: list[Paragraph], entries: list[Paragraph]) -> list[list[bool]]:
    """For each entry and paragraph, does a rule part them: the two on one page in different table rows, where
    the entry's row holds a paragraph of its own? A ruled row's cells end at its rules, so its entries are its own
    paragraphs' however they are typed in it ('Governor' / 'Violence Reduction Coordinator', the second an
    owner of the action beside the first, not of the action in the row below). An entry in a row with no paragraph
    says nothing."""
    held = {(ln.page, ln.words[0].get("band")) for p in paras for ln in p.lines}
    bands: dict[int, list[int | None]] = {}  # each paragraph's band on a page, looked up once per page
    out = []
    for e in entries:
        band = e.lines[0].words[0].get("band")
        if band is None or (e.page, band) not in held:
            out.append([False] * len(paras))
            continue
        on = bands.get(e.page)
        if on is None:
            on = bands[e.page] = [_band(p, e.page) for p in paras]
        out.append([b not in (None, band) for b in on])
    return out


def _cost(d: float, tol: float, above: float) -> float:
    return d if d >= -tol else above * -d


def _monotone(cost: list[list[float]], share: float) -> tuple[float, list[int]]:
    """Assign entries (rows of `cost`) to paragraphs (columns) in non-decreasing order, minimising total
    cost plus `share` each time two entries go to one paragraph."""
    n = len(cost[0])
    inf = float("inf")
    best = list(cost[0])  # the best total of the entries so far, the last of them on each paragraph
    backs = []  # per entry after the first: for each paragraph, the paragraph of the entry before it
    for row in cost[1:]:
        here, back = [0.0] * n, [0] * n
        run, arg = inf, 0  # min over j' < j of best[j']
        for j in range(n):
            b = best[j]
            same = b + share
            if same <= run:
                here[j], back[j] = same + row[j], j
            else:
                here[j], back[j] = run + row[j], arg
            if b < run:
                run, arg = b, j
        best = here
        backs.append(back)
    j = min(range(n), key=best.__getitem__)
    total, out = best[j], [j]
    for back in reversed(backs):
        j = back[j]
        out.append(j)
    return total, out[::-1]


def hypotheses(paras: list[Paragraph], entries: list[Paragraph], lh: float, *, share: float | None = None,
               settings: Settings = DEFAULT, stacked: list[Paragraph] | None = None,
               slack: float = 0.0) -> dict[Hypothesis, Alignment]:
    """Every hypothesis' best assignment of `entries` to `paras` and its cost (lower is likelier). `stacked`: the
    cell's entries as read when stacked at the top (parted only by blank space and where one ends, not by the
    paragraphs beside them), where they differ from `entries`. `slack` (in lines): in a plan with space after its
    paragraphs, how far above a shift's place an entry typed low may land and still cost only its distance (each
    column keeps its own lattice of Enter presses, so a shift in advances is kept only to within the space)."""
    out: dict[Hypothesis, Alignment] = {}
    share = settings.owner_share if share is None else share
    tol = settings.level_share
    stack = entries if stacked is None else stacked
    if not paras or not entries:
        out = {s: Alignment(s, 0.0, [None] * len(entries), entries=entries) for s in SHIFTS}
        out[STACKED] = Alignment(STACKED, 0.0, [None] * len(stack), entries=stack)
        return out
    bounds: dict[int, tuple[float, float]] = {}  # the row's first top and last bottom on each page
    for ln in (ln for q in (*paras, *entries) for ln in q.lines):
        a, b = bounds.get(ln.page, (ln.top, ln.bottom))
        bounds[ln.page] = (min(a, ln.top), max(b, ln.bottom))
    offsets = [[offset(p, page, top, lh, bounds) for p in paras] for page, top in [(e.page, e.top) for e in entries]]
    lead = {j for j, p in enumerate(paras) if lead_in(p) and j + 1 < len(paras)}
    above = settings.above_cost
    apart = ruled_apart(paras, entries)  # an entry across a rule from a paragraph is as far as on another page
    ruled = any(map(any, apart))
    for s in SHIFTS:
        # _cost(d - s, tol, above), written out: this is the alignment's inner loop
        if s and slack:
            cost = [[abs(x) if (x := d - s) >= -tol - slack else above * -x for d in row] for row in offsets]
        else:
            cost = [[x if (x := d - s) >= -tol else above * -x for d in row] for row in offsets]
        if ruled:
            cost = [[c + FAR if x else c for c, x in zip(row, parted)] for row, parted in zip(cost, apart)]
        total, targets = _monotone(cost, share)
        prior = settings.shift_cost * s * len(entries)
        passed = sum(1 for j in lead if j not in targets and any(
            t == j + 1 and abs(offsets[k][t] - s) <= tol for k, t in enumerate(targets)))
        out[s] = Alignment(s, total + prior, targets, sum(1 for j in targets if j in lead), entries, prior, passed)
    # Stacked: one after another from the top of the cell (at most a blank line apart), in the order of the
    # paragraphs that act; a lead-in ending in a colon only introduces the items under it.
    def close(a: Paragraph, b: Paragraph) -> bool:  # the next entry right below, or atop the next page
        end = a.lines[-1]
        return b.top - end.bottom < settings.stacked_gap * lh if b.page == end.page else b.page == end.page + 1
    packed = all(close(a, b) for a, b in zip(stack, stack[1:]))
    top = offset(paras[0], stack[0].page, stack[0].top, lh)
    if 1 <= len(stack) <= len(paras) and packed and top <= 1 + tol:
        acting = [i for i, p in enumerate(paras) if not lead_in(p)]
        targets = acting[:len(stack)] if len(acting) >= len(stack) else list(range(len(stack)))
        # priced by the larger count of the two readings: reading fewer entries must not make stacking cheaper; and
        # a stack starts at the cell's top, so a first entry below the first paragraph's top costs what it would level
        # (above it, beside a decision printed atop the cell, it costs nothing)
        n = max(len(stack), len(entries))
        prior = settings.stacked_cost * (n - 1)
        crossed = sum(row[t] for row, t in zip(ruled_apart(paras, stack), targets))  # stacked over a rule
        out[STACKED] = Alignment(STACKED, prior + (top if top > tol else 0.0) + FAR * crossed, targets, entries=stack,
                                 prior=prior)
    return out


def choose(options: dict[Hypothesis, Alignment], prior: Hypothesis | None = None,
           habit: float = DEFAULT.habit) -> Alignment:
    """The likeliest hypothesis for one row, leaning by `habit` towards the document's usual one (which also
    wins a tie). The document has already paid that hypothesis' prior (the cost of stacking or of a shift, which
    grows with the row's entries): the row pays only how badly its entries fit it."""
    def score(a: Alignment) -> float:
        return a.cost - a.prior if a.hypothesis == prior else a.cost + (0.0 if prior is None else habit)
    return min(options.values(), key=lambda a: (score(a), a.hypothesis != prior, str(a.hypothesis)))


def unpaired(owners: dict[Hypothesis, Alignment], dates: dict[Hypothesis, Alignment],
             share: float = DEFAULT.level_share, space: float = 0.0) -> dict[Hypothesis, int]:
    """For each hypothesis, how many of a row's owner entries it puts beside another action than the date entry of
    the same rank, where the row has as many of each (an entry a placement leaves beside no action counts too).
    Under a shift, also those it puts beside the same action as the date entry of their rank while the two sit apart
    on the page (tops more than `share` of a line apart, and `space`, the space after a paragraph, in points): whoever
    sets entries by their paragraphs types an action's owner and date at one height, while entries stacked at the
    top of each cell drift apart rank by rank, each column at the pace of its own entries' lines. Where the row has
    not as many of each (an owner entry shared by two actions, or a placement that reads an entry as two), ranks pair
    nothing, but an action is still typed at one height: under a shift, each action given an owner entry and a date
    entry whose first ones sit apart so counts once; and where the entries read stacked (no paragraph sways them)
    are as many of each, so does each entry the shift reads more or fewer: it read one entry as two, or two as one,
    by the paragraphs beside them."""
    out = {}

    def apart(o: Paragraph, d: Paragraph) -> bool:
        return o.page == d.page and abs(o.top - d.top) > share * min(
            o.lines[0].height, d.lines[0].height) * 1.15 + space
    for h in owners.keys() & dates.keys():
        a, b = owners[h].targets, dates[h].targets
        oe, de = owners[h].entries, dates[h].entries
        read = h != STACKED and oe is not None and de is not None and len(oe) == len(a) and len(de) == len(b)
        if len(a) == len(b) > 1:
            out[h] = sum(x != y or x is None for x, y in zip(a, b))
            if read:
                out[h] += sum(x == y and x is not None and apart(o, d) for x, y, o, d in zip(a, b, oe, de))
        elif read and len(a) != len(b) and a and b:
            first_owner: dict[int, Paragraph] = {}
            first_date: dict[int, Paragraph] = {}
            for targets, cell, first in ((a, oe, first_owner), (b, de, first_date)):
                for x, e in zip(targets, cell):
                    if x is not None:
                        first.setdefault(x, e)
            out[h] = sum(apart(first_owner[x], first_date[x]) for x in first_owner.keys() & first_date.keys())
            if STACKED in owners and STACKED in dates and len(owners[STACKED].targets) == len(dates[STACKED].targets):
                out[h] += abs(len(a) - len(b))  # the entries as typed pair rank by rank: h reads one as two
    return out


def document_habit(rows: list[dict[Hypothesis, Alignment]], settings: Settings = DEFAULT,
                   row_of: list[int] | None = None, extra: dict[Hypothesis, float] | None = None) -> Hypothesis | None:
    """The hypothesis that explains the whole document best (summed over rows with entries). An entry given to a
    lead-in costs `settings.lead_cost` here, where two rows or more would give one: one row's lead-in may have an
    owner of its own, but a document whose rows put their first entry level with a lead-in, over and over, typed its
    entries stacked at the top. Unless a row, read the same way, leaves a lead-in blank and has its entry exactly
    where that way puts the action below: that typist sets entries beside what they belong to, and a lead-in with an
    entry beside it owns it. `extra`: more evidence against each hypothesis, summed in (`unpaired`)."""
    row_of = row_of or list(range(len(rows)))
    kept = [(r, o) for r, o in zip(row_of, rows) if o and not all(a.targets == [None] * len(a.targets)
                                                                 for a in o.values())]
    rows = [o for _, o in kept]
    # over and over: one row alone whose entry sits level with its lead-in shows no habit (its lead-in's own owner;
    # `row_of`: the table row each list of options reads, where a row's owners and dates are weighed together)
    again = {h: len({r for r, o in kept if h in o and o[h].leads}) >= 2
             and not any(h in o and o[h].passed for o in rows) for h in (*SHIFTS, STACKED)}
    totals: dict[Hypothesis, float] = {}
    for options in rows:
        worst = max(a.cost for a in options.values())
        for h in (*SHIFTS, STACKED):
            totals[h] = totals.get(h, 0.0) + (
                options[h].cost + (settings.lead_cost * options[h].leads if again[h] else 0.0) if h in options
                else worst + settings.stacked_cost)
    for h, cost in (extra or {}).items():
        if h in totals:
            totals[h] += cost
    return min(totals, key=lambda h: (totals[h], str(h))) if totals else None


def assign(paras: list[Paragraph], entries: list[Paragraph]) -> list[int | None]:
    """Each entry's paragraph under the row's likeliest hypothesis (no document habit)."""
    if not entries:
        return []
    lh = max(1.0, 1.15 * min(e.lines[0].height for e in entries))
    return choose(hypotheses(paras, entries, lh)).targets
