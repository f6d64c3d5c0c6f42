"""The layout generator's ground truth: the committed sample's owners and dates sit where they were drawn
relative to their paragraphs in the rendered PDFs, the sample covers every dimension value, and a seed
always gives the same plans."""

import csv
import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpus" / "generated"
DRAWN = sorted(SAMPLE.glob("*.drawn.json"))


def load_generate():
    if "corpus_generate" in sys.modules:
        return sys.modules["corpus_generate"]
    spec = importlib.util.spec_from_file_location("corpus_generate", ROOT / "corpus" / "generate.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["corpus_generate"] = mod
    spec.loader.exec_module(mod)
    return mod


def rebuilt(gen, drawn: dict):
    """The plan behind a committed sample file, made again from its seed, index and attempt."""
    return gen.make_plan(drawn["seed"], drawn["index"], drawn.get("attempt", 0))


def test_sample_covers_every_dimension_value():
    gen = load_generate()
    seen = {(k, v) for f in DRAWN for k, v in json.loads(f.read_text(encoding="utf-8"))["drawn"].items()}
    missing = {(k, v) for k, vs in gen.DIMENSIONS.items() for v in vs} - seen
    assert not missing
    assert 10 <= len(DRAWN) <= 20
    assert [f.name.removesuffix(".drawn.json") for f in DRAWN] == [f"gen-{gen.SAMPLE_SEED}-{i:03d}"
                                                                   for i in gen.cover_sample()]


@pytest.mark.parametrize("drawn_file", DRAWN, ids=[f.stem for f in DRAWN])
def test_generation_is_deterministic(drawn_file):
    """The same seed draws the same values and writes the same expected records, on any run and machine."""
    gen = load_generate()
    drawn = json.loads(drawn_file.read_text(encoding="utf-8"))
    plan, again = rebuilt(gen, drawn), rebuilt(gen, drawn)
    assert plan.drawn == again.drawn == drawn["drawn"]
    assert plan.expected == again.expected
    exp = json.loads(drawn_file.with_name(drawn["id"] + ".expected.json").read_text(encoding="utf-8"))
    assert plan.expected == exp
    assert {k: plan.case["plan"][k] for k in ("roles", "labels", "widths_cm")} == drawn["layout"]


@pytest.mark.parametrize("drawn_file", DRAWN, ids=[f.stem for f in DRAWN])
def test_entries_sit_where_drawn(drawn_file):
    """Every owner and date entry starts where it was drawn relative to its paragraph, measured in the PDF
    with pdfplumber: level with the paragraph's first line, one or two lines below it (and above the next
    paragraph), or stacked from the top of the cell in order."""
    gen = load_generate()
    drawn = json.loads(drawn_file.read_text(encoding="utf-8"))
    plan = rebuilt(gen, drawn)
    pdf = SAMPLE / f"{drawn['id']}.pdf"
    gen.measure(pdf, plan.case, plan.drawn, plan.rows)          # line counts of this render
    problems, measured = gen.measure(pdf, plan.case, plan.drawn, plan.rows)
    assert problems == []
    assert measured["pages"] == drawn["measured"]["pages"]
    pitch = measured["pitch"]
    places = measured["placements"]
    n_entries = sum(len(r.entries[c]) for r in plan.rows for c in ("owner", "date"))
    assert len(places) == n_entries > 0
    space = gen.SPACING[plan.drawn["spacing"]][0] / pitch     # a paragraph's space after, in lines
    step = 1 + space                                          # ... so one press of Enter moves this far
    for p in places:
        assert abs(p.line - p.target) <= 0.3, p
        if p.placement == "stacked":
            continue
        low = {"level": 0, "low1": 1, "low2": 2}[p.placement]
        if p.page == p.para_page:                   # on the paragraph's page: `low` lines below, or (spaced) the
            # fewest presses of Enter that reach that far
            below = (p.top - p.para_top) / pitch - low
            assert abs(below) < 1.5 / pitch if not space else -gen.TYPED_ABOVE - 0.3 < below < step - gen.TYPED_ABOVE, p
        else:                                       # carried over a page break with the rest of its row (a spaced
            # row breaks each cell at a line of its own, so there even a level entry may start on the next page)
            assert (low or space) and p.page == p.para_page + 1, p
    # stacked entries start at the top of the cell and follow one another in order (placements come row by row,
    # each row's owners then its dates: refs cannot tell the rows of a plan that prints none apart)
    taken = iter(places)
    for row in plan.rows:
        own = [next(taken) for c in ("owner", "date") for _ in row.entries[c]]
        if row.placement != "stacked":
            continue
        for c in ("owner", "date"):
            mine = [p for p in own if p.column == c]
            line, page = 0.0, None
            for j, p in enumerate(sorted(mine, key=lambda p: p.order)):
                line += row.gap * step if j else 0
                if space and page is not None and p.page != page:
                    line = p.target  # a spaced row broken by the page: the column's entries there all sit off by
                    # one amount, which the generator measures from the first of them (its target)
                page = p.page
                assert abs(p.line - line) <= 0.3, p
                if j == 0 and p.page == p.row_page:
                    assert abs(p.top - (p.row_top - p.row_line * pitch)) < 1.5, p
                line += row.counts[c][j] + len(row.entries[c][j].lines) * space
    broken = gen.broken_words(pdf, plan.case, plan.drawn)
    if plan.drawn["word_breaks"] == "none":
        assert broken == []                                   # words wrap at spaces, never inside a cell
    else:                                                     # only in the column drawn too narrow for them
        assert all(b.startswith(f"{plan.drawn['word_breaks']} column") for b in broken), broken


def test_due_dates_agree_with_the_labelled_set():
    """The generator's due dates (build.due_date) read the forms it prints as the labelled set does."""
    build = load_generate().build
    rows = list(csv.DictReader((ln for ln in (ROOT / "tests" / "data" / "dates.tsv").open(encoding="utf-8")
                                if not ln.startswith("#")), delimiter="\t"))
    checked = 0
    for r in rows:
        text = r["text"].replace("\\n", "\n")
        new_form = any(w in text.lower() for w in ("spring", "summer", "autumn", "winter", "within", "tbc",
                                                   "to be confirmed", " to ", " - ", " \u2013 "))
        if r["base"] == "-" or build.NO_DUE.match(text) or not new_form:
            continue
        try:
            due = build.due_date(text, dt.date.fromisoformat(r["base"]))
        except ValueError:
            continue                                # a form the generator never prints
        assert due == (None if r["due"] == "-" else r["due"]), text
        checked += 1
    assert checked >= 10


def test_every_date_form_has_a_due_date_rule():
    gen = load_generate()
    import random
    rng = random.Random(0)
    sub = dt.date(2021, 5, 17)
    for form in gen.DIMENSIONS["date_form"]:
        for _ in range(30):
            text = gen.date_text(rng, form, sub)
            due = gen.build.due_date(text, sub)
            assert (due is None) == (form in ("status", "tbc")), (form, text, due)


def test_spaced_row_broken_by_a_page_is_padded_from_the_measured_break():
    """Where a spaced row breaks across a page each cell breaks at a line of its own: a column's entries on the
    later page all sit off by the amount its first entry there does (break_shift), and the entries are padded
    again from there with the response cell's blank paragraphs kept (moving them would move the break again)."""
    gen = load_generate()

    def row():                                      # lines of 12 pt with 6 pt after each paragraph
        paras = [gen.GPara("Lead-in", "lead", 2), gen.GPara("First", "typed", 1), gen.GPara("Second", "typed", 3)]
        owners = [gen.GEntry(["Governor"], i, 1) for i in range(3)]
        r = gen.GRow(0, True, paras, {"owner": owners, "date": []}, "level", 0, 0.5)
        gen.plan_row(r)
        return r

    r = row()
    assert r.para_pos == [0, 2.5, 5.5] and r.targets["owner"] == [0, 3.0, 6.0] and r.pads["owner"] == [0, 1, 1]
    # the row breaks after the first entry; on page 2 the owner cell broke a line before the response did, so
    # both its entries there sit a line high against the response cell (measured row position, page)
    at = {("owner", 0): (0.0, 1), ("owner", 1): (2.0, 2), ("owner", 2): (5.0, 2)}
    assert gen.break_shift(r, at, first_page=1) == {"owner": {1: -1.0, 2: -1.0}, "date": {}}
    assert gen.break_shift(r, {("owner", j): (t, 1) for j, t in enumerate(r.targets["owner"])}, 1) == \
        {"owner": {}, "date": {}}                   # a row on one page: nothing moved
    assert len(gen.misplaced(r, {k: pos for k, (pos, _page) in at.items()}, "R")) == 2    # above their places
    r.shift = gen.break_shift(r, at, first_page=1)
    gen.plan_row(r, keep_response=True)
    assert r.resp_pad == {2: 1} and r.para_pos == [0, 2.5, 5.5]                 # the response as it was
    assert r.pads["owner"] == [0, 2, 1] and r.targets["owner"] == [0, 3.5, 6.5]  # a press more where it broke
    assert gen.misplaced(r, {("owner", j): t for j, t in enumerate(r.targets["owner"])}, "R") == []
    kept = row()
    kept.resp_pad = {2: 2}                          # kept even where the plan alone would press Enter less
    gen.plan_row(kept, keep_response=True)
    assert kept.resp_pad == {2: 2} and kept.para_pos == [0, 2.5, 7.0]
