"""Storage problems inside the app: one clear message, no crash, nothing written, what was typed kept."""

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Button, Label

from skilltrack.record import connection
from skilltrack.tui.app import SkilltrackApp
from skilltrack.tui.screens.dashboard import DashboardScreen
from skilltrack.tui.screens.log_session import LogSessionScreen
from skilltrack.tui.widgets.columns import Columns
from skilltrack.tui.widgets.fields import Field
from tests.app_fixtures import app_on
from tests.conftest import TODAY
from tests.tui.helpers import SIZE, all_sessions, input_value, notifications, plain, press, settle, type_text

GARBAGE = b"not a database"


@pytest.fixture
def garbage_app(tmp_path: Path) -> Iterator[tuple[SkilltrackApp, Path]]:
    path = tmp_path / "garbage.sqlite3"
    path.write_bytes(GARBAGE)
    app = app_on(path)
    yield app, path
    app.store.close()


def problems_shown(app: SkilltrackApp) -> list[str]:
    """Every storage problem the app shows: error notifications and the problem screen's text."""
    shown = [note.message for note in notifications(app) if note.severity == "error"]
    shown += [plain(widget) for widget in app.screen.query("#problem-text")]
    return shown


async def test_a_file_that_is_not_a_record_is_reported_and_left_alone(
    garbage_app: tuple[SkilltrackApp, Path],
) -> None:
    app, path = garbage_app
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        shown = problems_shown(app)
        assert any(str(path) in text and "not a skilltrack database" in text for text in shown), shown
        assert not [note for note in notifications(app) if note.title == "Unexpected problem"]

        # The keys of the app neither crash it nor write anything.
        for key in ("s", "l", "a", "t"):
            await press(app, pilot, key)
            assert app.is_running
        while len(app.screen_stack) > 1 and not app.screen.query("#problem-text"):
            await press(app, pilot, "escape")
        assert not [note for note in notifications(app) if note.title == "Unexpected problem"]
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 1  # the shell sees a record that cannot be opened, as after a command
    assert app.problem is not None
    assert path.read_bytes() == GARBAGE
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


async def test_a_locked_record_keeps_the_form_open_until_it_can_be_saved(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 50)  # every connection's busy timeout
    before = len(all_sessions(demo_db))
    app = app_on(demo_db)
    other = sqlite3.connect(demo_db, isolation_level=None)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            other.execute("BEGIN IMMEDIATE")  # another program is writing

            await press(app, pilot, "l")
            await type_text(app, pilot, "kafka")
            await pilot.press("tab")
            await type_text(app, pilot, "45m")
            await press(app, pilot, "enter")
            form = app.screen
            assert isinstance(form, LogSessionScreen), "the form must stay open"
            problem = plain(form.query_one("#form-error", Label))
            problems = [problem, *(plain(f.query_one(".field-error", Label)) for f in form.query(Field))]
            assert any("locked" in text for text in problems), problems
            assert str(demo_db) in problem
            assert (input_value(form, "#skill"), input_value(form, "#duration")) == ("kafka", "45m")
            assert not form.query_one("#save", Button).disabled
            assert len(all_sessions(demo_db)) == before

            other.execute("ROLLBACK")  # the other program is done
            await press(app, pilot, "ctrl+s")
            assert isinstance(app.screen, DashboardScreen)
            assert plain(app.screen.query_one("#recent", Columns)).splitlines()[0].split() == [
                "2026-11-24",
                "45m",
                "Kafka",
            ]
    finally:
        other.close()
        app.store.close()
    sessions = all_sessions(demo_db)
    assert len(sessions) == before + 1
    assert (sessions[0].skill, sessions[0].minutes, sessions[0].local_day) == ("Kafka", 45, TODAY)
