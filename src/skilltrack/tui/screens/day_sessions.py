"""The sessions of one day, opened from the heatmap.

A list of the day's sessions, a row each, so that keys acting on the selected session (edit, delete:
:mod:`skilltrack.tui.keys`) have a row to act on.
"""

from __future__ import annotations

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
from skilltrack.record.sessions import SessionRow, sessions_on
from skilltrack.tui.dates import weekday_text
from skilltrack.tui.screens.base import AppScreen
from skilltrack.tui.widgets.key_footer import KeyFooter
from skilltrack.tui.words import count


class DaySessionsScreen(AppScreen, ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close", tooltip="Back to the dashboard", id="day.close"),
    ]

    def __init__(self, day: date) -> None:
        super().__init__()
        self.day = day

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog wide") as dialog:
            dialog.border_title = weekday_text(self.day)
            yield Static("Loading…", id="day-total")
            table: DataTable[str] = DataTable(id="day-table", cursor_type="row", zebra_stripes=True)
            table.add_columns("start", "length", "skill", "kind", "note")
            yield table
        yield KeyFooter()

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, exit_on_error=False)
    def _load(self) -> None:
        rows = self.store.read(lambda db, today: sessions_on(db, day=self.day))
        self.app.call_from_thread(self._show, rows)

    def _show(self, rows: list[SessionRow]) -> None:
        table = self.query_one(DataTable)
        for row in rows:
            start = row.started_at_utc.astimezone(parse_time_zone(row.time_zone))
            table.add_row(f"{start:%H:%M}", format_minutes(row.minutes), row.skill, row.kind, row.note)
        total = sum(row.minutes for row in rows)
        self.query_one("#day-total", Static).update(
            f"{count(len(rows), 'session')}, {format_minutes(total)}" if rows else "Nothing logged this day."
        )
        table.focus()
