"""Snapshots of the app's modals (forms, confirmations, the day's sessions, keys, command palette)."""

from textual.command import CommandPalette

from skilltrack.tui.app import SkilltrackApp
from skilltrack.tui.screens.confirm import ConfirmScreen
from skilltrack.tui.screens.day_sessions import DaySessionsScreen
from tests.snapshots.drive import SIZE, SnapCompare, focus, press, run_action, scenario, type_text, wait_for


def test_log_session(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=scenario(press("l")))


def test_log_session_invalid_duration(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=scenario(press("l", "tab"), type_text("0m")))


def test_timer_not_running(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=scenario(press("t")))


def test_profile(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=scenario(run_action("profile")))


def test_add_skill(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=scenario(press("s", "a")))


def test_rate_skill(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=scenario(press("s", "v")))


def test_add_project(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=scenario(press("p", "a")))


def test_add_evidence(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=scenario(press("e", "a")))


def test_confirm_delete_skill(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    """AWS (the second skill): the question names the sessions, rating and project that go with it."""
    assert snap_compare(
        demo_app, terminal_size=SIZE, run_before=scenario(press("s", "down", "x"), wait_for(ConfirmScreen))
    )


def test_day_sessions_from_heatmap(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    assert snap_compare(
        demo_app,
        terminal_size=SIZE,
        run_before=scenario(focus("Heatmap"), press("left", "enter"), wait_for(DaySessionsScreen)),
    )


def test_key_panel(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=scenario(press("question_mark")))


def test_command_palette(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    assert snap_compare(
        demo_app, terminal_size=SIZE, run_before=scenario(press("ctrl+p"), wait_for(CommandPalette))
    )
