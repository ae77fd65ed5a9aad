"""Sync from the app: the screen says when the record last met its copies and what waits, and a sync
run from it brings the other copy's sessions in (and sends this one's)."""

import contextlib
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from skilltrack.cli import main
from skilltrack.tui.app import SkilltrackApp
from skilltrack.tui.screens.sync import SyncScreen
from tests.app_fixtures import app_on
from tests.snapshots.drive import SIZE, SnapCompare, scenario
from tests.snapshots.drive import settle as settled
from tests.tui.helpers import plain, settle


def skilltrack(*args: str) -> int:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return main(list(args))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A sync folder another record has already synced through: two sessions of Go in it."""
    shared = tmp_path / "shared"
    shared.mkdir()
    other = tmp_path / "laptop" / "record.sqlite3"
    assert skilltrack("--db", str(other), "log", "go", "45m", "--date", "2026-11-20", "--at", "09:00") == 0
    assert skilltrack("--db", str(other), "log", "go", "30m", "--date", "2026-11-21", "--at", "09:00") == 0
    assert skilltrack("--db", str(other), "sync", str(shared)) == 0
    return shared


@pytest.fixture
def app(empty_record: Path) -> Iterator[SkilltrackApp]:
    opened = app_on(empty_record)
    yield opened
    opened.store.close()


def sessions(path: Path) -> int:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--db", str(path), "session", "list", "--json"]) == 0
    return out.getvalue().count('"id"')


async def test_w_opens_sync_which_brings_the_other_copy_in(
    app: SkilltrackApp, folder: Path, empty_record: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("w")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SyncScreen)
        await pilot.pause(0.2)
        assert plain(screen.query_one("#sync-last", Static)).startswith("Last sync: never.")
        screen.folder_input.value = str(folder)
        await pilot.press("ctrl+s")
        for _ in range(50):
            await pilot.pause(0.05)
            if screen.done is not None:
                break
        assert screen.done is not None and screen.done.startswith("Synced: ")
        assert plain(screen.query_one("#sync-last", Static)).startswith("Last sync: just now through ")
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, SyncScreen)
    assert sessions(empty_record) == 2
    # What this record sent is in the folder, for the other copy to take.
    assert len(list(folder.glob("skilltrack-*.ops.jsonl"))) == 2


async def test_a_folder_that_does_not_exist_is_refused_on_the_field(
    app: SkilltrackApp, tmp_path: Path, empty_record: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("w")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SyncScreen)
        screen.folder_input.value = str(tmp_path / "nowhere")
        await pilot.press("ctrl+s")
        await pilot.pause(0.5)
        await settle(app, pilot)
        problem = plain(screen.query_one("#sync-folder-field .field-error", Static))
        assert problem.startswith("folder: there is no folder at ")
        assert screen.done is None
    assert not (tmp_path / "nowhere").exists()


def test_sync_screen_snapshot(snap_compare: SnapCompare, app: SkilltrackApp) -> None:
    async def show_sync(pilot: Pilot[None]) -> None:
        await pilot.press("w")
        await settled(pilot)
        await pilot.pause(0.2)
        await settled(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=scenario(show_sync))
