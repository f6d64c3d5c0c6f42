"""Shared fixtures: the corpus, and one extraction of each corpus PDF per test session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
GOLDEN = REPO / "tests" / "golden"
SEED = CORPUS / "thematic-2020-minority-ethnic-rrp.pdf"
SHARED_SCORER = REPO.parent / "shared" / "tools" / "score.py"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/*.json from the extractor")


def corpus_pdfs() -> list[Path]:
    return sorted(p for p in CORPUS.glob("*.pdf") if p.with_suffix(".expected.json").exists())


@pytest.fixture(scope="session")
def extracted():
    """name -> Document JSON (source.path relative to the repo), extracted once per session."""
    from actionplans.extract.pipeline import extract_document
    cache: dict[str, dict] = {}

    def get(pdf: Path) -> dict:
        if pdf.stem not in cache:
            doc = extract_document(pdf.relative_to(REPO) if pdf.is_relative_to(REPO) else pdf)
            cache[pdf.stem] = doc.model_dump(mode="json")
        return cache[pdf.stem]
    return get


def expected(pdf: Path) -> dict:
    return json.loads(pdf.with_suffix(".expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def anyio_backend():
    return "asyncio"


@pytest.fixture(scope="session")
def db_path(tmp_path_factory):
    """The corpus database the Datasette, export and browser tests share (built once)."""
    from site_db import build
    return build(tmp_path_factory)
