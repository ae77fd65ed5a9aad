"""The team screen: the matrix of a shared folder's snapshots in the app, and choosing the folder."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from skilltrack.domain.readiness import Status
from skilltrack.domain.team import ExpectationMark, LevelMark, Snapshot
from skilltrack.render.readiness import STATUS_MARKS
from skilltrack.transfer.team import team_folder, write_snapshot
from skilltrack.tui.app import SkilltrackApp
from skilltrack.tui.screens.team import ASK, TeamScreen
from tests.app_fixtures import app_on
from tests.conftest import TODAY
from tests.snapshots.drive import SIZE, SnapCompare, scenario
from tests.snapshots.drive import settle as settled
from tests.tui.helpers import plain, settle

NO_RECORD = Path("no-record.sqlite3")
MET, CLAIMED, PARTIAL, MISSING = Status.MET, Status.CLAIMED, Status.PARTIAL, Status.MISSING
EXPECTATIONS = (
    ("senior.languages.primary", "Deep in one server-side language", "senior"),
    ("senior.delivery.experience", "Four years building backends that shipped", "senior"),
    ("senior.reliability.on-call", "Handles incidents on call", "senior"),
    ("lead.review-mentoring.mentoring", "Mentors engineers on the team", "lead"),
)


def snapshot(name: str, statuses: tuple[Status, ...], percents: tuple[int, int], taken_on: date) -> Snapshot:
    return Snapshot(
        name=name,
        ladder="Remote backend engineer ladder",
        taken_on=taken_on,
        target_level="senior",
        target_date=None,
        levels=(
            LevelMark("senior", "Senior", percents[0], percents[0], 1, 0, 1, 1),
            LevelMark("lead", "Lead", percents[1], percents[1], 1, 0, 1, 2),
        ),
        expectations=tuple(
            ExpectationMark(expectation_id, title, level, status)
            for (expectation_id, title, level), status in zip(EXPECTATIONS, statuses, strict=True)
        ),
    )


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A shared folder with two people's snapshots (one stale) and a damaged file, named in the
    environment as a relative path (what the screen shows does not depend on where tests run)."""
    folder = tmp_path / "team"
    folder.mkdir()
    write_snapshot(
        str(folder),
        snapshot("Ada Lovelace", (MET, CLAIMED, MISSING, PARTIAL), (72, 30), TODAY),
        record=NO_RECORD,
    )
    write_snapshot(
        str(folder),
        snapshot("Bob Stone", (PARTIAL, MET, MISSING, MISSING), (55, 12), date(2026, 10, 1)),
        record=NO_RECORD,
    )
    (folder / "cy.skilltrack-readiness.json").write_text('{"format": ', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SKILLTRACK_TEAM", "team")
    return folder


@pytest.fixture
def app(empty_record: Path) -> Iterator[SkilltrackApp]:
    """The app on a record with nothing in it: the team screen reads the team folder, not the record."""
    opened = app_on(empty_record)
    yield opened
    opened.store.close()


def cells(table: DataTable[str | Text]) -> list[list[str]]:
    return [
        [cell.plain if isinstance(cell, Text) else str(cell) for cell in table.get_row_at(index)]
        for index in range(table.row_count)
    ]


async def open_team(app: SkilltrackApp, pilot: Pilot[None]) -> TeamScreen:
    await settle(app, pilot)
    screen = TeamScreen()
    await app.push_screen(screen)
    await settle(app, pilot)
    return screen


@pytest.mark.usefixtures("team")
async def test_the_matrix_of_the_team_folder(app: SkilltrackApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_team(app, pilot)

        table: DataTable[str | Text] = screen.query_one("#team-matrix", DataTable)
        rows = cells(table)
        summary = plain(screen.query_one("#team-summary", Static))
        gaps = plain(screen.query_one("#team-gaps", Static))
        assert screen.query_one("#team-folder", Input).value == "team"

    assert [str(column.label) for column in table.columns.values()] == ["", "A", "B"]
    assert rows[:2] == [["Senior", "72%", "55%"], ["Lead", "30%", "12%"]]
    marks = {row[0]: row[1:] for row in rows[2:]}
    assert marks["Deep in one server-side language"] == [STATUS_MARKS[MET], STATUS_MARKS[PARTIAL]]
    assert marks["Four years building backends that shipped"] == [STATUS_MARKS[CLAIMED], STATUS_MARKS[MET]]
    assert "A Ada Lovelace · 2026-11-24   B Bob Stone · 2026-10-01, stale: 54 days old" in summary
    assert "Closest to their next level: Ada Lovelace (Senior 72%)" in summary
    assert "Warning: " in summary and "cy.skilltrack-readiness.json: skipped, is not valid JSON" in summary
    assert gaps == (
        "Nobody on the team meets 2 of 4: Handles incidents on call; Mentors engineers on the team"
    )


async def test_with_no_folder_known_it_asks_and_remembers_the_answer(
    app: SkilltrackApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SKILLTRACK_TEAM", raising=False)
    folder = tmp_path / "shared"
    folder.mkdir()
    write_snapshot(
        str(folder), snapshot("Ada Lovelace", (MET, MET, MET, MET), (100, 100), TODAY), record=NO_RECORD
    )

    async with app.run_test(size=SIZE) as pilot:
        screen = await open_team(app, pilot)
        asked = plain(screen.query_one("#team-summary", Static))
        field = screen.query_one("#team-folder", Input)
        focused = screen.focused
        field.value = str(folder)
        await pilot.press("enter")
        await settle(app, pilot)
        summary = plain(screen.query_one("#team-summary", Static))
        gaps = plain(screen.query_one("#team-gaps", Static))

    assert asked == ASK
    assert focused is field
    assert "A Ada Lovelace · 2026-11-24" in summary
    assert "Everyone has completed every level." in summary
    assert gaps == "Every expectation is met by someone on the team."
    assert team_folder({"SKILLTRACK_CONFIG": str(tmp_path / "config.toml")}) == str(folder)


async def test_a_folder_that_is_not_there_is_said_on_the_screen(
    app: SkilltrackApp, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SKILLTRACK_TEAM", str(tmp_path / "nowhere"))

    async with app.run_test(size=SIZE) as pilot:
        screen = await open_team(app, pilot)
        summary = plain(screen.query_one("#team-summary", Static))

    assert summary == (
        f"The folder cannot be read: {tmp_path / 'nowhere'}: there is no such folder; "
        "create it or give the shared one"
    )


@pytest.mark.usefixtures("team")
def test_team_screen_snapshot(snap_compare: SnapCompare, app: SkilltrackApp) -> None:
    async def show_team(pilot: Pilot[None]) -> None:
        await pilot.app.push_screen(TeamScreen())
        await settled(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=scenario(show_team))


@pytest.mark.usefixtures("team")
async def test_m_on_the_dashboard_opens_the_team_matrix(app: SkilltrackApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("m")
        await settle(app, pilot)
        assert isinstance(app.screen, TeamScreen)
        assert app.screen.query_one("#team-matrix", DataTable).row_count > 0
        await pilot.press("d")
        await settle(app, pilot)
        assert not isinstance(app.screen, TeamScreen)
