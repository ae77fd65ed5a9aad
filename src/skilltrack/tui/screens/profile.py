"""The profile: name, title, career start, target level and date, home time zone."""

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, Select

from skilltrack.domain.dates import parse_date, parse_time_zone
from skilltrack.tui.screens.base import FormScreen, Job
from skilltrack.tui.widgets.fields import Field


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
        yield Label("Target level", classes="field-label")
        levels = [(level.title, level.id) for level in self.store.framework.levels]
        yield Select(levels, prompt="not set", compact=True, id="target_level")
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
        values = self.store.profile_values()
        self.app.call_from_thread(self._fill, values)

    def _fill(self, values: dict[str, str]) -> None:
        for key in ("name", "title", "career_start", "target_date", "time_zone"):
            self.query_one(f"#{key}", Input).value = values[key]
        if values["target_level"]:
            self.query_one("#target_level", Select).value = values["target_level"]
        self.query_one("#name", Input).focus()

    def prepare(self) -> Job:
        level = self.query_one("#target_level", Select).value
        values = {
            key: self.value(key) for key in ("name", "title", "career_start", "target_date", "time_zone")
        }
        values["target_level"] = level if isinstance(level, str) else ""

        def save() -> str:
            self.store.save_profile(values)
            return "Profile saved."

        return save
