"""The `actionplans` command: a thin skin over the library. Data to stdout, messages to stderr."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .fetch import DEFAULT_CACHE, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT

DEFAULT_DB = "db/actionplans.db"


@click.group(epilog="""\b
Examples:
  actionplans extract plans/                  read every PDF under plans/ into db/actionplans.db
  actionplans serve                           browse it on http://127.0.0.1:8001/
  actionplans export > actions.csv            one row per action, for a spreadsheet
Run 'actionplans COMMAND --help' for each command's options and examples.""")
@click.version_option(package_name="actionplans")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Turn HMPPS action-plan PDFs into records you can query."""
    if ctx.invoked_subcommand != "extract":  # extract sets it up only when there is a file to parse
        _logging()


def _logging() -> None:
    """Warnings as 'LEVEL logger: message'; pdfminer's and pdfplumber's only when they are errors."""
    import logging
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("pdfminer", "pdfplumber"):
        logging.getLogger(noisy).setLevel(logging.ERROR)


def _usage_checks(paths: tuple[str, ...]) -> list[str]:
    """Inputs a typo would explain are usage errors (exit 2), found before anything is read."""
    from .batch import find_inputs
    from .fetch import is_url
    for p in paths:
        if not is_url(p) and not os.path.exists(p):
            raise click.BadParameter(f"{p!r} does not exist", param_hint="PATHS")
    from .provenance import BadManifest, of
    files = find_inputs(paths)
    if not files:
        raise click.BadParameter("no PDF files found in " + ", ".join(map(repr, paths)), param_hint="PATHS")
    try:
        for f in files:
            of(f)
    except BadManifest as e:
        raise click.UsageError(str(e)) from None
    return files


EXTRACT_EXAMPLES = f"""\b
Examples:
  actionplans extract plan.pdf                        into {DEFAULT_DB} (the database `serve` shows)
  actionplans extract plans/ --db plans.db            every PDF under plans/, into plans.db
  actionplans extract plan.pdf --json > plan.json     the records as JSON, no database
  actionplans extract https://example.org/plan.pdf    downloaded (kept in db/cache by sha256), then read
  actionplans extract samples/ --provenance sample    mark plans made up for testing as samples"""


@main.command(epilog=EXTRACT_EXAMPLES)
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", "db_path", type=click.Path(dir_okay=False),
              help=f"SQLite file to write the records to  [default: {DEFAULT_DB}, unless --json]")
@click.option("--json", "as_json", is_flag=True, help="Print the records as JSON on stdout (no database unless --db)")
@click.option("--provenance", type=click.Choice(["published", "rebuilt", "sample"]), default=None,
              help="What the inputs are  [default: what a provenance.yml beside them says, else published]")
@click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]), help="Date against which actions count as overdue")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Processes extracting in parallel  [default: the number of CPU cores]")
@click.option("--force", is_flag=True, help="Extract again files the database already holds")
@click.option("--annotate/--no-annotate", default=True, show_default=True,
              help="Name owners' roles, action verbs and themes (slower)")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds allowed for each download")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Largest download accepted")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False), default=DEFAULT_CACHE, show_default=True,
              help="Folder keeping downloaded PDFs and OCR'd copies of scans, named by their sha256")
@click.option("--ocr", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Read pages with no text layer through OCR (auto), every page (always), or none (never)")
@click.option("--reader", type=click.Choice(["pdfium", "pdfplumber"]), default="pdfium", show_default=True,
              help="What reads each page's characters and lines: PDFium (fast), or pdfplumber's own reading "
                   "(the reference it is tested against; about ten times slower)")
def extract(paths: tuple[str, ...], db_path: str | None, as_json: bool, provenance: str | None, as_of,
            workers: int | None, force: bool, annotate: bool, timeout: float, max_bytes: int, cache_dir: str,
            ocr: str = "auto", reader: str = "pdfium") -> None:
    """Extract action plans from PDF files, folders or URLs into a database (or as JSON with --json).

    Every file gets an outcome (loaded, replaced, unchanged or failed, with the reason), kept in the
    ingest_log table. Exit status: 0 when every file was loaded or was already there, 1 when some files
    failed (the others are loaded), 2 for a usage error.
    """
    from .batch import FAILED, run
    files = _usage_checks(paths)
    # Extracting and keeping nothing helps nobody: without --json the records go to the default database.
    db = db_path or (None if as_json else DEFAULT_DB)  # opened by the runner, only when there is work
    if db == DEFAULT_DB:
        Path(DEFAULT_DB).parent.mkdir(parents=True, exist_ok=True)
    bar = click.progressbar(length=len(files), label="Extracting", file=sys.stderr) if sys.stderr.isatty() else None
    held: list[str] = []

    def report(o) -> None:
        if o.status == FAILED:
            line = f"Error: {o.line}"
            if bar:
                held.append(line)  # printed after the bar, which would otherwise overwrite it
            else:
                click.echo(line, err=True)
        if bar:
            bar.update(1)

    try:
        if bar:
            bar.__enter__()
        result = run(files, db, workers=workers, annotate=annotate, as_of=as_of.date() if as_of else None,
                     force=force, keep_documents=as_json, cache_dir=cache_dir, timeout=timeout, max_bytes=max_bytes,
                     ocr=ocr, on_outcome=report, provenance=provenance, reader=reader, on_work=_logging)
    finally:
        if bar:
            bar.__exit__(None, None, None)
    for line in held:
        click.echo(line, err=True)
    if as_json:
        import json
        docs = [d.model_dump(mode="json") for d in result.documents]
        json.dump(docs[0] if len(docs) == 1 and len(files) == 1 else {"documents": docs}, sys.stdout,
                  ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    if db == DEFAULT_DB and not db_path:
        click.echo(f"Saved into {DEFAULT_DB} (the default database; --db names another, --json prints the records "
                   "instead); browse it with: actionplans serve", err=True)
    click.echo(result.summary(to_db=db is not None), err=True)
    sys.exit(1 if result.failed else 0)


@main.command(epilog=f"""\b
Examples:
  actionplans serve                          {DEFAULT_DB} on http://127.0.0.1:8001/
  actionplans serve --db plans.db --port 8080
Plans extracted into the database while it is served appear on the next page load. Ctrl-C stops it.""")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback only by default)")
@click.option("--port", default=8001, show_default=True, type=int)
def serve(db_path: str, host: str, port: int) -> None:
    """Serve the database in Datasette, read-only, with pages for each plan, prison, theme and owner."""
    from actionplans.db import site
    click.echo(f"Serving {db_path} on http://{host}:{port}/ (read-only; Ctrl-C to stop)", err=True)
    # In this process, so TERM and Ctrl-C stop the server itself: no child to leave behind, no temp files.
    site.serve(db_path, host=host, port=port)


@main.command(epilog="""\b
Examples:
  actionplans export > actions.csv                          one row per action, overdue as of today
  actionplans export --rows recommendations --excel > r.csv  one row per recommendation, for Excel
  actionplans export --as-of 31/03/2022 > actions.csv        overdue counted as of a date
  actionplans export --table owner_actions --format json     any table or view
Columns: themes, groups, overdue, days_overdue and pdf_page (the PDF at the record's page) beside each record.""")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
@click.option("--rows", "kind", type=click.Choice(["actions", "recommendations"]), default="actions", show_default=True,
              help="The flat rows to write: one per action or one per recommendation")
@click.option("--table", default=None, help="Write this table or view as stored instead of the flat rows")
@click.option("--as-of", "as_of", default=None, help="Date to count overdue actions against (e.g. 31/03/2022)  "
              "[default: today]")
@click.option("--excel", is_flag=True, help="Start the CSV with a byte-order mark so Excel reads accents and quotes")
@click.option("--base-url", default=None, help="Address of the site serving this database, for links to its pages")
@click.option("--real-only", is_flag=True, help="Leave out the sample plans made for this project")
def export(db_path: str, fmt: str, kind: str, table: str | None, as_of: str | None, excel: bool,
           base_url: str | None, real_only: bool) -> None:
    """Write the flat rows (one per action, or per recommendation) or any table or view, as CSV or JSON."""
    import sqlite3

    from actionplans.db import flat, params

    day = None
    if as_of is not None:
        day = params.read_date(as_of)
        if day is None:
            raise click.BadParameter(f"{as_of!r} is not a date: write it as {params.DATE_EXAMPLE}",
                                     param_hint="--as-of")
    # Read-only, so exporting never creates or changes a database.
    conn = sqlite3.connect(f"file:{Path(db_path).resolve()}?mode=ro", uri=True)
    if table is None:
        cols, data = flat.rows(conn, kind, as_of=day, base_url=base_url, real_only=real_only)
    else:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                                            "AND name NOT LIKE 'sqlite_%' ORDER BY type, name")]
        if table not in names:
            shown = [n for n in names if "_fts" not in n]
            raise click.ClickException(f"no table or view named {table!r}; try one of: {', '.join(shown)}")
        cur = conn.execute(f"SELECT * FROM [{table}]")
        cols, data = [d[0] for d in cur.description], cur
    if fmt == "json":
        import json
        json.dump([dict(zip(cols, r)) for r in data], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    flat.write_csv(sys.stdout, cols, data, bom=excel)


@main.command(epilog="""\b
Examples:
  actionplans evaluate                       every corpus/ PDF against its .expected.json
  actionplans evaluate my-plans/ --verbose   your own PDFs and expected files, each miss listed""")
@click.argument("folder", default="corpus", type=click.Path(exists=True, file_okay=False))
@click.option("--verbose", is_flag=True, help="List every miss behind a score under 1")
@click.option("--report-only", is_flag=True, help="Print the scores but exit 0 even when some are under the thresholds")
@click.option("--generated", type=click.IntRange(min=1), default=None, metavar="N",
              help="Instead of FOLDER: generate N sample plans of random layouts and score them per layout "
                   "dimension (needs a checkout: corpus/generate.py, benchmarks/generalise.py)")
@click.option("--seed", type=int, default=1, show_default=True, help="Seed of the generated plans")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Processes for --generated")
def evaluate(folder: str, verbose: bool, report_only: bool, generated: int | None, seed: int,
             workers: int | None) -> None:
    """Score every PDF in FOLDER against its NAME.expected.json; exit 1 if any is under the thresholds."""
    if generated:
        sys.exit(1 if _generalise(generated, seed, workers) and not report_only else 0)
    import json

    from . import errors
    from .evaluate import METRICS, below, score
    from .pipeline import extract_document
    cases = sorted(p for p in Path(folder).glob("*.pdf") if p.with_suffix(".expected.json").exists())
    if not cases:
        raise click.ClickException(f"no PDF with a .expected.json beside it in {folder}")
    short = {"recs_recall": "recall", "recs_precision": "prec", "owners_f1": "owners", "dates_f1": "dates",
             "due_f1": "due", "alignment": "align"}
    heads = [short.get(m, m) for m in METRICS]
    width = max(len(p.stem) for p in cases)
    click.echo(f"{'document':<{width}} " + " ".join(f"{h:>8}" for h in heads))
    measured: dict[str, list[float]] = {m: [] for m in METRICS}
    failing = []
    for pdf in cases:
        gold = json.loads(pdf.with_suffix(".expected.json").read_text(encoding="utf-8"))
        try:
            got = extract_document(pdf).model_dump(mode="json")
        except errors.ExtractError as e:
            click.echo(f"Error: {e}", err=True)
            got = {}
        res, misses = score(gold, got)
        for m in METRICS:
            if res[m] is not None:  # alignment, where a plan places no owner or date, measures nothing
                measured[m].append(res[m])
        low = below(res)
        if low:
            failing.append((pdf.stem, low))
        click.echo(f"{pdf.stem:<{width}} " + " ".join(_cell(res[m]) for m in METRICS) + ("  <" if low else ""))
        if verbose:
            for line in misses:
                click.echo(f"    {line}")
    click.echo(f"{'mean':<{width}} " + " ".join(
        _cell(sum(xs) / len(xs) if xs else None) for xs in measured.values()))
    for name, low in failing:
        click.echo(f"below threshold: {name}: {', '.join(low)}", err=True)
    click.echo(f"{len(cases) - len(failing)} of {len(cases)} documents meet every threshold", err=True)
    if failing and report_only:
        click.echo("report only (--report-only): thresholds not enforced", err=True)
    sys.exit(1 if failing and not report_only else 0)


def _cell(x: float | None) -> str:
    return f"{x:>8.3f}" if x is not None else f"{'-':>8}"


def _generalise(n: int, seed: int, workers: int | None) -> int:
    """The layout benchmark of this checkout (benchmarks/generalise.py): prints its tables, returns its status."""
    import importlib.util
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "generalise.py"
    if not path.exists():
        raise click.ClickException(f"--generated needs a checkout of the project ({path} not found)")
    spec = importlib.util.spec_from_file_location("actionplans_generalise", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod.run(n, seed, workers=workers, echo=click.echo)


@main.command(epilog="""\b
Examples:
  actionplans debug plan.pdf                   # every page, into ./debug/
  actionplans debug plan.pdf --page 3 --out /tmp/look
""")
@click.argument("pdf", type=click.Path(exists=True, dir_okay=False))
@click.option("--page", "pages", type=click.IntRange(min=1), multiple=True, help="Page to draw (1-based; repeatable)")
@click.option("--out", "out_dir", default="debug", show_default=True, type=click.Path(file_okay=False),
              help="Folder for the pictures")
@click.option("--resolution", default=110, show_default=True, type=click.IntRange(min=36, max=400),
              help="Dots per inch of the page images")
def debug(pdf: str, pages: tuple[int, ...], out_dir: str, resolution: int) -> None:
    """Draw on each page what every table stage found: columns and their fields, rows, section rows,
    stitched rows, response paragraphs, and each owner/date entry with a line to its action."""
    from . import errors
    from .debug import draw
    try:
        written = draw(pdf, out_dir, list(pages) or None, resolution)
    except errors.ExtractError as e:
        raise click.ClickException(str(e)) from e
    for path in written:
        click.echo(str(path))


if __name__ == "__main__":
    main()
