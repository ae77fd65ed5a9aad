"""Saved job postings in the record: reads in plain SQL over a ``sqlite3`` connection, and the writes.

The reads, and the record a posting is held against (the one ``report`` assesses, from
:mod:`skilltrack.db.reads`), do not import the ORM; the writes import it only when called. A posting
keeps its text, so its match can be worked out again against the record as it is today, beside the
match on the day it was saved.
"""

import sqlite3
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID

from skilltrack.db import ids, reads
from skilltrack.domain.framework import Framework
from skilltrack.domain.postings import PostingMatch, assess_posting
from skilltrack.domain.record import Record

if TYPE_CHECKING:
    from sqlmodel import Session

    from skilltrack.db.models import Posting

_COLUMNS = "uuid, company, title, link, posted_on, status, status_changed_on, match_at_save, text"


@dataclass(frozen=True)
class PostingRow:
    uuid: UUID
    company: str
    title: str
    link: str
    posted_on: date
    status: str
    status_changed_on: date
    match_at_save: int
    text: str

    @property
    def short_id(self) -> str:
        return self.uuid.hex[:8]


@dataclass(frozen=True)
class SavedPosting:
    row: PostingRow
    now: PostingMatch
    """The posting held against the record as it is today."""


def _row(values: tuple[object, ...]) -> PostingRow:
    uuid, company, title, link, posted_on, status, changed_on, match_at_save, text = values
    return PostingRow(
        uuid=UUID(hex=str(uuid)),
        company=str(company),
        title=str(title),
        link=str(link or ""),
        posted_on=date.fromisoformat(str(posted_on)),
        status=str(status),
        status_changed_on=date.fromisoformat(str(changed_on)),
        match_at_save=int(str(match_at_save)),
        text=str(text),
    )


def load_postings(connection: sqlite3.Connection, *, status: str | None = None) -> list[PostingRow]:
    """Saved postings, newest first (optionally of one status)."""
    rows = connection.execute(
        f"""
        SELECT {_COLUMNS} FROM posting
        WHERE ? IS NULL OR status = ?
        ORDER BY posted_on DESC, id DESC
        """,
        (status, status),
    ).fetchall()
    return [_row(tuple(values)) for values in rows]


def _find_id(connection: sqlite3.Connection, text: str) -> int:
    return ids.find_id(connection, "posting", text, what="posting", listed_by="posting list")


def find_posting(connection: sqlite3.Connection, text: str) -> PostingRow:
    """The posting whose id starts with ``text`` (at least 4 hex digits, as ``posting list`` shows)."""
    posting_id = _find_id(connection, text)
    values = connection.execute(f"SELECT {_COLUMNS} FROM posting WHERE id = ?", (posting_id,)).fetchone()
    return _row(tuple(values))


def load_saved_postings(
    connection: sqlite3.Connection, framework: Framework, today: date, *, status: str | None = None
) -> list[SavedPosting]:
    """Every saved posting with its match against the record today (call it in one read transaction)."""
    record = load_match_record(connection, framework, today)
    return [
        SavedPosting(row, assess_posting(row.text, framework, record, today))
        for row in load_postings(connection, status=status)
    ]


def load_match_record(connection: sqlite3.Connection, framework: Framework, today: date) -> Record:
    """The record a posting is held against: the one ``report`` assesses, with the day each skill was
    first in use (a years ask about a named skill is held against it)."""
    record = reads.load_record(connection, framework, today)
    first_used = first_used_by_skill(connection)
    skills = tuple(
        replace(skill, first_used_on=first_used[skill.name]) if skill.name in first_used else skill
        for skill in record.skills
    )
    return replace(record, skills=skills)


def first_used_by_skill(connection: sqlite3.Connection) -> dict[str, date]:
    """Each skill's first day in use: its first logged session or the start of a project that used it."""
    # One index seek per skill (ix_learning_session_skill_day) and per project link; no session is loaded.
    rows = connection.execute(
        """
        SELECT skill.name,
               (SELECT MIN(local_day) FROM learning_session WHERE skill_id = skill.id),
               (SELECT MIN(project.started_on) FROM project_skill
                  JOIN project ON project.id = project_skill.project_id
                 WHERE project_skill.skill_id = skill.id)
        FROM skill
        """
    ).fetchall()
    first: dict[str, date] = {}
    for name, session_day, project_day in rows:
        days = [date.fromisoformat(str(day)[:10]) for day in (session_day, project_day) if day is not None]
        if days:
            first[str(name)] = min(days)
    return first


def connection_of(session: "Session") -> sqlite3.Connection:
    from skilltrack.db.engine import sqlite_connection

    return sqlite_connection(session)


# ---------------------------------------------------------------- writes (the caller holds the transaction)


def add_posting(
    session: "Session",
    *,
    company: str,
    title: str,
    link: str,
    posted_on: date,
    status: str,
    text: str,
    match_at_save: int,
    today: date,
) -> "Posting":
    """Save a posting (every value already checked) with the match it has today."""
    from skilltrack.db.models import Posting

    posting = Posting(
        company=company,
        title=title,
        link=link,
        posted_on=posted_on,
        status=status,
        status_changed_on=today,
        text=text,
        match_at_save=max(0, min(100, match_at_save)),
    )
    session.add(posting)
    session.flush()
    return posting


def _posting(session: "Session", text: str) -> "Posting":
    from skilltrack.db.models import Posting

    posting = session.get(Posting, _find_id(connection_of(session), text))
    assert posting is not None
    return posting


def set_posting_status(
    session: "Session", id_text: str, status: str, *, today: date
) -> tuple["Posting", str]:
    """Move a posting to ``status`` (already checked); returns it with the status it had."""
    posting = _posting(session, id_text)
    before = posting.status
    if status != before:
        posting.status = status
        posting.status_changed_on = today
        session.add(posting)
        session.flush()
    return posting, before


def remove_posting(session: "Session", id_text: str) -> "Posting":
    posting = _posting(session, id_text)
    session.delete(posting)
    session.flush()
    return posting
