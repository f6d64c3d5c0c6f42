"""The `actionplans` command: a thin skin over the library. Data to stdout, messages to stderr."""

from __future__ import annotations

import csv
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import click

from . import errors

DEFAULT_DB = "db/actionplans.db"


def find_pdfs(paths: tuple[str, ...]) -> list[str]:
    """Files as given; folders searched recursively for *.pdf (any case), in a stable order."""
    out: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            out += sorted(str(f) for f in Path(p).rglob("*") if f.is_file() and f.suffix.lower() == ".pdf")
        else:
            out.append(p)
    return out


@click.group()
@click.version_option(package_name="actionplans")
def main() -> None:
    """Turn HMPPS action-plan PDFs into records you can query."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("pdfminer", "pdfplumber"):
        logging.getLogger(noisy).setLevel(logging.ERROR)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", "db_path", type=click.Path(dir_okay=False), help="SQLite file to write the records to")
@click.option("--json", "as_json", is_flag=True, help="Print the records as JSON on stdout")
@click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]), help="Date against which actions count as overdue")
def extract(paths: tuple[str, ...], db_path: str | None, as_json: bool, as_of) -> None:
    """Extract action plans from PDF files or folders."""
    from actionplans.db.load import open_db, save

    from .pipeline import extract_document
    files = find_pdfs(paths)
    db = open_db(db_path) if db_path else None
    docs, failed = [], 0
    for i, path in enumerate(files, start=1):
        try:
            doc = extract_document(path, as_of=as_of.date() if as_of else None)
        except errors.ExtractError as e:
            failed += 1
            click.echo(f"Error: {e}", err=True)
            continue
        if db is not None:
            save(db, doc)
        if as_json:
            docs.append(doc.model_dump(mode="json"))
        click.echo(f"[{i}/{len(files)}] {path}: {len(doc.recommendations)} recommendations", err=True)
    if as_json:
        json.dump(docs[0] if len(docs) == 1 and len(files) == 1 else {"documents": docs}, sys.stdout,
                  ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    click.echo(f"{len(files) - failed} of {len(files)} files extracted, {failed} failed", err=True)
    sys.exit(1 if failed else 0)


@main.command()
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True, type=int)
def serve(db_path: str, host: str, port: int) -> None:
    """Serve the database in Datasette, read-only."""
    here = Path(__file__).resolve().parent.parent / "db"
    cmd = [sys.executable, "-m", "datasette", "serve", "-i", db_path, "--host", host, "--port", str(port)]
    if (here / "metadata.yml").exists():
        cmd += ["--metadata", str(here / "metadata.yml")]
    click.echo(f"Serving {db_path} on http://{host}:{port}/", err=True)
    sys.exit(subprocess.call(cmd))


@main.command()
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
@click.option("--table", default="action_rows", show_default=True, help="Table or view to export")
def export(db_path: str, fmt: str, table: str) -> None:
    """Write a table or view (by default one row per action) as CSV or JSON to stdout."""
    import sqlite_utils
    db = sqlite_utils.Database(db_path)
    if table not in db.table_names() + db.view_names():
        raise click.ClickException(f"no table or view named {table!r}; try one of: "
                                   + ", ".join(db.table_names() + db.view_names()))
    rows = db.query(f"SELECT * FROM [{table}]")
    if fmt == "json":
        json.dump(list(rows), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    first = next(rows, None)
    if first is None:
        return
    w = csv.DictWriter(sys.stdout, fieldnames=list(first))
    w.writeheader()
    w.writerow(first)
    w.writerows(rows)


