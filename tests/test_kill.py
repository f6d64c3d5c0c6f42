"""A run killed midway (SIGKILL, no chance to clean up) leaves a sound database of whole documents,
and running it again completes the rest."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
N = 30


def distinct_copies(folder: Path, n: int = N) -> None:
    """Copies of small corpus plans made distinct by a PDF comment after %%EOF: each has its own sha256,
    and still parses the same."""
    plans = [p.read_bytes() for p in sorted((REPO / "corpus").glob("*.pdf")) if p.stat().st_size < 40_000]
    for i in range(n):
        (folder / f"plan-{i:03d}.pdf").write_bytes(plans[i % len(plans)] + b"\n%copy " + str(i).encode() + b"\n")


def count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=0.2) as c:
            return c.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet, or locked for a moment by the writer
        return 0


def extract(folder: Path, db: Path) -> subprocess.Popen:
    """The CLI in a process group of its own; its scratch folder (the pool's, under TMPDIR) beside the database,
    since a run killed with SIGKILL cannot remove it."""
    code = "import sys; from actionplans.extract.cli import main; sys.exit(main())"
    return subprocess.Popen([sys.executable, "-c", code, "extract", str(folder), "--db", str(db), "--no-annotate",
                             "--workers", "2"], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True, env={**os.environ, "TMPDIR": str(db.parent)})


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs process groups")
def test_a_killed_run_leaves_whole_documents_and_a_rerun_completes(tmp_path):
    folder, db = tmp_path / "in", tmp_path / "plans.db"
    folder.mkdir()
    distinct_copies(folder)
    proc = extract(folder, db)
    deadline = time.monotonic() + 60
    while count(db) < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "the run finished before it could be killed: " + proc.stderr.read().decode()
    os.killpg(proc.pid, signal.SIGKILL)  # the runner and its workers, mid-write or not
    proc.wait()
    proc.stderr.close()

    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert c.execute("PRAGMA foreign_key_check").fetchall() == []
        done = c.execute("SELECT count(*) FROM documents").fetchone()[0]
        assert 3 <= done < N
        assert c.execute("""SELECT id FROM documents d
                            WHERE recommendations != (SELECT count(*) FROM recommendations WHERE document_id = d.id)
                               OR actions != (SELECT count(*) FROM actions WHERE document_id = d.id)
                               OR recommendations = 0""").fetchall() == []
        assert c.execute("SELECT count(*) FROM document_paths").fetchone()[0] == done
        # a document and its log entry are written in one transaction
        assert c.execute("SELECT count(*) FROM ingest_log WHERE status = 'loaded'").fetchone()[0] == done

    again = extract(folder, db)
    _, err = again.communicate(timeout=120)
    assert again.returncode == 0, err.decode()
    summary = err.decode().splitlines()[-1]
    assert summary.startswith(f"{N} files: {N - done} loaded, 0 replaced, {done} unchanged, 0 failed")
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT count(*) FROM documents").fetchone()[0] == N
        assert c.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
