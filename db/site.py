"""The Datasette site for a database: where its metadata, plugin, templates and static files live.

In: the path of a built database. Out: the `datasette serve` arguments the CLI runs, or an in-process
`Datasette` with the same configuration for tests. The metadata names the database `actionplans`;
a file with another name gets the same metadata under its own name.
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


def serve_args(db_path: str | Path, metadata_file: str | Path, host: str = "127.0.0.1", port: int = 8001) -> list[str]:
    """Arguments after `datasette`: the database opened immutable (read-only), with the project's site around it."""
    args = ["serve", "-i", str(db_path), "--host", host, "--port", str(port), "--metadata", str(metadata_file),
            "--plugins-dir", str(PLUGINS), "--template-dir", str(TEMPLATES), "--static", f"static:{STATIC}"]
    for k, v in SETTINGS.items():
        args += ["--setting", k, str(v).lower() if isinstance(v, bool) else str(v)]
    return args


def datasette(db_path: str | Path):
    """An in-process Datasette configured as `actionplans serve` configures it."""
    from datasette.app import Datasette

    return Datasette(immutables=[str(db_path)], metadata=metadata_for(db_path), plugins_dir=str(PLUGINS),
                     template_dir=str(TEMPLATES), static_mounts=[("static", str(STATIC))], settings=SETTINGS)
