"""Reads of the record, each an aggregate in SQL over indexed columns, never a loop over every session."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, case, or_
from sqlalchemy import select as sql_select
from sqlmodel import Session, col, func, select

from skilltrack.db.models import (
    Evidence,
    LearningSession,
    Profile,
    Project,
    ProjectSkill,
    RunningTimer,
    Skill,
    SkillAlias,
    SkillRating,
)
from skilltrack.domain.framework import Framework
from skilltrack.domain.names import name_key
from skilltrack.domain.readiness import practice_queries
from skilltrack.domain.record import (
    EvidenceFacts,
    PracticeQuery,
    PracticeTally,
    Record,
    SkillFacts,
)

RECENT_DAYS = 90
"""The window "recent" hours and "last 90 days" columns count over."""


@dataclass(frozen=True)
class SkillRow:
    id: int
    name: str
    kind: str
    aliases: tuple[str, ...]
    level: int | None
    rated_on: date | None
    minutes_total: int
    minutes_recent: int
    sessions: int
    last_practised: date | None
    minutes_last_30_days: int = 0
    minutes_30_days_before: int = 0


@dataclass(frozen=True)
class SessionRow:
    uuid: UUID
    skill: str
    local_day: date
    started_at_utc: datetime
    time_zone: str
    minutes: int
    kind: str
    note: str


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
class EvidenceRow:
    uuid: UUID
    kind: str
    title: str
    occurred_on: date
    expectation_id: str | None
    project: str | None
    link: str
    note: str

    def facts(self) -> EvidenceFacts:
        return EvidenceFacts(
            uuid=str(self.uuid),
            kind=self.kind,
            title=self.title,
            occurred_on=self.occurred_on,
            expectation_id=self.expectation_id,
            project=self.project,
            link=self.link or None,
        )


@dataclass(frozen=True)
class TimerRow:
    skill: str
    kind: str
    started_at_utc: datetime
    time_zone: str


def find_skill(session: Session, name: str) -> Skill | None:
    """The skill a name or alias stands for, case-insensitively."""
    return find_skill_by_keys(session, {name_key(name)})


def find_skill_by_keys(session: Session, keys: Iterable[str]) -> Skill | None:
    wanted = list(keys)
    alias_owner = select(SkillAlias.skill_id).where(col(SkillAlias.alias_key).in_(wanted))
    statement = select(Skill).where(or_(col(Skill.name_key).in_(wanted), col(Skill.id).in_(alias_owner)))
    return session.exec(statement.order_by(col(Skill.id))).first()


def known_name_keys(session: Session) -> list[tuple[str, str]]:
    """Every skill name and alias in the record as ``(key, canonical name)``."""
    names = [(skill.name_key, skill.name) for skill in session.exec(select(Skill))]
    aliases = session.exec(
        select(SkillAlias.alias_key, Skill.name).join(Skill, col(Skill.id) == SkillAlias.skill_id)
    ).all()
    return names + [(key, name) for key, name in aliases]


def _aliases_by_skill(session: Session) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = {}
    for skill_id, alias in session.exec(
        select(SkillAlias.skill_id, SkillAlias.alias).order_by(col(SkillAlias.id))
    ):
        found.setdefault(skill_id, []).append(alias)
    return {skill_id: tuple(aliases) for skill_id, aliases in found.items()}


def _latest_ratings(session: Session) -> dict[int, tuple[int, date]]:
    newest = (
        select(SkillRating.skill_id, func.max(SkillRating.rated_on).label("rated_on"))
        .group_by(col(SkillRating.skill_id))
        .subquery()
    )
    rows = session.execute(
        sql_select(
            col(SkillRating.skill_id),
            col(SkillRating.level),
            col(SkillRating.rated_on),
            col(SkillRating.id),
        )
        .join(
            newest,
            (newest.c.skill_id == SkillRating.skill_id) & (newest.c.rated_on == SkillRating.rated_on),
        )
        .order_by(col(SkillRating.id))
    ).all()
    # Several ratings on one day: the last one written wins.
    return {skill_id: (level, rated_on) for skill_id, level, rated_on, _ in rows}


def skill_rows(session: Session, today: date) -> list[SkillRow]:
    """Every skill with its level, hours (all time, 90 and 30 days) and last practice, by name."""
    since = today - timedelta(days=RECENT_DAYS - 1)
    month = today - timedelta(days=29)
    month_before = today - timedelta(days=59)
    minutes = col(LearningSession.minutes)
    day = col(LearningSession.local_day)
    totals = {
        skill_id: (int(total), int(recent or 0), int(last_30 or 0), int(before_30 or 0), int(count), last)
        for skill_id, total, recent, last_30, before_30, count, last in session.execute(
            sql_select(
                col(LearningSession.skill_id),
                func.sum(minutes),
                func.sum(case((day >= since, minutes), else_=0)),
                func.sum(case((day >= month, minutes), else_=0)),
                func.sum(case(((day >= month_before) & (day < month), minutes), else_=0)),
                func.count(),
                func.max(day),
            ).group_by(col(LearningSession.skill_id))
        )
    }
    ratings = _latest_ratings(session)
    aliases = _aliases_by_skill(session)
    rows = []
    for skill in session.exec(select(Skill).order_by(col(Skill.name_key))):
        assert skill.id is not None
        total, recent, last_30, before_30, count, last = totals.get(skill.id, (0, 0, 0, 0, 0, None))
        level, rated_on = ratings.get(skill.id, (None, None))
        rows.append(
            SkillRow(
                id=skill.id,
                name=skill.name,
                kind=skill.kind,
                aliases=aliases.get(skill.id, ()),
                level=level,
                rated_on=rated_on,
                minutes_total=total,
                minutes_recent=recent,
                sessions=count,
                last_practised=last,
                minutes_last_30_days=last_30,
                minutes_30_days_before=before_30,
            )
        )
    return rows


def rating_history(session: Session, skill_id: int) -> list[SkillRating]:
    return list(
        session.exec(
            select(SkillRating)
            .where(SkillRating.skill_id == skill_id)
            .order_by(col(SkillRating.rated_on), col(SkillRating.id))
        )
    )


def shipped_projects_by_skill(session: Session) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = {}
    for skill_id, project in session.exec(
        select(ProjectSkill.skill_id, Project.name)
        .join(Project, col(Project.id) == ProjectSkill.project_id)
        .where(col(Project.in_production))
        .order_by(col(Project.started_on))
    ):
        found.setdefault(skill_id, []).append(project)
    return {skill_id: tuple(names) for skill_id, names in found.items()}


def get_profile(session: Session) -> Profile:
    """The profile row, or an unsaved empty one for a new record."""
    return session.get(Profile, 1) or Profile()


def evidence_rows(session: Session, kind: str | None = None) -> list[EvidenceRow]:
    statement = select(Evidence, Project.name).join(
        Project, col(Project.id) == Evidence.project_id, isouter=True
    )
    if kind is not None:
        statement = statement.where(Evidence.kind == kind)
    rows = session.exec(statement.order_by(col(Evidence.occurred_on).desc(), col(Evidence.id).desc())).all()
    return [
        EvidenceRow(
            uuid=evidence.uuid,
            kind=evidence.kind,
            title=evidence.title,
            occurred_on=evidence.occurred_on,
            expectation_id=evidence.expectation_id,
            project=project,
            link=evidence.link,
            note=evidence.note,
        )
        for evidence, project in rows
    ]


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


def _session_rows(
    session: Session, where: list[ColumnElement[bool]], order: list[Any], limit: int | None
) -> list[SessionRow]:
    statement = (
        select(LearningSession, Skill.name)
        .join(Skill, col(Skill.id) == LearningSession.skill_id)
        .where(*where)
        .order_by(*order)
        .limit(limit)
    )
    return [
        SessionRow(
            uuid=learning.uuid,
            skill=skill,
            local_day=learning.local_day,
            started_at_utc=learning.started_at_utc,
            time_zone=learning.time_zone,
            minutes=learning.minutes,
            kind=learning.kind,
            note=learning.note,
        )
        for learning, skill in session.exec(statement).all()
    ]


def recent_sessions(session: Session, *, limit: int = 20, skill_id: int | None = None) -> list[SessionRow]:
    """The newest sessions, of one skill or of all."""
    where = [] if skill_id is None else [col(LearningSession.skill_id) == skill_id]
    newest_first = [col(LearningSession.local_day).desc(), col(LearningSession.started_at_utc).desc()]
    return _session_rows(session, where, newest_first, limit)


def minutes_between(session: Session, first: date, last: date) -> int:
    """Minutes logged on the local days ``first`` to ``last``, both included."""
    day = col(LearningSession.local_day)
    total = session.exec(
        select(func.coalesce(func.sum(LearningSession.minutes), 0)).where(day >= first, day <= last)
    ).one()
    return int(total)


def active_days(session: Session) -> list[date]:
    """Every local day with any learning, oldest first (one row per day, not per session)."""
    return list(
        session.scalars(
            sql_select(col(LearningSession.local_day)).distinct().order_by(col(LearningSession.local_day))
        )
    )


def daily_minutes(session: Session, first: date, last: date) -> dict[date, int]:
    day = col(LearningSession.local_day)
    return {
        local_day: int(total)
        for local_day, total in session.execute(
            sql_select(day, func.sum(col(LearningSession.minutes)))
            .where(day >= first, day <= last)
            .group_by(day)
        )
    }


def running_timer(session: Session) -> TimerRow | None:
    row = session.exec(
        select(RunningTimer, Skill.name).join(Skill, col(Skill.id) == RunningTimer.skill_id)
    ).first()
    if row is None:
        return None
    timer, skill = row
    return TimerRow(skill, timer.kind, timer.started_at_utc, timer.time_zone)


def practice_tally(session: Session, query: PracticeQuery) -> PracticeTally:
    day = col(LearningSession.local_day)
    statement = sql_select(
        func.count(), func.coalesce(func.sum(LearningSession.minutes), 0), func.max(day)
    ).where(col(LearningSession.kind).in_(sorted(query.session_kinds)), day >= query.since)
    if query.skills:
        keys = sorted(query.skills)
        alias_owner = select(SkillAlias.skill_id).where(col(SkillAlias.alias_key).in_(keys))
        skill_ids = select(Skill.id).where(or_(col(Skill.name_key).in_(keys), col(Skill.id).in_(alias_owner)))
        statement = statement.where(col(LearningSession.skill_id).in_(skill_ids))
    count, minutes, last_day = session.execute(statement).one()
    return PracticeTally(int(count), int(minutes), last_day)


def load_record(session: Session, framework: Framework, today: date) -> Record:
    """Everything readiness needs, in a handful of aggregate queries."""
    profile = get_profile(session)
    shipped = shipped_projects_by_skill(session)
    skills = tuple(
        SkillFacts(
            name=row.name,
            kind=row.kind,
            aliases=row.aliases,
            level=row.level,
            rated_on=row.rated_on,
            minutes_total=row.minutes_total,
            minutes_recent=row.minutes_recent,
            last_practised=row.last_practised,
            shipped_projects=shipped.get(row.id, ()),
        )
        for row in skill_rows(session, today)
    )
    shipped_names: Sequence[str] = session.exec(
        select(Project.name).where(col(Project.in_production)).order_by(col(Project.started_on))
    ).all()
    return Record(
        career_started_on=profile.career_started_on,
        shipped_projects=tuple(shipped_names),
        skills=skills,
        evidence=tuple(row.facts() for row in evidence_rows(session)),
        practice={query: practice_tally(session, query) for query in practice_queries(framework, today)},
    )


def sessions_on(session: Session, day: date) -> list[SessionRow]:
    """The sessions that count for one local day, in the order they started."""
    where = [col(LearningSession.local_day) == day]
    return _session_rows(session, where, [col(LearningSession.started_at_utc)], None)
