"""The interview loop: each round's practice and readiness, recent mock interviews, and a form to add one."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Select, Static

from skilltrack.domain.dates import parse_date
from skilltrack.domain.drafts import InterviewDraft
from skilltrack.domain.durations import format_minutes, parse_duration
from skilltrack.domain.interviews import (
    GUIDE_SECTION,
    READY_AVERAGE,
    ROUNDS,
    TREND_DOWN,
    TREND_UP,
    TREND_WINDOW,
    InterviewRound,
    InterviewStatus,
    RoundStatus,
    parse_rubric,
    parse_score,
    round_by_id,
)
from skilltrack.domain.kinds import INTERVIEW_ROUNDS
from skilltrack.record.interviews import (
    AddedInterview,
    InterviewRow,
    add_interview,
    load_interview_status,
    load_interviews,
    remove_interview,
)
from skilltrack.tui.dates import day_text
from skilltrack.tui.keys import HOME_KEY, add_key, delete_key
from skilltrack.tui.screens.base import FormScreen, Job, RecordScreen, refuse_near_miss
from skilltrack.tui.widgets.fields import Field, SkillChoice, choice_field
from skilltrack.tui.widgets.key_footer import KeyFooter
from skilltrack.tui.words import count, in_app_words

RECENT = 20
"""How many mock interviews the recent list shows."""
_TREND_MARKS = {TREND_UP: "↑ up", TREND_DOWN: "↓ down"}


def _round_columns(rounds: DataTable[str | Text], window_days: int | None) -> None:
    """The rounds' columns; the average is the window's scored one, the one ready uses."""
    window = f"{window_days} d" if window_days is not None else "window"
    rounds.add_columns("round", "sessions", f"avg {window}", f"trend (last {TREND_WINDOW})")
    rounds.add_columns("last practised", "ready")


def _recent_average(row: RoundStatus) -> str:
    """The scored average ``ready`` uses; "unscored" when the window's sessions have no score."""
    if row.recent_average is not None:
        return f"{row.recent_average:.1f}"
    return "unscored" if row.recent_sessions else "—"


@dataclass(frozen=True)
class InterviewsData:
    status: InterviewStatus
    recent: list[InterviewRow]


class InterviewsScreen(RecordScreen[InterviewsData]):
    BINDINGS: ClassVar[list[BindingType]] = [
        add_key("a mock interview round, with its rubric scores", screen="interviews"),
        delete_key("mock interview (in the lower table), with its session", screen="interviews"),
        *HOME_KEY,
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="interviews-body"):
            with Vertical(id="rounds-panel", classes="panel") as rounds_panel:
                rounds_panel.border_title = "The interview loop"
                rounds: DataTable[str | Text] = DataTable(id="rounds-table", cursor_type="row")
                _round_columns(rounds, ROUNDS[0].bar.within_days)
                yield rounds
                yield Static("", id="round-reason", classes="muted")
            with Vertical(id="mock-panel", classes="panel") as mock_panel:
                mock_panel.border_title = "Recent mock interviews"
                mocks: DataTable[str] = DataTable(id="mock-table", cursor_type="row", zebra_stripes=True)
                mocks.add_columns("date", "round", "length", "score", "skill", "note")
                yield mocks
                yield Static("No mock interviews yet — press a to log one.", id="mock-empty", classes="muted")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#rounds-table", DataTable).focus()

    def fetch(self) -> InterviewsData:
        framework = self.store.framework
        return self.store.read(
            lambda db, today: InterviewsData(
                load_interview_status(db, framework=framework, today=today),
                load_interviews(db, limit=RECENT),
            )
        )

    def show(self, data: InterviewsData) -> None:
        self.status = data.status
        rounds = self.query_one("#rounds-table", DataTable)
        cursor = rounds.cursor_row
        windows = {row.within_days for row in data.status.rounds}
        rounds.clear(columns=True)
        _round_columns(rounds, windows.pop() if len(windows) == 1 else None)
        for row in data.status.rounds:
            ready = Text("✓ ready", style="bold green") if row.ready else Text("not yet", style="yellow")
            rounds.add_row(
                row.title,
                str(row.sessions),
                _recent_average(row),
                _TREND_MARKS.get(row.trend, row.trend),
                day_text(row.last_practised) if row.last_practised else "never",
                ready,
                key=row.round_id,
            )
        rounds.move_cursor(row=min(cursor, rounds.row_count - 1))
        self._show_reason()
        mocks = self.query_one("#mock-table", DataTable)
        mocks.clear()
        for mock in data.recent:
            mocks.add_row(
                day_text(mock.local_day),
                round_by_id(mock.round_id).title,
                format_minutes(mock.minutes),
                f"{mock.score}/5",
                mock.skill,
                mock.note,
                key=str(mock.uuid),
            )
        self.recent = tuple(data.recent)
        mocks.display = bool(data.recent)
        self.query_one("#mock-empty", Static).display = not data.recent

    status: InterviewStatus | None = None
    recent: tuple[InterviewRow, ...] = ()
    """The mock interviews listed in the lower table."""

    def action_delete(self) -> None:
        mocks = self.query_one("#mock-table", DataTable)
        if not self.recent or mocks.row_count == 0:
            return
        key = mocks.coordinate_to_cell_key(mocks.cursor_coordinate).row_key.value
        mock = next((mock for mock in self.recent if str(mock.uuid) == key), None)
        if mock is None:
            return
        title = round_by_id(mock.round_id).title
        typed_id = mock.uuid.hex
        self.delete_after_asking(
            f"Delete the {title} mock interview of {day_text(mock.local_day)} ({mock.score}/5)?",
            f"Its {format_minutes(mock.minutes)} session and its scores go with it.",
            lambda db, today: remove_interview(db, typed_id=typed_id),
            lambda removed: f"Deleted the {title} mock interview of {day_text(removed.local_day)}.",
        )

    @on(DataTable.RowHighlighted, "#rounds-table")
    def _show_reason(self) -> None:
        if self.status is None:
            return
        rounds = self.query_one("#rounds-table", DataTable)
        row = self.status.rounds[min(rounds.cursor_row, len(self.status.rounds) - 1)]
        need = (
            f"needs {count(row.min_sessions, 'session')} in {row.within_days} days, the scored ones "
            f"averaging {READY_AVERAGE:.0f}+; a mock interview logged with l counts, unscored"
        )
        self.query_one("#round-reason", Static).update(f"{row.title}: {row.reason} ({need}).")

    def action_add(self) -> None:
        rounds = self.query_one("#rounds-table", DataTable)
        selected = ROUNDS[min(max(rounds.cursor_row, 0), len(ROUNDS) - 1)].id
        self.open_form(AddInterviewScreen(round_id=selected))


class AddInterviewScreen(FormScreen):
    TITLE_TEXT = "Log a mock interview"

    def __init__(self, *, round_id: str = INTERVIEW_ROUNDS[0]) -> None:
        super().__init__()
        self.round_id = round_id

    def compose_fields(self) -> ComposeResult:
        yield from choice_field("Round", [(r.title, r.id) for r in ROUNDS], id="round", value=self.round_id)
        with Horizontal(classes="field-row"):
            yield Field(
                "Length",
                id="minutes",
                placeholder="e.g. 45m",
                parse=lambda v: parse_duration(v, field="minutes"),
            )
            yield Field("Score 1–5", id="score", placeholder="e.g. 3", parse=parse_score)
            yield Field(
                "Date",
                id="date",
                placeholder="e.g. yesterday (empty: today)",
                parse=self._parse_day,
                optional=True,
            )
        yield Field(
            "Rubric scores (optional)",
            id="rubric",
            placeholder="e.g. requirements=4 scaling=2",
            parse=lambda v: parse_rubric(v.replace(",", " ").split(), self._round()),
            optional=True,
        )
        yield Static("", id="rubric-hint", classes="muted")
        yield Field("Skill (optional: the round's own, or your language)", id="skill", placeholder="e.g. Go")
        yield SkillChoice()
        yield Field("Note (optional)", id="note", placeholder="e.g. the exercise, what to do better")

    def on_mount(self) -> None:
        self._hint()
        self.query_one("#minutes-field", Field).input.focus()

    def _round(self) -> InterviewRound:
        value = self.query_one("#round", Select).value
        return round_by_id(value if isinstance(value, str) else self.round_id)

    @on(Select.Changed, "#round")
    def _hint(self) -> None:
        interview_round = self._round()
        criteria = ", ".join(criterion.id for criterion in interview_round.criteria)
        self.query_one("#rubric-hint", Static).update(
            f"{interview_round.title} is scored on: {criteria} (guide: {GUIDE_SECTION})."
        )

    def _parse_day(self, value: str) -> date:
        return parse_date(value, today=self.store.local_today())

    def prepare(self) -> Job:
        interview_round = self._round()
        draft = InterviewDraft(
            interview_round=interview_round,
            minutes=parse_duration(self.value("minutes"), field="minutes"),
            score=parse_score(self.value("score")),
            rubric=parse_rubric(self.value("rubric").replace(",", " ").split(), interview_round),
            skill=self.value("skill") or None,
            day=self._parse_day(self.value("date")) if self.value("date") else None,
            note=self.value("note"),
            allow_new=self.allow_new(),
        )
        store = self.store

        def add(db: sqlite3.Connection, today: date) -> AddedInterview:
            if draft.skill is not None and not draft.allow_new:
                refuse_near_miss(db, typed=draft.skill, framework=store.framework, field="skill")
            return add_interview(
                db,
                draft=draft,
                framework=store.framework,
                now_utc=store.now(),
                fallback_zone=store.machine_zone,
            )

        def save() -> str:
            added = store.write(add)
            notice = f" ({in_app_words(added.notice)})" if added.notice else ""
            return (
                f"Logged a {added.round_title.lower()} mock interview: "
                f"{format_minutes(added.minutes)}, score {added.score}/5{notice}."
            )

        return save
