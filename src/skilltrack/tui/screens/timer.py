"""Start a timer, or stop or cancel the running one."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from skilltrack.domain.durations import format_minutes
from skilltrack.domain.framework import SESSION_KINDS
from skilltrack.domain.names import clean_name
from skilltrack.record import sessions, skills
from skilltrack.record.sessions import TimerRow
from skilltrack.tui.screens.base import AppScreen
from skilltrack.tui.widgets.fields import Field, choice_field


class TimerScreen(AppScreen, ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Close")]

    def __init__(self) -> None:
        super().__init__()
        self.timer: TimerRow | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog") as dialog:
            dialog.border_title = "Timer"
            yield Static("Looking for a running timer…", id="timer-state")
            with Vertical(id="start-form"):
                yield Field("Skill or tool", id="timer-skill", parse=lambda v: clean_name(v, field="skill"))
                yield from choice_field(
                    "Kind", [(kind, kind) for kind in SESSION_KINDS], id="timer-kind", value="study"
                )
            yield Label("", id="form-error", classes="form-error")
            with Horizontal(classes="buttons"):
                yield Button("Start", variant="primary", id="start")
                yield Button("Stop and log", variant="primary", id="stop")
                yield Button("Cancel timer", variant="error", id="cancel-timer")
                yield Button("Close", id="close")

    def on_mount(self) -> None:
        for widget_id in ("#start-form", "#start", "#stop", "#cancel-timer"):
            self.query_one(widget_id).display = False
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
        running = timer is not None
        self.query_one("#start-form").display = not running
        self.query_one("#start").display = not running
        self.query_one("#stop").display = running
        self.query_one("#cancel-timer").display = running
        state = self.query_one("#timer-state", Static)
        if timer is None:
            state.update("No timer is running. Start one:")
            field = self.query_one("#timer-skill-field", Field)
            field.set_suggestions(names)
            field.input.focus()
        else:
            minutes = max(0, round((self.store.now() - timer.started_at_utc).total_seconds() / 60))
            ran = format_minutes(minutes) if minutes else "under a minute"
            state.update(f"[b]{timer.skill}[/b] ({timer.kind}) has run for {ran}.")
            self.query_one("#stop", Button).focus()

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted, "#timer-skill")
    @on(Button.Pressed, "#start")
    def _start(self) -> None:
        field = self.query_one("#timer-skill-field", Field)
        field.complete()
        skill = field.input.value.strip()
        if not skill:
            field.show_problem("is empty; give a skill, like Kafka")
            return
        self._run("start", skill, str(self.query_one("#timer-kind", Select).value))

    @on(Button.Pressed, "#stop")
    def _stop(self) -> None:
        self._run("stop")

    @on(Button.Pressed, "#cancel-timer")
    def _cancel(self) -> None:
        self._run("cancel")

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _run(self, what: str, skill: str = "", kind: str = "study") -> None:
        store = self.store
        try:
            if what == "start":
                started = store.write(
                    lambda db, today: sessions.start_timer(
                        db,
                        typed_skill=skill,
                        kind=kind,
                        ladder=store.ladder,
                        now_utc=store.now(),
                        fallback_zone=store.machine_zone,
                    )
                )
                message = (
                    f"Timer started for {started.skill} ({started.kind}) at {started.started_local:%H:%M}."
                )
            elif what == "stop":
                stopped = store.write(lambda db, today: sessions.stop_timer(db, now_utc=store.now()))
                message = f"Logged {format_minutes(stopped.minutes)} of {stopped.skill} from the timer."
            else:
                cancelled = store.write(lambda db, today: sessions.cancel_timer(db))
                message = f"Cancelled the {cancelled.skill} timer; nothing was logged."
        except Exception as error:
            self.app.call_from_thread(self._failed, f"Not done — {error}")
            return
        self.app.call_from_thread(self.dismiss, message)

    def _failed(self, problem: str) -> None:
        self.query_one("#form-error", Label).update(problem)
