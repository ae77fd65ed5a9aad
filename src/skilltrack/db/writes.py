"""Writes to the record. Each function is one step of a user action inside ``Database.writing()``.

Values arrive already parsed by :mod:`skilltrack.domain` (durations, dates, names); what needs the
record or the ladder to judge (an unknown skill, a duplicate name) is refused here with
:class:`RecordError`, before anything is written.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from sqlalchemy import delete
from sqlmodel import Session, col, func, select

from skilltrack.db import ids
from skilltrack.db.engine import sqlite_connection
from skilltrack.db.errors import RecordError
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
    utc_now,
)
from skilltrack.db.queries import find_skill, find_skill_by_keys, known_name_keys
from skilltrack.domain.dates import SessionStart
from skilltrack.domain.durations import MAX_SESSION_MINUTES
from skilltrack.domain.framework import SKILL_KINDS, Framework
from skilltrack.domain.names import clean_name, closest_name, name_key

_Row = TypeVar("_Row", LearningSession, Evidence)


@dataclass(frozen=True)
class ResolvedSkill:
    skill: Skill
    notice: str = ""
    """Set when the skill was created just now, to tell the person."""


def resolve_skill(
    session: Session,
    typed: str,
    framework: Framework,
    *,
    allow_new: bool = False,
    create_unknown: bool = True,
) -> ResolvedSkill:
    """The record's skill for what was typed, creating it from the ladder's vocabulary if needed.

    A name close to a known one (``postgress``) is refused with a suggestion unless ``allow_new``;
    any other new name becomes a new skill, with a notice, unless ``create_unknown`` is off.
    """
    name = clean_name(typed, field="skill")
    existing = find_skill(session, name)
    if existing is not None:
        return ResolvedSkill(existing)
    term = framework.term(name)
    if term is not None:
        existing = find_skill_by_keys(session, term.keys)
        if existing is not None:
            return ResolvedSkill(existing)
        skill = _insert_skill(session, term.name, term.kind, term.aliases)
        return ResolvedSkill(skill, f"added {term.name} ({term.kind}) to your skills")
    if not allow_new:
        suggestion = closest_name(name, [*known_name_keys(session), *framework.term_keys()])
        if suggestion is not None:
            how = (
                f'to add "{name}" as a new skill, use --new'
                if create_unknown
                else "see: skilltrack skill list"
            )
            raise RecordError(f'skill: no skill is called "{name}"; did you mean {suggestion}? ({how})')
    if not create_unknown:
        raise RecordError(f'skill: no skill is called "{name}"; add it with: skilltrack skill add "{name}"')
    skill = _insert_skill(session, name, "other", ())
    return ResolvedSkill(skill, f'added new skill "{name}" (kind: other)')


def existing_skill(session: Session, typed: str) -> Skill:
    name = clean_name(typed, field="skill")
    skill = find_skill(session, name)
    if skill is None:
        suggestion = closest_name(name, known_name_keys(session))
        hint = f"; did you mean {suggestion}?" if suggestion else "; see: skilltrack skill list"
        raise RecordError(f'skill: no skill is called "{name}"{hint}')
    return skill


def skill_by_id(session: Session, skill_id: int) -> Skill:
    skill = session.get(Skill, skill_id)
    if skill is None:
        raise RecordError("skill: it no longer exists; it may have been removed from another window")
    return skill


def _taken_keys(session: Session, keys: set[str]) -> set[str]:
    names = session.exec(select(Skill.name_key).where(col(Skill.name_key).in_(keys))).all()
    aliases = session.exec(select(SkillAlias.alias_key).where(col(SkillAlias.alias_key).in_(keys))).all()
    return set(names) | set(aliases)


def _insert_skill(session: Session, name: str, kind: str, aliases: tuple[str, ...]) -> Skill:
    skill = Skill(name=name, name_key=name_key(name), kind=kind)
    session.add(skill)
    session.flush()
    assert skill.id is not None
    alias_keys = {name_key(alias): alias for alias in aliases}
    alias_keys.pop(skill.name_key, None)
    free = set(alias_keys) - _taken_keys(session, set(alias_keys))
    for key in sorted(free):
        session.add(SkillAlias(skill_id=skill.id, alias=alias_keys[key], alias_key=key))
    session.flush()
    return skill


def add_skill(
    session: Session,
    typed: str,
    framework: Framework,
    *,
    kind: str | None = None,
    aliases: tuple[str, ...] = (),
) -> Skill:
    """Add a skill by name; a vocabulary name brings its canonical spelling, kind and aliases."""
    name = clean_name(typed, field="name")
    if kind is not None and kind not in SKILL_KINDS:
        raise RecordError(f"kind: {kind!r} is not accepted; use one of {', '.join(SKILL_KINDS)}")
    clean_aliases = tuple(clean_name(alias, field="alias") for alias in aliases)
    term = framework.term(name)
    canonical = term.name if term else name
    keys = {name_key(canonical), *(name_key(alias) for alias in clean_aliases)}
    if term is not None:
        keys |= {name_key(alias) for alias in term.aliases}
    clash = find_skill_by_keys(session, {name_key(name), name_key(canonical)})
    if clash is not None:
        raise RecordError(f'name: "{name}" is already a skill ({clash.name})')
    taken = _taken_keys(session, {name_key(alias) for alias in clean_aliases})
    if taken:
        raise RecordError(f"alias: {sorted(taken)[0]!r} already names another skill")
    return _insert_skill(
        session,
        canonical,
        kind or (term.kind if term else "other"),
        (*(term.aliases if term else ()), *clean_aliases),
    )


def rate_skill(session: Session, skill: Skill, *, level: int, rated_on: date, note: str = "") -> SkillRating:
    if not 0 <= level <= 5:
        raise RecordError("level: use a whole number from 0 (none) to 5 (recognised authority)")
    assert skill.id is not None
    rating = SkillRating(skill_id=skill.id, level=level, rated_on=rated_on, note=note)
    session.add(rating)
    session.flush()
    return rating


def rename_skill(session: Session, skill: Skill, new_name: str) -> Skill:
    name = clean_name(new_name, field="new name")
    key = name_key(name)
    owner = find_skill(session, name)
    if owner is not None and owner.id != skill.id:
        raise RecordError(f'new name: "{name}" is already used by {owner.name}')
    # The new name may have been one of this skill's aliases: it stops being one.
    session.exec(delete(SkillAlias).where(col(SkillAlias.alias_key) == key))
    skill.name, skill.name_key = name, key
    session.add(skill)
    session.flush()
    return skill


def set_skill_kind(session: Session, skill: Skill, kind: str) -> Skill:
    if kind not in SKILL_KINDS:
        raise RecordError(f"kind: {kind!r} is not accepted; use one of {', '.join(SKILL_KINDS)}")
    skill.kind = kind
    session.add(skill)
    return skill


@dataclass(frozen=True)
class SkillImpact:
    """What removing a skill takes with it, to ask the person first."""

    sessions: int
    minutes: int
    ratings: int
    projects: int

    def describe(self) -> str:
        return (
            f"{self.sessions} session{'s' if self.sessions != 1 else ''} "
            f"({self.minutes // 60} h {self.minutes % 60} m), {self.ratings} rating"
            f"{'s' if self.ratings != 1 else ''} and its place in {self.projects} project"
            f"{'s' if self.projects != 1 else ''}"
        )

    @property
    def empty(self) -> bool:
        return not (self.sessions or self.ratings or self.projects)


def skill_impact(session: Session, skill: Skill) -> SkillImpact:
    sessions, minutes = session.exec(
        select(func.count(), func.coalesce(func.sum(LearningSession.minutes), 0)).where(
            LearningSession.skill_id == skill.id
        )
    ).one()
    ratings = session.exec(select(func.count()).where(SkillRating.skill_id == skill.id)).one()
    projects = session.exec(select(func.count()).where(ProjectSkill.skill_id == skill.id)).one()
    return SkillImpact(int(sessions), int(minutes), int(ratings), int(projects))


def remove_skill(session: Session, skill: Skill) -> SkillImpact:
    """Delete a skill with its sessions, ratings and project links (the person has been asked)."""
    impact = skill_impact(session, skill)
    session.delete(skill)
    session.flush()
    return impact


def log_session(
    session: Session,
    skill: Skill,
    *,
    start: SessionStart,
    minutes: int,
    kind: str,
    note: str = "",
) -> LearningSession:
    if not 1 <= minutes <= MAX_SESSION_MINUTES:
        raise RecordError("duration: use between 1 minute and 24 hours")
    assert skill.id is not None
    learning = LearningSession(
        skill_id=skill.id,
        started_at_utc=start.started_at_utc,
        time_zone=start.time_zone,
        local_day=start.local_day,
        minutes=minutes,
        kind=kind,
        note=note,
    )
    session.add(learning)
    session.flush()
    return learning


def remove_session(session: Session, uuid_prefix: str) -> LearningSession:
    learning = _by_uuid_prefix(session, LearningSession, uuid_prefix, "session")
    session.delete(learning)
    return learning


def _by_uuid_prefix(session: Session, model: type[_Row], prefix: str, what: str) -> _Row:
    cleaned = ids.id_prefix(prefix)
    if cleaned is None:
        raise RecordError(f"id: {prefix!r} is not an id; give at least {ids.MIN_ID_PREFIX} characters of one")
    found = ids.rows_with_prefix(sqlite_connection(session), str(model.__tablename__), cleaned)
    if not found:
        raise RecordError(f"id: no {what} has an id starting with {prefix!r}")
    if len(found) > 1:
        raise RecordError(f"id: more than one {what} starts with {prefix!r}; give more characters")
    row = session.get(model, found[0])
    assert row is not None  # found in this transaction a moment ago
    return row


def start_timer(
    session: Session, skill: Skill, *, kind: str, now_utc: datetime, time_zone: str
) -> RunningTimer:
    running = session.get(RunningTimer, 1)
    if running is not None:
        current = session.get(Skill, running.skill_id)
        raise RecordError(
            f"timer: a timer for {current.name if current else 'a skill'} is already running; "
            "stop or cancel it first"
        )
    assert skill.id is not None
    timer = RunningTimer(skill_id=skill.id, kind=kind, started_at_utc=now_utc, time_zone=time_zone)
    session.add(timer)
    session.flush()
    return timer


def stop_timer(session: Session, *, now_utc: datetime, local_day: date, note: str = "") -> LearningSession:
    """Turn the running timer into a learning session (at least one minute) in one step."""
    timer = _running(session)
    seconds = (now_utc - timer.started_at_utc).total_seconds()
    minutes = max(1, round(seconds / 60))
    if minutes > MAX_SESSION_MINUTES:
        raise RecordError(
            "timer: it has run for more than 24 hours; cancel it and log the time with "
            "skilltrack log SKILL DURATION --date ... --at ..."
        )
    learning = LearningSession(
        skill_id=timer.skill_id,
        started_at_utc=timer.started_at_utc,
        time_zone=timer.time_zone,
        local_day=local_day,
        minutes=minutes,
        kind=timer.kind,
        note=note,
    )
    session.add(learning)
    session.delete(timer)
    session.flush()
    return learning


def cancel_timer(session: Session) -> RunningTimer:
    timer = _running(session)
    session.delete(timer)
    return timer


def _running(session: Session) -> RunningTimer:
    timer = session.get(RunningTimer, 1)
    if timer is None:
        raise RecordError("timer: no timer is running; start one with: skilltrack start SKILL")
    return timer


def find_project(session: Session, typed: str) -> Project:
    name = clean_name(typed, field="project")
    project = session.exec(select(Project).where(Project.name_key == name_key(name))).first()
    if project is None:
        raise RecordError(f'project: no project is called "{name}"; see: skilltrack project list')
    return project


def add_project(
    session: Session,
    *,
    name: str,
    role: str,
    started_on: date,
    ended_on: date | None,
    in_production: bool,
    skills: list[Skill],
    impact: str = "",
    links: tuple[str, ...] = (),
) -> Project:
    clean = clean_name(name, field="name")
    role = role.strip()
    if not role:
        raise RecordError("role: is empty; say what you did, like tech lead or backend engineer")
    if ended_on is not None and ended_on < started_on:
        raise RecordError(f"to: {ended_on} is before the start ({started_on}); use a later date")
    taken = session.exec(select(Project).where(Project.name_key == name_key(clean))).first()
    if taken is not None:
        raise RecordError(f'name: a project is already called "{taken.name}"')
    project = Project(
        name=clean,
        name_key=name_key(clean),
        role=role,
        started_on=started_on,
        ended_on=ended_on,
        in_production=in_production,
        impact=impact.strip(),
        links=list(links),
    )
    session.add(project)
    session.flush()
    assert project.id is not None
    for skill_id in sorted({skill.id for skill in skills if skill.id is not None}):
        session.add(ProjectSkill(project_id=project.id, skill_id=skill_id))
    session.flush()
    return project


def remove_project(session: Session, project: Project) -> int:
    """Delete a project; evidence tied to it stays, untied. Returns how much evidence that was."""
    tied = session.exec(select(func.count()).where(Evidence.project_id == project.id)).one()
    session.delete(project)
    session.flush()
    return int(tied)


def add_evidence(
    session: Session,
    framework: Framework,
    *,
    kind: str,
    title: str,
    occurred_on: date,
    expectation_id: str | None = None,
    project: Project | None = None,
    link: str = "",
    note: str = "",
) -> Evidence:
    if framework.evidence_kind(kind) is None:
        accepted = ", ".join(k.id for k in framework.evidence_kinds)
        raise RecordError(f"kind: {kind!r} is not an evidence kind; use one of {accepted}")
    if expectation_id is not None and expectation_id not in framework.expectation_ids:
        raise RecordError(f"expectation: {expectation_id!r} is not in the ladder; see: skilltrack guide")
    clean_title = title.strip()
    if not clean_title:
        raise RecordError("title: is empty; say what you did, like 'Led the outbox design doc'")
    evidence = Evidence(
        kind=kind,
        title=clean_title,
        occurred_on=occurred_on,
        expectation_id=expectation_id,
        project_id=project.id if project else None,
        link=link.strip(),
        note=note.strip(),
    )
    session.add(evidence)
    session.flush()
    return evidence


def remove_evidence(session: Session, uuid_prefix: str) -> Evidence:
    evidence = _by_uuid_prefix(session, Evidence, uuid_prefix, "evidence entry")
    session.delete(evidence)
    return evidence


PROFILE_FIELDS = frozenset({"name", "title", "career_started_on", "target_level", "target_date", "time_zone"})


def update_profile(session: Session, **changes: object) -> Profile:
    """Set profile fields (already validated); creates the profile row on first use."""
    unknown = set(changes) - PROFILE_FIELDS
    if unknown:
        raise ValueError(f"not profile fields: {', '.join(sorted(unknown))}")
    profile = session.get(Profile, 1) or Profile()
    for field, value in changes.items():
        setattr(profile, field, value)
    profile.updated_at_utc = utc_now()
    session.add(profile)
    session.flush()
    return profile
