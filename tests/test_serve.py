"""`actionplans serve` as a process, and the command line around it: a database written while it is served,
stopping on TERM and Ctrl-C with nothing left behind, the default database, --help examples, failed downloads."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from site_db import CLI, CORPUS, REPO

EXE = str(CLI) if CLI.exists() else "actionplans"
SMALL = ["v3-hmpps-2021-hmp-ashcombe.pdf", "v2-hmpps-2018-hmp-brackenfield.pdf"]
LATER = "v9-home-office-2021-thornleigh-irc.pdf"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")


def _extract(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([EXE, "extract", "--no-annotate", "--workers", "1", *args], capture_output=True, text=True,
                          timeout=300, cwd=cwd)


def _serve(db: Path, tmp: Path) -> tuple[subprocess.Popen, str]:
    """Start `actionplans serve` with its own TMPDIR (to see what it leaves there); wait until it answers."""
    port = _free_port()
    (tmp / "tmpdir").mkdir(exist_ok=True)
    env = {**os.environ, "TMPDIR": str(tmp / "tmpdir")}
    log = open(tmp / "serve.log", "w")
    proc = subprocess.Popen([EXE, "serve", "--db", str(db), "--port", str(port)], stdout=log, stderr=subprocess.STDOUT,
                            env=env, cwd=REPO)
    url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        if proc.poll() is not None:
            pytest.fail(f"serve exited: {(tmp / 'serve.log').read_text()}")
        try:
            with urllib.request.urlopen(url + "/-/versions.json", timeout=1):
                return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    pytest.fail(f"serve did not answer: {(tmp / 'serve.log').read_text()}")


def _children(pid: int) -> list[str]:
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        out += (task / "children").read_text().split()
    return out


@pytest.fixture()
def small_db(tmp_path):
    pdfs = tmp_path / "pdfs"
    pdfs.mkdir()
    for name in [*SMALL, "provenance.yml"]:
        shutil.copy2(CORPUS / name, pdfs / name)
    db = tmp_path / "plans.db"
    r = _extract(str(pdfs), "--db", str(db))
    assert r.returncode == 0, r.stderr
    return db


def test_plans_extracted_while_serving_appear_on_the_next_page_load(small_db, tmp_path):
    proc, url = _serve(small_db, tmp_path)
    try:
        status, home = _get(url + "/")
        assert status == 200 and "Thornleigh" not in home
        count = json.loads(_get(url + "/plans/documents.json?_shape=objects")[1])["rows"]
        assert len(count) == 2
        later = tmp_path / "later"
        later.mkdir()
        shutil.copy2(CORPUS / LATER, later / LATER)
        r = _extract(str(later / LATER), "--db", str(small_db), "--provenance", "sample")
        assert r.returncode == 0, r.stderr
        status, home = _get(url + "/")
        assert status == 200 and "Thornleigh" in home
        assert "3 of the 3 plans here were made for this project" in " ".join(home.split())
        rows = json.loads(_get(url + "/plans/documents.json?_shape=objects")[1])["rows"]
        assert len(rows) == 3
        status, table = _get(url + "/plans/documents")
        assert status == 200 and "3 rows" in table, "table counts are current"
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    log = (tmp_path / "serve.log").read_text()
    assert "Traceback" not in log and "malformed" not in log


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_serve_stops_on_term_and_ctrl_c_leaving_nothing(small_db, tmp_path, sig):
    proc, url = _serve(small_db, tmp_path)
    try:
        assert _children(proc.pid) == [], "serve runs the site itself, with no child process to leave behind"
        assert _get(url + "/")[0] == 200
        proc.send_signal(sig)
        code = proc.wait(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert code == 0, (tmp_path / "serve.log").read_text()
    with pytest.raises(OSError):
        urllib.request.urlopen(url + "/", timeout=2)
    assert list((tmp_path / "tmpdir").iterdir()) == [], "no temporary folder left behind"
    assert "Traceback" not in (tmp_path / "serve.log").read_text()


def test_extract_without_json_or_db_writes_the_default_database_and_says_where(tmp_path):
    shutil.copy2(CORPUS / SMALL[0], tmp_path / "plan.pdf")
    r = _extract("plan.pdf", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "db" / "actionplans.db").is_file()
    assert "Saved into db/actionplans.db" in r.stderr and "actionplans serve" in r.stderr
    j = _extract("plan.pdf", "--json", cwd=tmp_path)
    assert json.loads(j.stdout)["recommendations"] and "Saved into" not in j.stderr


def test_every_command_has_an_example_in_its_help():
    out = subprocess.run([EXE, "--help"], capture_output=True, text=True).stdout
    listed = out.split("Commands:")[1].split("Examples:")[0]
    commands = [line.split()[0] for line in listed.splitlines() if line.startswith("  ") and line.strip()
                and not line.startswith("    ")]
    assert {"extract", "serve", "export", "evaluate"} <= set(commands)
    assert "Examples:" in out
    for c in commands:
        text = subprocess.run([EXE, c, "--help"], capture_output=True, text=True).stdout
        assert "Examples:" in text and f"actionplans {c}" in text.split("Examples:")[1], c


def test_a_failed_download_leaves_no_cache_folder(tmp_path):
    port = _free_port()  # nothing listens there
    r = _extract(f"http://127.0.0.1:{port}/plan.pdf", "--json", cwd=tmp_path)
    assert r.returncode == 1 and "download failed" in r.stderr.lower() or "cannot download" in r.stderr
    assert not (tmp_path / "db").exists()
    r = _extract(f"http://127.0.0.1:{port}/plan.pdf", "--db", "x.db", cwd=tmp_path)
    assert r.returncode == 1 and not (tmp_path / "db" / "cache").exists()
