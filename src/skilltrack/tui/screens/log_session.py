"""Log a session: skill (with completion), duration, date, start time, kind and note.

Typing the skill, Tab, the duration and Enter is enough: the date defaults to today and the session
to one that just ended.
"""

import sqlite3
from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Checkbox, Input, Select

from skilltrack.domain.dates import parse_clock_time, parse_date
from skilltrack.domain.drafts import SessionDraft
from skilltrack.domain.durations import format_minutes, parse_duration
from skilltrack.domain.framework import SESSION_KINDS
from skilltrack.domain.names import clean_name
from skilltrack.record import skills
from skilltrack.record.sessions import LoggedSession, log_session
from skilltrack.tui.screens.base import FormScreen, Job
from skilltrack.tui.widgets.fields import Field, choice_field


class LogSessionScreen(FormScreen):
    """Returns a line saying what was logged, or ``None`` when cancelled."""

    TITLE_TEXT = "Log a session"

    def __init__(self, *, skill: str = "", kind: str = "study") -> None:
        super().__init__()
        self.skill = skill
        self.kind = kind

    @property
    def today(self) -> date:
        return self.store.local_today()

    def compose_fields(self) -> ComposeResult:
        yield Field(
            "Skill or tool",
            id="skill",
            value=self.skill,
            placeholder="postgres, k8s, system design…",
            parse=lambda value: clean_name(value, field="skill"),
        )
        yield Field("Duration", id="duration", placeholder="45m, 1h30m, 1.5h, 90, 1:30", parse=parse_duration)
        with Horizontal(classes="field-row"):
            yield Field("Date", id="date", placeholder="today", parse=self._parse_day, optional=True)
            yield Field(
                "Start", id="at", placeholder="HH:MM (optional)", parse=parse_clock_time, optional=True
            )
        yield from choice_field("Kind", [(kind, kind) for kind in SESSION_KINDS], id="kind", value=self.kind)
        yield Field("Note", id="note", placeholder="what you did (optional)")
        yield Checkbox("Add it as a new skill", id="allow-new")

    def on_mount(self) -> None:
        self.query_one("#allow-new", Checkbox).display = False
        self.query_one("#duration" if self.skill else "#skill", Input).focus()
        self._load_names()

    @work(thread=True, exit_on_error=False)
    def _load_names(self) -> None:
        framework = self.store.framework
        names = self.store.read(lambda db, today: skills.skill_names(db, framework=framework))
        self.app.call_from_thread(self._set_names, names)

    def _set_names(self, names: list[str]) -> None:
        self.query_one("#skill-field", Field).set_suggestions(names)

    def _parse_day(self, text: str) -> date:
        return parse_date(text, today=self.today)

    @on(Input.Blurred, "#skill")
    def _complete_skill(self) -> None:
        self.query_one("#skill-field", Field).complete()

    def prepare(self) -> Job:
        self.query_one("#skill-field", Field).complete()
        draft = SessionDraft(
            skill=clean_name(self.value("skill"), field="skill"),
            minutes=parse_duration(self.value("duration")),
            kind=str(self.query_one("#kind", Select).value),
            day=self._parse_day(self.value("date")) if self.value("date") else None,
            at=parse_clock_time(self.value("at")) if self.value("at") else None,
            note=self.value("note"),
            allow_new=self.query_one("#allow-new", Checkbox).value,
        )

        store = self.store

        def log(db: sqlite3.Connection, today: date) -> LoggedSession:
            return log_session(
                db, draft=draft, ladder=store.ladder, now_utc=store.now(), fallback_zone=store.machine_zone
            )

        def save() -> str:
            logged = store.write(log)
            notice = f" ({logged.notice})" if logged.notice else ""
            return (
                f"Logged {format_minutes(logged.minutes)} of {logged.skill} on {logged.local_day:%a %d %b}"
                f"{notice}. This week: {format_minutes(logged.week_minutes)}."
            )

        return save

    def show_problem(self, error: BaseException) -> None:
        if "did you mean" in str(error):
            self.query_one("#allow-new", Checkbox).display = True
        super().show_problem(error)
