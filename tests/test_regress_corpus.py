"""The regression plans of issue 10 (corpus/regress.py): each committed PDF shows the layout it is named for, and
the script still writes the same PDFs and expected records."""

import copy
import importlib.util
import json
import shutil
import sys
from pathlib import Path

import pdfplumber
import pytest

ROOT = Path(__file__).resolve().parent.parent


def load_regress():
    if "corpus_regress" in sys.modules:
        return sys.modules["corpus_regress"]
    spec = importlib.util.spec_from_file_location("corpus_regress", ROOT / "corpus" / "regress.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["corpus_regress"] = mod
    spec.loader.exec_module(mod)
    return mod


REG = load_regress()
SPECS = REG.specs()
NAMES = list(SPECS)


def committed(name: str) -> Path:
    return REG.destination(SPECS[name]) / f"{name}.pdf"


def measured(name: str):
    """(lines of each column, rows as measured, generate's measurement) of the committed PDF."""
    spec = copy.deepcopy(SPECS[name])
    rows = REG.make_rows(spec)
    words = REG.build.page_words(committed(name))
    # padding as the committed render was made: the measurement re-plans the rows from the PDF's line counts
    problems, m = REG.generate.measure(words, spec.case, spec.d, rows) if name != "regress-broken-row" else ([], {})
    return spec, REG.column_lines(spec, words), words, m


@pytest.mark.parametrize("name", NAMES)
def test_committed_where_the_script_writes(name):
    spec = SPECS[name]
    assert committed(name).exists()
    assert (committed(name).with_suffix(".expected.json").exists()) == spec.expected


def test_concerns_plan_breaks_a_ref_over_a_page():
    name = "regress-concerns-one-row-per-action"
    spec, cols, _, m = measured(name)
    assert spec.target.check(cols, m["pitch"]) is None
    refs = [r["ref"] for r in spec.case["recommendations"]]
    heads = [ln.text for ln in cols["ref"]]
    assert heads.count("Priority") == 2 and heads.count("Key") == len(refs) - 2   # every ref over two lines
    assert spec.d["rows"] == "per-action"


def test_unruled_plan_has_no_rules_broken_words_and_a_post_over_a_page():
    name = "regress-unruled-unlisted-sections"
    spec, cols, words, m = measured(name)
    assert spec.target.check(cols, m["pitch"]) is None
    broken = REG.broken_words(spec, words)
    assert any("'Accommodation'" in b for b in broken) and any("'Management'" in b for b in broken)
    with pdfplumber.open(committed(name)) as pdf:      # the plan table's pages: no line or box at all
        table_pages = [p for p in pdf.pages[1:] if "Recommendation" in p.extract_text()]
        assert table_pages and all(not p.lines and not p.rects for p in table_pages[:-1])
    printed = {r["decision_text"] for r in spec.case["recommendations"]}
    assert {"Agreed in part", "Agreed in principle"} <= printed


def test_off_level_plan_places_entries_off_their_paragraph():
    _, _, _, m = measured("regress-entries-off-level")
    kinds = {(p.placement, abs(p.line - p.target) <= 0.3) for p in m["placements"]}  # (measured to a hundredth)
    assert {("low1", True), ("low2", True), ("stacked", True), ("level", True)} <= kinds
    assert all(abs(p.line - p.target) <= 0.3 for p in m["placements"])


def test_owner_plan_stacks_owners_with_no_separator():
    spec = SPECS["regress-owners-stacked-unlisted-posts"]
    stacked = [a["owners"] for r in spec.case["recommendations"] for g in r["groups"] for a in [g, *g["actions"]]
               if a.get("owner") and "\n" in a["owner"]]
    assert any(len(o) == 3 for o in stacked)
    assert spec.d["entry_gap"] == "0"
    joined = [a["owner"] for r in spec.case["recommendations"] for g in r["groups"] for a in [g, *g["actions"]]
              if a.get("owner") and " and " in a["owner"]]
    assert any(a.count(" and ") == 3 for a in joined)          # two posts that each contain "and"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("name", NAMES)
def test_script_writes_the_committed_files(name, tmp_path):
    REG.run(copy.deepcopy(SPECS[name]), tmp_path, out=tmp_path / "out")
    new, old = tmp_path / "out" / f"{name}.pdf", committed(name)
    assert REG.build.same_render(new, old)
    if SPECS[name].expected:
        assert json.loads((tmp_path / "out" / f"{name}.expected.json").read_text(encoding="utf-8")) == \
            json.loads(old.with_suffix(".expected.json").read_text(encoding="utf-8"))
