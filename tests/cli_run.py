"""The `actionplans` command run in the test's own process: its exit status and what it wrote to stdout and stderr."""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass

from actionplans.extract.cli import main


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def invoke(args) -> Result:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main([str(a) for a in args])
            code = 0
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 0 if e.code is None else 1
    return Result(code, out.getvalue(), err.getvalue())
