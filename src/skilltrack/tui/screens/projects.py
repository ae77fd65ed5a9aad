"""Projects: a table, the selected project's details, and a form to add one."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widgets import Checkbox, DataTable, Input, Static

from skilltrack.domain.dates import parse_date
from skilltrack.domain.drafts import ProjectDraft
from skilltrack.domain.names import clean_name
from skilltrack.record import projects
from skilltrack.record.projects import ProjectAdded, ProjectChanges, ProjectRow
from skilltrack.tui.dates import day_text
from skilltrack.tui.keys import HOME_KEY, add_key, delete_key, edit_key
from skilltrack.tui.screens.base import FormScreen, Job
from skilltrack.tui.screens.listing import RowsScreen, detail_panel, row_table
from skilltrack.tui.widgets.fields import Field
from skilltrack.tui.widgets.key_footer import KeyFooter
from skilltrack.tui.words import count


class ProjectsScreen(RowsScreen["list[ProjectRow]", ProjectRow]):
    BINDINGS: ClassVar[list[BindingType]] = [
        add_key("a project", screen="projects"),
        edit_key("project: mark it shipped, its end, skills, impact", screen="projects"),
        delete_key("project", screen="projects"),
        *HOME_KEY,
    ]

    def compose(self) -> ComposeResult:
        with Horizontal(id="projects-body"):
            yield row_table("projects-table", "project", "role", "from", "to", "shipped")
            yield from detail_panel("project-detail", "Details", "No projects yet — press a to add one.")
        yield KeyFooter()

    def fetch(self) -> list[ProjectRow]:
        return self.store.read(lambda db, today: projects.project_rows(db))

    def show(self, data: list[ProjectRow]) -> None:
        self.rows = data
        table = self.query_one(DataTable)
        table.clear()
        for row in data:
            table.add_row(
                row.name,
                row.role,
                day_text(row.started_on),
                day_text(row.ended_on) if row.ended_on else "ongoing",
                "✓" if row.in_production else "–",
                key=self.row_key(row),
            )
        if data:
            self.show_detail(self.selected() or data[0])

    def row_key(self, row: ProjectRow) -> str:
        return str(row.uuid)

    def show_detail(self, row: ProjectRow) -> None:
        lines = [
            f"[b]{row.name}[/b]",
            f"{row.role}, {day_text(row.started_on)} – {day_text(row.ended_on) if row.ended_on else 'now'}",
            "Shipped to production" if row.in_production else "Not shipped to production",
        ]
        if row.impact:
            lines += ["", row.impact]
        lines += ["", "[b]Skills and tools[/b]", ", ".join(row.skills) or "none listed"]
        if row.links:
            lines += ["", "[b]Links[/b]", *row.links]
        self.query_one("#project-detail-text", Static).update("\n".join(lines))

    def action_add(self) -> None:
        self.open_form(AddProjectScreen())

    def action_edit(self) -> None:
        self.open_form_on_selected(EditProjectScreen)

    def ask_delete(self, row: ProjectRow) -> None:
        def deleted(untied: int) -> str:
            kept = f"; {count(untied, 'evidence entry')} kept" if untied else ""
            return f"Deleted project {row.name}{kept}."

        self.delete_after_asking(
            f"Delete project {row.name}?",
            "Its sessions and skills stay; evidence tied to it is kept, no longer tied to a project.",
            lambda db, today: _remove(db, name=row.name),
            deleted,
        )


def _remove(db: sqlite3.Connection, *, name: str) -> int:
    """Delete the project called ``name``; how much evidence it leaves untied."""
    return projects.remove_project(db, project_id=projects.find_project(db, typed=name).id)


class AddProjectScreen(FormScreen):
    TITLE_TEXT = "Add a project"

    def compose_fields(self) -> ComposeResult:
        yield Field("Name", id="name", parse=lambda value: clean_name(value, field="name"))
        yield Field("Your role", id="role", placeholder="e.g. backend engineer, tech lead")
        with Horizontal(classes="field-row"):
            yield Field("From", id="from", placeholder="e.g. 2024-01-08", parse=self._date("from"))
            yield Field(
                "To",
                id="to",
                placeholder="e.g. 2025-03-31 (empty: ongoing)",
                parse=self._date("to"),
                optional=True,
            )
        yield Checkbox("Shipped to production", id="production")
        yield Field("Skills and tools used", id="skills", placeholder="e.g. go, postgres, kafka")
        yield Field("Scale or impact", id="impact", placeholder="e.g. 2,000 payments a second, 99.99%")
        yield Field("Links (space between them)", id="links", placeholder="e.g. https://…")

    def _date(self, field: str):  # type: ignore[no-untyped-def]
        today = self.store.local_today()
        return lambda value: parse_date(value, today=today, field=field)

    def prepare(self) -> Job:
        today = self.store.local_today()
        started = parse_date(self.value("from"), today=today, field="from")
        ended = parse_date(self.value("to"), today=today, field="to") if self.value("to") else None
        draft = ProjectDraft(
            name=clean_name(self.value("name"), field="name"),
            role=self.value("role"),
            started_on=started,
            ended_on=ended,
            in_production=self.query_one("#production", Checkbox).value,
            skills=tuple(part.strip() for part in self.value("skills").split(",") if part.strip()),
            impact=self.value("impact"),
            links=tuple(self.value("links").split()),
        )

        store = self.store

        def add(db: sqlite3.Connection, today: date) -> ProjectAdded:
            return projects.add_project(db, draft=draft, ladder=store.ladder, allow_new=True)

        return lambda: f"Added project {store.write(add).name}."


class EditProjectScreen(AddProjectScreen):
    """The project's form filled in; saving changes it in place (its id and its evidence stay)."""

    TITLE_TEXT = "Edit the project"

    def __init__(self, project: ProjectRow) -> None:
        super().__init__()
        self.project = project

    def on_mount(self) -> None:
        project = self.project
        for field, value in (
            ("name", project.name),
            ("role", project.role),
            ("from", day_text(project.started_on)),
            ("to", day_text(project.ended_on) if project.ended_on else ""),
            ("skills", ", ".join(project.skills)),
            ("impact", project.impact),
            ("links", " ".join(project.links)),
        ):
            self.query_one(f"#{field}", Input).value = value
        self.query_one("#production", Checkbox).value = project.in_production
        self.query_one("#name", Input).focus()

    def prepare(self) -> Job:
        today = self.store.local_today()
        ended = parse_date(self.value("to"), today=today, field="to") if self.value("to") else None
        changes = ProjectChanges(
            name=clean_name(self.value("name"), field="name"),
            role=self.value("role"),
            started_on=parse_date(self.value("from"), today=today, field="from"),
            ended_on=ended,
            ongoing=ended is None,
            in_production=self.query_one("#production", Checkbox).value,
            skills=tuple(part.strip() for part in self.value("skills").split(",") if part.strip()),
            impact=self.value("impact"),
            links=tuple(self.value("links").split()),
        )
        store = self.store
        typed = self.project.name

        def edit(db: sqlite3.Connection, today: date) -> str:
            edited = projects.edit_project(
                db, typed=typed, changes=changes, ladder=store.ladder, allow_new=True
            )
            changed = ", ".join(name.replace("_", " ") for name in edited.changed) or "nothing"
            return f"Changed project {edited.after.name}: {changed}."

        return lambda: store.write(edit)
