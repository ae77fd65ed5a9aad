"""The profile: career start, target level and date; name, title and home time zone. The same fields
start a record on the welcome screen (:mod:`skilltrack.tui.screens.welcome`)."""

import sqlite3
from datetime import date

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select

from skilltrack.domain.dates import parse_date, parse_time_zone
from skilltrack.domain.profile import PROFILE_KEYS, parse_profile_values
from skilltrack.record.profile import Profile, read_profile, update_profile
from skilltrack.tui.dates import day_text
from skilltrack.tui.screens.base import FormScreen, Job
from skilltrack.tui.widgets.fields import Field

LEVELS_LOADING = "loading the ladder…"


def profile_fields(today: date, *, aim_required: bool) -> ComposeResult:
    """The profile's fields, the aim first: when the career started, the level aimed for and by when;
    then who (optional). The level's choices are set once the ladder is read (:func:`set_levels`)."""
    optional = "" if aim_required else " (optional)"
    with Horizontal(classes="field-row"):
        yield Field(
            f"Backend career started{optional}",
            id="career_start",
            placeholder="e.g. 2021-09-01",
            parse=lambda value: parse_date(value, today=today, field="career_start"),
            optional=not aim_required,
        )
        yield Field(
            f"Target date{optional}",
            id="target_date",
            placeholder="e.g. 2027-05-01",
            parse=lambda value: parse_date(value, today=today, field="target_date", allow_future=True),
            optional=not aim_required,
        )
    with Vertical(classes="choice-field"):
        yield Label(f"Target level{optional}", classes="field-label")
        yield Select[str]([], prompt=LEVELS_LOADING, compact=True, id="target_level")
    with Horizontal(classes="field-row"):
        yield Field("Name (optional)", id="name", placeholder="e.g. Ana Lima")
        yield Field("Current title (optional)", id="title", placeholder="e.g. Backend Engineer II")
    yield Field(
        "Home time zone (optional)",
        id="time_zone",
        placeholder="e.g. Europe/Lisbon (empty: this machine's)",
        parse=parse_time_zone,
        optional=True,
    )


def set_levels(select: Select[str], levels: list[tuple[str, str]], *, blank: str, value: str | None) -> None:
    """Give the target level's drop-down the ladder's levels (title, id), ``value`` chosen."""
    select.prompt = blank
    select.set_options(levels)
    if value is not None:
        select.value = value


def typed_profile(form: FormScreen) -> dict[str, str]:
    """The profile's fields as typed, as ``skilltrack profile --set`` takes them."""
    chosen = form.query_one("#target_level", Select).value
    typed = {key: form.value(key) for key in PROFILE_KEYS if key != "target_level"}
    typed["target_level"] = chosen if isinstance(chosen, str) else ""
    return typed


class ProfileScreen(FormScreen):
    TITLE_TEXT = "Profile"

    def compose_fields(self) -> ComposeResult:
        yield from profile_fields(self.store.local_today(), aim_required=False)

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, exit_on_error=False)
    def _load(self) -> None:
        levels = [(level.title, level.id) for level in self.store.framework.levels]
        profile = self.store.read(lambda db, today: read_profile(db))
        self.app.call_from_thread(self._fill, profile, levels)

    def _fill(self, profile: Profile, levels: list[tuple[str, str]]) -> None:
        typed = {
            "name": profile.name,
            "title": profile.title,
            "career_start": _day(profile.career_started_on),
            "target_date": _day(profile.target_date),
            "time_zone": profile.time_zone or "",
        }
        for key, value in typed.items():
            self.query_one(f"#{key}", Input).value = value
        set_levels(
            self.query_one("#target_level", Select),
            levels,
            blank="not set",
            value=profile.target_level,
        )
        self.query_one("#career_start", Input).focus()

    def prepare(self) -> Job:
        typed = typed_profile(self)
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
    return day_text(day) if day else ""
