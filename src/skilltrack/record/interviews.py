"""Mock interviews: every read and write of ``interview_practice``, and each round's status.

A mock interview is a learning session of kind ``mock-interview`` plus its ``interview_practice`` row
(round, score, rubric), written together in one transaction. A round counts exactly the sessions its
ladder expectation's practice rule counts (:func:`skilltrack.record.sessions.counted_sessions`), so the
interview loop and the readiness report never disagree.
"""

import json
import sqlite3
from collections.abc import Mapping
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
    uncounted_skill,
)
from skilltrack.domain.kinds import MOCK_INTERVIEW
from skilltrack.domain.readiness import practice_query
from skilltrack.record import ids
from skilltrack.record.sessions import counted_sessions, insert_session, place_session
from skilltrack.record.skills import resolve_skill
from skilltrack.record.values import new_id, now_stored, read_instant

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from skilltrack.domain.drafts import InterviewDraft
    from skilltrack.domain.framework import Framework


def load_interview_status(db: sqlite3.Connection, *, framework: "Framework", today: date) -> InterviewStatus:
    """Every round's sessions, averages, trend, last practice and readiness, as of ``today``.

    A round's sessions are the ones ``framework``'s practice rule for it counts (the readiness
    report's count), scored by ``interview add`` or not. Two aggregate queries per round; no session
    is loaded one by one.
    """
    bars = practice_bars(framework)
    return interview_status(load_round_facts(db, today, bars, framework), today, bars)


def load_round_facts(
    db: sqlite3.Connection, today: date, bars: dict[str, PracticeBar], framework: "Framework"
) -> list[RoundFacts]:
    facts = []
    for interview_round in ROUNDS:
        query = practice_query(bars[interview_round.id].rule, framework, today)
        counted, values = counted_sessions(query, "learning")
        since = query.since.isoformat()
        # The window has no upper end, as the ladder's tally has none.
        sessions, last_day, minutes, recent, scored, average, recent_scored, recent_average = db.execute(
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
        latest = db.execute(
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
    db: sqlite3.Connection,
    *,
    skill_id: int,
    interview_round: InterviewRound,
    framework: "Framework",
    today: date,
) -> bool:
    """Whether a mock interview on the skill ``skill_id`` counts toward the round's ladder rule."""
    query = practice_query(practice_bars(framework)[interview_round.id].rule, framework, today)
    counted, values = counted_sessions(query, "learning")
    # The same condition the status counts by, held against the one session about to be written.
    found = db.execute(
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
    db: sqlite3.Connection, *, round_id: str | None = None, limit: int | None = None, key: int | None = None
) -> list[InterviewRow]:
    """Mock interviews, newest first (optionally one round's, optionally the latest ``limit``, or the one
    whose integer key is ``key``)."""
    rows = db.execute(
        """
        SELECT practice.uuid, practice.round, learning.local_day, learning.started_at_utc,
               learning.minutes, practice.score, practice.rubric, skill.name, learning.note
        FROM interview_practice AS practice
        JOIN learning_session AS learning ON learning.id = practice.session_id
        JOIN skill ON skill.id = learning.skill_id
        WHERE (? IS NULL OR practice.round = ?) AND (? IS NULL OR practice.id = ?)
        ORDER BY learning.local_day DESC, learning.started_at_utc DESC, practice.id DESC
        LIMIT ?
        """,
        (round_id, round_id, key, key, -1 if limit is None else limit),
    ).fetchall()
    return [
        InterviewRow(
            uuid=UUID(hex=str(uuid)),
            round_id=str(round),
            local_day=date.fromisoformat(local_day),
            started_at_utc=read_instant(str(started)),
            minutes=int(minutes),
            score=int(score),
            rubric=_rubric(rubric),
            skill=str(skill),
            note=str(note or ""),
        )
        for uuid, round, local_day, started, minutes, score, rubric, skill, note in rows
    ]


def _rubric(text: str | None) -> dict[str, int]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    if not isinstance(value, dict):
        return {}
    return {str(key): int(score) for key, score in value.items() if isinstance(score, int)}


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
    db: sqlite3.Connection,
    *,
    draft: "InterviewDraft",
    framework: "Framework",
    now_utc: datetime,
    fallback_zone: "ZoneInfo",
    allow_overlap: bool = False,
) -> AddedInterview:
    """Write the learning session and its interview row in one transaction, placed as ``log`` places.

    The skill goes through the same resolution as ``skilltrack log`` (a ladder name joins the record
    on first use; a near miss is refused with a suggestion), and the start through the same placement.
    A skill the round's ladder rule does not count is refused (nothing is written).
    """
    from skilltrack.domain.drafts import SessionDraft

    interview_round = draft.interview_round
    typed = draft.skill or interview_round.skill
    session = SessionDraft(skill=typed, minutes=draft.minutes, kind=MOCK_INTERVIEW, day=draft.day)
    start = place_session(
        db, draft=session, now_utc=now_utc, fallback_zone=fallback_zone, allow_overlap=allow_overlap
    ).start
    resolved = resolve_skill(db, typed=typed, ladder=lambda: framework, allow_new=draft.allow_new)
    if not counts_toward_round(
        db,
        skill_id=resolved.skill.id,
        interview_round=interview_round,
        framework=framework,
        today=start.local_day,
    ):
        raise uncounted_skill(
            interview_round, practice_bars(framework)[interview_round.id], resolved.skill.name
        )
    session_key, _ = insert_session(
        db,
        skill_id=resolved.skill.id,
        start=start,
        minutes=draft.minutes,
        kind=MOCK_INTERVIEW,
        note=draft.note.strip(),
    )
    practice_id = insert_practice(
        db, session_key=session_key, round_id=interview_round.id, score=draft.score, rubric=draft.rubric
    )
    return AddedInterview(
        UUID(hex=practice_id),
        interview_round.title,
        resolved.skill.name,
        draft.minutes,
        draft.score,
        start.local_day,
        resolved.notice,
    )


def insert_practice(
    db: sqlite3.Connection, *, session_key: int, round_id: str, score: int, rubric: Mapping[str, int]
) -> str:
    """The round, score and rubric of a mock interview, tied to its learning session; its id."""
    practice_id = new_id()
    db.execute(
        "INSERT INTO interview_practice (uuid, session_id, round, score, rubric, created_at_utc) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (practice_id, session_key, round_id, score, json.dumps(dict(rubric)), now_stored()),
    )
    return practice_id


def remove_interview(db: sqlite3.Connection, *, typed_id: str) -> InterviewRow:
    """Delete a mock interview and the learning session it is (its scores go with it); what it was."""
    key = ids.find_id(db, "interview_practice", typed_id, what="mock interview", listed_by="interview list")
    [removed] = load_interviews(db, key=key)
    (session_id,) = db.execute("SELECT session_id FROM interview_practice WHERE id = ?", (key,)).fetchone()
    db.execute("DELETE FROM learning_session WHERE id = ?", (session_id,))
    return removed
