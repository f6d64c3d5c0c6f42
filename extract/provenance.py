"""Where a plan came from: published by HMPPS, rebuilt from a published plan, or a sample made for this project.

In: the location of an input (a path or URL). Out: one of PROVENANCES. A PDF's bytes cannot say whether it
is real, so the folder says it: a `provenance.yml` in the PDF's folder or a folder above it maps file names
(shell patterns) to a provenance, with a `default` for the rest:

    default: sample
    files:
      thematic-2020-*.pdf: rebuilt

The nearest such file wins; with none, a plan counts as published (what a person downloads and extracts).
`actionplans extract --provenance` overrides both.
"""

from __future__ import annotations

import fnmatch
from functools import cache
from pathlib import Path

import yaml

PROVENANCES = ("published", "rebuilt", "sample")
MANIFEST = "provenance.yml"
DEFAULT = "published"


class BadManifest(ValueError):
    """A provenance.yml that does not say one of PROVENANCES."""


@cache
def _manifest(folder: Path) -> dict | None:
    path = folder / MANIFEST
    if not path.is_file():
        return None
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    values = [data.get("default", DEFAULT), *(data.get("files") or {}).values()]
    bad = [v for v in values if v not in PROVENANCES]
    if bad:
        raise BadManifest(f"{path}: {bad[0]!r} is not one of {', '.join(PROVENANCES)}")
    return data


def of(location: str) -> str:
    """The provenance of the PDF at `location` (a path or URL); see the module docstring."""
    if "://" in location:
        return DEFAULT
    path = Path(location).resolve()
    for folder in path.parents:
        data = _manifest(folder)
        if data is None:
            continue
        for pattern, value in (data.get("files") or {}).items():
            if fnmatch.fnmatch(path.name, pattern):
                return value
        return data.get("default", DEFAULT)
    return DEFAULT
