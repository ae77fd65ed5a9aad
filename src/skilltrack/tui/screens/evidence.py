"""Evidence grouped by the expectation it shows, with a form to add an entry from here or from a gap."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widgets import Input, Select, Static, Tree
from textual.widgets.tree import TreeNode

from skilltrack.domain.dates import parse_date
from skilltrack.domain.drafts import EvidenceDraft
from skilltrack.domain.errors import InputError
from skilltrack.record import evidence
from skilltrack.record.evidence import EvidenceAdded, EvidenceChanges, EvidenceRow
from skilltrack.tui.dates import day_text
from skilltrack.tui.keys import HOME_KEY, add_key, delete_key, edit_key
from skilltrack.tui.screens.base import FormScreen, Job, RecordScreen
from skilltrack.tui.screens.listing import detail_panel
from skilltrack.tui.widgets.fields import Field, choice_field, optional_choice_field
from skilltrack.tui.widgets.key_footer import KeyFooter

UNTIED = "Not tied to an expectation"


class EvidenceScreen(RecordScreen["list[EvidenceRow]"]):
    BINDINGS: ClassVar[list[BindingType]] = [
        add_key("evidence: a design doc led, an incident handled…", screen="evidence"),
        edit_key("entry: tie it to an expectation, a project, fix its date", screen="evidence"),
        delete_key("entry", screen="evidence"),
        *HOME_KEY,
    ]

    def compose(self) -> ComposeResult:
        with Horizontal(id="evidence-body"):
            tree: Tree[EvidenceRow | None] = Tree("Evidence", id="evidence-tree")
            tree.show_root = False
            yield tree
            yield from detail_panel(
                "evidence-detail",
                "Details",
                "No evidence yet — press a to add a design doc led, an incident handled…",
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(Tree).focus()

    def fetch(self) -> list[EvidenceRow]:
        return self.store.read(lambda db, today: evidence.evidence_rows(db))

    def show(self, data: list[EvidenceRow]) -> None:
        framework = self.store.framework
        titles = {e.id: e.title for e in framework.expectations}
        groups: dict[str, list[EvidenceRow]] = {}
        for row in data:
            if row.expectation_id is None:
                group = UNTIED
            else:
                group = titles.get(row.expectation_id, f"{row.expectation_id} (no longer in the ladder)")
            groups.setdefault(group, []).append(row)
        tree = self.query_one(Tree)
        tree.clear()
        first: TreeNode[EvidenceRow | None] | None = None
        for group in sorted(groups, key=lambda name: (name == UNTIED, name)):
            heading = Text.assemble((group, "bold"), (f" ({len(groups[group])})", "dim"))
            node = tree.root.add(heading, data=None, expand=True)
            for row in groups[group]:
                leaf = node.add_leaf(Text(f"{day_text(row.occurred_on)}  {row.title}"), data=row)
                first = first or leaf
        if first is not None and first.data is not None:
            self._describe(first.data)
            tree.call_after_refresh(tree.move_cursor, first)

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[EvidenceRow | None]) -> None:
        if event.node.data is not None:
            self._describe(event.node.data)

    def _describe(self, row: EvidenceRow) -> None:
        kind = self.store.framework.evidence_kind(row.kind)
        lines = [
            f"[b]{row.title}[/b]",
            f"{kind.title if kind else row.kind} · {day_text(row.occurred_on)}",
        ]
        if row.project:
            lines.append(f"Project: {row.project}")
        if row.expectation_id:
            lines.append(f"Expectation: {row.expectation_id}")
        if row.link:
            lines += ["", row.link]
        if row.note:
            lines += ["", row.note]
        self.query_one("#evidence-detail-text", Static).update("\n".join(lines))

    def action_add(self) -> None:
        self.open_form(AddEvidenceScreen())

    def action_edit(self) -> None:
        node = self.query_one(Tree).cursor_node
        if node is not None and node.data is not None:
            self.open_form(EditEvidenceScreen(node.data))

    def action_delete(self) -> None:
        node = self.query_one(Tree).cursor_node
        if node is not None and node.data is not None:
            row = node.data
            self.delete_after_asking(
                f"Delete “{row.title}”?",
                "Only this entry goes.",
                lambda db, today: evidence.remove_evidence(db, typed_id=row.uuid.hex),
                lambda title: f"Deleted evidence: {title}.",
            )


class AddEvidenceScreen(FormScreen):
    TITLE_TEXT = "Add evidence"

    def __init__(self, *, expectation_id: str | None = None, kind: str | None = None) -> None:
        super().__init__()
        self.expectation_id = expectation_id
        self.kind = kind

    def compose_fields(self) -> ComposeResult:
        framework = self.store.framework
        yield Field("What you did", id="title", placeholder="e.g. Led the outbox pattern design doc")
        kinds = [(f"{kind.title}", kind.id) for kind in framework.evidence_kinds]
        yield from choice_field("Kind", kinds, id="kind", value=self.kind or framework.evidence_kinds[0].id)
        expectations = [(f"{e.title} ({e.level})", e.id) for e in framework.expectations]
        yield from optional_choice_field(
            "Expectation it shows (optional)",
            expectations,
            id="expectation",
            blank="none",
            value=self.expectation_id or None,
        )
        with Horizontal(classes="field-row"):
            yield Field(
                "Date",
                id="date",
                placeholder="e.g. 2026-11-02 (empty: today)",
                parse=self._parse_day,
                optional=True,
            )
            yield Field("Project (optional)", id="project", placeholder="e.g. Payments API")
        yield Field("Link (optional)", id="link", placeholder="e.g. https://…")
        yield Field("Note (optional)", id="note", placeholder="e.g. what it decided")

    def _parse_day(self, value: str) -> object:
        return parse_date(value, today=self.store.local_today())

    def prepare(self) -> Job:
        title = self.value("title")
        if not title:
            from skilltrack.domain.errors import InputError

            raise InputError("title", "is empty; say what you did")
        expectation = self.query_one("#expectation", Select).value
        draft = EvidenceDraft(
            kind=str(self.query_one("#kind", Select).value),
            title=title,
            occurred_on=parse_date(self.value("date"), today=self.store.local_today())
            if self.value("date")
            else self.store.local_today(),
            expectation_id=expectation if isinstance(expectation, str) else None,
            project=self.value("project") or None,
            link=self.value("link"),
            note=self.value("note"),
        )

        store = self.store

        def add(db: sqlite3.Connection, today: date) -> EvidenceAdded:
            return evidence.add_evidence(db, draft=draft, framework=store.framework)

        return lambda: f"Added evidence: {store.write(add).title}."


class EditEvidenceScreen(AddEvidenceScreen):
    """The entry's form filled in; saving changes it in place (its id stays)."""

    TITLE_TEXT = "Edit the evidence"

    def __init__(self, entry: EvidenceRow) -> None:
        super().__init__(expectation_id=entry.expectation_id, kind=entry.kind)
        self.entry = entry

    def on_mount(self) -> None:
        entry = self.entry
        for field, value in (
            ("title", entry.title),
            ("date", day_text(entry.occurred_on)),
            ("project", entry.project or ""),
            ("link", entry.link),
            ("note", entry.note),
        ):
            self.query_one(f"#{field}", Input).value = value
        self.query_one("#title", Input).focus()

    def prepare(self) -> Job:
        title = self.value("title")
        if not title:
            raise InputError("title", "is empty; say what you did")
        expectation = self.query_one("#expectation", Select).value
        today = self.store.local_today()
        changes = EvidenceChanges(
            title=title,
            kind=str(self.query_one("#kind", Select).value),
            occurred_on=parse_date(self.value("date"), today=today) if self.value("date") else None,
            # "" clears what an emptied field held; the drop-down's "none" clears the expectation.
            expectation_id=expectation if isinstance(expectation, str) else "",
            project=self.value("project"),
            link=self.value("link"),
            note=self.value("note"),
        )
        store = self.store
        typed_id = self.entry.uuid.hex

        def edit(db: sqlite3.Connection, today: date) -> str:
            edited = evidence.edit_evidence(db, typed_id=typed_id, changes=changes, framework=store.framework)
            changed = ", ".join(name.replace("_", " ") for name in edited.changed) or "nothing"
            return f"Changed evidence {edited.after.title}: {changed}."

        return lambda: store.write(edit)
