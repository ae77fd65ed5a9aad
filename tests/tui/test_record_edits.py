"""Projects and evidence fixed in place from the app (``n``): an ongoing project marked shipped, an entry
tied to an expectation; their ids, and the evidence tied to a project, stay."""

from pathlib import Path

from textual.widgets import Checkbox, Input, Select, Tree

from skilltrack.guide import load_builtin_framework
from skilltrack.record.evidence import EvidenceRow, evidence_rows
from skilltrack.record.projects import project_rows
from skilltrack.tui.app import SkilltrackApp
from skilltrack.tui.screens.evidence import EditEvidenceScreen
from skilltrack.tui.screens.projects import EditProjectScreen, ProjectsScreen
from tests.tui.helpers import SIZE, notifications, press, read, settle, wait_until


async def test_an_ongoing_project_is_marked_shipped_in_place(demo_app: SkilltrackApp, demo_db: Path) -> None:
    before = read(demo_db, project_rows)
    evidence_before = [row.project for row in read(demo_db, evidence_rows)]
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        await press(demo_app, pilot, "p", "n")
        form = demo_app.screen
        assert isinstance(form, EditProjectScreen)
        first = before[0]
        assert form.query_one("#name", Input).value == first.name
        assert form.query_one("#production", Checkbox).value is first.in_production
        form.query_one("#production", Checkbox).value = True
        form.query_one("#to", Input).value = "2026-11-20"
        form.query_one("#impact", Input).value = "cut p99 by 40%"
        await press(demo_app, pilot, "ctrl+s")
        await wait_until(demo_app, pilot, lambda: isinstance(demo_app.screen, ProjectsScreen))
        assert any(
            note.message.startswith(f"Changed project {first.name}") for note in notifications(demo_app)
        )
    after = {row.uuid: row for row in read(demo_db, project_rows)}
    edited = after[first.uuid]
    assert (edited.in_production, edited.ended_on is not None, edited.impact) == (
        True,
        True,
        "cut p99 by 40%",
    )
    assert edited.ended_on is not None and edited.ended_on.isoformat() == "2026-11-20"
    assert [row.project for row in read(demo_db, evidence_rows)] == evidence_before


async def test_an_entry_is_tied_to_an_expectation_in_place(demo_app: SkilltrackApp, demo_db: Path) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        await press(demo_app, pilot, "e")
        tree: Tree[EvidenceRow | None] = demo_app.screen.query_one("#evidence-tree", Tree)
        await wait_until(
            demo_app, pilot, lambda: tree.cursor_node is not None and tree.cursor_node.data is not None
        )
        assert tree.cursor_node is not None
        entry = tree.cursor_node.data
        assert entry is not None
        await press(demo_app, pilot, "n")
        form = demo_app.screen
        assert isinstance(form, EditEvidenceScreen)
        assert form.query_one("#title", Input).value == entry.title
        expectations = form.query_one("#expectation", Select)
        other = next(
            expectation.id
            for expectation in load_builtin_framework().expectations
            if expectation.id != entry.expectation_id
        )
        expectations.value = other
        form.query_one("#note", Input).value = "tied afterwards"
        await press(demo_app, pilot, "ctrl+s")
        await wait_until(demo_app, pilot, lambda: demo_app.screen is not form)
    edited = next(row for row in read(demo_db, evidence_rows) if row.uuid == entry.uuid)
    assert (edited.expectation_id, edited.note, edited.title) == (other, "tied afterwards", entry.title)
