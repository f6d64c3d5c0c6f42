"""Feed the extractor broken PDFs and count how it fails.

    python benchmarks/fuzz_pdfs.py [--n 400] [--seed 1] [--workers N] [--max-kb 120] [--time-limit 60]

Mutants are made from the corpus PDFs, deterministically from the seed: truncated at a random byte,
bytes flipped, an object dropped, the cross-reference table broken, a chunk duplicated. Each mutant
goes through the pipeline (without the NLP stage) and ends as one of:

- success: records came out (a mutation that missed anything that matters);
- clean failure: a domain error (`errors.ExtractError`), which the CLI reports in one line;
- crash: any other exception, a bug: its traceback is listed, grouped by where it was raised;
- timeout: the file took longer than --time-limit seconds.

The goal is zero crashes and zero timeouts. Exit status 1 when there are any.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import re
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OBJ = re.compile(rb"\d+\s+\d+\s+obj\b.*?endobj", re.S)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: int(len(data) * rng.uniform(0.02, 0.99))]


def flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 40)):
        i = rng.randrange(len(out))
        out[i] ^= rng.randint(1, 255)
    return bytes(out)


def drop_object(data: bytes, rng: random.Random) -> bytes:
    spans = [m.span() for m in OBJ.finditer(data)]
    if not spans:
        return truncate(data, rng)
    for _ in range(rng.randint(1, 3)):
        a, b = rng.choice(spans)
        data = data[:a] + data[b:] if b <= len(data) else data
        spans = [m.span() for m in OBJ.finditer(data)] or [(0, 0)]
    return data


def break_xref(data: bytes, rng: random.Random) -> bytes:
    i = data.rfind(b"startxref")
    if i < 0 or rng.random() < 0.3:
        j = data.rfind(b"xref")
        return data[:j] + data[j + rng.randint(5, 200):] if j >= 0 else flip(data, rng)
    digits = str(rng.randrange(10**6)).encode()
    return data[: i + 10] + digits + b"\n%%EOF\n"


def duplicate_chunk(data: bytes, rng: random.Random) -> bytes:
    a = rng.randrange(len(data))
    b = min(len(data), a + rng.randint(10, 5000))
    at = rng.randrange(len(data))
    return data[:at] + data[a:b] + data[at:]


MUTATIONS = {"truncate": truncate, "flip": flip, "drop_object": drop_object, "break_xref": break_xref,
             "duplicate_chunk": duplicate_chunk}


def sources(max_kb: float = 120) -> list[Path]:
    """Corpus PDFs small enough to parse quickly, in name order."""
    return [p for p in sorted((ROOT / "corpus").glob("*.pdf")) if p.stat().st_size <= max_kb * 1024]


def mutants(n: int, seed: int = 1, max_kb: float = 120) -> list[tuple[str, bytes]]:
    """`n` (name, bytes) pairs; the same arguments always give the same mutants."""
    srcs = [(p.stem, p.read_bytes()) for p in sources(max_kb)]
    names = sorted(MUTATIONS)
    out = []
    for i in range(n):
        rng = random.Random(f"{seed}-{i}")
        stem, data = srcs[i % len(srcs)]
        kind = names[(i // len(srcs)) % len(names)]
        out.append((f"{i:04d}-{kind}-{stem}.pdf", MUTATIONS[kind](data, rng)))
    return out


class _Slow(Exception):
    pass


def _alarm(signum, frame):
    raise _Slow()


def classify(path: str, time_limit: float = 60) -> tuple[str, str, str | None]:
    """Run the pipeline on one file: ("success" | "clean" | "crash" | "timeout", detail, traceback)."""
    from actionplans.extract import errors
    from actionplans.extract.pipeline import extract_with_problems
    for noisy in ("pdfminer", "pdfplumber"):  # a damaged file makes them chatter; the outcome is what counts
        logging.getLogger(noisy).setLevel(logging.CRITICAL)
    use_alarm = hasattr(signal, "SIGALRM") and time_limit > 0
    if use_alarm:
        signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, time_limit)
    try:
        doc, problems = extract_with_problems(path, annotate=False)
        return "success", f"{len(doc.recommendations)} recommendations", None
    except errors.ExtractError as e:
        return "clean", e.reason, None
    except _Slow:
        return "timeout", f"over {time_limit:g} s", None
    except Exception as e:
        return "crash", f"{type(e).__name__}: {e}"[:200], traceback.format_exc()
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)


def _where(tb: str) -> str:
    """The innermost project frame of a traceback, to group crashes by their cause."""
    frames = re.findall(r'File "([^"]+)", line (\d+), in (\S+)', tb)
    ours = [f for f in frames if "/site-packages/" not in f[0]] or frames
    f = ours[-1] if ours else ("?", "?", "?")
    return f"{Path(f[0]).name}:{f[1]} in {f[2]}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=400, help="mutants to try")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--max-kb", type=float, default=120, help="skip corpus PDFs larger than this")
    ap.add_argument("--time-limit", type=float, default=60, help="seconds allowed per file")
    ap.add_argument("--keep", type=Path, help="write the mutants to this folder (default: a temporary one)")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for name, data in mutants(args.n, args.seed, args.max_kb):
            (folder / name).write_bytes(data)
            paths.append(str(folder / name))
        if args.workers > 1:
            with ProcessPoolExecutor(args.workers, mp_context=get_context("spawn")) as ex:
                results = list(ex.map(classify, paths, [args.time_limit] * len(paths), chunksize=4))
        else:
            results = [classify(p, args.time_limit) for p in paths]
    seconds = time.perf_counter() - t0

    kinds = Counter(k for k, _, _ in results)
    reasons = Counter(d for k, d, _ in results if k == "clean")
    by_mutation: dict[str, Counter] = defaultdict(Counter)
    for p, (k, _, _) in zip(paths, results):
        by_mutation[Path(p).name.split("-")[1]][k] += 1
    print(f"{len(paths)} mutants of {len(sources(args.max_kb))} corpus PDFs (seed {args.seed}) in {seconds:.1f} s")
    for k in ("success", "clean", "crash", "timeout"):
        print(f"  {k:8} {kinds.get(k, 0):5}")
    print("clean failures by reason:")
    for r, c in reasons.most_common():
        print(f"  {c:5}  {r}")
    print("by mutation:")
    for m in sorted(by_mutation):
        print(f"  {m:16} " + ", ".join(f"{k} {c}" for k, c in sorted(by_mutation[m].items())))
    crashes: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for p, (k, d, tb) in zip(paths, results):
        if k in ("crash", "timeout"):
            crashes[_where(tb) if tb else k].append((Path(p).name, d, tb or ""))
    for where, items in sorted(crashes.items(), key=lambda kv: -len(kv[1])):
        name, detail, tb = items[0]
        print(f"\n{len(items)} x {where}: {detail}  (e.g. {name})")
        print(tb.rstrip())
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
