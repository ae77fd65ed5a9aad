"""The first run: there is no record at the path yet. One form starts it with the profile; quitting
makes nothing."""

from __future__ import annotations

import sqlite3
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Select, Static

from skilltrack.domain.dates import parse_time_zone
from skilltrack.domain.errors import InputError
from skilltrack.domain.profile import parse_profile_values
from skilltrack.record.profile import update_profile
from skilltrack.tui.screens.base import FormScreen, Job
from skilltrack.tui.screens.profile import profile_fields, set_levels, typed_profile

NEXT_STEPS = "Next: l logs a session, s rates your skills, r shows what each level asks; ? lists every key."


class WelcomeScreen(FormScreen):
    """Starts the record at the app's path with the profile typed here, and returns the line that
    says so; quitting (Escape, ``q`` from a button, ``ctrl+q``) ends the app with nothing written."""

    TITLE_TEXT = "Welcome to skilltrack"
    SAVE_LABEL = "Start my record"
    CANCEL_LABEL = "Quit"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Quit", tooltip="Leave without making a record", id="welcome.quit"),
    ]
    WITHOUT_RECORD = True
    """There is no record yet: the command palette offers none of the record's screens."""

    def compose_fields(self) -> ComposeResult:
        yield Static(
            f"There is no record at [b]{_escape(str(self.store.path))}[/b] yet.\n"
            "Say what you are aiming for, and skilltrack starts your record there. "
            "Nothing is written until you do; quitting leaves no file.",
            id="welcome-text",
        )
        yield from profile_fields(self.store.local_today(), aim_required=True)

    def on_mount(self) -> None:
        self.query_one("#dialog").add_class("welcome")
        self.query_one("#career_start").focus()
        self._load_levels()

    @work(thread=True, exit_on_error=False)
    def _load_levels(self) -> None:
        levels = [(level.title, level.id) for level in self.store.framework.levels]
        self.app.call_from_thread(self._set_levels, levels)

    def _set_levels(self, levels: list[tuple[str, str]]) -> None:
        set_levels(self.query_one("#target_level", Select), levels, blank="choose one", value=levels[0][1])

    def prepare(self) -> Job:
        typed = typed_profile(self)
        for key, what in (
            ("career_start", "the day your backend career started, e.g. 2021-09-01"),
            ("target_date", "the day you aim to reach the level by, e.g. 2027-05-01"),
            ("target_level", "the level you are aiming for"),
        ):
            if not typed[key]:
                raise InputError(key, f"is empty; give {what}")
        store = self.store
        level_ids = [level.id for level in store.framework.levels]
        zone = (
            parse_time_zone(typed["time_zone"], field="time_zone")
            if typed["time_zone"]
            else store.machine_zone
        )
        today = store.now().astimezone(zone).date()
        changes = parse_profile_values(typed, level_ids, today=today)

        def start(db: sqlite3.Connection) -> None:
            update_profile(db, changes=changes)

        def run() -> str:
            store.start(start)
            return f"Started your record at {store.path}. {NEXT_STEPS}"

        return run

    def action_cancel(self) -> None:
        if not self.saving:
            self.app.exit()


def _escape(text: str) -> str:
    return text.replace("[", r"\[")
