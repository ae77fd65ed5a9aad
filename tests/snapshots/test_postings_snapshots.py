"""Snapshots of the job postings screen and its modals on the demo record (two saved postings)."""

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from skilltrack.tui.app import SkilltrackApp
from skilltrack.tui.screens.confirm import ConfirmScreen
from tests.snapshots.drive import SIZE, SnapCompare, Step, press, scenario, settle, wait_for

FIXTURE = Path(__file__).parent.parent / "fixtures" / "postings" / "senior-backend.txt"


@pytest.fixture(autouse=True)
def steady_text_area_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """The text area's cursor blinks on a timer; a blink between two runs changes the picture."""
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)


def paste_fixture() -> Step:
    async def step(pilot: Pilot[None]) -> None:
        pilot.app.screen.query_one("#posting-text", TextArea).load_text(FIXTURE.read_text(encoding="utf-8"))
        await settle(pilot)

    return step


def test_postings(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=scenario(press("j")))


def test_postings_second_selected_light(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    assert snap_compare(
        demo_app, terminal_size=SIZE, run_before=scenario(press("j", "down"), theme="textual-light")
    )


def test_postings_80x24(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=scenario(press("j")))


def test_add_posting_empty(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=scenario(press("j", "a")))


def test_add_posting_with_its_match(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=scenario(press("j", "a"), paste_fixture()))


def test_posting_status(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=scenario(press("j", "u")))


def test_delete_posting(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    assert snap_compare(
        demo_app, terminal_size=SIZE, run_before=scenario(press("j", "x"), wait_for(ConfirmScreen))
    )
