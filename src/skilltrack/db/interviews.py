"""Mock interviews in the record: per-round status and the list (plain SQL), and adding one (one write).

The reads take a plain ``sqlite3.Connection`` and do not import the ORM; the write imports it only
when called. A mock interview is a learning session of kind ``mock-interview`` plus its
``interview_practice`` row (round, score, rubric), written together in one transaction.
"""

import json
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING
from uuid import UUID

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
from skilltrack.domain.readiness import practice_query

if TYPE_CHECKING:
    from skilltrack.domain.framework import Framework
    from skilltrack.domain.record import PracticeQuery

MOCK_INTERVIEW = "mock-interview"


def load_interview_status(
    connection: sqlite3.Connection, today: date, *, framework: "Framework"
) -> InterviewStatus:
    """Every round's sessions, averages, trend, last practice and readiness, as of ``today``.

    A round's sessions are the ones ``framework``'s practice rule for it counts (the readiness
    report's count), scored by ``interview add`` or not. Two aggregate queries per round; no session
    is loaded one by one.
    """
    bars = practice_bars(framework)
    return interview_status(load_round_facts(connection, today, bars, framework), today, bars)


def _counted(query: "PracticeQuery") -> tuple[str, list[object]]:
    """The sessions a practice rule counts, as the readiness report's tally selects them
    (:func:`skilltrack.db.reads.practice_tally`), without its window: a condition on ``learning``."""
    kinds = sorted(query.session_kinds)
    condition = f"learning.kind IN ({', '.join('?' for _ in kinds)})"
    values: list[object] = [*kinds]
    if query.skills:
        keys = sorted(query.skills)
        marks = ", ".join("?" for _ in keys)
        condition += (
            f" AND learning.skill_id IN (SELECT id FROM skill WHERE name_key IN ({marks}) "
            f"OR id IN (SELECT skill_id FROM skill_alias WHERE alias_key IN ({marks})))"
        )
        values += [*keys, *keys]
    return condition, values


def load_round_facts(
    connection: sqlite3.Connection, today: date, bars: dict[str, PracticeBar], framework: "Framework"
) -> list[RoundFacts]:
    facts = []
    for interview_round in ROUNDS:
        query = practice_query(bars[interview_round.id].rule, framework, today)
        counted, values = _counted(query)
        since = query.since.isoformat()
        # The window has no upper end, as the ladder's tally has none.
        sessions, last_day, minutes, recent, scored, average, recent_scored, recent_average = (
            connection.execute(
                f"""
                SELECT count(*), max(learning.local_day), coalesce(sum(learning.minutes), 0),
                       coalesce(sum(learning.local_day >= ?), 0),
                       count(practice.score), avg(practice.score),
                       count(CASE WHEN learning.local_day >= ? THEN practice.score END),
                       avg(CASE WHEN learning.local_day >= ? THEN practice.score END)
                FROM learning_session AS learning
                LEFT JOIN interview_practice AS practice
                       ON practice.session_id = learning.id AND practice.round = ?
                WHERE {counted}
                """,
                [since, since, since, interview_round.id, *values],
            ).fetchone()
        )
        latest = connection.execute(
            f"""
            SELECT practice.score
            FROM learning_session AS learning
            JOIN interview_practice AS practice ON practice.session_id = learning.id AND practice.round = ?
            WHERE {counted}
            ORDER BY learning.local_day DESC, learning.started_at_utc DESC, practice.id DESC
            LIMIT ?
            """,
            [interview_round.id, *values, TREND_WINDOW],
        ).fetchall()
        facts.append(
            RoundFacts(
                round_id=interview_round.id,
                sessions=int(sessions),
                average_score=float(average) if average is not None else None,
                last_practised=date.fromisoformat(last_day) if last_day else None,
                recent_sessions=int(recent),
                recent_average=float(recent_average) if recent_average is not None else None,
                latest_scores=tuple(int(score) for (score,) in latest),
                minutes=int(minutes),
                scored_sessions=int(scored),
                recent_scored=int(recent_scored),
            )
        )
    return facts


def counts_toward_round(
    connection: sqlite3.Connection,
    skill_id: int,
    interview_round: InterviewRound,
    framework: "Framework",
    today: date,
) -> bool:
    """Whether a mock interview on the skill ``skill_id`` counts toward the round's ladder rule."""
    query = practice_query(practice_bars(framework)[interview_round.id].rule, framework, today)
    counted, values = _counted(query)
    # The same condition the status counts by, held against the one session about to be written.
    found = connection.execute(
        f"SELECT 1 FROM (SELECT ? AS kind, ? AS skill_id) AS learning WHERE {counted}",
        [MOCK_INTERVIEW, skill_id, *values],
    ).fetchone()
    return found is not None


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
