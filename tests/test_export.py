"""`actionplans export`: the flat CSV (one row per action or per recommendation) that the site's CSV links also give."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess

import pytest
from actionplans.db import flat, site
from site_db import CLI

pytestmark = pytest.mark.anyio
FLAT = flat.ACTION_COLUMNS
AS_OF = "2021-07-01"


def export(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(CLI) if CLI.exists() else "actionplans", "export", *args], capture_output=True,
                          text=True, timeout=120)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def count(db_path, table: str) -> int:
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as c:
        return c.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]


def test_default_is_one_row_per_action(db_path):
    out = export("--db", str(db_path)).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == count(db_path, "actions") > 0
    assert list(rows[0]) == FLAT
    for r in rows:
        assert r["recommendation"] and r["action"] and r["document"] and r["pdf"].endswith(".pdf")
        assert int(r["page"]) >= 1
    assert any(r["decision"] == "Not agreed" for r in rows)
    assert any(r["owners"] and r["due"] for r in rows)
    assert all(r["pdf_page"].endswith(f".pdf#page={r['page']}") for r in rows)


async def test_same_rows_as_the_site_csv(db_path):
    ds = site.datasette(db_path)
    for kind in flat.KINDS:
        r = await ds.client.get(f"/-/csv/{kind}.csv?as_of=01/07/2021")
        assert r.status_code == 200
        ours = export("--db", str(db_path), "--rows", kind, "--as-of", AS_OF, "--base-url", "http://localhost").stdout
        theirs = list(csv.reader(io.StringIO(r.text)))
        mine = list(csv.reader(io.StringIO(ours)))
        assert mine[0] == theirs[0] and mine == theirs and len(mine) > 10


def test_excel_gets_a_byte_order_mark(db_path):
    raw = subprocess.run([str(CLI) if CLI.exists() else "actionplans", "export", "--db", str(db_path), "--excel"],
                         capture_output=True, timeout=120).stdout
    assert raw.startswith(b"\xef\xbb\xbf") and raw[3:].decode("utf-8").startswith("document,")
    assert not export("--db", str(db_path)).stdout.startswith("\ufeff")


def test_as_of_counts_overdue_and_reads_uk_dates(db_path):
    uk = export("--db", str(db_path), "--as-of", "01/07/2021").stdout
    assert uk == export("--db", str(db_path), "--as-of", AS_OF).stdout
    rows = list(csv.DictReader(io.StringIO(uk)))
    late = [r for r in rows if r["overdue"] == "yes"]
    assert late and all(r["due"] < AS_OF and r["as_of"] == AS_OF and r["status"] != "Due" for r in late)
    bad = export("--db", str(db_path), "--as-of", "31/31/2021", check=False)
    assert bad.returncode == 2 and "is not a date" in bad.stderr


def test_json_and_other_tables(db_path):
    rows = json.loads(export("--db", str(db_path), "--format", "json").stdout)
    assert len(rows) == count(db_path, "actions") and set(rows[0]) == set(FLAT)
    recs = json.loads(export("--db", str(db_path), "--format", "json", "--rows", "recommendations").stdout)
    assert len(recs) == count(db_path, "recommendations") and list(recs[0]) == flat.RECOMMENDATION_COLUMNS
    recs = list(csv.DictReader(io.StringIO(export("--db", str(db_path), "--table", "recommendations").stdout)))
    assert len(recs) == count(db_path, "recommendations")
    overdue = list(csv.DictReader(io.StringIO(export("--db", str(db_path), "--table", "overdue_actions").stdout)))
    assert len(overdue) == count(db_path, "overdue_actions")


def test_an_empty_table_still_has_its_header(db_path):
    out = export("--db", str(db_path), "--table", "invalid_records").stdout
    assert out.splitlines()[0].startswith("id,")


def test_an_unknown_table_is_one_clear_line(db_path):
    proc = export("--db", str(db_path), "--table", "nope", check=False)
    assert proc.returncode != 0 and proc.stdout == ""
    assert proc.stderr.startswith("Error: no table or view named 'nope'; try one of: ")
    assert "action_rows" in proc.stderr and "_fts" not in proc.stderr


def test_export_does_not_change_the_database(db_path):
    before = db_path.stat().st_mtime_ns, db_path.read_bytes()
    export("--db", str(db_path))
    assert (db_path.stat().st_mtime_ns, db_path.read_bytes()) == before
