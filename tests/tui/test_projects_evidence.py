"""Projects and evidence: the table and the tree of the record, the forms that add to them, and deleting."""

from datetime import date
from pathlib import Path

from rich.text import Text
from textual.widgets import Checkbox, DataTable, Select, Static, Tree

from skilltrack.guide import load_builtin_framework
from skilltrack.record.evidence import EvidenceRow, evidence_rows
from skilltrack.record.projects import project_rows
from skilltrack.tui.app import SkilltrackApp
from skilltrack.tui.screens.evidence import UNTIED, AddEvidenceScreen, EvidenceScreen
from skilltrack.tui.screens.projects import AddProjectScreen, ProjectsScreen
from tests.conftest import TODAY
from tests.tui.helpers import SIZE, answer, ask, plain, press, read, settle, type_text


def project_names(app: SkilltrackApp) -> list[str]:
    table: DataTable[str] = app.screen.query_one("#projects-table", DataTable)
    return [str(table.get_row_at(index)[0]) for index in range(table.row_count)]


def label(node_label: object) -> str:
    return node_label.plain if isinstance(node_label, Text) else str(node_label)


def evidence_groups(app: SkilltrackApp) -> dict[str, list[str]]:
    """The evidence tree as {group heading: [leaf labels]}."""
    tree: Tree[object] = app.screen.query_one("#evidence-tree", Tree)
    return {
        label(group.label): [label(leaf.label) for leaf in group.children] for group in tree.root.children
    }


async def test_add_and_delete_a_project(demo_app: SkilltrackApp, demo_db: Path) -> None:
    before = read(demo_db, project_rows)
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        await press(demo_app, pilot, "p")
        assert isinstance(demo_app.screen, ProjectsScreen)
        assert project_names(demo_app) == [row.name for row in before]
        assert plain(demo_app.screen.query_one("#project-detail-text", Static)).startswith(before[0].name)

        # a: the form, filled with the keyboard.
        await press(demo_app, pilot, "a")
        form = demo_app.screen
        assert isinstance(form, AddProjectScreen)
        await type_text(demo_app, pilot, "Billing service")
        await pilot.press("tab")
        await type_text(demo_app, pilot, "tech lead")
        await pilot.press("tab")
        await type_text(demo_app, pilot, "2026-10-15")
        await pilot.press("tab", "tab")  # "To" stays empty: ongoing
        assert form.query_one("#production", Checkbox).has_focus
        await pilot.press("space")
        assert form.query_one("#production", Checkbox).value is True
        await pilot.press("tab")
        await type_text(demo_app, pilot, "go, postgres")
        await press(demo_app, pilot, "enter")

        assert isinstance(demo_app.screen, ProjectsScreen)
        assert project_names(demo_app)[0] == "Billing service"
        assert len(project_names(demo_app)) == len(before) + 1
        added = next(row for row in read(demo_db, project_rows) if row.name == "Billing service")
        assert (added.role, added.started_on, added.ended_on, added.in_production) == (
            "tech lead",
            date(2026, 10, 15),
            None,
            True,
        )
        assert added.skills == ("Go", "PostgreSQL")
        assert demo_app.screen.selected() == added
        detail = plain(demo_app.screen.query_one("#project-detail-text", Static))
        assert "Shipped to production" in detail
        assert "Go, PostgreSQL" in detail

        # x asks first; Escape keeps it.
        confirm = await ask(demo_app, pilot, "x")
        assert plain(confirm.query_one("#question", Static)) == "Delete project Billing service?"
        assert "sessions and skills stay" in plain(confirm.query_one("#details", Static))
        await answer(demo_app, pilot, "escape")
        assert isinstance(demo_app.screen, ProjectsScreen)
        assert "Billing service" in [row.name for row in read(demo_db, project_rows)]

        await ask(demo_app, pilot, "x")
        await answer(demo_app, pilot, "y")
        assert isinstance(demo_app.screen, ProjectsScreen)
        assert project_names(demo_app) == [row.name for row in before]
    assert read(demo_db, project_rows) == before


async def test_evidence_tree_add_and_delete(demo_app: SkilltrackApp, demo_db: Path) -> None:
    framework = load_builtin_framework()
    titles = {expectation.id: expectation.title for expectation in framework.expectations}
    before = read(demo_db, evidence_rows)
    expected: dict[str, list[str]] = {}
    for row in before:
        group = titles[row.expectation_id] if row.expectation_id else UNTIED
        expected.setdefault(group, []).append(f"{row.occurred_on.isoformat()}  {row.title}")
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        await press(demo_app, pilot, "e")
        assert isinstance(demo_app.screen, EvidenceScreen)
        groups = evidence_groups(demo_app)
        assert groups == {f"{group} ({len(leaves)})": leaves for group, leaves in expected.items()}
        assert list(groups)[-1].startswith(UNTIED)
        assert "Handles incidents on call (2)" in groups

        # a: the form; the expectation is picked from its list.
        await press(demo_app, pilot, "a")
        form = demo_app.screen
        assert isinstance(form, AddEvidenceScreen)
        await type_text(demo_app, pilot, "Designed the ledger's retry budget and circuit breakers")
        form.query_one("#kind", Select).value = "failure-design"
        form.query_one("#expectation", Select).value = "senior.design.failure-modes"
        form.query_one("#project").focus()
        await type_text(demo_app, pilot, "Payments ledger API")
        await press(demo_app, pilot, "ctrl+s")

        assert isinstance(demo_app.screen, EvidenceScreen)
        heading = "Designs for failure and explains trade-offs (1)"
        leaf = f"{TODAY.isoformat()}  Designed the ledger's retry budget and circuit breakers"
        assert evidence_groups(demo_app)[heading] == [leaf]
        after = read(demo_db, evidence_rows)
        assert len(after) == len(before) + 1
        new = next(row for row in after if row.uuid not in {old.uuid for old in before})
        assert (new.kind, new.expectation_id, new.project, new.occurred_on) == (
            "failure-design",
            "senior.design.failure-modes",
            "Payments ledger API",
            TODAY,
        )

        # Its leaf shows the details; x asks first, "Keep it" keeps it, y deletes it.
        tree: Tree[EvidenceRow | None] = demo_app.screen.query_one("#evidence-tree", Tree)
        node = next(n for group in tree.root.children for n in group.children if n.data == new)
        tree.move_cursor(node)
        await settle(demo_app, pilot)
        assert tree.cursor_node is node
        assert "Project: Payments ledger API" in plain(
            demo_app.screen.query_one("#evidence-detail-text", Static)
        )
        confirm = await ask(demo_app, pilot, "x")
        assert "retry budget" in plain(confirm.query_one("#question", Static))
        assert plain(confirm.query_one("#details", Static)) == "Only this entry goes."
        await answer(demo_app, pilot, "escape")
        assert len(read(demo_db, evidence_rows)) == len(before) + 1

        await ask(demo_app, pilot, "x")
        await answer(demo_app, pilot, "y")
        assert isinstance(demo_app.screen, EvidenceScreen)
        assert heading not in evidence_groups(demo_app)
    assert read(demo_db, evidence_rows) == before
