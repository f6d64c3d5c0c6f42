"""Every input gets an outcome: good plans load, bad files fail with a reason a person understands,
re-runs change nothing, a changed file replaces its own rows, and broken PDFs never crash the extractor.

The bad files in tests/data/bad/ are made by tests/data/bad/make.py.
"""

from __future__ import annotations

import importlib.util
import shutil
import sqlite3
from pathlib import Path

import pytest
from actionplans.db.load import open_db
from actionplans.extract import batch, pipeline
from cli_run import invoke

REPO = Path(__file__).resolve().parents[1]
BAD = REPO / "tests" / "data" / "bad"
PLAN_A = REPO / "corpus" / "v1-noms-2015-hmp-kestrel-moor.pdf"
PLAN_B = REPO / "corpus" / "v3-hmpps-2021-hmp-ashcombe.pdf"

# file -> (reason in ingest_log, the line the CLI prints after "Error: <path>: ")
EXPECTED_FAILURES = {
    "not-a-pdf.pdf": ("not a PDF", "not a PDF (no %PDF header)"),
    "truncated.pdf": ("damaged PDF", "it cannot be parsed (PdfiumError: Data format error) "
                                     "(the file may be truncated; download it again)"),
    "password-protected.pdf": ("password-protected", "the PDF is protected by a password "
                                                     "(remove the password or ask the publisher for an open copy)"),
    # a 40 dpi scan: too coarse for OCR, which says so rather than failing silently
    "scanned.pdf": ("OCR failed", "2 scanned pages could not be read by OCR (SubprocessOutputError)"),
    "inspection-report.pdf": ("not an action plan", "not an action plan (no table with Recommendation/Response/"
                                                     "Owner/Target date columns was found)"),
    "empty-plan.pdf": ("no recommendations found", "an action-plan table was found but no recommendation rows in it"),
}


def extract(*args: str):
    return invoke(["extract", "--no-annotate", "--workers", "1", *map(str, args)])


def rows(db_path: Path, sql: str, params=()) -> list[tuple]:
    with sqlite3.connect(db_path) as c:
        return c.execute(sql, params).fetchall()


def assert_whole(db_path: Path) -> None:
    """Only whole documents, and nothing that belongs to no document."""
    assert rows(db_path, "PRAGMA integrity_check") == [("ok",)]
    assert rows(db_path, "PRAGMA foreign_key_check") == []
    assert rows(db_path, """SELECT d.id FROM documents d WHERE d.recommendations !=
                             (SELECT count(*) FROM recommendations r WHERE r.document_id = d.id)
                           OR d.actions != (SELECT count(*) FROM actions a WHERE a.document_id = d.id)""") == []
    for table in ("recommendations", "actions", "action_owners", "document_paths"):
        assert rows(db_path, f"SELECT count(*) FROM {table} WHERE document_id NOT IN (SELECT id FROM documents)") \
            == [(0,)], table
    assert rows(db_path, "SELECT count(*) FROM owners WHERE id NOT IN (SELECT owner_id FROM action_owners)") == [(0,)]
    assert rows(db_path, "SELECT count(*) FROM documents WHERE id NOT IN (SELECT document_id FROM document_paths)") \
        == [(0,)]


@pytest.fixture
def mixed(tmp_path) -> Path:
    """Good plans, one of them twice under two names, beside one file of each bad kind."""
    folder = tmp_path / "in"
    folder.mkdir()
    for f in EXPECTED_FAILURES:
        shutil.copy(BAD / f, folder / f)
    shutil.copy(PLAN_A, folder / "a.pdf")
    shutil.copy(PLAN_A, folder / "a-copy.pdf")
    shutil.copy(PLAN_B, folder / "b.pdf")
    return folder


def test_a_mixed_folder_loads_every_good_plan_and_says_why_each_bad_file_failed(mixed, tmp_path):
    db = tmp_path / "out.db"
    r = extract(mixed, "--db", db)
    assert r.exit_code == 1, r.output
    errors = sorted(line for line in r.stderr.splitlines() if line.startswith("Error: "))
    assert errors == sorted(f"Error: {mixed / f}: {line}" for f, (_, line) in EXPECTED_FAILURES.items())
    assert r.stderr.splitlines()[-1].startswith("9 files: 2 loaded, 0 replaced, 1 unchanged, 6 failed (")
    log = {Path(p).name: (s, why) for p, s, why in rows(db, "SELECT path, status, reason FROM ingest_log")}
    assert log == {"a.pdf": ("unchanged", f"same file as {mixed / 'a-copy.pdf'}"), "a-copy.pdf": ("loaded", None),
                   "b.pdf": ("loaded", None), **{f: ("failed", why) for f, (why, _) in EXPECTED_FAILURES.items()}}
    assert rows(db, "SELECT count(*) FROM documents") == [(2,)]
    assert sorted(Path(p).name for (p,) in rows(db, "SELECT location FROM document_paths")) == [
        "a-copy.pdf", "a.pdf", "b.pdf"]
    held = dict(rows(db, "SELECT location, document_id FROM document_paths"))
    assert held[str(mixed / "a.pdf")] == held[str(mixed / "a-copy.pdf")] != held[str(mixed / "b.pdf")]
    assert_whole(db)

    # Again: nothing changes but the log, and nothing good is parsed again.
    before = rows(db, "SELECT * FROM recommendations ORDER BY id")
    r = extract(mixed, "--db", db)
    assert r.exit_code == 1
    assert r.stderr.splitlines()[-1].startswith("9 files: 0 loaded, 0 replaced, 3 unchanged, 6 failed (")
    assert rows(db, "SELECT * FROM recommendations ORDER BY id") == before
    assert rows(db, "SELECT count(*) FROM ingest_log") == [(18,)]
    assert rows(db, "SELECT count(DISTINCT at) FROM ingest_log") in ([(1,)], [(2,)])
    assert_whole(db)


def test_exit_statuses(tmp_path):
    good = tmp_path / "good"
    good.mkdir()
    shutil.copy(PLAN_B, good / "b.pdf")
    r = extract(good, "--db", tmp_path / "x.db")
    assert (r.exit_code, r.stderr.splitlines()[-1]) == (0, "1 file: 1 loaded, 0 replaced, 0 unchanged, 0 failed "
                                                           "(7 recommendations read)")
    again = extract(good, "--db", tmp_path / "x.db")
    assert again.exit_code == 0  # unchanged is not a failure
    # stderr is not a terminal here, so no progress bar: only the summary
    assert again.stderr == "1 file: 0 loaded, 0 replaced, 1 unchanged, 0 failed (0 recommendations read)\n"
    missing = extract(tmp_path / "nope.pdf")
    assert missing.exit_code == 2 and "'" + str(tmp_path / "nope.pdf") + "' does not exist" in missing.stderr
    (tmp_path / "empty").mkdir()
    assert extract(tmp_path / "empty").exit_code == 2
    assert invoke(["extract", "--workers", "0", str(good)]).exit_code == 2


def test_a_changed_file_replaces_its_own_rows_and_leaves_no_orphans(tmp_path):
    db = tmp_path / "x.db"
    plan, twin = tmp_path / "plan.pdf", tmp_path / "twin.pdf"
    shutil.copy(PLAN_A, plan)
    assert extract(plan, "--db", db).exit_code == 0
    a = rows(db, "SELECT id FROM documents")
    shutil.copy(PLAN_B, plan)  # the publisher put a new version at the same place
    r = extract(plan, "--db", db)
    assert r.exit_code == 0 and "1 replaced" in r.stderr
    b = rows(db, "SELECT id FROM documents")
    assert len(b) == 1 and b != a
    assert rows(db, "SELECT status FROM ingest_log ORDER BY id") == [("loaded",), ("replaced",)]
    assert_whole(db)

    # A document still found under another name survives when one of its names changes.
    shutil.copy(PLAN_B, twin)
    assert extract(twin, "--db", db).exit_code == 0
    shutil.copy(PLAN_A, plan)
    assert extract(plan, "--db", db).exit_code == 0
    assert sorted(rows(db, "SELECT location FROM document_paths JOIN documents d ON d.id = document_id")) == [
        (str(plan),), (str(twin),)]
    assert rows(db, "SELECT count(*) FROM documents") == [(2,)]
    assert_whole(db)


def test_invalid_rows_are_kept_beside_the_good_ones(tmp_path, monkeypatch):
    real = pipeline.extract_with_problems
    bad_row = {"page": 2, "ref": "4", "field": "Recommendation.text", "message": "Value error, recommendation text "
               "is empty"}

    def some_rows_invalid(path, **kw):
        doc, problems = real(path, **kw)
        if Path(path).name == "all-bad.pdf":
            raise pipeline.invalid_records(Path(path), [bad_row, {**bad_row, "ref": "5"}])
        return doc, problems + [bad_row]

    monkeypatch.setattr(pipeline, "extract_with_problems", some_rows_invalid)
    shutil.copy(PLAN_A, tmp_path / "some-bad.pdf")
    shutil.copy(PLAN_B, tmp_path / "all-bad.pdf")
    db_path = tmp_path / "x.db"
    run = batch.run([str(tmp_path / "some-bad.pdf"), str(tmp_path / "all-bad.pdf")], open_db(str(db_path)),
                    workers=1, annotate=False)
    assert [(o.status, o.reason) for o in run.outcomes] == [
        ("loaded", "1 row failed validation (see invalid_records)"), ("failed", "invalid records")]
    assert run.failed[0].line == (f"{tmp_path / 'all-bad.pdf'}: page 2 ref 4: Recommendation.text: Value error, "
                                  "recommendation text is empty; page 2 ref 5: Recommendation.text: Value error, "
                                  "recommendation text is empty")
    kept = rows(db_path, "SELECT file, page, ref, field, message, document_id IS NOT NULL FROM invalid_records "
                         "ORDER BY file, ref")
    assert [(Path(f).name, ref, loaded) for f, _, ref, _, _, loaded in kept] == [
        ("all-bad.pdf", "4", 0), ("all-bad.pdf", "5", 0), ("some-bad.pdf", "4", 1)]
    assert rows(db_path, "SELECT count(*) FROM documents") == [(1,)]


def test_parallel_workers_write_the_same_rows_as_one_process(tmp_path):
    for i, plan in enumerate([PLAN_A, PLAN_B, PLAN_A]):
        (tmp_path / f"p{i}.pdf").write_bytes(plan.read_bytes() + b"%" + bytes([48 + i]) + b"\n")
    tables = ("documents", "recommendations", "actions", "owners", "action_owners", "document_paths")
    got = []
    for workers in (1, 2):
        db_path = tmp_path / f"w{workers}.db"
        run = batch.run([str(tmp_path / f"p{i}.pdf") for i in range(3)], open_db(str(db_path)), workers=workers,
                        annotate=False)
        assert [o.status for o in run.outcomes] == ["loaded"] * 3
        got.append({t: sorted(rows(db_path, f"SELECT * FROM {t}")) for t in tables})
    assert got[0] == got[1]


def test_a_worker_that_dies_fails_its_own_file_only(tmp_path, monkeypatch):
    """A crash below Python (a segfault in a C library, the OOM killer) takes the pool down; the files
    in flight are tried again in a fresh pool, and only the one that kills its worker fails."""
    (tmp_path / "crashing.py").write_text(
        "import os\n"
        "from actionplans.extract.batch import extract_one as real\n"
        "def extract_one(path, *args):\n"
        "    if path.endswith('boom.pdf'):\n"
        "        os._exit(9)\n"
        "    return real(path, *args)\n")
    monkeypatch.syspath_prepend(str(tmp_path))  # spawned workers inherit sys.path
    import crashing
    monkeypatch.setattr(batch, "extract_one", crashing.extract_one)
    files = []
    for name, plan in [("a.pdf", PLAN_A), ("boom.pdf", PLAN_A), ("b.pdf", PLAN_B)]:
        (tmp_path / name).write_bytes(plan.read_bytes() + name.encode() + b"\n")
        files.append(str(tmp_path / name))
    run = batch.run(files, open_db(str(tmp_path / "x.db")), workers=2, annotate=False)
    assert [(Path(o.location).name, o.status, o.reason) for o in run.outcomes] == [
        ("a.pdf", "loaded", None), ("boom.pdf", "failed", "extractor error"), ("b.pdf", "loaded", None)]


def _fuzzer():
    spec = importlib.util.spec_from_file_location("fuzz_pdfs", REPO / "benchmarks" / "fuzz_pdfs.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_mutated_pdfs_fail_cleanly(tmp_path):
    fuzz = _fuzzer()
    crashes = []
    for name, data in fuzz.mutants(20, seed=7, max_kb=36):
        (tmp_path / name).write_bytes(data)
        kind, detail, tb = fuzz.classify(str(tmp_path / name), time_limit=30)
        if kind in ("crash", "timeout"):
            crashes.append(f"{name}: {detail}\n{tb}")
    assert not crashes, "\n".join(crashes)
