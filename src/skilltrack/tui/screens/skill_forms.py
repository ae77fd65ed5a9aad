"""Forms for skills: add one, rate one (a dated self-rating), rename one or change its kind."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.widgets import Label, Select

from skilltrack.domain.framework import LEVEL_RUBRIC, SKILL_KINDS
from skilltrack.domain.names import clean_name
from skilltrack.record import skills
from skilltrack.tui.screens.base import FormScreen, Job
from skilltrack.tui.widgets.fields import Field, choice_field, optional_choice_field

if TYPE_CHECKING:
    from skilltrack.record.skills import SkillRef, SkillRow

LEVEL_CHOICES = [(f"{level} — {meaning}", level) for level, meaning in LEVEL_RUBRIC.items()]


def _name(value: str) -> str:
    return clean_name(value, field="name")


class AddSkillScreen(FormScreen):
    TITLE_TEXT = "Add a skill or tool"

    def compose_fields(self) -> ComposeResult:
        yield Field("Name", id="name", placeholder="e.g. Kafka, system design, Terraform", parse=_name)
        yield from optional_choice_field(
            "Kind (from the ladder's vocabulary when it knows the name)",
            [(kind, kind) for kind in SKILL_KINDS],
            id="kind",
            blank="from the ladder, or other",
        )
        yield from optional_choice_field(
            "First self-rating (optional)", LEVEL_CHOICES, id="level", blank="not rated"
        )

    def prepare(self) -> Job:
        name = _name(self.value("name"))
        kind = self.query_one("#kind", Select).value
        level = self.query_one("#level", Select).value
        chosen_kind = kind if isinstance(kind, str) else None
        chosen_level = level if isinstance(level, int) else None
        store = self.store

        def add(db: sqlite3.Connection, today: date) -> SkillRef:
            skill = skills.add_skill(db, typed=name, framework=store.framework, kind=chosen_kind)
            if chosen_level is not None:
                skills.rate_skill(db, skill_id=skill.id, level=chosen_level, rated_on=today)
            return skill

        return lambda: f"Added {store.write(add).name}."


class RateSkillScreen(FormScreen):
    TITLE_TEXT = "Rate a skill"

    def __init__(self, skill: str, current: int | None = None, *, suggested: int | None = None) -> None:
        """``current`` is the level now, when the caller knows it; otherwise it is looked up."""
        super().__init__()
        self.skill = skill
        self.current = current
        self.suggested = suggested

    def compose_fields(self) -> ComposeResult:
        yield Label(self._heading(), id="rate-heading")
        start = (
            self.suggested if self.suggested is not None else self.current if self.current is not None else 3
        )
        yield Select(LEVEL_CHOICES, value=start, allow_blank=False, compact=True, id="level")
        yield Field("Why this level (optional)", id="note", placeholder="e.g. ran a failover drill alone")

    def _heading(self) -> str:
        now = "not rated yet" if self.current is None else f"now {self.current}"
        return f"[b]{self.skill}[/b] — {now}; the rating is dated today"

    def on_mount(self) -> None:
        self.query_one("#level", Select).focus()
        if self.current is None:
            self._look_up_level()

    @work(thread=True, exit_on_error=False)
    def _look_up_level(self) -> None:
        store = self.store
        level = store.read(lambda db, today: skills.current_level(db, name=self.skill, ladder=store.ladder))
        if level is not None:
            self.app.call_from_thread(self._set_current, level)

    def _set_current(self, level: int) -> None:
        self.current = level
        self.query_one("#rate-heading", Label).update(self._heading())

    def prepare(self) -> Job:
        level = self.query_one("#level", Select).value
        assert isinstance(level, int)
        note = self.value("note")
        store = self.store

        def rate(db: sqlite3.Connection, today: date) -> SkillRef:
            return skills.rate_named_skill(
                db, typed=self.skill, level=level, rated_on=today, note=note, ladder=store.ladder
            ).skill

        return lambda: f"Rated {store.write(rate).name} {level} ({LEVEL_RUBRIC[level]})."


class EditSkillScreen(FormScreen):
    TITLE_TEXT = "Rename or change kind"

    def __init__(self, row: SkillRow) -> None:
        super().__init__()
        self.row = row

    def compose_fields(self) -> ComposeResult:
        yield Field(
            "Name",
            id="new-name",
            value=self.row.name,
            parse=lambda value: clean_name(value, field="new name"),
        )
        yield from choice_field(
            "Kind", [(kind, kind) for kind in SKILL_KINDS], id="kind", value=self.row.kind
        )

    def prepare(self) -> Job:
        name = clean_name(self.value("new-name"), field="new name")
        kind = str(self.query_one("#kind", Select).value)
        store = self.store
        before = self.row

        def edit(db: sqlite3.Connection, today: date) -> SkillRef:
            skill = skills.skill_by_id(db, skill_id=before.id)
            if name != skill.name:
                skill = skills.rename_skill(db, skill_id=skill.id, new_name=name)
            skills.set_skill_kind(db, skill_id=skill.id, kind=kind)
            return skill

        def save() -> str:
            saved = store.write(edit).name
            return (
                f"Saved {saved} ({kind})." if saved == before.name else f"Renamed {before.name} to {saved}."
            )

        return save
