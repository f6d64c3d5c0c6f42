"""URLs: downloads are bounded in time and size, must be PDFs, and keep their bytes and their URL.

Served by a local http.server on 127.0.0.1 in a thread; nothing leaves the machine.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from actionplans.extract import errors
from actionplans.extract.fetch import DownloadFailed, fetch
from cli_run import invoke

REPO = Path(__file__).resolve().parents[1]
PLAN = (REPO / "corpus" / "v3-hmpps-2021-hmp-ashcombe.pdf").read_bytes()
BIG = b"%PDF-1.4\n" + b"0" * 2_000_000


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass

    def send(self, status: int, body: bytes, kind: str = "application/pdf", length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up, as it was meant to
            pass

    def do_GET(self):
        if self.path == "/plan.pdf":
            self.send(200, PLAN)
        elif self.path == "/missing.pdf":
            self.send(404, b"<html>not here</html>", "text/html")
        elif self.path == "/slow.pdf":
            time.sleep(3)
            self.send(200, PLAN)
        elif self.path == "/trickle.pdf":
            self.send_response(200)
            self.end_headers()
            try:
                for i in range(30):
                    self.wfile.write(PLAN[i * 100:(i + 1) * 100])
                    self.wfile.flush()
                    time.sleep(0.1)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif self.path == "/report":
            self.send(200, b"<!DOCTYPE html><html><body>Action plan published</body></html>", "text/html")
        elif self.path == "/big.pdf":
            self.send(200, BIG)
        elif self.path == "/big-unannounced.pdf":
            self.send(200, BIG, length=False)
        else:
            self.send(404, b"")


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_a_pdf_is_kept_under_its_sha256(server, tmp_path):
    got = fetch(f"{server}/plan.pdf", tmp_path)
    sha = hashlib.sha256(PLAN).hexdigest()
    assert (got.sha256, got.size, Path(got.path)) == (sha, len(PLAN), tmp_path / f"{sha}.pdf")
    assert Path(got.path).read_bytes() == PLAN
    assert fetch(f"{server}/plan.pdf", tmp_path).path == got.path  # a second download lands on the same file


@pytest.mark.parametrize("route, kwargs, error, message", [
    ("/missing.pdf", {}, DownloadFailed, "the server answered 404 Not Found"),
    ("/slow.pdf", {"timeout": 0.5}, DownloadFailed, "timed out after 0.5 s"),
    ("/trickle.pdf", {"timeout": 1}, DownloadFailed, "timed out after 1 s"),
    ("/report", {}, errors.NotAPDF, "not a PDF: the server sent an HTML page"),
    ("/big.pdf", {"max_bytes": 1_000_000}, DownloadFailed,
     "the file is 2,000,009 bytes, more than --max-bytes 1,000,000"),
    ("/big-unannounced.pdf", {"max_bytes": 1_000_000}, DownloadFailed,
     "the file is more than --max-bytes 1,000,000 bytes"),
])
def test_bad_downloads_fail_with_a_reason(server, tmp_path, route, kwargs, error, message):
    t0 = time.monotonic()
    with pytest.raises(error) as e:
        fetch(f"{server}{route}", tmp_path, **kwargs)
    assert e.value.message == message
    assert e.value.path == f"{server}{route}"
    assert time.monotonic() - t0 < 2.5
    assert list(tmp_path.iterdir()) == []  # nothing half-written is left behind


def test_the_cli_records_the_url_as_the_source(server, tmp_path):
    db, cache = tmp_path / "x.db", tmp_path / "cache"
    url = f"{server}/plan.pdf"
    args = ["extract", "--no-annotate", "--db", str(db), "--cache", str(cache), "--timeout", "0.5"]
    r = invoke(args + [url, f"{server}/missing.pdf", f"{server}/slow.pdf"])
    assert r.exit_code == 1, r.output
    assert sorted(line for line in r.stderr.splitlines() if line.startswith("Error:")) == [
        f"Error: {server}/missing.pdf: the server answered 404 Not Found "
        "(check the URL, or download the file and give its path)",
        f"Error: {server}/slow.pdf: timed out after 0.5 s (check the URL, or download the file and give its path)"]
    sha = hashlib.sha256(PLAN).hexdigest()
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT id, url, path FROM documents").fetchall() == [(sha, url, str(cache / f"{sha}.pdf"))]
        assert c.execute("SELECT location, url, path FROM document_paths").fetchall() == [
            (url, url, str(cache / f"{sha}.pdf"))]
        assert sorted(c.execute("SELECT url, status, reason FROM ingest_log")) == [
            (f"{server}/missing.pdf", "failed", "download failed"), (url, "loaded", None),
            (f"{server}/slow.pdf", "failed", "download failed")]
    assert (cache / f"{sha}.pdf").read_bytes() == PLAN
    again = invoke(args + [url])
    assert again.exit_code == 0 and "1 unchanged" in again.stderr
