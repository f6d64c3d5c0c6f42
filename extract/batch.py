"""Many inputs -> one database: every input gets an outcome, every document its own transaction.

In: paths, folders and URLs; an open database (or none, to extract only).
Out: one `Outcome` per input file (loaded, replaced, unchanged, failed with a reason), written to the
`ingest_log` table as it happens, and the documents themselves when asked for.

Files the database already holds (same bytes at the same location) are skipped after hashing, before
any parsing, so a re-run costs little. Documents are extracted by worker processes in parallel while
this process alone writes to the database, each document as it finishes, in one transaction; a run
killed at any moment leaves whole documents only, and running it again completes the rest.
"""

from __future__ import annotations

import datetime as dt
import os
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the schemas (pydantic) load only when a document is parsed: re-runs skip them
    from actionplans.schemas import Document

from . import errors
from .fetch import DEFAULT_CACHE, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, fetch, is_url, sha256_file
from .ocr import OcrSettings
from .provenance import of as provenance_of

LOADED, REPLACED, UNCHANGED, FAILED = "loaded", "replaced", "unchanged", "failed"


@dataclass
class Outcome:
    """What happened to one input. `line` is the one-line message a person reads for a failure."""

    location: str
    status: str
    path: str | None = None
    url: str | None = None
    sha256: str | None = None
    size: int | None = None
    pages: int | None = None
    reason: str | None = None
    message: str | None = None
    page: int | None = None
    seconds: float = 0.0
    recommendations: int = 0
    problems: list[dict] = field(default_factory=list)
    traceback: str | None = None
    ocr: bool | None = None  # read through OCR; None when the file was not read in this run

    @property
    def line(self) -> str:
        where = f"{self.location} page {self.page}" if self.page else self.location
        return f"{where}: {self.message or self.reason}"


@dataclass
class Job:
    index: int
    location: str
    path: str
    url: str | None
    sha256: str
    size: int


def find_inputs(paths: Iterable[str]) -> list[str]:
    """URLs and files as given; folders searched recursively for *.pdf (any case), in a stable order."""
    out: list[str] = []
    for p in paths:
        if not is_url(p) and os.path.isdir(p):
            out += sorted(os.path.normpath(f) for f in Path(p).rglob("*") if f.is_file() and f.suffix.lower() == ".pdf")
        else:
            out.append(p if is_url(p) else os.path.normpath(p))
    return out


def _failure(e: errors.ExtractError) -> dict:
    return {"reason": e.reason, "message": e.message + (f" ({e.hint})" if e.hint else ""), "page": e.page,
            "problems": list(getattr(e, "problems", []))}


def _warm(annotate: bool) -> None:
    """Worker start-up: import the pipeline (and the language model) once per process, not per file."""
    from . import pipeline  # noqa: F401
    if annotate:
        try:
            from . import nlp
            nlp.get_nlp()
        except Exception:  # no model installed: the first document says so, with its path
            pass


def _as_data(work: Callable[[], dict]) -> dict:
    """Run one worker task: its result, or its failure as data (a domain error's reason, or an
    unexpected exception with its traceback, so the batch goes on and says which file), timed."""
    t0 = time.perf_counter()
    try:
        res = work()
    except errors.ExtractError as e:
        res = {"error": _failure(e)}
    except Exception as e:  # a bug, not a bad file
        res = {"error": {"reason": "extractor error", "message": f"unexpected {type(e).__name__}: {e}",
                         "page": None, "problems": [], "traceback": traceback.format_exc()}}
    res["seconds"] = round(time.perf_counter() - t0, 3)
    return res


def extract_one(path: str, annotate: bool = True, as_of: dt.date | None = None, read=None,
                sha256: str | None = None, ocr: OcrSettings | None = None, reader: str = "pdfium") -> dict:
    """Run the pipeline on one file and return a picklable result (domain errors become data).
    `read`: the pages already read by `read_range` calls, when a long file was read in parallel;
    `ocr`: when and how pages with no text layer are OCR'd (auto, into the default cache, if None);
    `reader`: which backend reads the pages (extract/reader.py: pdfium, or pdfplumber's own)."""
    from .pipeline import extract_with_problems

    def work() -> dict:
        doc, problems = extract_with_problems(path, annotate=annotate, as_of=as_of, read=read, sha256=sha256,
                                              ocr_settings=ocr, reader=reader)
        return {"document": doc, "problems": problems}
    return _as_data(work)


def read_range(path: str, first: int, last: int, reader: str = "pdfium") -> dict:
    """Read pages first..last of a long file (one share of it, for one worker); errors become data."""
    from .pipeline import read_pages

    def work() -> dict:
        n, pages = read_pages(Path(path), first, last, reader=reader)
        return {"n": n, "pages": pages}
    return _as_data(work)


SPLIT_PAGES = 40  # a file longer than this is read in page ranges by all the workers at once


def page_count(path: str) -> int:
    """Pages in a PDF, cheaply (pdfium reads the page tree only); 0 when it cannot tell."""
    try:
        import pypdfium2
        pdf = pypdfium2.PdfDocument(path)
        try:
            return len(pdf)
        finally:
            pdf.close()
    except Exception:
        return 0


@dataclass
class Run:
    outcomes: list[Outcome]
    documents: list[Document]

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == FAILED]

    def summary(self, to_db: bool = True) -> str:
        n = len(self.outcomes)
        parts = [f"{self.count(LOADED)} {'loaded' if to_db else 'extracted'}"]
        if to_db:
            parts += [f"{self.count(REPLACED)} replaced", f"{self.count(UNCHANGED)} unchanged"]
        elif self.count(UNCHANGED):
            parts.append(f"{self.count(UNCHANGED)} repeated")  # the same file under another name
        parts.append(f"{self.count(FAILED)} failed")
        recs = sum(o.recommendations for o in self.outcomes if o.status in (LOADED, REPLACED))
        scans = sum(bool(o.ocr) for o in self.outcomes if o.status in (LOADED, REPLACED))
        return f"{n} file{'s' if n != 1 else ''}: " + ", ".join(parts) + f" ({recs} recommendations read" + (
            f"; {scans} file{'s' if scans != 1 else ''} read through OCR)" if scans else ")")


def run(inputs: Iterable[str], db=None, *, workers: int | None = None, annotate: bool = True,
        as_of: dt.date | None = None, force: bool = False, keep_documents: bool = False,
        cache_dir: str = DEFAULT_CACHE, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES,
        on_outcome: Callable[[Outcome], None] | None = None, ocr: str = "auto",
        provenance: str | None = None, reader: str = "pdfium") -> Run:
    """Extract every input and, with a database, load it. See the module docstring. `db` is an open
    sqlite-utils Database, a path to one, or None to extract only. Given a path to a database that
    already has its shape, inputs that need no parsing are settled over a plain connection, and
    sqlite-utils (and the pipeline) load only when something must be parsed or written. `provenance`
    (published, rebuilt, sample) is stored with every document; without it, each input's provenance.yml says.
    `reader` (pdfium, pdfplumber): which backend reads the pages (extract/reader.py)."""
    from actionplans.db import load

    # `ocr` (auto, always, never): when pages are OCR'd; the OCR'd copies are cached beside the downloads.
    ocr_settings = OcrSettings(mode=ocr, cache_dir=cache_dir)
    if isinstance(db, str | os.PathLike):
        conn = load.current(str(db))
        db = conn if conn is not None else load.open_db(str(db))
    full_db = db  # becomes a sqlite-utils Database the first time a document or failure is written

    def writer():
        nonlocal db, full_db
        if full_db is not None and not hasattr(full_db, "atomic"):
            db = full_db = load.open_db(full_db)
        return full_db

    at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    locations = find_inputs(inputs)
    outcomes: list[Outcome | None] = [None] * len(locations)
    documents: dict[int, Document] = {}

    # Unchanged files found while hashing are logged together in one transaction (flushed before anything
    # else is written, and once hashing ends): a commit each cost a re-run of 19 files 0.25 s of disk syncs.
    unchanged: list[tuple] = []

    def flush() -> None:
        if unchanged:
            load.add_locations(db, unchanged)
            unchanged.clear()

    def finish(i: int, o: Outcome, doc: Document | None = None, defer: bool = False) -> None:
        """Settle one input: write what it brought (one transaction with its log entry) and report it.
        `defer`: an unchanged file's location and log entry wait for `flush`."""
        if db is not None:
            if not (defer and o.status == UNCHANGED):
                flush()
            if o.status == UNCHANGED and o.pages is None:
                o.pages = load.pages_of(db, o.sha256)
            entry = {"at": at, "path": o.path, "url": o.url, "sha256": o.sha256, "size": o.size, "pages": o.pages,
                     "status": o.status, "reason": o.reason, "message": o.message, "page": o.page,
                     "seconds": o.seconds, "ocr": None if o.ocr is None else int(o.ocr)}
            if o.status == FAILED:
                load.save_failure(writer(), entry, o.problems, location=o.location)
            elif o.status == UNCHANGED and defer:
                unchanged.append((o.location, o.sha256, o.path, o.url, entry))
            elif o.status == UNCHANGED:
                load.add_location(db, o.location, o.sha256, path=o.path, url=o.url, entry=entry)
            elif doc is not None:
                o.status = load.save(writer(), doc, location=o.location, problems=o.problems, entry=entry,
                                     provenance=provenance or provenance_of(o.location))
        outcomes[i] = o
        if on_outcome:
            on_outcome(o)

    def known(loc: str, sha: str) -> str | None:
        """Why the database needs nothing from this file, if it does not."""
        if db is None or force or not load.has_document(db, sha):
            return None
        if load.holding(db, loc) == sha:
            return "already loaded"
        others = load.locations_of(db, sha)
        return f"same file as {others[0]}" if others else "already loaded"

    # 1. Fetch URLs and hash files here, so files the database already holds are never parsed.
    jobs: list[Job] = []
    first_of: dict[str, Job] = {}
    copies: dict[str, list[Job]] = {}
    for i, loc in enumerate(locations):
        url = loc if is_url(loc) else None
        t0 = time.perf_counter()
        try:
            if url:
                got = fetch(url, cache_dir, timeout=timeout, max_bytes=max_bytes)
                path, sha, size = got.path, got.sha256, got.size
            else:
                path = loc
                sha, size = sha256_file(loc)
        except errors.ExtractError as e:
            f = _failure(e)
            finish(i, Outcome(loc, FAILED, path=None if url else loc, url=url, reason=f["reason"],
                              message=f["message"], seconds=round(time.perf_counter() - t0, 3)))
            continue
        except OSError as e:
            finish(i, Outcome(loc, FAILED, path=loc, reason="cannot read",
                              message="no such file" if isinstance(e, FileNotFoundError) else f"cannot read ({e})"))
            continue
        job = Job(i, loc, path, url, sha, size)
        if sha in first_of:  # the same bytes twice in this run: parse once, record both names
            copies.setdefault(sha, []).append(job)
            continue
        reason = None if keep_documents else known(loc, sha)
        if reason:
            finish(i, Outcome(loc, UNCHANGED, path=path, url=url, sha256=sha, size=size, reason=reason,
                              seconds=round(time.perf_counter() - t0, 3)), defer=True)
            first_of[sha] = job
            continue
        first_of[sha] = job
        jobs.append(job)
    if db is not None:
        flush()

    def done(job: Job, res: dict) -> None:
        base = {"path": job.path, "url": job.url, "sha256": job.sha256, "size": job.size, "seconds": res["seconds"]}
        if "error" in res:
            e = res["error"]
            o = Outcome(job.location, FAILED, reason=e["reason"], message=e["message"], page=e["page"],
                        problems=e["problems"], traceback=e.get("traceback"), **base)
            finish(job.index, o)
        else:
            doc: Document = res["document"]
            if job.url:
                doc.source.url = job.url
            problems = res["problems"]
            n = len(problems)
            o = Outcome(job.location, LOADED, pages=doc.source.pages, recommendations=len(doc.recommendations),
                        problems=problems, ocr=doc.source.ocr,
                        reason=f"{n} row{'s' if n != 1 else ''} failed validation (see invalid_records)" if n else None,
                        **base)
            reason = known(job.location, job.sha256)  # asked to print the documents, so parsed anyway
            if reason:
                o.status, o.reason = UNCHANGED, reason
            finish(job.index, o, doc)
            if keep_documents:
                documents[job.index] = doc
        for c in copies.pop(job.sha256, []):
            first = outcomes[job.index]
            if first.status == FAILED:
                finish(c.index, Outcome(c.location, FAILED, path=c.path, url=c.url, sha256=c.sha256, size=c.size,
                                        reason=first.reason, message=first.message, page=first.page))
            else:
                finish(c.index, Outcome(c.location, UNCHANGED, path=c.path, url=c.url, sha256=c.sha256,
                                        size=c.size, pages=first.pages, reason=f"same file as {job.location}"))

    # 2. Extract in parallel; this process is the only writer, in order of completion.
    workers = max(1, workers or os.cpu_count() or 1)
    if not jobs:
        pass  # nothing to parse: do not pay for loading the pipeline and the language model
    elif workers == 1:
        _warm(annotate)
        for job in jobs:
            done(job, extract_one(job.path, annotate, as_of, sha256=job.sha256, ocr=ocr_settings, reader=reader))
    else:
        _parallel(jobs, workers, annotate, as_of, done, ocr_settings, reader)
    # Copies of a file that was skipped as unchanged were never dispatched: settle them now.
    for sha, rest in list(copies.items()):
        first = first_of[sha]
        for c in rest:
            finish(c.index, Outcome(c.location, UNCHANGED, path=c.path, url=c.url, sha256=c.sha256, size=c.size,
                                    reason=f"same file as {first.location}"))
    return Run([o for o in outcomes if o is not None], [documents[i] for i in sorted(documents)])


def _parallel(jobs: list[Job], workers: int, annotate: bool, as_of, done: Callable[[Job, dict], None],
              ocr: OcrSettings | None = None, reader: str = "pdfium") -> None:
    """Run `extract_one` over the jobs in a pool of spawned processes, at most 2 tasks per worker in
    flight so results never pile up faster than they are written. A file longer than SPLIT_PAGES is
    read in page ranges by every worker at once, then assembled by one, so a single long plan still
    keeps both cores busy. A worker that dies (out of memory, a crash in a C library) takes the pool
    down with every task in flight; those files are tried again at the end, each alone in its own
    process, so only the file that kills its process fails."""
    ctx = get_context("spawn")

    def pool(n: int = workers) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=n, mp_context=ctx, initializer=_warm, initargs=(annotate,))

    queue: deque[tuple] = deque()
    parts: dict[int, dict] = {}  # job index -> the ranges of a long file read so far
    counted = sorted(((page_count(job.path), job) for job in jobs), key=lambda c: -c[0])
    for n, job in counted:  # longest first, so the small files fill in while a long one is assembled
        if n > SPLIT_PAGES:
            size = -(-n // (2 * workers))
            ranges = [(a, min(n, a + size - 1)) for a in range(1, n + 1, size)]
            parts[job.index] = {"need": len(ranges), "got": {}, "n": n, "seconds": 0.0}
            queue.extend(("range", job, a, b) for a, b in ranges)
        else:
            queue.append(("whole", job))
    inflight: dict = {}
    suspects: dict[int, Job] = {}
    ex = pool()

    def submit(task: tuple):
        kind, job = task[0], task[1]
        if kind == "range":
            return ex.submit(read_range, job.path, task[2], task[3], reader)
        if kind == "assemble":
            return ex.submit(extract_one, job.path, annotate, as_of, task[2], job.sha256, ocr, reader)
        return ex.submit(extract_one, job.path, annotate, as_of, None, job.sha256, ocr, reader)

    def settle(task: tuple, res: dict) -> None:
        kind, job = task[0], task[1]
        if kind != "range":
            if kind == "assemble":
                res["seconds"] = round(res["seconds"] + parts.pop(job.index)["seconds"], 3)
            done(job, res)
            return
        part = parts[job.index]
        part["seconds"] += res["seconds"]
        if part.get("error"):
            return
        if "error" in res:
            part["error"] = True
            done(job, res)
            return
        part["got"][task[2]] = res["pages"]
        if len(part["got"]) == part["need"]:
            pages = [p for a in sorted(part["got"]) for p in part["got"][a]]
            queue.appendleft(("assemble", job, (part["n"], pages)))

    try:
        while queue or inflight:
            broken = False
            while queue and len(inflight) < 2 * workers and not broken:
                task = queue.popleft()
                try:
                    inflight[submit(task)] = task
                except BrokenProcessPool:
                    queue.appendleft(task)
                    broken = True
            finished = wait(inflight, return_when=FIRST_COMPLETED)[0] if inflight and not broken else set()
            for fut in finished:
                task = inflight.pop(fut)
                try:
                    res = fut.result()
                except BrokenProcessPool:
                    broken = True
                    suspects[task[1].index] = task[1]
                    continue
                settle(task, res)
            if broken:
                for task in inflight.values():
                    suspects[task[1].index] = task[1]
                inflight.clear()
                queue = deque(t for t in queue if t[1].index not in suspects)
                ex.shutdown(wait=False, cancel_futures=True)
                ex = pool()
    finally:
        ex.shutdown(wait=True, cancel_futures=True)
    for index in sorted(suspects):
        job = suspects[index]
        parts.pop(index, None)
        with pool(1) as solo:
            try:
                res = solo.submit(extract_one, job.path, annotate, as_of, None, job.sha256, ocr, reader).result()
            except BrokenProcessPool:
                res = {"error": {"reason": "extractor error", "page": None, "problems": [], "message":
                                 "the extracting process died on this file (out of memory, or a crash in a library)"},
                       "seconds": 0.0}
        done(job, res)
