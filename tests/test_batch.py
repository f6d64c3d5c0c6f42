"""Parallel extraction gives the same records as one process, long files read in page ranges included."""

import os
from pathlib import Path

import pytest
from actionplans.extract import batch
from conftest import CORPUS

LONG = CORPUS / "v3-hmpps-2022-hmp-wyvern-fields-long.pdf"
SHORT = CORPUS / "v3-hmpps-2021-hmp-ashcombe.pdf"


def test_a_long_file_read_in_ranges_by_two_workers_matches_one_process():
    assert batch.page_count(str(LONG)) > batch.SPLIT_PAGES  # so the range path really runs
    one = batch.run([str(LONG), str(SHORT)], workers=1, annotate=False, keep_documents=True)
    two = batch.run([str(LONG), str(SHORT)], workers=2, annotate=False, keep_documents=True)
    assert [o.status for o in two.outcomes] == ["loaded", "loaded"]
    assert [d.model_dump(mode="json") for d in two.documents] == [d.model_dump(mode="json") for d in one.documents]


def test_a_long_file_built_and_annotated_by_one_worker_while_another_reads_matches_one_process():
    """Two workers share a long file's reading (chunks claimed through files); the one that builds it annotates it:
    the same records, NLP fields included, as one process."""
    one = batch.run([str(LONG)], workers=1, annotate=True, keep_documents=True)
    two = batch.run([str(LONG)], workers=2, annotate=True, keep_documents=True)
    assert [o.status for o in two.outcomes] == ["loaded"]
    assert two.documents[0].recommendations[0].actions[0].audit is not None
    assert [d.model_dump(mode="json") for d in two.documents] == [d.model_dump(mode="json") for d in one.documents]


def test_chunks_claimed_by_one_worker_are_read_by_it_alone(tmp_path):
    shared = batch.Shared(str(tmp_path), pages=45, size=20)
    assert shared.chunks() == [(1, 20), (21, 40), (41, 45)]
    assert shared.claim(1) and not shared.claim(1)
    shared.put(1, None)  # the claimer could not read it: the builder reads it again itself
    n, pages = shared.gather(str(LONG), "pdfium")
    assert n == batch.page_count(str(LONG)) and [p["page"] for p in pages] == list(range(1, 46))


def test_a_helper_told_to_stop_claims_no_more_chunks(tmp_path):
    """The early reader stops once the pool's workers are started (`read_share`'s `until`); the builder reads what
    nobody claimed."""
    shared = batch.Shared(str(tmp_path), pages=45, size=20)
    started = tmp_path / "started"
    started.touch()
    assert batch.read_share(str(LONG), shared, until=str(started))["read"] == 0
    n, pages = shared.gather(str(LONG), "pdfium")
    assert [p["page"] for p in pages] == list(range(1, 46))


def test_texts_one_worker_prepared_are_taken_by_another_not_prepared_again(tmp_path, monkeypatch):
    """The run's workers share the texts they prepare for the links through a folder (`batch.forms_of`): a worker
    takes what another left rather than preparing it again, and gets the same forms; a file it cannot read is
    passed over."""
    from actionplans.extract import recurring
    doc = batch.run([str(SHORT)], workers=1, annotate=False, keep_documents=True).documents[0]
    (tmp_path / "0-0").write_bytes(b"not a pickle")
    monkeypatch.setattr(batch, "_FORMS", {})
    monkeypatch.setattr(batch, "_TAKEN", set())
    left = batch.forms_of(doc.recommendations, str(tmp_path))
    monkeypatch.setattr(batch, "_FORMS", {})  # another worker, which has prepared nothing
    monkeypatch.setattr(batch, "_TAKEN", set())
    monkeypatch.setattr(recurring, "prepare", lambda text, *_: pytest.fail(f"prepared again: {text}"))
    assert batch.forms_of(doc.recommendations, str(tmp_path)) == left


def test_links_written_from_texts_the_workers_prepared_match_one_process(tmp_path):
    """With two workers, each document's texts come prepared for the recurring links (`batch.forms_of`), a long
    one's by its builder, and the writer uses them: the links are those one process, preparing them itself, writes."""
    import sqlite3
    plans = [str(CORPUS / f) for f in ("v1-noms-2015-hmp-kestrel-moor.pdf", "v3-hmpps-2019-hmp-yoi-kestrel-moor.pdf",
                                       "v8-hmpps-2023-hmp-yoi-kestrel-moor-concerns.pdf")] + [str(LONG)]
    got = {}
    for n in (1, 2):
        db = tmp_path / f"w{n}.db"
        assert not batch.run(plans, str(db), workers=n, annotate=False).failed
        with sqlite3.connect(db) as conn:
            got[n] = conn.execute("SELECT recommendation_id, earlier_id, score, method, words FROM recurring "
                                  "ORDER BY 1, 2").fetchall()
    assert got[2] and got[2] == got[1]


def test_a_truncated_long_file_fails_cleanly_beside_a_good_one(tmp_path):
    data = LONG.read_bytes()
    bad = tmp_path / "long-truncated.pdf"
    bad.write_bytes(data[: len(data) // 2])  # the cross-reference table is gone
    run = batch.run([str(bad), str(SHORT)], workers=2, annotate=False)
    assert [(o.status, o.reason) for o in run.outcomes] == [("failed", "damaged PDF"), ("loaded", None)]


def test_a_rerun_of_unchanged_files_loads_neither_the_pipeline_nor_sqlite_utils(tmp_path):
    """Re-runs must cost little: hashing and a lookup per file, over a plain connection."""
    import subprocess
    import sys
    db = tmp_path / "plans.db"
    code = ("import sys\n"
            "from actionplans.extract.cli import main\n"
            "try:\n"
            f"    main(['extract', {str(SHORT)!r}, '--db', {str(db)!r}, '--no-annotate'])\n"
            "except SystemExit as e:\n"
            "    assert e.code == 0, e.code\n"
            "print(sorted(m for m in ('sqlite_utils', 'pydantic', 'pdfplumber', 'logging') if m in sys.modules))\n"
            "import logging\n"
            "print(logging.getLogger('pdfminer').level == logging.ERROR)\n")
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # the first run writes a document (parsing happens in workers), with pdfminer's warnings quietened first
    assert "sqlite_utils" in first.stdout and first.stdout.split()[-1] == "True"
    # the re-run does not even set up logging: nothing it does can log
    assert again.stdout.split("\n")[0] == "[]" and "1 unchanged" in again.stderr


def test_a_run_removes_the_scratch_folders_of_runs_killed_outright(tmp_path, monkeypatch):
    """A run killed with SIGKILL leaves its scratch folder behind; the next run with workers removes it, and leaves
    alone the folders of runs still alive and folders it did not make."""
    import subprocess
    import tempfile
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    os.mkdir(tempfile.tempdir)
    gone = subprocess.Popen(["true"])
    gone.wait()
    dead = Path(tempfile.tempdir, f"{batch.SCRATCH}{gone.pid}-abc")
    alive = Path(tempfile.tempdir, f"{batch.SCRATCH}{os.getppid()}-def")
    other = Path(tempfile.tempdir, f"{batch.SCRATCH}xyz")
    for folder in (dead, alive, other):
        (folder / "7").mkdir(parents=True)
        (folder / "7" / "chunk").write_bytes(b"pages")
    plans = [str(CORPUS / f) for f in ("v1-noms-2015-hmp-kestrel-moor.pdf", "v3-hmpps-2019-hmp-oakhurst.pdf")]
    assert not batch.run(plans, str(tmp_path / "x.db"), workers=2, annotate=False).failed
    assert not dead.exists() and alive.exists() and other.exists()
    assert sorted(p.name for p in Path(tempfile.tempdir).iterdir()) == sorted([alive.name, other.name])
