"""Sessions fixed in the app: edited and deleted from the day view and from a skill's sessions, their id
kept; and a session that would overlap another is refused on its start, with a "keep both" tick."""

from datetime import timedelta
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Checkbox, DataTable, Input, Label

from skilltrack.record.sessions import sessions_on
from skilltrack.tui.app import SkilltrackApp
from skilltrack.tui.screens.day_sessions import DaySessionsScreen, SkillSessionsScreen
from skilltrack.tui.screens.log_session import EditSessionScreen, LogSessionScreen
from skilltrack.tui.widgets.fields import Field
from tests.conftest import TODAY
from tests.tui.helpers import (
    SIZE,
    all_sessions,
    answer,
    ask,
    notifications,
    plain,
    press,
    read,
    settle,
    type_text,
    wait_until,
)

YESTERDAY = TODAY - timedelta(days=1)


async def open_day(app: SkilltrackApp, pilot: Pilot[None]) -> DaySessionsScreen:
    app.push_screen(DaySessionsScreen(YESTERDAY))
    await wait_until(app, pilot, lambda: isinstance(app.screen, DaySessionsScreen))
    assert isinstance(app.screen, DaySessionsScreen)
    screen = app.screen
    # Its sessions are read in a worker: a key pressed before they are shown has nothing to act on.
    await wait_until(app, pilot, lambda: any(table.row_count for table in screen.query(DataTable)))
    return screen


async def test_edit_a_session_from_the_day_view_keeping_its_id(
    demo_app: SkilltrackApp, demo_db: Path
) -> None:
    (first, *_) = read(demo_db, lambda db: sessions_on(db, day=YESTERDAY))
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        day = await open_day(demo_app, pilot)
        await press(demo_app, pilot, "n")
        form = demo_app.screen
        assert isinstance(form, EditSessionScreen)
        assert form.query_one("#skill", Input).value == first.skill
        assert form.query_one("#date", Input).value == YESTERDAY.isoformat()
        form.query_one("#duration", Input).value = "50m"
        form.query_one("#note", Input).value = "fixed afterwards"
        await press(demo_app, pilot, "ctrl+s")
        await wait_until(demo_app, pilot, lambda: demo_app.screen is day)
        assert any("Changed the session: 50m" in note.message for note in notifications(demo_app))
        cells = day.query_one(DataTable).get_row_at(0)
        assert "50m" in cells and "fixed afterwards" in cells
    edited = next(row for row in all_sessions(demo_db) if row.uuid == first.uuid)
    assert (edited.minutes, edited.note, edited.skill, edited.local_day) == (
        50,
        "fixed afterwards",
        first.skill,
        YESTERDAY,
    )


async def test_delete_a_session_from_the_day_view_after_asking(
    demo_app: SkilltrackApp, demo_db: Path
) -> None:
    on_the_day = read(demo_db, lambda db: sessions_on(db, day=YESTERDAY))
    before = len(all_sessions(demo_db))
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        day = await open_day(demo_app, pilot)
        confirm = await ask(demo_app, pilot, "x")
        assert on_the_day[0].skill in plain(confirm.query_one("#question"))
        await answer(demo_app, pilot, "escape")
        assert len(all_sessions(demo_db)) == before
        await ask(demo_app, pilot, "x")
        await answer(demo_app, pilot, "y")
        await wait_until(demo_app, pilot, lambda: day.query_one(DataTable).row_count == len(on_the_day) - 1)
    assert len(all_sessions(demo_db)) == before - 1
    assert on_the_day[0].uuid not in {row.uuid for row in all_sessions(demo_db)}


async def test_a_skills_sessions_open_with_enter_and_edit_there(
    demo_app: SkilltrackApp, demo_db: Path
) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        await press(demo_app, pilot, "s", "down", "enter")  # AWS: the first skill has no sessions
        listing = demo_app.screen
        assert isinstance(listing, SkillSessionsScreen)
        table = listing.query_one(DataTable)
        await wait_until(demo_app, pilot, lambda: table.row_count > 0)
        skill = str(table.get_row_at(0)[3])
        newest = next(row for row in all_sessions(demo_db) if row.skill == skill)
        await press(demo_app, pilot, "n")
        form = demo_app.screen
        assert isinstance(form, EditSessionScreen)
        assert form.session.uuid == newest.uuid
        form.query_one("#note", Input).value = "from the skill's list"
        await press(demo_app, pilot, "ctrl+s")
        await wait_until(demo_app, pilot, lambda: demo_app.screen is listing)
    assert (
        next(row for row in all_sessions(demo_db) if row.uuid == newest.uuid).note == "from the skill's list"
    )


async def test_an_overlap_is_refused_on_the_start_and_kept_with_a_tick(
    demo_app: SkilltrackApp, demo_db: Path
) -> None:
    (other, *_) = read(demo_db, lambda db: sessions_on(db, day=YESTERDAY))
    start = other.started_at_utc.astimezone()  # the demo's zone is UTC in tests
    before = len(all_sessions(demo_db))
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        await press(demo_app, pilot, "l")
        form = demo_app.screen
        assert isinstance(form, LogSessionScreen)
        keep_both = form.query_one("#allow-overlap", Checkbox)
        assert not keep_both.display
        await type_text(demo_app, pilot, "kafka")
        form.query_one("#duration", Input).value = "30m"
        form.query_one("#date", Input).value = YESTERDAY.isoformat()
        form.query_one("#at", Input).value = f"{start:%H:%M}"
        await press(demo_app, pilot, "ctrl+s")
        await wait_until(demo_app, pilot, lambda: form.query_one("#at-field", Field).has_class("-invalid"))
        problem = plain(form.query_one("#at-field .field-error", Label))
        assert "overlap" in problem and other.skill in problem and "--" not in problem
        assert keep_both.display
        assert len(all_sessions(demo_db)) == before

        keep_both.value = True
        await press(demo_app, pilot, "ctrl+s")
        await wait_until(demo_app, pilot, lambda: demo_app.screen is not form)
    assert len(all_sessions(demo_db)) == before + 1
