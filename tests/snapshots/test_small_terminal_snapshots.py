"""Snapshots at 80×24: the first-run welcome, and forms whose fields scroll under Save and Cancel."""

from pathlib import Path

from skilltrack.guide import load_builtin_framework
from skilltrack.tui.app import SkilltrackApp, make_app
from skilltrack.tui.screens.welcome import WelcomeScreen
from tests.conftest import TODAY
from tests.snapshots.drive import SnapCompare, focus, press, scenario, type_text, wait_for

SMALL = (80, 24)

NO_RECORD = Path("/srv/skilltrack-example/record.sqlite3")
"""A path the welcome names: fixed, so the picture is the same everywhere; nothing is written there
unless the form is saved, which these snapshots never do."""


def test_welcome(snap_compare: SnapCompare) -> None:
    app = make_app(db=NO_RECORD, ladder=load_builtin_framework, today=TODAY)
    assert snap_compare(app, terminal_size=SMALL, run_before=scenario(wait_for(WelcomeScreen)))


def test_log_session_80x24(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    assert snap_compare(demo_app, terminal_size=SMALL, run_before=scenario(press("l")))


def test_add_evidence_80x24_last_field(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    """Tabbed to the note, the last field: the fields have scrolled, Save and Cancel are where they were."""
    steps = scenario(press("e", "a"), focus("#note"), type_text("decided"))
    assert snap_compare(demo_app, terminal_size=SMALL, run_before=steps)


def test_timer_running_80x24(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    """Its time, and a note for the session it stops into."""
    steps = scenario(press("t"), type_text("kafka"), press("enter", "t"))
    assert snap_compare(demo_app, terminal_size=SMALL, run_before=steps)
