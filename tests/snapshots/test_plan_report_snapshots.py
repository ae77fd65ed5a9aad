"""Snapshots of the report export modal (the dashboard's plan panel is in test_screens.py's dashboards)."""

from textual.pilot import Pilot
from textual.widgets import Input

from skilltrack.tui.app import SkilltrackApp
from tests.snapshots.drive import SIZE, SnapCompare, Step, press, scenario, settle


def output_path(text: str) -> Step:
    async def step(pilot: Pilot[None]) -> None:
        pilot.app.screen.query_one("#output", Input).value = text
        await settle(pilot)

    return step


FIXED_OUTPUT = "/srv/reports/skilltrack-senior-2026-11-24.html"
"""A full path of its own: the default's full path is the test's temporary folder, different every run."""


def test_export_report(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    steps = scenario(press("r", "ctrl+e"), output_path(FIXED_OUTPUT))
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=steps)
