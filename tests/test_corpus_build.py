"""The corpus: every PDF has expected records in the gold format, and the generator still works."""

import importlib.util
import json
import re
import shutil
import sys
from pathlib import Path

import pdfplumber
import pytest

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
PDFS = sorted(CORPUS.glob("*.pdf"))
DECISIONS = {"agreed", "partly_agreed", "not_agreed", "accepted", "rejected", "partly_accepted", "not_accepted",
             None}
METADATA_KEYS = {"title", "establishment", "kind", "family", "submitted", "report_published", "inspection_dates"}


def load_build():
    spec = importlib.util.spec_from_file_location("corpus_build", CORPUS / "build.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["corpus_build"] = mod
    spec.loader.exec_module(mod)
    return mod


def test_corpus_has_cases():
    assert len(PDFS) >= 12


@pytest.mark.parametrize("pdf", PDFS, ids=[p.stem for p in PDFS])
def test_expected_records(pdf):
    exp = json.loads((CORPUS / f"{pdf.stem}.expected.json").read_text(encoding="utf-8"))
    assert exp["id"] == pdf.stem
    assert {"layout", "meta", "recommendations", "due_dates", "expected_metadata"} <= exp.keys()
    assert METADATA_KEYS <= exp["expected_metadata"].keys()
    assert exp["recommendations"]
    used = []
    for rec in exp["recommendations"]:
        head, bullets = rec["text"]
        assert head.strip() and isinstance(bullets, list)
        assert rec["decision"] in DECISIONS
        for g in rec["groups"]:
            for item in [g, *g["actions"]]:
                if item.get("target_date"):
                    used.append(item["target_date"])
                assert bool(item.get("owner")) == bool(item.get("owners"))
    missing = [d for d in used if d not in exp["due_dates"]]
    assert not missing, f"no due date for {missing}"
    for text, due in exp["due_dates"].items():
        assert due is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", due), (text, due)


def test_due_date_rules():
    build = load_build()
    import datetime as dt
    sub = dt.date(2021, 2, 12)
    cases = {"June 2021": "2021-06-30", "Jun-21": "2021-06-30", "Q2 2021/22": "2021-09-30",
             "End of Q4 2021/22": "2022-03-31", "2021/22": "2022-03-31", "31/03/2021": "2021-03-31",
             "3rd September 2019": "2019-09-03", "end of July": "2021-07-31", "end of January": "2022-01-31",
             "August 2021 (review of processes)": "2021-08-31", "Ongoing": None, "Completed and ongoing": None,
             "N/A": None, "Monthly": None, "Immediate": None}
    for text, due in cases.items():
        assert build.due_date(text, sub) == due, text


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_build_small_case_end_to_end(tmp_path, monkeypatch):
    build = load_build()
    name = "v6-hmpps-2022-hmp-coldharbour-urgent-notification"
    monkeypatch.setattr(build, "HERE", tmp_path)
    monkeypatch.setattr(build, "CASES", CORPUS / "cases")
    build.build([name])
    exp = json.loads((tmp_path / f"{name}.expected.json").read_text(encoding="utf-8"))
    assert exp == json.loads((CORPUS / f"{name}.expected.json").read_text(encoding="utf-8"))
    case = json.loads((CORPUS / "cases" / f"{name}.json").read_text(encoding="utf-8"))
    rec_column = build.columns_of(tmp_path / f"{name}.pdf", case)["rec"]   # column text, not interleaved rows
    for rec in exp["recommendations"]:
        head, bullets = rec["text"]
        for t in [head, *bullets]:
            assert rec_column.find(t) is not None, t
    with pdfplumber.open(tmp_path / f"{name}.pdf") as pdf:
        words = {w["text"] for p in pdf.pages for w in p.extract_words()}
    assert {"OFFICIAL", "Concern", "Action", "Owner", "Date"} <= words


def test_no_word_broken_inside_a_cell():
    build = load_build()
    for case_file in sorted((CORPUS / "cases").glob("*.json")):
        case = json.loads(case_file.read_text(encoding="utf-8"))
        assert build.broken_words(CORPUS / f"{case_file.stem}.pdf", case) == [], case_file.stem


def test_actions_distinct_within_each_recommendation():
    import difflib
    import itertools
    for path in sorted(CORPUS.glob("*.expected.json")):
        for rec in json.loads(path.read_text(encoding="utf-8"))["recommendations"]:
            texts = [t for g in rec["groups"] for t in [g.get("lead"), *(a["text"] for a in g["actions"])] if t]
            for a, b in itertools.combinations(texts, 2):
                assert difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() < 0.85, (path.stem, rec["ref"], a)
