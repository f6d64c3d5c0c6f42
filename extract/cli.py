"""The `actionplans` command: a thin skin over the library. Data to stdout, messages to stderr.

Options are read with the standard library's argparse. Importing click, which the command was first written with,
cost every run about 16 ms, a quarter of a re-run of unchanged files (and more again when the interpreter tore it
down); argparse costs 3 ms. Usage errors exit with status 2, as before; a command that cannot do what it was asked
prints `Error: ...` and exits with 1.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .fetch import DEFAULT_CACHE, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT

DEFAULT_DB = "db/actionplans.db"


class Failed(Exception):
    """What a command could not do, as one line: `Error: <message>` on stderr, exit status 1."""


def _logging() -> None:
    """Warnings as 'LEVEL logger: message'; pdfminer's and pdfplumber's only when they are errors."""
    import logging
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("pdfminer", "pdfplumber"):
        logging.getLogger(noisy).setLevel(logging.ERROR)


def _err(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------------------- option types

def _at_least(low: int, high: int | None = None):
    def whole(text: str) -> int:
        try:
            n = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if n < low or high is not None and n > high:
            raise argparse.ArgumentTypeError(f"{n} is not {low} or more" if high is None else
                                             f"{n} is not between {low} and {high}")
        return n
    return whole


def _seconds(text: str) -> float:
    try:
        x = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not x > 0:
        raise argparse.ArgumentTypeError(f"{x:g} is not more than 0")
    return x


def _day(text: str):
    import datetime as dt
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None


def _file(text: str) -> str:
    if not os.path.exists(text):
        raise argparse.ArgumentTypeError(f"file {text!r} does not exist")
    if os.path.isdir(text):
        raise argparse.ArgumentTypeError(f"file {text!r} is a directory")
    return text


def _folder(text: str) -> str:
    if not os.path.exists(text):
        raise argparse.ArgumentTypeError(f"directory {text!r} does not exist")
    if not os.path.isdir(text):
        raise argparse.ArgumentTypeError(f"directory {text!r} is a file")
    return text


class _Version(argparse.Action):
    """--version: the installed package's version, looked up only when asked for."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, help="Show the version and exit")

    def __call__(self, parser, namespace, values, option_string=None):
        from importlib.metadata import version
        print(f"actionplans, version {version('actionplans')}")
        parser.exit()


# ------------------------------------------------------------------------------------------------------ extract

EXTRACT_EXAMPLES = f"""\
Examples:
  actionplans extract plan.pdf                        into {DEFAULT_DB} (the database `serve` shows)
  actionplans extract plans/ --db plans.db            every PDF under plans/, into plans.db
  actionplans extract plan.pdf --json > plan.json     the records as JSON, no database
  actionplans extract https://example.org/plan.pdf    downloaded (kept in db/cache by sha256), then read
  actionplans extract samples/ --provenance sample    mark plans made up for testing as samples"""


def _usage_checks(parser: argparse.ArgumentParser, paths: list[str]) -> list[str]:
    """Inputs a typo would explain are usage errors (exit 2), found before anything is read."""
    from .batch import find_inputs
    from .fetch import is_url
    for p in paths:
        if not is_url(p) and not os.path.exists(p):
            parser.error(f"argument PATHS: {p!r} does not exist")
    from .provenance import BadManifest, of
    files = find_inputs(paths)
    if not files:
        parser.error("argument PATHS: no PDF files found in " + ", ".join(map(repr, paths)))
    try:
        for f in files:
            of(f)
    except BadManifest as e:
        parser.error(str(e))
    return files


def extract(args: argparse.Namespace) -> int:
    """Extract action plans from PDF files, folders or URLs into a database (or as JSON with --json).

    Every file gets an outcome (loaded, replaced, unchanged or failed, with the reason), kept in the
    ingest_log table. Exit status: 0 when every file was loaded or was already there, 1 when some files
    failed (the others are loaded), 2 for a usage error.
    """
    from .batch import FAILED, run
    files = _usage_checks(args.parser, args.paths)
    # Extracting and keeping nothing helps nobody: without --json the records go to the default database.
    db = args.db_path or (None if args.as_json else DEFAULT_DB)  # opened by the runner, only when there is work
    if db == DEFAULT_DB:
        Path(DEFAULT_DB).parent.mkdir(parents=True, exist_ok=True)
    bar = None
    if sys.stderr.isatty():  # a progress bar only where a person watches
        import click
        bar = click.progressbar(length=len(files), label="Extracting", file=sys.stderr)
    held: list[str] = []

    def report(o) -> None:
        if o.status == FAILED:
            line = f"Error: {o.line}"
            if bar:
                held.append(line)  # printed after the bar, which would otherwise overwrite it
            else:
                _err(line)
        if bar:
            bar.update(1)

    try:
        if bar:
            bar.__enter__()
        result = run(files, db, workers=args.workers, annotate=args.annotate, as_of=args.as_of, force=args.force,
                     keep_documents=args.as_json, cache_dir=args.cache_dir, timeout=args.timeout,
                     max_bytes=args.max_bytes, ocr=args.ocr, on_outcome=report, provenance=args.provenance,
                     reader=args.reader, on_work=_logging)
    finally:
        if bar:
            bar.__exit__(None, None, None)
    for line in held:
        _err(line)
    if args.as_json:
        import json
        docs = [d.model_dump(mode="json") for d in result.documents]
        json.dump(docs[0] if len(docs) == 1 and len(files) == 1 else {"documents": docs}, sys.stdout,
                  ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    if db == DEFAULT_DB and not args.db_path:
        _err(f"Saved into {DEFAULT_DB} (the default database; --db names another, --json prints the records "
             "instead); browse it with: actionplans serve")
    _err(result.summary(to_db=db is not None))
    return 1 if result.failed else 0


def _extract_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATHS", help="PDF files, folders (searched for PDFs) or URLs")
    p.add_argument("--db", dest="db_path", metavar="FILE",
                   help=f"SQLite file to write the records to  [default: {DEFAULT_DB}, unless --json]")
    p.add_argument("--json", dest="as_json", action="store_true",
                   help="Print the records as JSON on stdout (no database unless --db)")
    p.add_argument("--provenance", choices=["published", "rebuilt", "sample"],
                   help="What the inputs are  [default: what a provenance.yml beside them says, else published]")
    p.add_argument("--as-of", type=_day, metavar="YYYY-MM-DD", help="Date against which actions count as overdue")
    p.add_argument("--workers", type=_at_least(1), metavar="N",
                   help="Processes extracting in parallel  [default: the number of CPU cores]")
    p.add_argument("--force", action="store_true", help="Extract again files the database already holds")
    p.add_argument("--annotate", action=argparse.BooleanOptionalAction, default=True,
                   help="Name owners' roles, action verbs and themes (slower)  [default: --annotate]")
    p.add_argument("--timeout", type=_seconds, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                   help=f"Seconds allowed for each download  [default: {DEFAULT_TIMEOUT:g}]")
    p.add_argument("--max-bytes", type=_at_least(1), default=DEFAULT_MAX_BYTES, metavar="N",
                   help=f"Largest download accepted  [default: {DEFAULT_MAX_BYTES}]")
    p.add_argument("--cache", dest="cache_dir", default=DEFAULT_CACHE, metavar="FOLDER",
                   help="Folder keeping downloaded PDFs and OCR'd copies of scans, named by their sha256  "
                        f"[default: {DEFAULT_CACHE}]")
    p.add_argument("--ocr", choices=["auto", "always", "never"], default="auto",
                   help="Read pages with no text layer through OCR (auto), every page (always), or none (never)  "
                        "[default: auto]")
    p.add_argument("--reader", choices=["pdfium", "pdfplumber"], default="pdfium",
                   help="What reads each page's characters and lines: PDFium (fast), or pdfplumber's own reading "
                        "(the reference it is tested against; about ten times slower)  [default: pdfium]")


# -------------------------------------------------------------------------------------------------------- serve

SERVE_EXAMPLES = f"""\
Examples:
  actionplans serve                          {DEFAULT_DB} on http://127.0.0.1:8001/
  actionplans serve --db plans.db --port 8080
Plans extracted into the database while it is served appear on the next page load. Ctrl-C stops it."""


def serve(args: argparse.Namespace) -> int:
    """Serve the database in Datasette, read-only, with pages for each plan, prison, theme and owner."""
    from actionplans.db import site
    _err(f"Serving {args.db_path} on http://{args.host}:{args.port}/ (read-only; Ctrl-C to stop)")
    # In this process, so TERM and Ctrl-C stop the server itself: no child to leave behind, no temp files.
    site.serve(args.db_path, host=args.host, port=args.port)
    return 0


def _serve_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", dest="db_path", default=DEFAULT_DB, type=_file, metavar="FILE",
                   help=f"[default: {DEFAULT_DB}]")
    p.add_argument("--host", default="127.0.0.1",
                   help="Address to listen on (loopback only by default)  [default: 127.0.0.1]")
    p.add_argument("--port", default=8001, type=int, help="[default: 8001]")


# ------------------------------------------------------------------------------------------------------- export

EXPORT_EXAMPLES = """\
Examples:
  actionplans export > actions.csv                          one row per action, overdue as of today
  actionplans export --rows recommendations --excel > r.csv  one row per recommendation, for Excel
  actionplans export --as-of 31/03/2022 > actions.csv        overdue counted as of a date
  actionplans export --table owner_actions --format json     any table or view
Columns: themes, groups, overdue, days_overdue and pdf_page (the PDF at the record's page) beside each record."""


def export(args: argparse.Namespace) -> int:
    """Write the flat rows (one per action, or per recommendation) or any table or view, as CSV or JSON."""
    import sqlite3

    from actionplans.db import flat, params

    day = None
    if args.as_of is not None:
        day = params.read_date(args.as_of)
        if day is None:
            args.parser.error(f"argument --as-of: {args.as_of!r} is not a date: write it as {params.DATE_EXAMPLE}")
    # Read-only, so exporting never creates or changes a database.
    conn = sqlite3.connect(f"file:{Path(args.db_path).resolve()}?mode=ro", uri=True)
    if args.table is None:
        cols, data = flat.rows(conn, args.kind, as_of=day, base_url=args.base_url, real_only=args.real_only)
    else:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                                            "AND name NOT LIKE 'sqlite_%' ORDER BY type, name")]
        if args.table not in names:
            shown = [n for n in names if "_fts" not in n]
            raise Failed(f"no table or view named {args.table!r}; try one of: {', '.join(shown)}")
        cur = conn.execute(f"SELECT * FROM [{args.table}]")
        cols, data = [d[0] for d in cur.description], cur
    if args.fmt == "json":
        import json
        json.dump([dict(zip(cols, r)) for r in data], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    flat.write_csv(sys.stdout, cols, data, bom=args.excel)
    return 0


def _export_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", dest="db_path", default=DEFAULT_DB, type=_file, metavar="FILE",
                   help=f"[default: {DEFAULT_DB}]")
    p.add_argument("--format", dest="fmt", choices=["csv", "json"], default="csv", help="[default: csv]")
    p.add_argument("--rows", dest="kind", choices=["actions", "recommendations"], default="actions",
                   help="The flat rows to write: one per action or one per recommendation  [default: actions]")
    p.add_argument("--table", help="Write this table or view as stored instead of the flat rows")
    p.add_argument("--as-of", dest="as_of", metavar="DATE",
                   help="Date to count overdue actions against (e.g. 31/03/2022)  [default: today]")
    p.add_argument("--excel", action="store_true",
                   help="Start the CSV with a byte-order mark so Excel reads accents and quotes")
    p.add_argument("--base-url", help="Address of the site serving this database, for links to its pages")
    p.add_argument("--real-only", action="store_true", help="Leave out the sample plans made for this project")


# ----------------------------------------------------------------------------------------------------- evaluate

EVALUATE_EXAMPLES = """\
Examples:
  actionplans evaluate                       every corpus/ PDF against its .expected.json
  actionplans evaluate my-plans/ --verbose   your own PDFs and expected files, each miss listed"""


def evaluate(args: argparse.Namespace) -> int:
    """Score every PDF in FOLDER against its NAME.expected.json; exit 1 if any is under the thresholds."""
    if args.generated:
        return 1 if _generalise(args.generated, args.seed, args.workers, args.scanned) and not args.report_only else 0
    import json

    from . import errors
    from .evaluate import METRICS, below, score
    from .pipeline import extract_document
    folder = args.folder
    cases = sorted(p for p in Path(folder).glob("*.pdf") if p.with_suffix(".expected.json").exists())
    if not cases:
        raise Failed(f"no PDF with a .expected.json beside it in {folder}")
    short = {"recs_recall": "recall", "recs_precision": "prec", "owners_f1": "owners", "dates_f1": "dates",
             "due_f1": "due", "alignment": "align"}
    heads = [short.get(m, m) for m in METRICS]
    width = max(len(p.stem) for p in cases)
    print(f"{'document':<{width}} " + " ".join(f"{h:>8}" for h in heads), flush=True)
    measured: dict[str, list[float]] = {m: [] for m in METRICS}
    failing = []
    for pdf in cases:
        gold = json.loads(pdf.with_suffix(".expected.json").read_text(encoding="utf-8"))
        try:
            got = extract_document(pdf).model_dump(mode="json")
        except errors.ExtractError as e:
            _err(f"Error: {e}")
            got = {}
        res, misses = score(gold, got)
        for m in METRICS:
            if res[m] is not None:  # alignment, where a plan places no owner or date, measures nothing
                measured[m].append(res[m])
        low = below(res)
        if low:
            failing.append((pdf.stem, low))
        print(f"{pdf.stem:<{width}} " + " ".join(_cell(res[m]) for m in METRICS) + ("  <" if low else ""), flush=True)
        if args.verbose:
            for line in misses:
                print(f"    {line}", flush=True)
    print(f"{'mean':<{width}} " + " ".join(_cell(sum(xs) / len(xs) if xs else None) for xs in measured.values()),
          flush=True)
    for name, low in failing:
        _err(f"below threshold: {name}: {', '.join(low)}")
    _err(f"{len(cases) - len(failing)} of {len(cases)} documents meet every threshold")
    if failing and args.report_only:
        _err("report only (--report-only): thresholds not enforced")
    return 1 if failing and not args.report_only else 0


def _cell(x: float | None) -> str:
    return f"{x:>8.3f}" if x is not None else f"{'-':>8}"


def _generalise(n: int, seed: int, workers: int | None, scanned: bool = False) -> int:
    """The layout benchmark of this checkout (benchmarks/generalise.py): prints its tables, returns its status."""
    import importlib.util
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "generalise.py"
    if not path.exists():
        raise Failed(f"--generated needs a checkout of the project ({path} not found)")
    spec = importlib.util.spec_from_file_location("actionplans_generalise", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod.run(n, seed, workers=workers, echo=lambda text="": print(text, flush=True), scanned=scanned)


def _evaluate_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("folder", nargs="?", default="corpus", type=_folder, metavar="FOLDER",
                   help="Folder of PDFs, each beside its NAME.expected.json  [default: corpus]")
    p.add_argument("--verbose", action="store_true", help="List every miss behind a score under 1")
    p.add_argument("--report-only", action="store_true",
                   help="Print the scores but exit 0 even when some are under the thresholds")
    p.add_argument("--generated", type=_at_least(1), metavar="N",
                   help="Instead of FOLDER: generate N sample plans of random layouts and score them per layout "
                        "dimension (needs a checkout: corpus/generate.py, benchmarks/generalise.py)")
    p.add_argument("--seed", type=int, default=1, help="Seed of the generated plans  [default: 1]")
    p.add_argument("--workers", type=_at_least(1), metavar="N", help="Processes for --generated")
    p.add_argument("--scanned", action="store_true",
                   help="With --generated: print and scan each plan, so it is read through OCR")


# -------------------------------------------------------------------------------------------------------- debug

DEBUG_EXAMPLES = """\
Examples:
  actionplans debug plan.pdf                   # every page, into ./debug/
  actionplans debug plan.pdf --page 3 --out /tmp/look"""


def debug(args: argparse.Namespace) -> int:
    """Draw on each page what every table stage found: columns and their fields, rows, section rows,
    stitched rows, response paragraphs, and each owner/date entry with a line to its action."""
    from . import errors
    from .debug import draw
    try:
        written = draw(args.pdf, args.out_dir, args.pages or None, args.resolution)
    except errors.ExtractError as e:
        raise Failed(str(e)) from e
    for path in written:
        print(str(path))
    return 0


def _debug_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("pdf", type=_file, metavar="PDF")
    p.add_argument("--page", dest="pages", type=_at_least(1), action="append", metavar="N",
                   help="Page to draw (1-based; repeatable)")
    p.add_argument("--out", dest="out_dir", default="debug", metavar="FOLDER",
                   help="Folder for the pictures  [default: debug]")
    p.add_argument("--resolution", default=110, type=_at_least(36, 400), metavar="DPI",
                   help="Dots per inch of the page images  [default: 110]")


# --------------------------------------------------------------------------------------------------------- main

COMMANDS = {  # name: (run, options, examples)
    "extract": (extract, _extract_options, EXTRACT_EXAMPLES),
    "serve": (serve, _serve_options, SERVE_EXAMPLES),
    "export": (export, _export_options, EXPORT_EXAMPLES),
    "evaluate": (evaluate, _evaluate_options, EVALUATE_EXAMPLES),
    "debug": (debug, _debug_options, DEBUG_EXAMPLES),
}


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line; `command`: the one command whose options are declared (every option declared costs a
    formatter and a look at the terminal's width, for nothing when another command runs)."""
    firsts = {name: " ".join(run.__doc__.split("\n\n")[0].split()) for name, (run, _, _) in COMMANDS.items()}
    listed = "\n".join(f"  {name:<10}{first}" for name, first in firsts.items())
    parser = argparse.ArgumentParser(
        prog="actionplans", usage="%(prog)s [-h] [--version] COMMAND ...",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Turn HMPPS action-plan PDFs into records you can query.",
        epilog=f"""Commands:
{listed}

Examples:
  actionplans extract plans/                  read every PDF under plans/ into db/actionplans.db
  actionplans serve                           browse it on http://127.0.0.1:8001/
  actionplans export > actions.csv            one row per action, for a spreadsheet
Run 'actionplans COMMAND --help' for each command's options and examples.""")
    parser.add_argument("--version", action=_Version)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", help=argparse.SUPPRESS)
    for name, (run, options, examples) in COMMANDS.items():
        description = "\n".join(line.strip() for line in run.__doc__.splitlines())
        sub = commands.add_parser(name, prog=f"actionplans {name}", description=description, epilog=examples,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
        if name == command:
            options(sub)
        sub.set_defaults(run=run, parser=sub)
    return parser


def main(argv: list[str] | None = None) -> None:
    """The `actionplans` command; exits with its status."""
    argv = sys.argv[1:] if argv is None else argv
    parser = _parser(next((a for a in argv if not a.startswith("-")), None))
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        sys.exit(2)
    if args.command != "extract":  # extract sets it up only when there is a file to parse
        _logging()
    try:
        sys.exit(args.run(args))
    except Failed as e:
        _err(f"Error: {e}")
        sys.exit(1)
    except KeyboardInterrupt:  # Ctrl-C: stopped as asked (whole documents only are in the database), no traceback
        _err("Aborted!")
        sys.exit(1)


if __name__ == "__main__":
    main()
