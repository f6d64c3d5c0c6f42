"""URLs -> local PDFs: download with a time limit and a size cap, keep the original bytes.

In: an http(s) URL, a cache folder, a timeout in seconds and a byte limit.
Out: a `Fetched` naming the cached file (`<cache>/<sha256>.pdf`), its sha256, size and the URL; or a
domain error: `DownloadFailed` (network, HTTP status, timeout, too large) or `errors.NotAPDF` when the
server sends something else (an HTML page, say). Nothing half-written is left in the cache, and a
download that fails leaves no cache folder it had to create.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import namedtuple
from pathlib import Path

from . import errors

DEFAULT_CACHE = "db/cache"
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_BYTES = 50_000_000
USER_AGENT = "actionplans/0.1 (action-plan extractor)"


class DownloadFailed(errors.ExtractError):
    reason = "download failed"
    hint = "check the URL, or download the file and give its path"


# A named tuple rather than a dataclass: the dataclasses module imports inspect (with ast, dis and tokenize), 5 ms of
# every run of the command.
Fetched = namedtuple("Fetched", "url path sha256 size")


def is_url(s: str) -> bool:
    return s.lower().startswith(("http://", "https://"))


def fetch(url: str, cache_dir: str | os.PathLike = DEFAULT_CACHE, *, timeout: float = DEFAULT_TIMEOUT,
          max_bytes: int = DEFAULT_MAX_BYTES) -> Fetched:
    """Download `url` into the cache, unless a file of the same bytes is there already.

    `timeout` bounds the whole download, not only each read, so a server that trickles bytes is cut off.
    """
    import tempfile
    import urllib.error  # here, not at the top: a re-run of local files never downloads (20 ms of imports)
    import urllib.request
    cache = Path(cache_dir)
    deadline = time.monotonic() + timeout
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/pdf,*/*"})
    try:
        resp = urllib.request.urlopen(req, timeout=timeout)
    except urllib.error.HTTPError as e:
        raise DownloadFailed(url, f"the server answered {e.code} {e.reason}") from e
    except (TimeoutError, OSError) as e:  # URLError is an OSError; socket timeouts are TimeoutErrors
        raise DownloadFailed(url, _why(e, timeout)) from e
    made = [p for p in (cache, *cache.parents) if not p.exists()]  # folders to remove again if this fails
    try:
        cache.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache, prefix=".download-", suffix=".part")
    except BaseException:
        resp.close()
        _remove_empty(made)
        raise
    done = False
    try:
        with resp, os.fdopen(fd, "wb") as out:
            length = resp.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise DownloadFailed(url, f"the file is {int(length):,} bytes, more than --max-bytes {max_bytes:,}")
            h, size, head = hashlib.sha256(), 0, b""
            while True:
                if time.monotonic() > deadline:
                    raise DownloadFailed(url, f"timed out after {timeout:g} s")
                try:  # read1: whatever has arrived, so a trickle cannot hold the loop past its deadline
                    chunk = resp.read1(1 << 16)
                except (TimeoutError, OSError) as e:
                    raise DownloadFailed(url, _why(e, timeout)) from e
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise DownloadFailed(url, f"the file is more than --max-bytes {max_bytes:,} bytes")
                if len(head) < 1024:
                    head += chunk[: 1024 - len(head)]
                h.update(chunk)
                out.write(chunk)
        if b"%PDF-" not in head:
            kind = resp.headers.get_content_type() or "unknown"
            what = "an HTML page" if kind == "text/html" or head.lstrip()[:1] == b"<" else f"{kind} content"
            raise errors.NotAPDF(url, f"not a PDF: the server sent {what}")
        sha = h.hexdigest()
        final = cache / f"{sha}.pdf"
        os.replace(tmp, final)
        done = True
        return Fetched(url=url, path=str(final), sha256=sha, size=size)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
        if not done:
            _remove_empty(made)


def _remove_empty(folders: list[Path]) -> None:
    """Remove the folders a failed download created, deepest first, where nothing else was put in them."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            return


def _why(e: BaseException, timeout: float) -> str:
    reason = getattr(e, "reason", e)
    if isinstance(reason, TimeoutError) or "timed out" in str(reason):
        return f"timed out after {timeout:g} s"
    return f"cannot download ({reason})"


def sha256_file(path: str | Path) -> tuple[str, int]:
    """SHA-256 and size of a file: how every input is identified. Read into one reused buffer (`file_digest`): a new
    1 MiB chunk for every read cost a re-run of the bench set 1 ms of its 3 ms of hashing."""
    with open(path, "rb") as f:
        digest = hashlib.file_digest(f, "sha256")
        return digest.hexdigest(), f.tell()
