"""Sessions in a list, a row each, to edit or delete: one day's (opened from the heatmap) or one skill's
(opened from the Skills screen).

The keys act on the selected row with the meaning they have everywhere (:mod:`skilltrack.tui.keys`):
``n`` edits it in the log form, filled in; ``x`` deletes it after asking.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from datetime import date
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from skilltrack.domain.dates import parse_time_zone
from skilltrack.domain.durations import format_minutes
from skilltrack.domain.kinds import MOCK_INTERVIEW
from skilltrack.record.sessions import SessionRow, recent_sessions, remove_session, sessions_on
from skilltrack.tui.dates import day_text, weekday_text
from skilltrack.tui.keys import delete_key, edit_key
from skilltrack.tui.screens.base import AppScreen
from skilltrack.tui.widgets.key_footer import KeyFooter
from skilltrack.tui.words import count

Fetch = Callable[[sqlite3.Connection], list[SessionRow]]

SKILL_SESSIONS_SHOWN = 500
"""A skill's newest sessions listed: years of practice, and still one quick read."""


class SessionsScreen(AppScreen, ModalScreen[None]):
    """A list of sessions read by ``fetch``; edits and deletes reload it (and the screens beneath)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        edit_key("session: skill, length, date, start, kind, note", screen="sessions"),
        delete_key("session", screen="sessions"),
        Binding("escape", "dismiss(None)", "Close", tooltip="Back to the screen before", id="sessions.close"),
    ]

    def __init__(
        self, title: str, fetch: Callable[[sqlite3.Connection], list[SessionRow]], *, days: bool
    ) -> None:
        super().__init__()
        self.title_text = title
        self.fetch = fetch
        self.days = days
        """Whether the list spans days (a skill's sessions): each row then says its day."""
        self.rows: dict[str, SessionRow] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog wide") as dialog:
            dialog.border_title = self.title_text
            yield Static("Loading…", id="day-total")
            table: DataTable[str] = DataTable(id="day-table", cursor_type="row", zebra_stripes=True)
            table.add_columns(*(["day"] if self.days else []), "start", "length", "skill", "kind", "note")
            yield table
        yield KeyFooter()

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load(self) -> None:
        fetch = self.fetch
        rows = self.store.read(lambda db, today: fetch(db))
        self.app.call_from_thread(self._show, rows)

    def _show(self, rows: list[SessionRow]) -> None:
        table = self.query_one(DataTable)
        kept = table.cursor_row
        table.clear()
        self.rows = {str(row.uuid): row for row in rows}
        for row in rows:
            start = row.started_at_utc.astimezone(parse_time_zone(row.time_zone))
            cells = [f"{start:%H:%M}", format_minutes(row.minutes), row.skill, row.kind, row.note]
            table.add_row(*([day_text(row.local_day)] if self.days else []), *cells, key=str(row.uuid))
        total = sum(row.minutes for row in rows)
        self.query_one("#day-total", Static).update(
            f"{count(len(rows), 'session')}, {format_minutes(total)}" if rows else "No sessions here."
        )
        if rows:
            table.move_cursor(row=min(kept, len(rows) - 1))
        table.focus()

    def selected(self) -> SessionRow | None:
        table = self.query_one(DataTable)
        if not self.rows or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.rows.get(key or "")

    def action_edit(self) -> None:
        from skilltrack.tui.screens.log_session import EditSessionScreen

        session = self.selected()
        if session is not None:
            self.app.push_screen(EditSessionScreen(session), self._changed)

    def _changed(self, message: str | None) -> None:
        self.skilltrack.after_write(message)
        if message:
            self._load()

    def action_delete(self) -> None:
        session = self.selected()
        if session is not None:
            self._delete(session)

    @work(exclusive=True, group="delete", exit_on_error=False)
    async def _delete(self, session: SessionRow) -> None:
        from skilltrack.tui.screens.confirm import ConfirmScreen

        start = session.started_at_utc.astimezone(parse_time_zone(session.time_zone))
        question = (
            f"Delete the {format_minutes(session.minutes)} of {session.skill} "
            f"on {weekday_text(session.local_day)} at {start:%H:%M}?"
        )
        details = "A mock interview's scores go with it." if session.kind == MOCK_INTERVIEW else ""
        if not await self.app.push_screen_wait(ConfirmScreen(question, details)):
            return
        typed_id = str(session.uuid)
        removed = await asyncio.to_thread(
            self.store.write, lambda db, today: remove_session(db, typed_id=typed_id)
        )
        day = weekday_text(removed.local_day)
        self._changed(f"Deleted the {format_minutes(removed.minutes)} of {removed.skill} on {day}.")


class DaySessionsScreen(SessionsScreen):
    """The sessions of one day, in the order they started."""

    def __init__(self, day: date) -> None:
        super().__init__(weekday_text(day), lambda db: sessions_on(db, day=day), days=False)
        self.day = day


class SkillSessionsScreen(SessionsScreen):
    """One skill's sessions, newest first."""

    def __init__(self, skill_id: int, name: str) -> None:
        super().__init__(
            f"{name}: sessions",
            lambda db: recent_sessions(db, limit=SKILL_SESSIONS_SHOWN, skill_id=skill_id),
            days=True,
        )
