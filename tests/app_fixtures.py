"""Fixtures for the app's tests (Pilot and snapshots): a demo record made once and copied per test."""

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input

from skilltrack.demo import populate_demo
from skilltrack.guide import load_builtin_framework
from skilltrack.record.opener import open_record
from skilltrack.tui.app import SkilltrackApp, make_app
from tests.conftest import TODAY


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo record for TODAY, built once for the whole run."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    record = open_record(path)
    populate_demo(record, load_builtin_framework(), today=TODAY)
    record.close()
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo record (the file is closed, so a plain copy is a consistent one)."""
    target = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_template, target)
    return target


@pytest.fixture
def empty_db(tmp_path: Path) -> Path:
    return tmp_path / "empty.sqlite3"


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor makes screenshots differ from run to run."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)


def app_on(path: Path, today: date = TODAY) -> SkilltrackApp:
    return make_app(db=path, ladder=load_builtin_framework, today=today)


@pytest.fixture
def demo_app(demo_db: Path) -> Iterator[SkilltrackApp]:
    app = app_on(demo_db)
    yield app
    app.store.close()
