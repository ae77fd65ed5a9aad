"""Reads of the record through an ORM session.

The everyday reads are plain SQL in :mod:`skilltrack.db.reads`, shared with the direct path; the
functions here give them a session's connection (after flushing what the session holds) and keep the
reads that return ORM rows (skills, ratings, the profile, projects).
"""

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from sqlmodel import Session, col, select

from skilltrack.db import reads
from skilltrack.db.engine import sqlite_connection
from skilltrack.db.models import Profile, Project, ProjectSkill, Skill, SkillAlias, SkillRating
from skilltrack.db.reads import RECENT_DAYS, EvidenceRow, SessionRow, SkillRow, TimerRow
from skilltrack.domain.framework import Framework
from skilltrack.domain.names import name_key
from skilltrack.domain.record import PracticeQuery, PracticeTally, Record

__all__ = [
    "RECENT_DAYS",
    "EvidenceRow",
    "ProjectRow",
    "SessionRow",
    "SkillRow",
    "TimerRow",
]


def _sql(session: Session) -> sqlite3.Connection:
    """The session's connection, with everything the session holds written to it first."""
    session.flush()
    return sqlite_connection(session)


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


def find_skill(session: Session, name: str) -> Skill | None:
    """The skill a name or alias stands for, case-insensitively."""
    return find_skill_by_keys(session, {name_key(name)})


def find_skill_by_keys(session: Session, keys: Iterable[str]) -> Skill | None:
    found = reads.find_skill_id(_sql(session), keys)
    return None if found is None else session.get(Skill, found[0])


def known_name_keys(session: Session) -> list[tuple[str, str]]:
    """Every skill name and alias in the record as ``(key, canonical name)``."""
    names = [(skill.name_key, skill.name) for skill in session.exec(select(Skill))]
    aliases = session.exec(
        select(SkillAlias.alias_key, Skill.name).join(Skill, col(Skill.id) == SkillAlias.skill_id)
    ).all()
    return names + [(key, name) for key, name in aliases]


def skill_rows(session: Session, today: date) -> list[SkillRow]:
    """Every skill with its level, hours (all time, 90 and 30 days) and last practice, by name."""
    return reads.skill_rows(_sql(session), today)


def rating_history(session: Session, skill_id: int) -> list[SkillRating]:
    return list(
        session.exec(
            select(SkillRating)
            .where(SkillRating.skill_id == skill_id)
            .order_by(col(SkillRating.rated_on), col(SkillRating.id))
        )
    )


def shipped_projects_by_skill(session: Session) -> dict[int, tuple[str, ...]]:
    return reads.shipped_projects_by_skill(_sql(session))


def get_profile(session: Session) -> Profile:
    """The profile row, or an unsaved empty one for a new record."""
    return session.get(Profile, 1) or Profile()


def evidence_rows(session: Session, kind: str | None = None) -> list[EvidenceRow]:
    return reads.evidence_rows(_sql(session), kind)


def project_rows(session: Session) -> list[ProjectRow]:
    skills_by_project: dict[int, list[str]] = {}
    for project_id, skill in session.exec(
        select(ProjectSkill.project_id, Skill.name)
        .join(Skill, col(Skill.id) == ProjectSkill.skill_id)
        .order_by(col(Skill.name_key))
    ):
        skills_by_project.setdefault(project_id, []).append(skill)
    projects = session.exec(select(Project).order_by(col(Project.started_on).desc(), col(Project.name_key)))
    return [
        ProjectRow(
            uuid=project.uuid,
            name=project.name,
            role=project.role,
            started_on=project.started_on,
            ended_on=project.ended_on,
            in_production=project.in_production,
            impact=project.impact,
            links=tuple(project.links),
            skills=tuple(skills_by_project.get(project.id or 0, ())),
        )
        for project in projects
    ]


def recent_sessions(session: Session, *, limit: int = 20, skill_id: int | None = None) -> list[SessionRow]:
    """The newest sessions, of one skill or of all."""
    return reads.recent_sessions(_sql(session), limit=limit, skill_id=skill_id)


def minutes_between(session: Session, first: date, last: date) -> int:
    """Minutes logged on the local days ``first`` to ``last``, both included."""
    return reads.minutes_between(_sql(session), first, last)


def active_days(session: Session) -> list[date]:
    """Every local day with any learning, oldest first (one row per day, not per session)."""
    return reads.active_days(_sql(session))


def daily_minutes(session: Session, first: date, last: date) -> dict[date, int]:
    return reads.daily_minutes(_sql(session), first, last)


def running_timer(session: Session) -> TimerRow | None:
    return reads.running_timer(_sql(session))


def practice_tally(session: Session, query: PracticeQuery) -> PracticeTally:
    return reads.practice_tally(_sql(session), query)


def load_record(session: Session, framework: Framework, today: date) -> Record:
    """Everything readiness needs, in a handful of aggregate queries."""
    return reads.load_record(_sql(session), framework, today)


def sessions_on(session: Session, day: date) -> list[SessionRow]:
    """The sessions that count for one local day, in the order they started."""
    return reads.sessions_on(_sql(session), day)
