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
import gc
import itertools
import os
import time
from collections import deque, namedtuple
from collections.abc import Callable, Iterable
from pathlib import Path

from . import errors
from .fetch import DEFAULT_CACHE, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, fetch, is_url, sha256_file

# What only parsing needs loads when something is parsed (a re-run of unchanged files skips it all): the schemas
# (pydantic), the process pool, the OCR settings, provenance.yml's reader (yaml), and pickle, tempfile and traceback
# (some 8 ms of a re-run's 85); and neither typing nor dataclasses (which imports inspect), 7 ms of a re-run's 55.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from actionplans.schemas import Document

    from .ocr import OcrSettings

LOADED, REPLACED, UNCHANGED, FAILED = "loaded", "replaced", "unchanged", "failed"


def _provenance_of(location: str):
    from .provenance import of
    return of(location)


class Outcome:
    """What happened to one input. `line` is the one-line message a person reads for a failure. `ocr`: read through
    OCR; None when the file was not read in this run."""

    def __init__(self, location: str, status: str, path: str | None = None, url: str | None = None,
                 sha256: str | None = None, size: int | None = None, pages: int | None = None,
                 reason: str | None = None, message: str | None = None, page: int | None = None, seconds: float = 0.0,
                 recommendations: int = 0, problems: list[dict] | None = None, traceback: str | None = None,
                 ocr: bool | None = None) -> None:
        self.location, self.status, self.path, self.url, self.sha256 = location, status, path, url, sha256
        self.size, self.pages, self.reason, self.message, self.page = size, pages, reason, message, page
        self.seconds, self.recommendations, self.traceback, self.ocr = seconds, recommendations, traceback, ocr
        self.problems = [] if problems is None else problems

    def __repr__(self) -> str:
        return f"Outcome({', '.join(f'{k}={v!r}' for k, v in vars(self).items())})"

    @property
    def line(self) -> str:
        where = f"{self.location} page {self.page}" if self.page else self.location
        return f"{where}: {self.message or self.reason}"


Job = namedtuple("Job", "index location path url sha256 size")


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
    """Worker start-up: import the pipeline and load what it loads on first use (dateparser's English data, the
    broken-word vocabulary, the owner gazetteer) and the language model, once per process, not per file."""
    from . import pipeline
    pipeline.warm()
    if annotate:
        try:
            from . import nlp
            nlp.get_nlp()
        except Exception:  # no model installed: the first document says so, with its path
            pass
    _quiet_collector()


def _quiet_collector() -> None:
    """The collector's settings for a process that extracts or writes documents. What start-up loaded (spaCy,
    pydantic's schemas, dateparser's data: some 130,000 objects the collector tracks) lives as long as the process:
    leave it out of the collector's full passes, which had walked it all again and again, about 0.3 s of the bench
    set's 4.5 s. A plan's pages make hundreds of thousands of short-lived containers with no reference cycles (words,
    lines, cells; and a writer unpickles a document's records), which refcounting frees; collecting every 700
    allocations walked them to no purpose: every 10,000 cost the bench set 0.1-0.3 s less CPU, for cyclic garbage
    (of which a plan makes little) freed a little later."""
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def _warm_forms() -> None:
    """What preparing texts for the recurring-recommendation links loads on first use (the lemma table, the
    stemmer, the phrase lists, the synonyms), loaded on a text of no plan."""
    from .recurring import prepare
    prepare("Prisoners should be able to attend education, work and activities every day.")


def forms_of(recommendations: list, folder: str | None = None) -> tuple[str, dict]:
    """Each recommendation text's prepared form for the recurring-recommendation links (`recurring.prepare`), with
    the settings it was prepared under: worked out by the workers, in parallel, rather than by the one writer when
    it saves the document (a long plan's texts had cost the writer a third of a second, after the workers were
    done). `folder`: where the run's workers leave the texts they prepare, a file per document, and take those the
    others left (`_take_forms`): plans repeat recommendations word for word, and a text costs some 2.5 ms to prepare,
    so each is prepared once per run rather than once in every worker that meets it (on the bench set 200 times for
    122 texts, the writer preparing again those a long plan shares with documents it had not yet received)."""
    from .recurring import SETTINGS, prepare
    settings, out, new = repr(SETTINGS), {}, {}
    if len(_FORMS) > 50_000:
        _FORMS.clear()
    if folder is not None:
        _take_forms(folder, settings)
    for r in recommendations:
        if r.text not in out:
            key = (r.text, settings)
            if key not in _FORMS:
                _FORMS[key] = new[r.text] = prepare(r.text)
            out[r.text] = _FORMS[key]
    if folder is not None and new:
        _leave_forms(folder, settings, new)
    return settings, out


_FORMS: dict[tuple[str, str], object] = {}  # this process's prepared texts (`forms_of`), by text and settings
_TAKEN: set[str] = set()  # the files of the run's prepared texts this process holds (`_take_forms`, `_leave_forms`)
_LEFT = itertools.count()  # numbers the files this process leaves (`_leave_forms`)


def _take_forms(folder: str, settings: str) -> None:
    """The texts other workers of the run prepared, into this process's `_FORMS`: files it has not taken yet. A file
    that cannot be read is passed over: its texts are prepared here again."""
    import pickle
    for name in os.listdir(folder):
        if name in _TAKEN or name.endswith(".tmp"):
            continue
        _TAKEN.add(name)
        try:
            with open(os.path.join(folder, name), "rb") as f:
                got, forms = pickle.load(f)
        except (OSError, EOFError, pickle.UnpicklingError):
            continue
        if got == settings:
            for text, form in forms.items():
                _FORMS.setdefault((text, settings), form)


def _leave_forms(folder: str, settings: str, forms: dict) -> None:
    """Leave the texts this process prepared for the run's other workers (`_take_forms`), whole or not at all; a
    folder that cannot take them costs only their being prepared again elsewhere."""
    import pickle
    name = f"{os.getpid()}-{next(_LEFT)}"
    path = os.path.join(folder, name)
    try:
        with open(f"{path}.tmp", "wb") as f:
            pickle.dump((settings, forms), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(f"{path}.tmp", path)
    except OSError:
        return
    _TAKEN.add(name)


def _as_data(work: Callable[[], dict]) -> dict:
    """Run one worker task: its result, or its failure as data (a domain error's reason, or an
    unexpected exception with its traceback, so the batch goes on and says which file), timed."""
    t0 = time.perf_counter()
    try:
        res = work()
    except errors.ExtractError as e:
        res = {"error": _failure(e)}
    except Exception as e:  # a bug, not a bad file
        import traceback
        res = {"error": {"reason": "extractor error", "message": f"unexpected {type(e).__name__}: {e}",
                         "page": None, "problems": [], "traceback": traceback.format_exc()}}
    res["seconds"] = round(time.perf_counter() - t0, 3)
    return res


def extract_one(path: str, annotate: bool = True, as_of: dt.date | None = None, read=None,
                sha256: str | None = None, ocr: OcrSettings | None = None, reader: str = "pdfium",
                forms: str | None = None) -> dict:
    """Run the pipeline on one file and return a picklable result (domain errors become data).
    `read`: the pages already read, as `read_pages` gives them, or a `Shared` long file whose pages this
    worker reads together with the workers running `read_share` on it;
    `ocr`: when and how pages with no text layer are OCR'd (auto, into the default cache, if None);
    `reader`: which backend reads the pages (extract/reader.py: pdfium, or pdfplumber's own);
    `forms`: also give the recommendations' texts prepared for the recurring links (`forms_of`), the run's workers
    sharing what they prepare through this folder."""
    from .pipeline import extract_with_problems

    def work() -> dict:
        pages = read.gather(path, reader) if isinstance(read, Shared) else read
        doc, problems = extract_with_problems(path, annotate=annotate, as_of=as_of, read=pages, sha256=sha256,
                                              ocr_settings=ocr, reader=reader)
        return {"document": doc, "problems": problems,
                **({"forms": forms_of(doc.recommendations, forms)} if forms is not None else {})}
    return _as_data(work)


class Shared(namedtuple("Shared", "folder pages size")):
    """A long file read by several workers at once, without its pages passing through this process: its pages
    fall in chunks of `size`, and each chunk is read by the first worker to claim it (a file created in
    `folder`, which only one process can create). The worker that builds the document (`extract_one`) claims
    chunks in page order and reads them itself; the others (`read_share`) claim the rest and leave each chunk's
    pages, pickled, in `folder` for it. No worker ever waits for a chunk nobody has started, so the
    split adjusts itself to how busy each worker is, and a single worker simply reads the whole file."""

    __slots__ = ()

    def chunks(self) -> list[tuple[int, int]]:
        return [(a, min(self.pages, a + self.size - 1)) for a in range(1, self.pages + 1, self.size)]

    def _file(self, k: int, kind: str) -> str:
        return os.path.join(self.folder, f"{k}.{kind}")

    def claim(self, k: int) -> bool:
        try:
            fd = os.open(self._file(k, "claim"), os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            return False
        with os.fdopen(fd, "w") as f:
            f.write(str(os.getpid()))
        return True

    def put(self, k: int, read: tuple[int, list[dict]] | None) -> None:
        """Leave a chunk's pages for the builder (None: reading it failed, and the builder reads it again
        itself, so the error it reports is the one reading the whole file in one process gives)."""
        import pickle
        tmp = self._file(k, f"{os.getpid()}.tmp")
        with open(tmp, "wb") as f:
            pickle.dump(read, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, self._file(k, "pages"))

    def take(self, k: int) -> tuple[int, list[dict]] | None:
        """The pages of a chunk another worker claimed, once it has left them (None if it could not read them,
        or died before it could: a worker's death normally takes the whole pool down with it)."""
        done, since = self._file(k, "pages"), time.monotonic()
        while not os.path.exists(done):
            if time.monotonic() - since > 0.5:
                since = time.monotonic()
                try:
                    with open(self._file(k, "claim")) as f:
                        owner = int(f.read() or 0)
                    if owner:
                        os.kill(owner, 0)
                except (OSError, ValueError):  # the worker that claimed it is gone
                    return None
            time.sleep(0.002)
        import pickle
        with open(done, "rb") as f:
            read = pickle.load(f)
        os.remove(done)
        return read

    def gather(self, path: str, reader: str) -> tuple[int, list[dict]]:
        """All the pages, as `read_pages` gives them: the chunks this worker claims, read here (in page order,
        one open document), and those other workers read. A reading error is raised for the first chunk in
        page order that has one, as one process reading the whole file would raise it."""
        from .reader import PageRanges, read_pages
        chunks = self.chunks()
        got: dict[int, tuple[int, list[dict]] | BaseException] = {}
        with PageRanges(Path(path), reader) as ranges:
            for k, (a, b) in enumerate(chunks):
                if self.claim(k):
                    try:
                        got[k] = ranges.read(a, b)
                    except Exception as e:
                        got[k] = e
                        break  # stop claiming: every chunk before this one is still needed, none after it
            n, pages = 0, []
            for k, (a, b) in enumerate(chunks):
                part = got[k] if k in got else self.take(k)  # not claimed here: another worker claimed it
                if part is None:  # ... and could not read it: read it here, afresh, for its error
                    part = read_pages(Path(path), a, b, reader=reader)
                if isinstance(part, BaseException):
                    raise part
                n = part[0]
                pages += part[1]
        return n, pages


def read_share(path: str, shared: Shared, reader: str = "pdfium", until: str | None = None) -> dict:
    """Help read a long file that another worker is building (see `Shared`): claim its chunks in page order
    and leave each one's pages for the builder, until none is left to claim or (`until`) that file exists."""
    from .reader import PageRanges

    def work() -> dict:
        read = 0
        with PageRanges(Path(path), reader) as ranges:
            for k, (a, b) in enumerate(shared.chunks()):
                if until is not None and os.path.exists(until):
                    break
                if not shared.claim(k):
                    continue
                try:
                    part = ranges.read(a, b)
                except Exception:
                    shared.put(k, None)
                    break
                shared.put(k, part)
                read += len(part[1])
        return {"read": read}
    return _as_data(work)


SPLIT_PAGES = 40  # a file longer than this is read by all the workers at once (`Shared`)
CHUNK_PAGES = 20  # ... which claim its pages this many at a time


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


class Run(namedtuple("Run", "outcomes documents")):
    """Every input's outcome, and the documents when they were asked for."""

    __slots__ = ()

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
        provenance: str | None = None, reader: str = "pdfium", on_work: Callable[[], None] | None = None) -> Run:
    """Extract every input and, with a database, load it. See the module docstring. `db` is an open
    sqlite-utils Database, a path to one, or None to extract only. Given a path to a database that
    already has its shape, inputs that need no parsing are settled over a plain connection, and
    sqlite-utils (and the pipeline) load only when something must be parsed or written. `provenance`
    (published, rebuilt, sample) is stored with every document; without it, each input's provenance.yml says.
    `reader` (pdfium, pdfplumber): which backend reads the pages (extract/reader.py). `on_work` is called once
    before the first file is parsed (the CLI sets up logging there, so a re-run of unchanged files never imports
    it)."""
    from actionplans.db import load

    # `ocr` (auto, always, never): when pages are OCR'd; the OCR'd copies are cached beside the downloads.
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
                                     provenance=provenance or _provenance_of(o.location))
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
            if "forms" in res and db is not None:  # the texts as the workers prepared them for the links
                from actionplans.db import links
                links.remember(*res["forms"])
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
    if jobs:
        from .ocr import OcrSettings
        ocr_settings = OcrSettings(mode=ocr, cache_dir=cache_dir)
        if on_work is not None:
            on_work()
    workers = max(1, workers or os.cpu_count() or 1)
    if not jobs:
        pass  # nothing to parse: do not pay for loading the pipeline and the language model
    elif workers == 1:
        _warm(annotate)
        for job in jobs:
            done(job, extract_one(job.path, annotate, as_of, sha256=job.sha256, ocr=ocr_settings, reader=reader))
    else:
        _parallel(jobs, workers, annotate, as_of, done, ocr_settings, reader, forms=db is not None)
    # Copies of a file that was skipped as unchanged were never dispatched: settle them now.
    for sha, rest in list(copies.items()):
        first = first_of[sha]
        for c in rest:
            finish(c.index, Outcome(c.location, UNCHANGED, path=c.path, url=c.url, sha256=c.sha256, size=c.size,
                                    reason=f"same file as {first.location}"))
    return Run([o for o in outcomes if o is not None], [documents[i] for i in sorted(documents)])


def _parallel(jobs: list[Job], workers: int, annotate: bool, as_of, done: Callable[[Job, dict], None],
              ocr: OcrSettings | None = None, reader: str = "pdfium", forms: bool = False) -> None:
    """Run the jobs in a pool of worker processes (`_Pool`), this process the only writer. The pool is started in this
    thread (its workers forked before any other thread exists) and then driven from a thread of its own while this
    thread writes each finished document (`done`): written in the thread that handed out the work, a long
    document's save (its rows and its recurring-recommendation links, a third of a second and more) left both
    workers idle, since nothing new was handed to them meanwhile. `forms`: the workers also prepare the documents'
    texts for the recurring links (`forms_of`), which the writer had done (see `_Pool`)."""
    import queue
    import threading
    _quiet_collector()
    results: queue.SimpleQueue = queue.SimpleQueue()
    stop = threading.Event()
    pool = _Pool(jobs, workers, annotate, as_of, ocr, reader, forms)
    try:
        pool.start()
    except BaseException:
        pool.close()
        raise

    def driver() -> None:
        def put(job: Job, res: dict) -> None:
            results.put((job, res))
        try:
            try:
                pool.drive(put, stop)
            finally:
                pool.close()
            pool.retry(put, stop)
        except BaseException as e:  # raised again in the writing thread
            results.put(e)
        else:
            results.put(None)

    thread = threading.Thread(target=driver, name="actionplans-pool", daemon=True)
    thread.start()
    try:
        while True:
            try:
                item = results.get(timeout=0.1)
            except queue.Empty:
                continue
            if item is None:
                break
            if isinstance(item, BaseException):
                raise item
            done(*item)
    finally:
        stop.set()  # the driver stops handing out work and shuts the pool down
        thread.join()


def _fork_context():
    """Where forking a process is safe (Linux), the context whose workers are this process forked: they start with
    everything it has loaded. None elsewhere (macOS's system libraries are not safe to use in a forked child)."""
    import multiprocessing
    import sys
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None


def _context(annotate: bool):
    """Workers forked from a fork server that has loaded what every worker loads at start-up (extract/preload.py,
    about 0.75 s of CPU: the pipeline's imports, dateparser's data, the word lists, the language model), rather than
    each spawned afresh to load it all itself: for a pool started where this process cannot fork its workers itself
    (`_fork_context`), or once other threads run here (a pool started again after a worker died). The server lives
    as long as this process and keeps what it loaded first: a later run that annotates where the first did not loads
    the model in each worker (`_warm`), as before. On a platform without fork servers, spawn."""
    import multiprocessing
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["actionplans.extract.preload" if annotate else "actionplans.extract.pipeline"])
    return ctx


SCRATCH = "actionplans-batch-"  # a run's scratch folder: SCRATCH, the pid of the process that made it, a dash


def sweep_scratch(folder: str) -> None:
    """Remove the scratch folders of runs whose process is gone: a run killed outright (out of memory, SIGKILL)
    cannot remove its own, and a long plan's chunks read there can fill a temporary folder over many runs. A folder
    whose process lives, or that names none, is left alone."""
    import shutil
    for name in os.listdir(folder):
        pid = name[len(SCRATCH):].split("-", 1)[0] if name.startswith(SCRATCH) else ""
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(os.path.join(folder, name), ignore_errors=True)
        except OSError:  # alive, under another user
            pass


class _Pool:
    """The jobs run in a pool of worker processes, each result handed to `done`. At most one task per worker waits in
    the pool beyond those running, so a task put at the head of the queue starts soon. A file longer than SPLIT_PAGES
    is `Shared`: the worker that builds it reads its pages while every other worker helps (`read_share`), the pages
    passing from worker to worker through files, never through this process; the builder annotates it too (its
    language processing, about a twentieth of its work, had been split among the workers in parts, which sent its
    records from worker to writer to workers and back). Longest first, so the small files fill in while a long one is
    built. A worker that dies (out of memory, a crash in a C library) takes the pool down with every task in flight;
    those files are tried again at the end (`retry`), each alone in its own process, so only the file that kills its
    process fails. `forms`: each document comes with its texts prepared for the recurring links (`forms_of`), a long
    one's too, the workers sharing what they prepare through the run's scratch folder. The writer had prepared a long
    document's texts itself, as holding every text the workers had sent; but it held them only once their documents
    had reached it, so it prepared again those a long plan shares with documents still on their way, at the end of
    the run and beside two busy workers.

    Start-up (`start`, in the writing thread, before any other thread runs): where it can (`_fork_context`), this
    process loads what the workers need (`_warm`, and what `forms_of` loads) and forks them, so they start warm and
    what it had already loaded (the schemas, sqlite-utils, the reader) is not loaded again; while it loads, a process
    forked from it first, with only the reader loaded, starts on the first long file's pages as one more helper. A
    fork server (`_context`) had loaded it all afresh in a new interpreter (about 1 s of CPU against 0.6 here, and
    0.2 s more for the helper's own interpreter), while the second core had nothing else to do but that helper."""

    def __init__(self, jobs: list[Job], workers: int, annotate: bool, as_of, ocr: OcrSettings | None, reader: str,
                 forms: bool) -> None:
        self.jobs, self.workers, self.annotate, self.as_of = jobs, workers, annotate, as_of
        self.ocr, self.reader, self.forms = ocr, reader, forms
        self.queue: deque[tuple] = deque()
        self.pending: dict[int, float] = {}  # job index -> seconds its long file's helpers have spent on it so far
        self.inflight: dict = {}
        self.suspects: dict[int, Job] = {}
        self.scratch: str | None = None
        self.prepared: str | None = None  # the folder the workers share prepared texts through (`forms_of`)
        self.early = self.ex = None
        self.fork = _fork_context()

    def pool(self, n: int | None = None) -> ProcessPoolExecutor:
        """Workers from the fork server (`_context`), each warmed (`_warm`)."""
        from concurrent.futures import ProcessPoolExecutor
        return ProcessPoolExecutor(max_workers=n or self.workers, mp_context=_context(self.annotate),
                                   initializer=_warm, initargs=(self.annotate,))

    def start(self) -> None:
        import multiprocessing
        import tempfile
        import threading
        from concurrent.futures import ProcessPoolExecutor
        if threading.active_count() > 1:  # a process forked while another thread runs may copy a lock it holds
            self.fork = None
        served = self.fork is None and _context(self.annotate).get_start_method() == "forkserver"
        if served:  # the server loads what the workers need while the pages are counted
            from multiprocessing import forkserver
            forkserver.ensure_running()
        sweep_scratch(tempfile.gettempdir())
        self.scratch = tempfile.mkdtemp(prefix=f"{SCRATCH}{os.getpid()}-")
        if self.forms:
            self.prepared = os.path.join(self.scratch, "forms")
            os.mkdir(self.prepared)
        counted = sorted(((page_count(job.path), job) for job in self.jobs), key=lambda c: -c[0])
        for n, job in counted:
            if n > SPLIT_PAGES:
                shared = Shared(os.path.join(self.scratch, str(job.index)), n, CHUNK_PAGES)
                os.mkdir(shared.folder)
                self.pending[job.index] = 0.0
                self.queue.append(("build", job, shared))
                self.queue.extend(("help", job, shared) for _ in range(self.workers - 1))
            else:
                self.queue.append(("whole", job))
        # While what the workers need loads (one core busy for most of a second), a process that needs only the
        # reader starts on the first long file's pages, as one more helper (`read_share`): the other core's share
        # of that time is spent reading, not waiting. Where the workers take every core, it stops once they are
        # started (`started`): reading on beside the builder and its helper, it only took turns with them on the
        # cores (0.05 s more CPU on the bench set, three processes opening the file where two would do).
        first = next((t for t in self.queue if t[0] == "build"), None)
        started = os.path.join(self.scratch, "started") if self.workers >= (os.cpu_count() or 1) else None
        if first is not None and (served or self.fork is not None):
            if self.fork is not None:
                from . import reader  # noqa: F401  (loaded here once, for the helper and the workers)
            ctx = self.fork or multiprocessing.get_context("spawn")
            self.early = ctx.Process(target=read_share, args=(first[1].path, first[2], self.reader, started),
                                     daemon=True)
            self.early.start()
        if self.fork is not None:
            _warm(self.annotate)
            if self.forms:
                _warm_forms()
            self.ex = ProcessPoolExecutor(max_workers=self.workers, mp_context=self.fork)
        else:
            self.ex = self.pool()
        self.fill()  # a pool that forks starts all its workers at its first task: here, before any other thread
        if started is not None:
            open(started, "w").close()
        if self.early is not None:  # reaped when it ends, so a claimer gone is seen gone
            threading.Thread(target=self.early.join, daemon=True).start()

    def submit(self, task: tuple):
        kind, job = task[0], task[1]
        if kind == "help":
            return self.ex.submit(read_share, job.path, task[2], self.reader)
        return self.ex.submit(extract_one, job.path, self.annotate, self.as_of, task[2] if kind == "build" else None,
                              job.sha256, self.ocr, self.reader, self.prepared)

    def fill(self) -> bool:
        """Hand out tasks until each worker has one waiting; False if the pool is broken."""
        from concurrent.futures.process import BrokenProcessPool
        while self.queue and len(self.inflight) < self.workers + 1:
            task = self.queue.popleft()
            try:
                self.inflight[self.submit(task)] = task
            except BrokenProcessPool:
                self.queue.appendleft(task)
                return False
        return True

    def drive(self, done: Callable[[Job, dict], None], stop) -> None:
        """Run the queue to its end, handing each result to `done`. `stop` (set when the writer gives up): hand out
        nothing more."""
        from concurrent.futures import FIRST_COMPLETED, wait
        from concurrent.futures.process import BrokenProcessPool
        pending, inflight = self.pending, self.inflight

        def settle(task: tuple, res: dict) -> None:
            kind, job = task[0], task[1]
            if kind == "whole":
                done(job, res)
            elif kind == "build":  # its seconds: the builder's and its helpers'
                res["seconds"] = round(res["seconds"] + pending.pop(job.index), 3)
                done(job, res)
            elif job.index in pending:  # a helper (one that could not read a chunk left it to the builder, which
                pending[job.index] += res["seconds"]  # reports the error); one finishing after the build is not counted

        while (self.queue or inflight) and not stop.is_set():
            broken = not self.fill()
            finished = wait(inflight, timeout=0.2, return_when=FIRST_COMPLETED)[0] if inflight and not broken else set()
            for fut in finished:
                task = inflight.pop(fut)
                try:
                    res = fut.result()
                except BrokenProcessPool:
                    broken = True
                    inflight[fut] = task  # counted with the rest below
                    continue
                settle(task, res)
            if broken:
                # A helper's death harms nobody (the builder reads a chunk whose claimer is gone); every other
                # task in flight names a file that may have killed its worker, unless that file is settled.
                for task in inflight.values():
                    job = task[1]
                    if task[0] != "help" and (task[0] == "whole" or job.index in pending):
                        self.suspects[job.index] = job
                inflight.clear()
                for index in self.suspects:
                    pending.pop(index, None)
                self.queue = deque(t for t in self.queue if t[1].index not in self.suspects)
                self.ex.shutdown(wait=False, cancel_futures=True)
                self.ex = self.pool()  # other threads run now: workers from the fork server (`_context`)

    def close(self) -> None:
        import shutil
        if self.early is not None and self.early.exitcode is None:
            self.early.terminate()
        if self.ex is not None:
            self.ex.shutdown(wait=True, cancel_futures=True)
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)

    def retry(self, done: Callable[[Job, dict], None], stop) -> None:
        """The files that were in flight when a worker died, each alone in a process of its own."""
        from concurrent.futures.process import BrokenProcessPool
        for index in sorted(self.suspects):
            if stop.is_set():
                return
            job = self.suspects[index]
            with self.pool(1) as solo:
                try:
                    res = solo.submit(extract_one, job.path, self.annotate, self.as_of, None, job.sha256, self.ocr,
                                      self.reader).result()
                except BrokenProcessPool:
                    res = {"error": {"reason": "extractor error", "page": None, "problems": [], "message":
                                     "the extracting process died on this file (out of memory, or a crash in a "
                                     "library)"}, "seconds": 0.0}
            done(job, res)
