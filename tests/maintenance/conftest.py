"""Fixtures for the maintenance tests: the command in-process, and a complete record to work on."""

import io
import shutil
import sys
from pathlib import Path

import pytest

from skilltrack.cli import main
from tests.cli.helpers import Result, Run
from tests.conftest import NOW

# The newest schema fixture: every table of the current schema has rows in it.
COMPLETE_RECORD = Path(__file__).parent.parent / "reliability" / "fixtures" / "schema4.sqlite3"


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """``skilltrack.cli.main(argv)`` on the isolated record, at NOW, with no terminal on stdin."""
    monkeypatch.setenv("SKILLTRACK_NOW", NOW)

    def invoke(*args: str, now: str | None = None) -> Result:
        if now is not None:
            monkeypatch.setenv("SKILLTRACK_NOW", now)
        monkeypatch.setattr(sys, "stdin", io.StringIO(""))
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


@pytest.fixture
def record(db_path: Path) -> Path:
    """A complete record (every table with rows: the newest schema fixture) at the isolated path."""
    shutil.copyfile(COMPLETE_RECORD, db_path)
    return db_path
