"""Packaging: every folder of files the package ships is declared as a package, so installing is quiet.

setuptools warns (one block per folder, about 190 lines for `make demo`) when package data sits in a folder
that is not a declared package; this checks the condition those warnings test, without building anything.
"""

from __future__ import annotations

import fnmatch
import subprocess
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_every_shipped_folder_is_a_declared_package_with_its_files():
    cfg = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    packages, dirs, data = cfg["packages"], cfg["package-dir"], cfg.get("package-data", {})

    def folder(pkg: str) -> Path:
        for prefix, d in sorted(dirs.items(), key=lambda kv: -len(kv[0])):
            if pkg == prefix or pkg.startswith(prefix + "."):
                return REPO / d / pkg[len(prefix):].lstrip(".").replace(".", "/")
        raise AssertionError(f"{pkg} is in no package-dir")

    # What the repository holds (not caches or databases a run left in the working tree).
    tracked = [REPO / f for f in subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True,
                                                 check=True).stdout.splitlines()]
    for top in dirs:
        root = folder(top)
        for sub in sorted({f.parent for f in tracked if f.is_relative_to(root)}):
            name = top + ("." + ".".join(sub.relative_to(root).parts) if sub != root else "")
            assert name in packages, f"{sub.relative_to(REPO)} ships files but {name} is not in packages"
            files = [f.name for f in tracked if f.parent == sub and f.suffix != ".py"]
            globs = data.get(name, [])
            missing = [f for f in files if not any(fnmatch.fnmatch(f, g) for g in globs)]
            assert not missing, f"{name}: {missing} are not in package-data"
