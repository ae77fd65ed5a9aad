"""The profile: name, title, career start, target level and date, home time zone."""

import sqlite3
from datetime import date

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Select

from skilltrack.domain.dates import parse_date, parse_time_zone
from skilltrack.domain.profile import PROFILE_KEYS, parse_profile_values
from skilltrack.record.profile import Profile, read_profile, update_profile
from skilltrack.tui.screens.base import FormScreen, Job
from skilltrack.tui.widgets.fields import Field, optional_choice_field


class ProfileScreen(FormScreen):
    TITLE_TEXT = "Profile"

    def compose_fields(self) -> ComposeResult:
        today = self.store.local_today()
        with Horizontal(classes="field-row"):
            yield Field("Name", id="name")
            yield Field("Current title", id="title", placeholder="Backend Engineer II")
        with Horizontal(classes="field-row"):
            yield Field(
                "Backend career started",
                id="career_start",
                placeholder="YYYY-MM-DD",
                parse=lambda value: parse_date(value, today=today, field="career_start"),
                optional=True,
            )
            yield Field(
                "Apply by",
                id="target_date",
                placeholder="YYYY-MM-DD",
                parse=lambda value: parse_date(value, today=today, field="target_date", allow_future=True),
                optional=True,
            )
        levels = [(level.title, level.id) for level in self.store.framework.levels]
        yield from optional_choice_field("Target level", levels, id="target_level", blank="not set")
        yield Field(
            "Home time zone",
            id="time_zone",
            placeholder="Europe/Lisbon (empty: this machine's)",
            parse=parse_time_zone,
            optional=True,
        )

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, exit_on_error=False)
    def _load(self) -> None:
        profile = self.store.read(lambda db, today: read_profile(db))
        self.app.call_from_thread(self._fill, profile)

    def _fill(self, profile: Profile) -> None:
        typed = {
            "name": profile.name,
            "title": profile.title,
            "career_start": _day(profile.career_started_on),
            "target_date": _day(profile.target_date),
            "time_zone": profile.time_zone or "",
        }
        for key, value in typed.items():
            self.query_one(f"#{key}", Input).value = value
        if profile.target_level:
            self.query_one("#target_level", Select).value = profile.target_level
        self.query_one("#name", Input).focus()

    def prepare(self) -> Job:
        chosen = self.query_one("#target_level", Select).value
        typed = {key: self.value(key) for key in PROFILE_KEYS if key != "target_level"}
        typed["target_level"] = chosen if isinstance(chosen, str) else ""
        store = self.store
        level_ids = [level.id for level in store.framework.levels]

        def save(db: sqlite3.Connection, today: date) -> None:
            # Parsed as skilltrack profile --set parses: relative dates against the record's today.
            update_profile(db, changes=parse_profile_values(typed, level_ids, today=today))

        def run() -> str:
            store.write(save)
            return "Profile saved."

        return run


def _day(day: date | None) -> str:
    return day.isoformat() if day else ""
