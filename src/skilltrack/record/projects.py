"""Projects and the skills each used: every read and write of ``project`` and ``project_skill``."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from skilltrack.domain.names import clean_name, name_key
from skilltrack.record.changes import Edited
from skilltrack.record.errors import RecordError
from skilltrack.record.skills import Ladder, ResolvedSkill, resolve_skill
from skilltrack.record.values import new_id, now_stored, stored_day

if TYPE_CHECKING:
    from uuid import UUID

    from skilltrack.domain.drafts import ProjectDraft


@dataclass(frozen=True)
class ProjectRef:
    id: int
    name: str


@dataclass(frozen=True)
class ProjectRow:
    uuid: UUID
    name: str
    role: str
    started_on: date
    ended_on: date | None
    in_production: bool
    impact: str
    links: tuple[str, ...]
    skills: tuple[str, ...]


@dataclass(frozen=True)
class ProjectAdded:
    name: str
    skills: int
    notices: tuple[str, ...]
    """What was assumed about the skill names (e.g. a new skill added), one line each."""


def find_project(db: sqlite3.Connection, *, typed: str) -> ProjectRef:
    """The project called ``typed`` (any case); refused when there is none."""
    name = clean_name(typed, field="project")
    row = db.execute("SELECT id, name FROM project WHERE name_key = ?", (name_key(name),)).fetchone()
    if row is None:
        raise RecordError(f'project: no project is called "{name}"; see: skilltrack project list')
    return ProjectRef(int(row[0]), str(row[1]))


def _checked(
    db: sqlite3.Connection,
    draft: ProjectDraft,
    *,
    ladder: Ladder,
    allow_new: bool,
    other_than: int | None = None,
) -> tuple[str, str, list[ResolvedSkill]]:
    """The project's name and role as stored, and its skills resolved: one set of rules for add and edit."""
    name = clean_name(draft.name, field="name")
    role = draft.role.strip()
    if not role:
        raise RecordError("role: is empty; say what you did, like tech lead or backend engineer")
    if draft.ended_on is not None and draft.ended_on < draft.started_on:
        raise RecordError(f"to: {draft.ended_on} is before the start ({draft.started_on}); use a later date")
    taken = db.execute(
        "SELECT name FROM project WHERE name_key = ? AND id IS NOT ?", (name_key(name), other_than)
    ).fetchone()
    if taken is not None:
        raise RecordError(f'name: a project is already called "{taken[0]}"')
    resolved = [resolve_skill(db, typed=skill, ladder=ladder, allow_new=allow_new) for skill in draft.skills]
    return name, role, resolved


def add_project(
    db: sqlite3.Connection, *, draft: ProjectDraft, ladder: Ladder, allow_new: bool
) -> ProjectAdded:
    """Add the project with its skills, each name resolved through names and aliases as ``log`` does."""
    name, role, resolved = _checked(db, draft, ladder=ladder, allow_new=allow_new)
    cursor = db.execute(
        "INSERT INTO project (uuid, name, name_key, role, started_on, ended_on, in_production, impact, "
        "links, created_at_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            new_id(),
            name,
            name_key(name),
            role,
            draft.started_on.isoformat(),
            draft.ended_on.isoformat() if draft.ended_on else None,
            draft.in_production,
            draft.impact.strip(),
            json.dumps(list(draft.links)),
            now_stored(),
        ),
    )
    project_id = int(cursor.lastrowid or 0)
    _set_skills(db, project_id, resolved)
    notices = tuple(item.notice for item in resolved if item.notice)
    return ProjectAdded(name, len(resolved), notices)


def _set_skills(db: sqlite3.Connection, project_id: int, resolved: list[ResolvedSkill]) -> None:
    db.execute("DELETE FROM project_skill WHERE project_id = ?", (project_id,))
    db.executemany(
        "INSERT INTO project_skill (project_id, skill_id) VALUES (?, ?)",
        [(project_id, skill_id) for skill_id in sorted({item.skill.id for item in resolved})],
    )


class ProjectChanges(NamedTuple):
    """What ``project edit`` (or the app) changes about a project; ``None`` keeps the value."""

    name: str | None = None
    role: str | None = None
    started_on: date | None = None
    ended_on: date | None = None
    ongoing: bool = False
    """Clear the end date: the project goes on."""
    in_production: bool | None = None
    skills: tuple[str, ...] | None = None
    impact: str | None = None
    links: tuple[str, ...] | None = None

    @property
    def empty(self) -> bool:
        return not self.ongoing and all(
            value is None for name, value in self._asdict().items() if name != "ongoing"
        )


def edit_project(
    db: sqlite3.Connection, *, typed: str, changes: ProjectChanges, ladder: Ladder, allow_new: bool
) -> Edited[ProjectRow]:
    """Change a project in place (its id, and the evidence tied to it, stay), under the rules of add."""
    from skilltrack.domain.drafts import ProjectDraft

    project_id = find_project(db, typed=typed).id
    before = _project_row(db, project_id)
    draft = ProjectDraft(
        name=before.name if changes.name is None else changes.name,
        role=before.role if changes.role is None else changes.role,
        started_on=changes.started_on or before.started_on,
        ended_on=None if changes.ongoing else (changes.ended_on or before.ended_on),
        in_production=before.in_production if changes.in_production is None else changes.in_production,
        skills=before.skills if changes.skills is None else changes.skills,
        impact=before.impact if changes.impact is None else changes.impact,
        links=before.links if changes.links is None else changes.links,
    )
    name, role, resolved = _checked(db, draft, ladder=ladder, allow_new=allow_new, other_than=project_id)
    db.execute(
        "UPDATE project SET name = ?, name_key = ?, role = ?, started_on = ?, ended_on = ?, "
        "in_production = ?, impact = ?, links = ? WHERE id = ?",
        (
            name,
            name_key(name),
            role,
            draft.started_on.isoformat(),
            draft.ended_on.isoformat() if draft.ended_on else None,
            draft.in_production,
            draft.impact.strip(),
            json.dumps(list(draft.links)),
            project_id,
        ),
    )
    if changes.skills is not None:
        _set_skills(db, project_id, resolved)
    notices = tuple(item.notice for item in resolved if item.notice) if changes.skills is not None else ()
    return Edited(before, _project_row(db, project_id), notices)


def _project_row(db: sqlite3.Connection, project_id: int) -> ProjectRow:
    [(_, row)] = _rows(db, "WHERE id = ?", (project_id,))
    return row


def remove_project(db: sqlite3.Connection, *, project_id: int) -> int:
    """Delete a project; evidence tied to it stays, untied. Returns how much evidence that was."""
    (tied,) = db.execute("SELECT count(*) FROM evidence WHERE project_id = ?", (project_id,)).fetchone()
    db.execute("DELETE FROM project WHERE id = ?", (project_id,))
    return int(tied)


def project_rows(db: sqlite3.Connection) -> list[ProjectRow]:
    """Every project with its skills, the latest started first."""
    return [row for _, row in _rows(db, "", ())]


def _rows(db: sqlite3.Connection, where: str, values: tuple[object, ...]) -> list[tuple[int, ProjectRow]]:
    from uuid import UUID

    skills_by_project: dict[int, list[str]] = {}
    for project_id, skill in db.execute(
        "SELECT project_skill.project_id, skill.name FROM project_skill "
        "JOIN skill ON skill.id = project_skill.skill_id ORDER BY skill.name_key"
    ):
        skills_by_project.setdefault(project_id, []).append(skill)
    return [
        (
            project_id,
            ProjectRow(
                uuid=UUID(uuid),
                name=name,
                role=role,
                started_on=date.fromisoformat(started_on),
                ended_on=stored_day(ended_on),
                in_production=bool(in_production),
                impact=impact,
                links=tuple(json.loads(links or "[]")),
                skills=tuple(skills_by_project.get(project_id, ())),
            ),
        )
        for project_id, uuid, name, role, started_on, ended_on, in_production, impact, links in db.execute(
            "SELECT id, uuid, name, role, started_on, ended_on, in_production, impact, links FROM project "
            f"{where} ORDER BY started_on DESC, name_key",
            values,
        )
    ]


def shipped_projects_dated(db: sqlite3.Connection) -> list[tuple[date, str, tuple[int, ...]]]:
    """The projects shipped to production as ``(the day they count from, name, their skills' keys)``,
    oldest first. A project counts from its end, or from its start while it goes on."""
    skills: dict[int, list[int]] = {}
    for project_id, skill_id in db.execute("SELECT project_id, skill_id FROM project_skill"):
        skills.setdefault(int(project_id), []).append(int(skill_id))
    return [
        (date.fromisoformat(day), str(name), tuple(skills.get(int(project_id), ())))
        for project_id, name, day in db.execute(
            "SELECT id, name, coalesce(ended_on, started_on) AS day FROM project WHERE in_production "
            "ORDER BY day, started_on"
        )
    ]


def shipped_project_names(db: sqlite3.Connection) -> tuple[str, ...]:
    """The projects shipped to production, oldest first."""
    return tuple(
        str(name)
        for (name,) in db.execute("SELECT name FROM project WHERE in_production ORDER BY started_on")
    )
