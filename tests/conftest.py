"""Shared fixtures: a fixed day, the built-in ladder, a fresh record on disk, and an isolated environment."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings

from skilltrack.domain.framework import Framework
from skilltrack.guide import load_builtin_framework
from skilltrack.record.opener import Record, open_record

pytest_plugins = ["tests.app_fixtures", "tests.terminal"]

settings.register_profile("skilltrack", deadline=None)
settings.load_profile("skilltrack")
"""No time limit on a hypothesis example anywhere: on a shared or busy machine a fast rule can still
take longer than any fixed limit once, and a test about behaviour should not fail for it."""

TODAY = date(2026, 11, 24)
"""The fixed day tests run on (a Tuesday)."""
NOW = "2026-11-24T18:30:00+00:00"
"""The fixed instant given to the command line through SKILLTRACK_NOW."""


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads or writes the real user's record, config or ladder; colours and clocks are fixed."""
    monkeypatch.setenv("SKILLTRACK_DB", str(tmp_path / "record.sqlite3"))
    monkeypatch.setenv("SKILLTRACK_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.delenv("SKILLTRACK_FRAMEWORK", raising=False)
    monkeypatch.delenv("SKILLTRACK_NOW", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TEXTUAL_THEME", raising=False)
    monkeypatch.setenv("TZ", "UTC")


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def framework() -> Framework:
    return load_builtin_framework()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "record.sqlite3"


@pytest.fixture
def record(db_path: Path) -> Iterator[Record]:
    """A new record on disk, open for transactions."""
    opened = open_record(db_path)
    yield opened
    opened.close()


@pytest.fixture
def empty_record(tmp_path: Path) -> Path:
    """A new, empty record at the isolated path: for tests of what commands do on a record with nothing
    in it yet (on a path with no record, a command that only reads says so and makes none)."""
    path = tmp_path / "record.sqlite3"
    open_record(path).close()
    return path
