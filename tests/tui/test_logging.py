"""Logging a session and the timer, with the keys a person would press, checked in the record."""

from pathlib import Path

from textual.widgets import Button, Checkbox, Digits, Input, Label, Static

from skilltrack.record.sessions import minutes_between, running_timer
from skilltrack.record.skills import skill_rows
from skilltrack.tui.app import SkilltrackApp
from skilltrack.tui.screens.dashboard import DashboardScreen
from skilltrack.tui.screens.log_session import LogSessionScreen
from skilltrack.tui.screens.timer import TimerScreen
from skilltrack.tui.widgets.columns import Columns
from skilltrack.tui.widgets.fields import Field, SkillChoice
from tests.conftest import TODAY
from tests.tui.helpers import (
    SIZE,
    all_sessions,
    input_value,
    notifications,
    plain,
    press,
    read,
    settle,
    skill_row,
    type_text,
)


def this_week_line(app: SkilltrackApp) -> str:
    rhythm = plain(app.screen.query_one("#rhythm", Static))
    return next(line for line in rhythm.splitlines() if line.startswith("This week"))


async def test_log_a_session_with_keys_only(demo_app: SkilltrackApp, demo_db: Path) -> None:
    before = all_sessions(demo_db)
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        assert "35m" in this_week_line(demo_app)
        assert not plain(demo_app.screen.query_one("#recent", Columns)).startswith("2026-11-24")

        await press(demo_app, pilot, "l")
        assert isinstance(demo_app.screen, LogSessionScreen)
        assert demo_app.screen.query_one("#skill", Input).has_focus
        await type_text(demo_app, pilot, "kafka")
        await pilot.press("tab")
        await type_text(demo_app, pilot, "45m")
        await press(demo_app, pilot, "enter")

        assert isinstance(demo_app.screen, DashboardScreen)
        assert "1h20m" in this_week_line(demo_app)
        recent = plain(demo_app.screen.query_one("#recent", Columns)).splitlines()
        assert recent[0].split() == ["2026-11-24", "45m", "Kafka"]
        assert any("Logged 45m of Kafka" in note.message for note in notifications(demo_app))

    after = all_sessions(demo_db)
    assert len(after) == len(before) + 1
    new = [row for row in after if row.uuid not in {old.uuid for old in before}]
    assert len(new) == 1
    assert (new[0].skill, new[0].minutes, new[0].kind, new[0].local_day) == ("Kafka", 45, "study", TODAY)
    assert read(demo_db, lambda db: minutes_between(db, first=TODAY, last=TODAY)) == 45


async def test_bad_durations_show_under_the_field_save_nothing_and_escape_cancels(
    demo_app: SkilltrackApp, demo_db: Path
) -> None:
    before = len(all_sessions(demo_db))
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        await press(demo_app, pilot, "l")
        form = demo_app.screen
        assert isinstance(form, LogSessionScreen)
        await type_text(demo_app, pilot, "kafka")
        await pilot.press("tab")
        field = form.query_one("#duration-field", Field)
        for typed in ("0m", "abc"):
            await pilot.press("ctrl+u")
            await type_text(demo_app, pilot, typed)
            await settle(demo_app, pilot)
            assert input_value(form, "#duration") == typed
            assert field.has_class("-invalid"), typed
            problem = plain(field.query_one(".field-error", Label))
            assert problem, typed
            assert field.query_one(".field-error", Label).display
            assert "45m" in problem and "1h30m" in problem, problem  # says what is accepted

            await press(demo_app, pilot, "enter")
            assert demo_app.screen is form, "an invalid duration must not close the form"
            assert field.has_class("-invalid")
            assert len(all_sessions(demo_db)) == before

        # A valid duration clears the message as it is typed.
        await pilot.press("ctrl+u")
        await type_text(demo_app, pilot, "45m")
        assert not field.has_class("-invalid")
        assert plain(field.query_one(".field-error", Label)) == ""

        # Escape cancels the form, filled and valid as it now is: nothing is written.
        assert input_value(form, "#skill") == "kafka"
        await press(demo_app, pilot, "escape")
        assert isinstance(demo_app.screen, DashboardScreen)
        assert not any("Logged" in note.message for note in notifications(demo_app))
    assert len(all_sessions(demo_db)) == before


async def test_near_miss_skill_suggests_and_offers_a_new_skill(
    demo_app: SkilltrackApp, demo_db: Path
) -> None:
    before = len(all_sessions(demo_db))
    skills_before = read(demo_db, lambda db: skill_rows(db, today=TODAY))
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        await press(demo_app, pilot, "l")
        form = demo_app.screen
        assert isinstance(form, LogSessionScreen)
        choice = form.query_one(SkillChoice)
        assert not choice.display
        await type_text(demo_app, pilot, "postgress")
        await pilot.press("tab")
        await type_text(demo_app, pilot, "30m")
        await press(demo_app, pilot, "enter")

        assert demo_app.screen is form
        skill_field = form.query_one("#skill-field", Field)
        assert skill_field.has_class("-invalid")
        problem = plain(skill_field.query_one(".field-error", Label))
        assert "did you mean PostgreSQL?" in problem
        assert "--" not in problem  # no command-line flag in the app
        assert choice.display
        assert form.query_one("#allow-new", Checkbox).value is False
        assert input_value(form, "#skill") == "postgress"
        assert input_value(form, "#duration") == "30m"
        assert not form.query_one("#save", Button).disabled
    assert len(all_sessions(demo_db)) == before
    assert read(demo_db, lambda db: skill_rows(db, today=TODAY)) == skills_before


async def test_near_miss_taken_with_one_key(demo_app: SkilltrackApp, demo_db: Path) -> None:
    skills_before = read(demo_db, lambda db: skill_rows(db, today=TODAY))
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        await press(demo_app, pilot, "l")
        await type_text(demo_app, pilot, "postgress")
        await pilot.press("tab")
        await type_text(demo_app, pilot, "30m")
        await press(demo_app, pilot, "enter")
        assert isinstance(demo_app.screen, LogSessionScreen)
        await press(demo_app, pilot, "ctrl+y")
        assert isinstance(demo_app.screen, DashboardScreen)
        assert any("Logged 30m of PostgreSQL" in note.message for note in notifications(demo_app))
    assert all_sessions(demo_db)[0].skill == "PostgreSQL"
    names = [row.name for row in read(demo_db, lambda db: skill_rows(db, today=TODAY))]
    assert sorted(names) == sorted(row.name for row in skills_before)  # no skill was added


async def test_near_miss_added_as_new_with_the_checkbox(demo_app: SkilltrackApp, demo_db: Path) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        await press(demo_app, pilot, "l")
        await type_text(demo_app, pilot, "postgress")
        await pilot.press("tab")
        await type_text(demo_app, pilot, "30m")
        await press(demo_app, pilot, "enter")
        form = demo_app.screen
        assert isinstance(form, LogSessionScreen)
        form.query_one("#allow-new", Checkbox).value = True
        await press(demo_app, pilot, "ctrl+s")
        assert isinstance(demo_app.screen, DashboardScreen)
    assert skill_row(demo_db, "postgress") is not None
    assert all_sessions(demo_db)[0].skill == "postgress"


async def test_timer_start_stop_and_cancel(demo_app: SkilltrackApp, demo_db: Path) -> None:
    before = len(all_sessions(demo_db))
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        timer_line = demo_app.screen.query_one("#timer-line", Static)
        assert not timer_line.display

        # Start: t, the skill, Enter.
        await press(demo_app, pilot, "t")
        assert isinstance(demo_app.screen, TimerScreen)
        assert "No timer is running" in plain(demo_app.screen.query_one("#timer-state", Static))
        await type_text(demo_app, pilot, "kafka")
        await press(demo_app, pilot, "enter")
        assert isinstance(demo_app.screen, DashboardScreen)
        running = read(demo_db, running_timer)
        assert running is not None
        assert (running.skill, running.kind) == ("Kafka", "study")
        assert timer_line.display
        assert "Kafka (study) 0:00:00" in plain(timer_line)  # the elapsed time, ticking

        # Stop and log: t, a note, Enter.
        await press(demo_app, pilot, "t")
        timer = demo_app.screen
        assert isinstance(timer, TimerScreen)
        assert "Kafka" in plain(timer.query_one("#timer-state", Static))
        assert timer.query_one("#timer-elapsed", Digits).display
        assert str(timer.query_one("#save", Button).label) == "Stop and log"
        assert timer.query_one("#timer-note", Input).has_focus
        await type_text(demo_app, pilot, "rebalancing")
        await press(demo_app, pilot, "enter")
        assert isinstance(demo_app.screen, DashboardScreen)
        assert read(demo_db, running_timer) is None
        assert not timer_line.display
        sessions = all_sessions(demo_db)
        assert len(sessions) == before + 1
        assert (sessions[0].skill, sessions[0].minutes, sessions[0].local_day) == ("Kafka", 1, TODAY)
        assert sessions[0].note == "rebalancing"
        assert plain(demo_app.screen.query_one("#recent", Columns)).splitlines()[0].split() == [
            "2026-11-24",
            "1m",
            "Kafka",
        ]

        # Start again, then cancel: nothing is logged.
        await press(demo_app, pilot, "t")
        await type_text(demo_app, pilot, "go")
        await press(demo_app, pilot, "enter")
        assert read(demo_db, running_timer) is not None
        await press(demo_app, pilot, "t")
        assert isinstance(demo_app.screen, TimerScreen)
        await pilot.click("#discard")
        await settle(demo_app, pilot)
        assert isinstance(demo_app.screen, DashboardScreen)
        assert read(demo_db, running_timer) is None
        assert not timer_line.display
        assert any("nothing was logged" in note.message for note in notifications(demo_app))
    assert len(all_sessions(demo_db)) == before + 1
