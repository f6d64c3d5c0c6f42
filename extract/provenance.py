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
import re
from functools import cache
from pathlib import Path

PROVENANCES = ("published", "rebuilt", "sample")
MANIFEST = "provenance.yml"
DEFAULT = "published"


class BadManifest(ValueError):
    """A provenance.yml that does not say one of PROVENANCES."""


# A manifest as the docstring shows it: `default: <provenance>`, `files:`, and under it `<pattern>: <provenance>`
# lines, with comments and blank lines; a pattern plain (with a glob character or ending in .pdf, so YAML reads it as
# a string) or quoted. Read without PyYAML, whose import was 9 ms of a 73 ms re-run of unchanged files.
_SIMPLE = re.compile(r"""(?P<indent>[ ]*)"""  # a key: plain, or quoted with no escapes
                     r"""(?:(?P<plain>[^\s'"#&!|>%@`{}\[\],*?:-][^:#]*?)|'(?P<single>[^']*)'|"(?P<double>[^"\\]*)")"""
                     r"[ ]*:(?:[ ]+(?P<value>[a-z]+))?[ ]*(?:[ ]#.*)?")  # ': value', a comment


def _simple(text: str) -> dict | None:
    """`text` read as YAML reads it when every line is of the simple form above, else None."""
    data: dict = {}
    files: dict | None = None
    indents = set()
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = _SIMPLE.fullmatch(line)
        if not m:
            return None
        key = m["plain"] if m["plain"] is not None else m["single"] if m["single"] is not None else m["double"]
        value, nested = m["value"], bool(m["indent"])
        if m["plain"] is not None and not (re.search(r"[*?\[]", key) or key.lower().endswith(".pdf")) and nested:
            return None  # a plain pattern YAML might read as a number, a date or a boolean
        if value is not None and value not in PROVENANCES:
            return None
        if nested:
            indents.add(m["indent"])
            if files is None or value is None or key in files or len(indents) > 1:
                return None
            files[key] = value
        elif key == "default" and value is not None and "default" not in data:
            data["default"], files = value, None
        elif key == "files" and value is None and "files" not in data:
            data["files"] = files = {}
        else:
            return None
    if data.get("files") == {}:
        data["files"] = None
    return data


@cache
def _manifest(folder: Path) -> dict | None:
    path = folder / MANIFEST
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    data = _simple(text)
    if data is None:
        import yaml
        data = yaml.safe_load(text) or {}
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
