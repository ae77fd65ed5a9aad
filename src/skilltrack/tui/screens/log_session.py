"""Log a session: skill (with completion), duration, date, start time, kind and note.

Typing the skill, Tab, the duration and Enter is enough: the date defaults to today and the session
to one that just ended. A name close to a known skill is offered as that skill (``ctrl+y``), or added
as a new one with a tick. A start time that would overlap a session already logged is refused on its
field, naming that session, with a "keep both" tick for when both are meant.

The same form, filled in, edits a session (:class:`EditSessionScreen`): its id, and a mock interview's
scores, stay.
"""

import sqlite3
from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Checkbox, Input, Select

from skilltrack.domain.dates import parse_clock_time, parse_date, parse_time_zone
from skilltrack.domain.drafts import SessionDraft
from skilltrack.domain.durations import format_minutes, parse_duration
from skilltrack.domain.framework import SESSION_KINDS
from skilltrack.domain.kinds import MOCK_INTERVIEW
from skilltrack.domain.names import clean_name
from skilltrack.record import skills
from skilltrack.record.sessions import (
    LoggedSession,
    OverlapError,
    SessionChanges,
    SessionRow,
    edit_session,
    log_session,
)
from skilltrack.tui.dates import day_text, weekday_text
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
        yield Checkbox("Keep both: the sessions are meant to overlap", id="allow-overlap", compact=True)
        yield from choice_field("Kind", [(kind, kind) for kind in SESSION_KINDS], id="kind", value=self.kind)
        yield Field("Note (optional)", id="note", placeholder="e.g. partial indexes")

    def allow_overlap(self) -> bool:
        """Whether the person ticked "keep both" after an overlap was shown."""
        checkbox = self.query_one("#allow-overlap", Checkbox)
        return checkbox.display and checkbox.value

    def show_problem(self, error: BaseException) -> None:
        if isinstance(error, OverlapError):
            self.query_one("#allow-overlap", Checkbox).display = True
        super().show_problem(error)

    def on_mount(self) -> None:
        self.query_one("#allow-overlap", Checkbox).display = False
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
        allow_overlap = self.allow_overlap()

        def log(db: sqlite3.Connection, today: date) -> LoggedSession:
            if not draft.allow_new:
                refuse_near_miss(db, typed=draft.skill, framework=store.framework, field="skill")
            return log_session(
                db,
                draft=draft,
                ladder=store.ladder,
                now_utc=store.now(),
                fallback_zone=store.machine_zone,
                allow_overlap=allow_overlap,
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


class EditSessionScreen(LogSessionScreen):
    """The log form filled in with a session; saving changes that session in place."""

    TITLE_TEXT = "Edit the session"

    def __init__(self, session: SessionRow) -> None:
        super().__init__(skill=session.skill, kind=session.kind)
        self.session = session

    @property
    def shown(self) -> dict[str, str]:
        """The session's values as the form shows them at first."""
        started = self.session.started_at_utc.astimezone(parse_time_zone(self.session.time_zone))
        return {
            "duration": format_minutes(self.session.minutes),
            "date": day_text(self.session.local_day),
            "at": f"{started:%H:%M}",
            "note": self.session.note,
        }

    def on_mount(self) -> None:
        super().on_mount()
        for field, value in self.shown.items():
            self.query_one(f"#{field}", Input).value = value
        # A mock interview stays one (its scores are on it): its kind is not offered for change.
        self.query_one("#kind", Select).disabled = self.session.kind == MOCK_INTERVIEW

    def prepare(self) -> Job:
        self.query_one("#skill-field", Field).complete()
        skill = clean_name(self.value("skill"), field="skill")
        shown = self.shown
        typed_day, typed_at = self.value("date"), self.value("at")
        # Only what was changed is changed: the start shown to the minute must not move a session that
        # started at 18:29:37 to 18:29:00.
        changes = SessionChanges(
            skill=skill,
            minutes=parse_duration(self.value("duration")),
            day=self._parse_day(typed_day) if typed_day not in ("", shown["date"]) else None,
            at=parse_clock_time(typed_at) if typed_at not in ("", shown["at"]) else None,
            kind=str(self.query_one("#kind", Select).value),
            note=self.value("note"),
            allow_new=self.allow_new(),
        )
        store = self.store
        allow_overlap = self.allow_overlap()
        typed_id = str(self.session.uuid)

        def edit(db: sqlite3.Connection, today: date) -> str:
            if not changes.allow_new:
                refuse_near_miss(db, typed=skill, framework=store.framework, field="skill")
            edited = edit_session(
                db,
                typed_id=typed_id,
                changes=changes,
                ladder=store.ladder,
                now_utc=store.now(),
                allow_overlap=allow_overlap,
            )
            after = edited.after
            notices = "".join(f" ({in_app_words(notice)})" for notice in edited.notices)
            return (
                f"Changed the session: {format_minutes(after.minutes)} of {after.skill} on "
                f"{weekday_text(after.local_day)} at {after.started_local:%H:%M}{notices}."
            )

        return lambda: store.write(edit)
