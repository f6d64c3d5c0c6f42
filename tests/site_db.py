"""One database built from the corpus PDFs per test session, shared by the Datasette, export and browser tests."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
CLI = Path(sys.executable).with_name("actionplans")


def build(tmp_path_factory) -> Path:
    """Build `actionplans.db` with the CLI, once, from a copy of corpus/'s PDFs (so regenerating the corpus
    mid-run cannot change a served file under the tests); paths are stored absolute so any cwd can serve it."""
    root = tmp_path_factory.getbasetemp() / "site-db"
    db = root / "actionplans.db"
    if db.exists():
        return db
    work = root / "building"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    pdfs = root / "corpus"
    shutil.rmtree(pdfs, ignore_errors=True)
    pdfs.mkdir()
    for pdf in [*CORPUS.glob("*.pdf"), CORPUS / "provenance.yml"]:  # the manifest marks the samples as samples
        shutil.copy2(pdf, pdfs / pdf.name)
    cmd = [str(CLI) if CLI.exists() else "actionplans", "extract", str(pdfs), "--db", str(work / "actionplans.db")]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    conn = sqlite3.connect(work / "actionplans.db")
    docs = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    conn.close()
    n = len(list(pdfs.glob("*.pdf")))
    assert docs >= 3 and docs >= n - 1, f"corpus did not load ({docs} of {n}): {proc.stderr[-2000:]}"
    (work / "actionplans.db").rename(db)
    return db
