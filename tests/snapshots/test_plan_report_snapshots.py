"""Snapshots of the report export modal (the dashboard's plan panel is in test_screens.py's dashboards)."""

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from skilltrack.tui.app import SkilltrackApp
from tests.snapshots.drive import SIZE, SnapCompare, Step, press, scenario, settle


def output_path(text: str) -> Step:
    async def step(pilot: Pilot[None]) -> None:
        pilot.app.screen.query_one("#output", Input).value = text
        await settle(pilot)

    return step


def test_export_report(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=scenario(press("r", "x")))


def test_export_report_refused_over_a_database(
    snap_compare: SnapCompare, demo_app: SkilltrackApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The problem shows under the path; a fixed relative name keeps the picture the same everywhere."""
    (tmp_path / "other.db").write_bytes(b"SQLite format 3\x00" + bytes(100))
    monkeypatch.chdir(tmp_path)
    steps = scenario(press("r", "x"), output_path("other.db"), press("ctrl+s"))
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=steps)
