"""Snapshots of the interview loop and the story bank, and of their forms, on the demo record."""

from skilltrack.tui.app import SkilltrackApp
from skilltrack.tui.screens.confirm import ConfirmScreen
from tests.snapshots.drive import SIZE, SnapCompare, press, scenario, type_text, wait_for


def test_interviews(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=scenario(press("i")))


def test_interviews_narrow(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=scenario(press("i")))


def test_add_interview(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=scenario(press("i", "down", "down", "a")))


def test_add_interview_invalid_score(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    assert snap_compare(
        demo_app, terminal_size=SIZE, run_before=scenario(press("i", "a", "tab"), type_text("7"))
    )


def test_stories(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=scenario(press("b")))


def test_stories_light_narrow(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    assert snap_compare(
        demo_app, terminal_size=(80, 24), run_before=scenario(press("b"), theme="textual-light")
    )


def test_add_story(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=scenario(press("b", "a")))


def test_edit_story(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=scenario(press("b", "down", "n")))


def test_confirm_delete_story(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    assert snap_compare(
        demo_app, terminal_size=SIZE, run_before=scenario(press("b", "x"), wait_for(ConfirmScreen))
    )
