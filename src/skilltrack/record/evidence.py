"""Evidence of what was done (a design doc led, an incident handled, a person mentored): every read and
write of the ``evidence`` table."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from skilltrack.record import ids
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


def add_evidence(db: sqlite3.Connection, *, draft: EvidenceDraft, framework: Framework) -> EvidenceAdded:
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
            project.id if project else None,
            draft.link.strip(),
            draft.note.strip(),
            now_stored(),
        ),
    )
    return EvidenceAdded(short_id(evidence_id), title)


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
    from uuid import UUID

    where, values = ("WHERE evidence.kind = ?", [kind]) if kind is not None else ("", [])
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
