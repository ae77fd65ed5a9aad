"""User actions on the record, shared by the command line and the app: each is one short transaction.

Input arrives parsed (durations, dates, levels) by :mod:`skilltrack.domain`; these functions add what
needs the record — the skill a name stands for, the home time zone, the timer — and write.
"""

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID
from zoneinfo import ZoneInfo

from sqlmodel import Session

from skilltrack.db import queries, reads, writes
from skilltrack.db.direct import LoggedSession as LoggedSession
from skilltrack.db.engine import Database, sqlite_connection
from skilltrack.db.errors import RecordError
from skilltrack.db.interviews import MOCK_INTERVIEW, counts_toward_round
from skilltrack.db.models import InterviewPractice
from skilltrack.domain.dates import parse_time_zone, resolve_session_start, week_start
from skilltrack.domain.drafts import EvidenceDraft, InterviewDraft, ProjectDraft, SessionDraft
from skilltrack.domain.errors import InputError
from skilltrack.domain.framework import Framework
from skilltrack.domain.interviews import practice_bars, uncounted_skill
from skilltrack.domain.profile import parse_profile_values


def home_zone(session: Session, fallback: ZoneInfo) -> ZoneInfo:
    """The zone sessions are placed in: the profile's home zone, else the machine's."""
    session.flush()
    return reads.home_zone(sqlite_connection(session), fallback)


def log_session(
    database: Database,
    framework: Framework,
    draft: SessionDraft,
    *,
    now_utc: datetime,
    fallback_zone: ZoneInfo,
) -> LoggedSession:
    with database.writing() as session:
        zone = home_zone(session, fallback_zone)
        today = now_utc.astimezone(zone).date()
        if draft.day is not None and draft.day > today:
            raise InputError("date", f"{draft.day.isoformat()} is in the future; use today or earlier")
        start = resolve_session_start(
            minutes=draft.minutes, now_utc=now_utc, zone=zone, day=draft.day, at=draft.at
        )
        resolved = writes.resolve_skill(session, draft.skill, framework, allow_new=draft.allow_new)
        writes.log_session(
            session, resolved.skill, start=start, minutes=draft.minutes, kind=draft.kind, note=draft.note
        )
        week = queries.minutes_between(session, week_start(today), today)
        return LoggedSession(
            resolved.skill.name, draft.minutes, draft.kind, start.local_day, week, resolved.notice
        )


@dataclass(frozen=True)
class TimerStarted:
    skill: str
    kind: str
    started_local: datetime
    notice: str


def start_timer(
    database: Database,
    framework: Framework,
    skill: str,
    *,
    kind: str,
    now_utc: datetime,
    fallback_zone: ZoneInfo,
    allow_new: bool = False,
) -> TimerStarted:
    with database.writing() as session:
        zone = home_zone(session, fallback_zone)
        resolved = writes.resolve_skill(session, skill, framework, allow_new=allow_new)
        writes.start_timer(session, resolved.skill, kind=kind, now_utc=now_utc, time_zone=zone.key)
        return TimerStarted(resolved.skill.name, kind, now_utc.astimezone(zone), resolved.notice)


@dataclass(frozen=True)
class TimerStopped:
    skill: str
    kind: str
    minutes: int
    local_day: date


def stop_timer(database: Database, *, now_utc: datetime, note: str = "") -> TimerStopped:
    with database.writing() as session:
        timer = running_timer(session)
        local_day = timer.started_at_utc.astimezone(parse_time_zone(timer.time_zone)).date()
        learning = writes.stop_timer(session, now_utc=now_utc, local_day=local_day, note=note)
        return TimerStopped(timer.skill, timer.kind, learning.minutes, local_day)


def cancel_timer(database: Database) -> queries.TimerRow:
    with database.writing() as session:
        timer = running_timer(session)
        writes.cancel_timer(session)
        return timer


def running_timer(session: Session) -> queries.TimerRow:
    timer = queries.running_timer(session)
    if timer is None:
        raise RecordError("timer: no timer is running; start one with: skilltrack start SKILL")
    return timer


@dataclass(frozen=True)
class Rated:
    skill: str
    level: int
    rated_on: date
    notice: str


def rate_skill(
    database: Database, framework: Framework, skill: str, *, level: int, rated_on: date, note: str = ""
) -> Rated:
    """Record a dated self-rating; a skill of the ladder's vocabulary joins the record on first rating."""
    with database.writing() as session:
        resolved = writes.resolve_skill(session, skill, framework, create_unknown=False)
        writes.rate_skill(session, resolved.skill, level=level, rated_on=rated_on, note=note)
        return Rated(resolved.skill.name, level, rated_on, resolved.notice)


def save_profile(database: Database, framework: Framework, values: dict[str, str], *, today: date) -> None:
    changes = parse_profile_values(values, [level.id for level in framework.levels], today=today)
    with database.writing() as session:
        writes.update_profile(session, **changes)


@dataclass(frozen=True)
class ProjectAdded:
    name: str
    skills: int
    notices: tuple[str, ...]
    """What was assumed about the skill names (e.g. a new skill added), one line each."""


def add_project(
    database: Database, framework: Framework, draft: ProjectDraft, *, allow_new: bool
) -> ProjectAdded:
    """Add the project with its skills, each name resolved through names and aliases like ``log`` does."""
    with database.writing() as session:
        resolved = [
            writes.resolve_skill(session, name, framework, allow_new=allow_new) for name in draft.skills
        ]
        project = writes.add_project(
            session,
            name=draft.name,
            role=draft.role,
            started_on=draft.started_on,
            ended_on=draft.ended_on,
            in_production=draft.in_production,
            skills=[skill.skill for skill in resolved],
            impact=draft.impact,
            links=draft.links,
        )
        notices = tuple(skill.notice for skill in resolved if skill.notice)
        return ProjectAdded(project.name, len(resolved), notices)


@dataclass(frozen=True)
class EvidenceAdded:
    short_id: str
    title: str


def add_evidence(database: Database, framework: Framework, draft: EvidenceDraft) -> EvidenceAdded:
    with database.writing() as session:
        project = writes.find_project(session, draft.project) if draft.project else None
        evidence = writes.add_evidence(
            session,
            framework,
            kind=draft.kind,
            title=draft.title,
            occurred_on=draft.occurred_on,
            expectation_id=draft.expectation_id,
            project=project,
            link=draft.link,
            note=draft.note,
        )
        return EvidenceAdded(evidence.uuid.hex[:8], evidence.title)


@dataclass(frozen=True)
class AddedInterview:
    uuid: UUID
    round_title: str
    skill: str
    minutes: int
    score: int
    local_day: date
    notice: str


def add_interview(
    database: Database,
    framework: Framework,
    draft: InterviewDraft,
    *,
    now_utc: datetime,
    fallback_zone: ZoneInfo,
) -> AddedInterview:
    """Write the learning session and its interview row in one transaction, placed as ``log`` places.

    The skill goes through the same resolution as ``skilltrack log`` (a ladder name joins the record
    on first use; a near miss is refused with a suggestion), and the start through the same placement.
    A skill the round's ladder rule does not count is refused (nothing is written).
    """
    with database.writing() as session:
        zone = home_zone(session, fallback_zone)
        start = resolve_session_start(minutes=draft.minutes, now_utc=now_utc, zone=zone, day=draft.day)
        resolved = writes.resolve_skill(
            session, draft.skill or draft.interview_round.skill, framework, allow_new=draft.allow_new
        )
        assert resolved.skill.id is not None
        if not counts_toward_round(
            sqlite_connection(session), resolved.skill.id, draft.interview_round, framework, start.local_day
        ):
            raise uncounted_skill(
                draft.interview_round, practice_bars(framework)[draft.interview_round.id], resolved.skill.name
            )
        learning = writes.log_session(
            session,
            resolved.skill,
            start=start,
            minutes=draft.minutes,
            kind=MOCK_INTERVIEW,
            note=draft.note.strip(),
        )
        assert learning.id is not None
        practice = InterviewPractice(
            session_id=learning.id,
            round=draft.interview_round.id,
            score=draft.score,
            rubric=dict(draft.rubric),
        )
        session.add(practice)
        session.flush()
        return AddedInterview(
            practice.uuid,
            draft.interview_round.title,
            resolved.skill.name,
            draft.minutes,
            draft.score,
            start.local_day,
            resolved.notice,
        )
