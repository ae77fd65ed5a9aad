"""The timer: start one; or, while one runs, see its time tick and stop it (with a note) into a session,
or discard it."""

from __future__ import annotations

import sqlite3
from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Button, Digits, Input, Select, Static

from skilltrack.domain.durations import format_minutes
from skilltrack.domain.framework import SESSION_KINDS
from skilltrack.domain.names import clean_name
from skilltrack.record import sessions, skills
from skilltrack.record.sessions import TimerRow
from skilltrack.tui.dates import elapsed_text
from skilltrack.tui.screens.base import FormScreen, Job, refuse_near_miss
from skilltrack.tui.widgets.fields import Field, SkillChoice, choice_field
from skilltrack.tui.words import in_app_words


class TimerScreen(FormScreen):
    """Returns a line saying what was started, logged or discarded, or ``None`` when closed."""

    TITLE_TEXT = "Timer"
    SAVE_LABEL = "Start"
    CANCEL_LABEL = "Close"
    SKILL_FIELD = "timer-skill"

    def __init__(self) -> None:
        super().__init__()
        self.timer: TimerRow | None = None
        self.loaded = False
        """The running timer (or that there is none) has been read: until then there is nothing to do."""
        self.ticking: Timer | None = None

    def compose_fields(self) -> ComposeResult:
        yield Static("Looking for a running timer…", id="timer-state")
        yield Digits("", id="timer-elapsed")
        with Vertical(id="start-form"):
            yield Field(
                "Skill or tool",
                id="timer-skill",
                placeholder="e.g. kafka",
                parse=lambda value: clean_name(value, field="timer-skill"),
            )
            yield SkillChoice()
            yield from choice_field(
                "Kind", [(kind, kind) for kind in SESSION_KINDS], id="timer-kind", value="study"
            )
        with Vertical(id="stop-form"):
            yield Field("Note (optional)", id="timer-note", placeholder="e.g. consumer group rebalancing")

    def compose_buttons(self) -> ComposeResult:
        yield Button(self.SAVE_LABEL, variant="primary", id="save", tooltip="ctrl+s", disabled=True)
        yield Button("Discard timer", variant="error", id="discard", tooltip="Nothing is logged")
        yield Button(self.CANCEL_LABEL, id="cancel", tooltip="Escape")

    def on_mount(self) -> None:
        for selector in ("#timer-elapsed", "#start-form", "#stop-form", "#discard"):
            self.query_one(selector).display = False
        self._load()

    @work(thread=True, exit_on_error=False)
    def _load(self) -> None:
        framework = self.store.framework

        def read(db: sqlite3.Connection, today: date) -> tuple[TimerRow | None, list[str]]:
            return sessions.running_timer(db), skills.skill_names(db, framework=framework)

        timer, names = self.store.read(read)
        self.app.call_from_thread(self._show, timer, names)

    def _show(self, timer: TimerRow | None, names: list[str]) -> None:
        self.timer = timer
        self.loaded = True
        running = timer is not None
        self.query_one("#start-form").display = not running
        self.query_one("#stop-form").display = running
        self.query_one("#timer-elapsed").display = running
        self.query_one("#discard").display = running
        save = self.query_one("#save", Button)
        save.label = "Stop and log" if running else "Start"
        save.disabled = False
        state = self.query_one("#timer-state", Static)
        if timer is None:
            state.update("No timer is running. Start one:")
            field = self.query_one("#timer-skill-field", Field)
            field.set_suggestions(names)
            field.input.focus()
        else:
            started = timer.started_at_utc.astimezone(self.store.machine_zone)
            state.update(f"[b]{timer.skill}[/b] ({timer.kind}), started at {started:%H:%M}, has run for")
            self._tick()
            self.ticking = self.set_interval(1, self._tick)
            self.query_one("#timer-note", Input).focus()

    def _tick(self) -> None:
        if self.timer is not None:
            elapsed = (self.store.now() - self.timer.started_at_utc).total_seconds()
            self.query_one("#timer-elapsed", Digits).update(elapsed_text(elapsed))

    def prepare(self) -> Job:
        if not self.loaded:
            return lambda: ""
        store = self.store
        if self.timer is not None:
            note = self.value("timer-note")

            def stop() -> str:
                stopped = store.write(
                    lambda db, today: sessions.stop_timer(db, now_utc=store.now(), note=note)
                )
                return f"Logged {format_minutes(stopped.minutes)} of {stopped.skill} from the timer."

            return stop
        field = self.query_one("#timer-skill-field", Field)
        field.complete()
        skill = clean_name(field.input.value, field="timer-skill")
        kind = str(self.query_one("#timer-kind", Select).value)
        allow_new = self.allow_new()

        def start_timer(db: sqlite3.Connection, today: date) -> sessions.TimerStarted:
            if not allow_new:
                refuse_near_miss(db, typed=skill, framework=store.framework, field="timer-skill")
            return sessions.start_timer(
                db,
                typed_skill=skill,
                kind=kind,
                ladder=store.ladder,
                now_utc=store.now(),
                fallback_zone=store.machine_zone,
                allow_new=allow_new,
            )

        def start() -> str:
            started = store.write(start_timer)
            notice = f" ({in_app_words(started.notice)})" if started.notice else ""
            at = f"{started.started_local:%H:%M}"
            return f"Timer started for {started.skill} ({started.kind}) at {at}{notice}."

        return start

    @on(Button.Pressed, "#discard")
    def _discard(self) -> None:
        if not self.saving:
            self.saving = True
            self._run(self._discard_job())

    def _discard_job(self) -> Job:
        store = self.store

        def discard() -> str:
            discarded = store.write(lambda db, today: sessions.cancel_timer(db))
            return f"Discarded the {discarded.skill} timer; nothing was logged."

        return discard

    def on_unmount(self) -> None:
        if self.ticking is not None:
            self.ticking.stop()
