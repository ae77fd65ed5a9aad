"""Evidence of what was done (a design doc led, an incident handled, a person mentored): every read and
write of the ``evidence`` table."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from skilltrack.record import ids
from skilltrack.record.changes import Edited
from skilltrack.record.errors import RecordError
from skilltrack.record.projects import find_project
from skilltrack.record.values import dashed_id, new_id, now_stored, short_id

if TYPE_CHECKING:
    from uuid import UUID

    from skilltrack.domain.drafts import EvidenceDraft
    from skilltrack.domain.facts import EvidenceFacts
    from skilltrack.domain.framework import Framework


@dataclass(frozen=True)
class EvidenceRow:
    uuid: UUID
    kind: str
    title: str
    occurred_on: date
    expectation_id: str | None
    project: str | None
    link: str
    note: str


@dataclass(frozen=True)
class EvidenceAdded:
    short_id: str
    title: str


def _checked(db: sqlite3.Connection, draft: EvidenceDraft, framework: Framework) -> tuple[str, int | None]:
    """The entry's title as stored and its project's key: one set of rules for add and edit."""
    if framework.evidence_kind(draft.kind) is None:
        accepted = ", ".join(kind.id for kind in framework.evidence_kinds)
        raise RecordError(f"kind: {draft.kind!r} is not an evidence kind; use one of {accepted}")
    if draft.expectation_id is not None and draft.expectation_id not in framework.expectation_ids:
        raise RecordError(
            f"expectation: {draft.expectation_id!r} is not in the ladder; see: skilltrack guide"
        )
    title = draft.title.strip()
    if not title:
        raise RecordError("title: is empty; say what you did, like 'Led the outbox design doc'")
    project = find_project(db, typed=draft.project) if draft.project else None
    return title, project.id if project else None


def add_evidence(db: sqlite3.Connection, *, draft: EvidenceDraft, framework: Framework) -> EvidenceAdded:
    title, project_id = _checked(db, draft, framework)
    evidence_id = new_id()
    db.execute(
        "INSERT INTO evidence (uuid, kind, expectation_id, occurred_on, title, project_id, link, note, "
        "created_at_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            evidence_id,
            draft.kind,
            draft.expectation_id,
            draft.occurred_on.isoformat(),
            title,
            project_id,
            draft.link.strip(),
            draft.note.strip(),
            now_stored(),
        ),
    )
    return EvidenceAdded(short_id(evidence_id), title)


class EvidenceChanges(NamedTuple):
    """What ``evidence edit`` (or the app) changes; ``None`` keeps the value, ``""`` clears the
    expectation, project, link or note."""

    title: str | None = None
    kind: str | None = None
    occurred_on: date | None = None
    expectation_id: str | None = None
    project: str | None = None
    link: str | None = None
    note: str | None = None

    @property
    def empty(self) -> bool:
        return all(value is None for value in self)


def edit_evidence(
    db: sqlite3.Connection, *, typed_id: str, changes: EvidenceChanges, framework: Framework
) -> Edited[EvidenceRow]:
    """Change an entry in place (tie it to an expectation or a project, or untie it), under add's rules."""
    from skilltrack.domain.drafts import EvidenceDraft

    key = ids.find_id(db, "evidence", typed_id, what="evidence entry", listed_by="evidence list")
    before = _row_of(db, key)

    def kept(change: str | None, value: str | None) -> str | None:
        return value if change is None else (change or None)

    draft = EvidenceDraft(
        kind=changes.kind or before.kind,
        title=before.title if changes.title is None else changes.title,
        occurred_on=changes.occurred_on or before.occurred_on,
        expectation_id=kept(changes.expectation_id, before.expectation_id),
        project=kept(changes.project, before.project),
        link=before.link if changes.link is None else changes.link,
        note=before.note if changes.note is None else changes.note,
    )
    title, project_id = _checked(db, draft, framework)
    db.execute(
        "UPDATE evidence SET kind = ?, expectation_id = ?, occurred_on = ?, title = ?, project_id = ?, "
        "link = ?, note = ? WHERE id = ?",
        (
            draft.kind,
            draft.expectation_id,
            draft.occurred_on.isoformat(),
            title,
            project_id,
            draft.link.strip(),
            draft.note.strip(),
            key,
        ),
    )
    return Edited(before, _row_of(db, key))


def _row_of(db: sqlite3.Connection, key: int) -> EvidenceRow:
    [row] = _rows(db, "WHERE evidence.id = ?", [key])
    return row


def remove_evidence(db: sqlite3.Connection, *, typed_id: str) -> str:
    """Delete the evidence entry whose id starts with ``typed_id``; its title."""
    key = ids.find_id(db, "evidence", typed_id, what="evidence entry", listed_by="evidence list")
    (title,) = db.execute("SELECT title FROM evidence WHERE id = ?", (key,)).fetchone()
    db.execute("DELETE FROM evidence WHERE id = ?", (key,))
    return str(title)


_SELECT = (
    "SELECT evidence.uuid, evidence.kind, evidence.title, evidence.occurred_on, evidence.expectation_id, "
    "project.name, evidence.link, evidence.note "
    "FROM evidence LEFT OUTER JOIN project ON project.id = evidence.project_id"
)
_NEWEST_FIRST = "ORDER BY evidence.occurred_on DESC, evidence.id DESC"


def evidence_rows(db: sqlite3.Connection, *, kind: str | None = None) -> list[EvidenceRow]:
    """Every evidence entry (or those of one kind), newest first."""
    where, values = ("WHERE evidence.kind = ?", [kind]) if kind is not None else ("", [])
    return _rows(db, where, values)


def _rows(db: sqlite3.Connection, where: str, values: Sequence[object]) -> list[EvidenceRow]:
    from uuid import UUID

    return [
        EvidenceRow(
            uuid=UUID(uuid),
            kind=evidence_kind,
            title=title,
            occurred_on=date.fromisoformat(occurred_on),
            expectation_id=expectation_id,
            project=project,
            link=link,
            note=note,
        )
        for uuid, evidence_kind, title, occurred_on, expectation_id, project, link, note in db.execute(
            f"{_SELECT} {where} {_NEWEST_FIRST}", values
        )
    ]


def evidence_facts(db: sqlite3.Connection) -> tuple[EvidenceFacts, ...]:
    """What readiness needs of every evidence entry, newest first (no UUID objects: there are thousands)."""
    from skilltrack.domain.facts import EvidenceFacts

    return tuple(
        EvidenceFacts(
            uuid=dashed_id(uuid),
            kind=kind,
            title=title,
            occurred_on=date.fromisoformat(occurred_on),
            expectation_id=expectation_id,
            project=project,
            link=link or None,
        )
        for uuid, kind, title, occurred_on, expectation_id, project, link, _ in db.execute(
            f"{_SELECT} {_NEWEST_FIRST}"
        )
    )
