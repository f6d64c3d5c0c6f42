"""The layout benchmark's report: overall mean and worst, one table per dimension, the lowest value of each
metric against the thresholds, the ten worst plans with their drawn values, failures scored 0 with their
error."""

import importlib.util
import json
import shutil
import sys
from pathlib import Path

from cli_run import invoke

ROOT = Path(__file__).resolve().parent.parent


def load_generalise():
    spec = importlib.util.spec_from_file_location("benchmarks_generalise", ROOT / "benchmarks" / "generalise.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def result(i: int, drawn: dict, value: float, error: str | None = None, measured: dict | None = None) -> dict:
    from actionplans.extract.evaluate import METRICS
    return {"plan": {"id": f"gen-9-{i:03d}", "drawn": drawn, "measured": measured or {}, "verified": True},
            "scores": dict.fromkeys(METRICS, 0.0 if error else value), "misses": [f"rec {i}: a miss"],
            "error": error}


def test_report_tables_worst_plans_and_status():
    g = load_generalise()
    results = [result(0, {"rules": "full", "rows": "per-action"}, 1.0),
               result(1, {"rules": "full", "rows": "per-recommendation"}, 1.0),
               result(2, {"rules": "none", "rows": "per-action"}, 0.5, measured={"rows_broken_across_pages": 2}),
               result(3, {"rules": "none", "rows": "per-action"}, 0.0, error="no recommendations found: ...")]
    lines: list[str] = []
    status = g.report(results, seed=9, n=5, unverified=[{"id": "gen-9-004"}], echo=lines.append)
    out = "\n".join(lines)
    assert status == 1                                   # a metric's lowest per-value mean is under threshold
    assert "seed 9" in lines[0]
    assert "1 drawn plans left out" in out
    mean = next(ln for ln in lines if ln.startswith("mean"))
    assert mean.split()[1] == "0.625"                    # (1 + 1 + 0.5 + 0) / 4
    worst = next(ln for ln in lines if ln.startswith("worst"))
    assert set(worst.split()[1:]) == {"0.000"}
    assert "1 of 4 plans failed to extract (scored 0)\n  gen-9-003: no recommendations found: ..." in out
    table = lines[lines.index(next(ln for ln in lines if ln.startswith("rules "))):]
    full = next(ln for ln in table if ln.strip().startswith("full"))
    none = next(ln for ln in table if ln.strip().startswith("none"))
    assert full.split()[1:3] == ["2", "1.000"] and none.split()[1:3] == ["2", "0.250"]
    assert any(ln.strip().startswith("some") for ln in lines)      # row_breaks, read from the render
    assert "recall   0.250  rules=none (n=2)" in out
    ten = lines[lines.index("ten worst plans:") + 1:]
    assert ten[0].startswith("  gen-9-003") and "error: no recommendations found" in "\n".join(ten[:3])
    assert "rules=none, rows=per-action" in ten[1]


def test_alignment_left_out_where_a_plan_has_nothing_to_place():
    """A plan whose gold has no owner or date scores alignment 0 under the scorer (0 of 0 placed); the benchmark
    leaves it out of alignment's means rather than count it as a plan read wrong."""
    g = load_generalise()
    results = [result(0, {"rules": "full"}, 1.0), result(1, {"rules": "full"}, 0.5)]
    results[1]["scores"]["alignment"] = None
    lines: list[str] = []
    g.report(results, seed=9, n=2, unverified=[], echo=lines.append)
    mean = next(ln for ln in lines if ln.startswith("mean")).split()
    assert mean[1] == "0.750" and mean[-1] == "1.000"    # recall over both plans, alignment over the first only
    ten = lines[lines.index("ten worst plans:") + 1:]
    assert ten[0].startswith("  gen-9-001") and "align" not in ten[0]


def test_report_passes_when_every_value_meets_the_thresholds():
    g = load_generalise()
    results = [result(i, {"rules": r}, 1.0) for i, r in enumerate(["full", "none", "horizontal"])]
    assert g.report(results, seed=9, n=3, unverified=[], echo=lambda s: None) == 0


def test_evaluate_report_only_prints_but_does_not_fail(tmp_path):
    """`evaluate --report-only` (how make test scores corpus/generated/ until extraction passes it) prints the
    same table and exits 0 where plain `evaluate` exits 1."""
    name = "v6-hmpps-2022-hmp-coldharbour-urgent-notification"
    shutil.copy(ROOT / "corpus" / f"{name}.pdf", tmp_path / f"{name}.pdf")
    gold = json.loads((ROOT / "corpus" / f"{name}.expected.json").read_text(encoding="utf-8"))
    gold["recommendations"][0]["ref"] = "Concern 99"          # a record the plan does not hold
    gold["recommendations"][0]["text"][0] = "A recommendation this plan never made."
    (tmp_path / f"{name}.expected.json").write_text(json.dumps(gold), encoding="utf-8")
    strict = invoke(["evaluate", str(tmp_path)])
    lenient = invoke(["evaluate", str(tmp_path), "--report-only"])
    assert strict.exit_code == 1 and lenient.exit_code == 0
    assert name in strict.output and name in lenient.output
    assert "report only" in lenient.output


def test_scanned_plans_are_image_only_copies_of_the_renders(tmp_path):
    """--scanned: each verified plan printed and scanned into scanned/, so extraction must read it through OCR;
    one already there is kept, and a plan left out is not scanned."""
    import pdfplumber
    mod = load_generalise()
    src = ROOT / "corpus" / "generated" / "gen-7-000.pdf"
    shutil.copy(src, tmp_path / src.name)
    plans = [{"id": "gen-7-000", "index": 0, "verified": True}, {"id": "gen-7-999", "index": 999, "verified": False}]
    folder = mod.scan_all(plans, tmp_path, workers=1)
    assert sorted(p.name for p in folder.iterdir()) == ["gen-7-000.pdf"]
    with pdfplumber.open(src) as a, pdfplumber.open(folder / "gen-7-000.pdf") as b:
        assert len(a.pages) == len(b.pages) and a.pages[0].extract_words()
        assert not any(p.extract_words() for p in b.pages) and all(p.images for p in b.pages)
    made = (folder / "gen-7-000.pdf").stat().st_mtime_ns
    mod.scan_all(plans, tmp_path, workers=1)
    assert (folder / "gen-7-000.pdf").stat().st_mtime_ns == made
    (tmp_path / "gen-7-000.pdf").touch()  # rendered again: scanned again
    mod.scan_all(plans, tmp_path, workers=1)
    assert (folder / "gen-7-000.pdf").stat().st_mtime_ns > made
