"""Mock interviews in the record: per-round status and the list (plain SQL), and adding one (one write).

The reads take a plain ``sqlite3.Connection`` and do not import the ORM; the write imports it only
when called. A mock interview is a learning session of kind ``mock-interview`` plus its
``interview_practice`` row (round, score, rubric), written together in one transaction.
"""

import json
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING
from uuid import UUID
from zoneinfo import ZoneInfo

from skilltrack.domain.interviews import (
    ROUNDS,
    TREND_WINDOW,
    InterviewRound,
    InterviewStatus,
    PracticeBar,
    RoundFacts,
    interview_status,
    practice_bars,
)

if TYPE_CHECKING:
    from skilltrack.db.engine import Database
    from skilltrack.domain.framework import Framework

MOCK_INTERVIEW = "mock-interview"


def load_interview_status(
    connection: sqlite3.Connection, today: date, *, framework: "Framework | None" = None
) -> InterviewStatus:
    """Every round's sessions, average, trend, last practice and readiness, as of ``today``.

    The practice bars are the built-in ladder's unless ``framework`` is given (then that ladder's).
    Three aggregate queries over the interview rows; no session is loaded one by one.
    """
    bars = practice_bars(framework)
    return interview_status(load_round_facts(connection, today, bars), today, bars)


def load_round_facts(
    connection: sqlite3.Connection, today: date, bars: dict[str, PracticeBar]
) -> list[RoundFacts]:
    windows = [(r.id, (today - timedelta(days=bars[r.id].within_days - 1)).isoformat()) for r in ROUNDS]
    values = ", ".join("(?, ?)" for _ in windows)
    parameters = [value for pair in windows for value in pair]
    totals = connection.execute(
        f"""
        WITH windows(round, since) AS (VALUES {values})
        SELECT practice.round,
               count(*),
               avg(practice.score),
               max(learning.local_day),
               sum(learning.local_day >= windows.since AND learning.local_day <= ?),
               avg(CASE WHEN learning.local_day >= windows.since AND learning.local_day <= ?
                        THEN practice.score END),
               sum(learning.minutes)
        FROM interview_practice AS practice
        JOIN learning_session AS learning ON learning.id = practice.session_id
        JOIN windows ON windows.round = practice.round
        GROUP BY practice.round
        """,
        [*parameters, today.isoformat(), today.isoformat()],
    ).fetchall()
    latest: dict[str, list[int]] = {}
    for round_id, score in connection.execute(
        """
        SELECT round, score FROM (
            SELECT practice.round AS round, practice.score AS score,
                   row_number() OVER (
                       PARTITION BY practice.round
                       ORDER BY learning.local_day DESC, learning.started_at_utc DESC, practice.id DESC
                   ) AS position
            FROM interview_practice AS practice
            JOIN learning_session AS learning ON learning.id = practice.session_id
        )
        WHERE position <= ?
        ORDER BY round, position
        """,
        (TREND_WINDOW,),
    ):
        latest.setdefault(str(round_id), []).append(int(score))
    return [
        RoundFacts(
            round_id=str(round_id),
            sessions=int(sessions),
            average_score=float(average) if average is not None else None,
            last_practised=date.fromisoformat(last_day) if last_day else None,
            recent_sessions=int(recent or 0),
            recent_average=float(recent_average) if recent_average is not None else None,
            latest_scores=tuple(latest.get(str(round_id), ())),
            minutes=int(minutes or 0),
        )
        for round_id, sessions, average, last_day, recent, recent_average, minutes in totals
    ]


@dataclass(frozen=True)
class InterviewRow:
    uuid: UUID
    round_id: str
    local_day: date
    started_at_utc: datetime
    minutes: int
    score: int
    rubric: dict[str, int]
    skill: str
    note: str


def load_interviews(
    connection: sqlite3.Connection, *, round_id: str | None = None, limit: int | None = None
) -> list[InterviewRow]:
    """Mock interviews, newest first (optionally one round's, optionally the latest ``limit``)."""
    rows = connection.execute(
        """
        SELECT practice.uuid, practice.round, learning.local_day, learning.started_at_utc,
               learning.minutes, practice.score, practice.rubric, skill.name, learning.note
        FROM interview_practice AS practice
        JOIN learning_session AS learning ON learning.id = practice.session_id
        JOIN skill ON skill.id = learning.skill_id
        WHERE ? IS NULL OR practice.round = ?
        ORDER BY learning.local_day DESC, learning.started_at_utc DESC, practice.id DESC
        LIMIT ?
        """,
        (round_id, round_id, -1 if limit is None else limit),
    ).fetchall()
    return [
        InterviewRow(
            uuid=UUID(hex=str(uuid)),
            round_id=str(round),
            local_day=date.fromisoformat(local_day),
            started_at_utc=_instant(started),
            minutes=int(minutes),
            score=int(score),
            rubric=_rubric(rubric),
            skill=str(skill),
            note=str(note or ""),
        )
        for uuid, round, local_day, started, minutes, score, rubric, skill, note in rows
    ]


def _instant(text: str) -> datetime:
    from datetime import UTC

    return datetime.fromisoformat(str(text)).replace(tzinfo=UTC)


def _rubric(text: str | None) -> dict[str, int]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    if not isinstance(value, dict):
        return {}
    return {str(key): int(score) for key, score in value.items() if isinstance(score, int)}


@dataclass(frozen=True)
class InterviewDraft:
    """A mock interview as typed, parsed: the skill is resolved by the record when written."""

    interview_round: InterviewRound
    minutes: int
    score: int
    rubric: dict[str, int]
    skill: str | None = None
    """The skill to log the time on; the round's own skill when not given."""
    day: date | None = None
    note: str = ""
    allow_new: bool = False
    """Add ``skill`` as new even if it is close to a known name (as ``log --new``)."""


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
    database: "Database",
    framework: "Framework",
    draft: InterviewDraft,
    *,
    now_utc: datetime,
    fallback_zone: ZoneInfo,
) -> AddedInterview:
    """Write the learning session and its interview row in one transaction, placed as ``log`` places.

    The skill goes through the same resolution as ``skilltrack log`` (a ladder name joins the record
    on first use; a near miss is refused with a suggestion), and the start through the same placement.
    """
    from skilltrack.actions import home_zone
    from skilltrack.db import writes
    from skilltrack.db.models import InterviewPractice
    from skilltrack.domain.dates import resolve_session_start

    with database.writing() as session:
        zone = home_zone(session, fallback_zone)
        start = resolve_session_start(minutes=draft.minutes, now_utc=now_utc, zone=zone, day=draft.day)
        resolved = writes.resolve_skill(
            session, draft.skill or draft.interview_round.skill, framework, allow_new=draft.allow_new
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
