"""The Datasette site for a database: where its metadata, plugin, templates and static files live.

In: the path of a built database. Out: the configured `Datasette` (served by `actionplans serve` in its
own process, with no child and no temporary files, and used in-process by the tests). The metadata names
the database `actionplans`; a file with another name gets the same metadata under its own name.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .metadata import DATABASE, METADATA_PATH

HERE = Path(__file__).resolve().parent
PLUGINS = HERE / "plugins"
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
SETTINGS = {"sql_time_limit_ms": 3000, "facet_time_limit_ms": 500, "allow_download": False}


def metadata_for(db_path: str | Path) -> dict:
    meta = yaml.safe_load(METADATA_PATH.read_text(encoding="utf-8"))
    name = Path(db_path).stem
    if name != DATABASE:
        meta["databases"] = {name: meta["databases"].pop(DATABASE)}
    return meta


def datasette(db_path: str | Path):
    """The Datasette `actionplans serve` runs, also used in-process by the tests.

    The database is opened read-only but not immutable: Datasette reads it with `mode=ro`, so plans
    extracted into the same file while it is served appear on the next page load, with current counts."""
    from datasette.app import Datasette

    return Datasette(files=[str(db_path)], metadata=metadata_for(db_path), plugins_dir=str(PLUGINS),
                     template_dir=str(TEMPLATES), static_mounts=[("static", str(STATIC))], settings=SETTINGS)


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Serve the site in this process until TERM or Ctrl-C, then return (exit status 0: a stop asked for is not
    a failure). uvicorn shuts down gracefully on either signal, then raises it again once its own handlers are
    gone; these handlers turn that into an ordinary return."""
    import signal

    import uvicorn

    def stop(signum, frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    try:
        uvicorn.run(datasette(db_path).app(), host=host, port=port, log_level="warning", lifespan="on",
                    access_log=False)
    except KeyboardInterrupt:
        pass
