"""Projects: a table, the selected project's details, and a form to add one."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Checkbox, DataTable, Footer, Static

from skilltrack.domain.dates import parse_date
from skilltrack.domain.drafts import ProjectDraft
from skilltrack.domain.names import clean_name
from skilltrack.tui.screens.base import HOME_KEY, FormScreen, Job, RecordScreen
from skilltrack.tui.widgets.fields import Field

if TYPE_CHECKING:
    from skilltrack.db.queries import ProjectRow


class ProjectsScreen(RecordScreen["list[ProjectRow]"]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add", tooltip="Add a project", id="projects.add"),
        Binding(
            "x", "delete", "Delete", tooltip="Delete the selected project (asks first)", id="projects.delete"
        ),
        *HOME_KEY,
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[ProjectRow] = []

    def compose(self) -> ComposeResult:
        with Horizontal(id="projects-body"):
            table: DataTable[str] = DataTable(id="projects-table", cursor_type="row", zebra_stripes=True)
            table.add_columns("project", "role", "from", "to", "shipped")
            yield table
            with VerticalScroll(id="project-detail", classes="panel") as detail:
                detail.border_title = "Details"
                yield Static("No projects yet — press a to add one.", id="project-detail-text")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()

    def fetch(self) -> list[ProjectRow]:
        return self.store.projects()

    def show(self, data: list[ProjectRow]) -> None:
        self.rows = data
        table = self.query_one(DataTable)
        table.clear()
        for row in data:
            table.add_row(
                row.name,
                row.role,
                f"{row.started_on:%b %Y}",
                f"{row.ended_on:%b %Y}" if row.ended_on else "ongoing",
                "✓" if row.in_production else "–",
                key=str(row.uuid),
            )
        if data:
            self._show_detail(self.selected() or data[0])

    def selected(self) -> ProjectRow | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((row for row in self.rows if str(row.uuid) == key), None)

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        row = self.selected()
        if row is not None:
            self._show_detail(row)

    def _show_detail(self, row: ProjectRow) -> None:
        lines = [
            f"[b]{row.name}[/b]",
            f"{row.role}, {row.started_on:%b %Y} – {f'{row.ended_on:%b %Y}' if row.ended_on else 'now'}",
            "Shipped to production" if row.in_production else "Not shipped to production",
        ]
        if row.impact:
            lines += ["", row.impact]
        lines += ["", "[b]Skills and tools[/b]", ", ".join(row.skills) or "none listed"]
        if row.links:
            lines += ["", "[b]Links[/b]", *row.links]
        self.query_one("#project-detail-text", Static).update("\n".join(lines))

    def action_add(self) -> None:
        self.app.push_screen(AddProjectScreen(), self.skilltrack._after_write)

    def action_delete(self) -> None:
        row = self.selected()
        if row is not None:
            self._ask_delete(row)

    @work(exclusive=True, group="delete", exit_on_error=False)
    async def _ask_delete(self, row: ProjectRow) -> None:
        from skilltrack.tui.screens.confirm import ConfirmScreen

        details = "Its sessions and skills stay; evidence tied to it is kept, no longer tied to a project."
        if await self.app.push_screen_wait(ConfirmScreen(f"Delete project {row.name}?", details)):
            untied = await self.skilltrack.run_in_thread(self.store.remove_project, row.name)
            kept = f"; {untied} evidence entries kept" if untied else ""
            self.skilltrack._after_write(f"Deleted project {row.name}{kept}.")


class AddProjectScreen(FormScreen):
    TITLE_TEXT = "Add a project"

    def compose_fields(self) -> ComposeResult:
        yield Field("Name", id="name", parse=lambda value: clean_name(value, field="name"))
        yield Field("Your role", id="role", placeholder="backend engineer, tech lead…")
        with Horizontal(classes="field-row"):
            yield Field("From", id="from", placeholder="YYYY-MM-DD", parse=self._date("from"))
            yield Field("To", id="to", placeholder="empty: ongoing", parse=self._date("to"), optional=True)
        yield Checkbox("Shipped to production", id="production")
        yield Field("Skills and tools used", id="skills", placeholder="go, postgres, kafka")
        yield Field("Scale or impact", id="impact", placeholder="what it changed, in a sentence")
        yield Field("Links", id="links", placeholder="space-separated URLs")

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

        def add() -> str:
            return f"Added project {self.store.add_project(draft)}."

        return add
