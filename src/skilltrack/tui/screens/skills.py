"""Skills and tools: a sortable, filterable table with a detail pane of ratings and sessions."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Input, Static

from skilltrack.domain.durations import format_hours, format_minutes, trend
from skilltrack.domain.framework import LEVEL_RUBRIC
from skilltrack.record import skills
from skilltrack.record.sessions import SessionRow, recent_sessions
from skilltrack.record.skills import RatingRow, SkillRow
from skilltrack.tui.dates import day_text
from skilltrack.tui.keys import HOME_KEY, add_key, delete_key, edit_key
from skilltrack.tui.screens.listing import RowsScreen, detail_panel
from skilltrack.tui.widgets.key_footer import KeyFooter
from skilltrack.tui.words import count

COLUMNS = ("skill", "kind", "level", "hours", "90 days", "last", "trend")
SORT_KEYS = {
    "skill": lambda row: row.name.casefold(),
    "kind": lambda row: (row.kind, row.name.casefold()),
    "level": lambda row: -(row.level if row.level is not None else -1),
    "hours": lambda row: -row.minutes_total,
    "90 days": lambda row: -row.minutes_recent,
    "last": lambda row: -(row.last_practised.toordinal() if row.last_practised else 0),
    "trend": lambda row: -(row.minutes_last_30_days - row.minutes_30_days_before),
}

DETAIL_SESSIONS = 15
"""How many of a skill's latest sessions its detail pane lists."""


@dataclass(frozen=True)
class SkillDetail:
    row: SkillRow
    ratings: list[RatingRow]
    sessions: list[SessionRow]


def read_detail(db: sqlite3.Connection, *, skill_id: int, today: date) -> SkillDetail | None:
    """One skill's row, ratings and latest sessions; ``None`` once it is gone (removed elsewhere)."""
    rows = skills.skill_rows(db, today=today, skill_id=skill_id)
    if not rows:
        return None
    return SkillDetail(
        rows[0],
        skills.rating_history(db, skill_id=skill_id),
        recent_sessions(db, limit=DETAIL_SESSIONS, skill_id=skill_id),
    )


class SkillsScreen(RowsScreen["list[SkillRow]", SkillRow]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "Filter", tooltip="Filter the skills as you type", id="skills.filter"),
        add_key("a skill or tool", screen="skills"),
        Binding(
            "v", "rate", "Rate", tooltip="Record a dated self-rating for the selected skill", id="skills.rate"
        ),
        edit_key("skill: rename it or change its kind", screen="skills"),
        delete_key("skill", screen="skills"),
        # Enter on a row opens them too (the table's own Enter selects the row).
        Binding(
            "S",
            "sessions",
            "Sessions",
            tooltip="The selected skill's sessions, to edit or delete (or Enter on its row)",
            id="skills.sessions",
        ),
        Binding("o", "sort", "Sort", tooltip="Sort by the next column", id="skills.sort"),
        Binding(
            "L", "log_selected", "Log it", tooltip="Log a session on the selected skill", id="skills.log"
        ),
        Binding(
            "escape",
            "leave_filter",
            "Back",
            tooltip="Clear the filter; from the table, back to the dashboard",
            show=False,
            id="skills.back",
        ),
        *HOME_KEY,
    ]
    AUTO_FOCUS = "#skills-table"
    """The table, not the filter above it: keys typed as the screen opens (s, then p) stay keys."""

    def __init__(self) -> None:
        super().__init__()
        self.sort_column = "skill"

    def compose(self) -> ComposeResult:
        with Horizontal(id="skills-body"):
            with Vertical(id="skills-list"):
                yield Input(placeholder="Filter skills: press / and type", id="skill-filter", compact=True)
                table: DataTable[str] = DataTable(id="skills-table", cursor_type="row", zebra_stripes=True)
                for column in COLUMNS:
                    table.add_column(column, key=column)
                yield table
            yield from detail_panel(
                "skill-detail", "Details", "Select a skill to see its ratings and sessions."
            )
        yield KeyFooter()

    def fetch(self) -> list[SkillRow]:
        return self.store.read(lambda db, today: skills.skill_rows(db, today=today))

    def show(self, data: list[SkillRow]) -> None:
        self.rows = data
        self._fill()

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        selected = self.selected_id()
        typed = self.query_one("#skill-filter", Input).value.strip().casefold()
        visible = [
            row
            for row in sorted(self.rows, key=SORT_KEYS[self.sort_column])
            if not typed
            or typed in row.name.casefold()
            or any(typed in alias.casefold() for alias in row.aliases)
        ]
        table.clear()
        for row in visible:
            table.add_row(
                row.name,
                row.kind,
                "–" if row.level is None else str(row.level),
                format_hours(row.minutes_total),
                format_hours(row.minutes_recent),
                day_text(row.last_practised) if row.last_practised else "never",
                trend(row.minutes_last_30_days, row.minutes_30_days_before),
                key=str(row.id),
            )
        if selected is not None and str(selected) in table.rows:
            table.move_cursor(row=table.get_row_index(str(selected)))
        if not visible:
            message = (
                "No skills match the filter." if typed else "No skills yet — press a to add one, or l to log."
            )
            self.query_one("#skill-detail-text", Static).update(message)

    def row_key(self, row: SkillRow) -> str:
        return str(row.id)

    def selected_id(self) -> int | None:
        row = self.selected()
        return None if row is None else row.id

    @on(Input.Changed, "#skill-filter")
    def _filter_changed(self) -> None:
        self._fill()

    def action_leave_filter(self) -> None:
        """Escape in the filter clears it and returns to the table; elsewhere it goes back."""
        filter_input = self.query_one("#skill-filter", Input)
        if filter_input.has_focus:
            filter_input.value = ""
            self.query_one(DataTable).focus()
        else:
            self.run_worker(self.app.run_action("back"), exit_on_error=False)

    @on(Input.Submitted, "#skill-filter")
    def _filter_done(self) -> None:
        self.query_one(DataTable).focus()

    def action_filter(self) -> None:
        self.query_one("#skill-filter", Input).focus()

    def action_sort(self) -> None:
        self.sort_column = COLUMNS[(COLUMNS.index(self.sort_column) + 1) % len(COLUMNS)]
        self.notify(f"Sorted by {self.sort_column}", timeout=2)
        self._fill()

    @on(DataTable.HeaderSelected)
    def _header_selected(self, event: DataTable.HeaderSelected) -> None:
        self.sort_column = str(event.column_key.value)
        self._fill()

    def show_detail(self, row: SkillRow) -> None:
        self._load_detail(row.id)

    @work(thread=True, exclusive=True, group="detail", exit_on_error=False)
    def _load_detail(self, skill_id: int) -> None:
        detail = self.store.read(lambda db, today: read_detail(db, skill_id=skill_id, today=today))
        if detail is not None:
            self.app.call_from_thread(self._show_loaded, detail)

    def _show_loaded(self, detail: SkillDetail) -> None:
        if detail.row.id != self.selected_id():
            return  # the cursor moved on while this was read
        row = detail.row
        lines = [f"[b]{row.name}[/b]  [dim]{row.kind}[/dim]"]
        if row.aliases:
            lines.append(f"[dim]also: {', '.join(row.aliases)}[/dim]")
        level = "not rated" if row.level is None else f"{row.level} — {LEVEL_RUBRIC[row.level]}"
        lines += [
            f"Level {level}",
            f"{format_hours(row.minutes_total)} in {count(row.sessions, 'session')}, "
            f"{format_hours(row.minutes_recent)} in 90 days",
            "",
            "[b]Ratings[/b]",
        ]
        lines += [
            f"{day_text(rating.rated_on)}  {_dots(rating.level)}  {rating.note}".rstrip()
            for rating in reversed(detail.ratings)
        ] or ["not rated yet — press v"]
        lines += ["", "[b]Sessions[/b]"]
        lines += [
            f"{day_text(item.local_day)}  {format_minutes(item.minutes):>5}  {item.kind}"
            for item in detail.sessions
        ] or ["none yet — press L to log one"]
        self.query_one("#skill-detail-text", Static).update("\n".join(lines))

    def action_add(self) -> None:
        from skilltrack.tui.screens.skill_forms import AddSkillScreen

        self.open_form(AddSkillScreen())

    def action_rate(self) -> None:
        from skilltrack.tui.screens.skill_forms import RateSkillScreen

        self.open_form_on_selected(lambda row: RateSkillScreen(row.name, row.level))

    def action_edit(self) -> None:
        from skilltrack.tui.screens.skill_forms import EditSkillScreen

        self.open_form_on_selected(EditSkillScreen)

    @on(DataTable.RowSelected, "#skills-table")
    def action_sessions(self) -> None:
        from skilltrack.tui.screens.day_sessions import SkillSessionsScreen

        row = self.selected()
        if row is not None:
            self.app.push_screen(SkillSessionsScreen(row.id, row.name))

    def action_log_selected(self) -> None:
        from skilltrack.tui.screens.log_session import LogSessionScreen

        row = self.selected()
        self.open_form(LogSessionScreen(skill=row.name if row else ""))

    def ask_delete(self, row: SkillRow) -> None:
        def also_deleted(db: sqlite3.Connection, today: date) -> str:
            impact = skills.skill_impact(db, skill_id=row.id)
            return (
                f"This also deletes {impact.describe()}."
                if not impact.empty
                else "Nothing else goes with it."
            )

        def deleted(removed: skills.SkillImpact) -> str:
            gone = f" with {removed.describe()}" if not removed.empty else ""
            return f"Deleted {row.name}{gone}."

        self.delete_after_asking(
            f"Delete {row.name}?",
            also_deleted,
            lambda db, today: skills.remove_skill(db, skill_id=row.id),
            deleted,
        )


def _dots(level: int) -> str:
    return "●" * level + "○" * (5 - level)
