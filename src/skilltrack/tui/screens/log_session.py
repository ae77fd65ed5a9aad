"""Log a session: skill (with completion), duration, date, start time, kind and note.

Typing the skill, Tab, the duration and Enter is enough: the date defaults to today and the session
to one that just ended. A name close to a known skill is offered as that skill (``ctrl+y``), or added
as a new one with a tick.
"""

import sqlite3
from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Select

from skilltrack.domain.dates import parse_clock_time, parse_date
from skilltrack.domain.drafts import SessionDraft
from skilltrack.domain.durations import format_minutes, parse_duration
from skilltrack.domain.framework import SESSION_KINDS
from skilltrack.domain.names import clean_name
from skilltrack.record import skills
from skilltrack.record.sessions import LoggedSession, log_session
from skilltrack.tui.dates import weekday_text
from skilltrack.tui.screens.base import FormScreen, Job, refuse_near_miss
from skilltrack.tui.widgets.fields import Field, SkillChoice, choice_field
from skilltrack.tui.words import in_app_words


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
            placeholder="e.g. postgres, k8s, system design",
            parse=lambda value: clean_name(value, field="skill"),
        )
        yield SkillChoice()
        yield Field(
            "Duration", id="duration", placeholder="e.g. 45m, 1h30m, 1.5h, 90, 1:30", parse=parse_duration
        )
        with Horizontal(classes="field-row"):
            yield Field(
                "Date",
                id="date",
                placeholder="e.g. yesterday (empty: today)",
                parse=self._parse_day,
                optional=True,
            )
            yield Field(
                "Start (optional)",
                id="at",
                placeholder="e.g. 19:00",
                parse=parse_clock_time,
                optional=True,
            )
        yield from choice_field("Kind", [(kind, kind) for kind in SESSION_KINDS], id="kind", value=self.kind)
        yield Field("Note (optional)", id="note", placeholder="e.g. partial indexes")

    def on_mount(self) -> None:
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
            allow_new=self.allow_new(),
        )

        store = self.store

        def log(db: sqlite3.Connection, today: date) -> LoggedSession:
            if not draft.allow_new:
                refuse_near_miss(db, typed=draft.skill, framework=store.framework, field="skill")
            return log_session(
                db, draft=draft, ladder=store.ladder, now_utc=store.now(), fallback_zone=store.machine_zone
            )

        def save() -> str:
            logged = store.write(log)
            notice = f" ({in_app_words(logged.notice)})" if logged.notice else ""
            day = weekday_text(logged.local_day)
            return (
                f"Logged {format_minutes(logged.minutes)} of {logged.skill} on {day}{notice}. "
                f"This week: {format_minutes(logged.week_minutes)}."
            )

        return save
