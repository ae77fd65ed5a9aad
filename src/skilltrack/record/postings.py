"""Saved job postings: every read and write of the ``posting`` table, and the one :func:`add_posting`.

A posting keeps its text, so its match can be worked out again against the record as it is today,
beside the match on the day it was saved.
"""

import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple
from uuid import UUID

from skilltrack.domain.drafts import PostingDraft
from skilltrack.domain.framework import Framework
from skilltrack.domain.postings.matching import PostingMatch, assess_posting
from skilltrack.domain.postings.text import clean_line, clean_link
from skilltrack.record import ids
from skilltrack.record.changes import Edited
from skilltrack.record.facts import load_match_facts
from skilltrack.record.values import new_id, now_stored

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

    @property
    def label(self) -> str:
        return f"{self.title} at {self.company}"


@dataclass(frozen=True)
class SavedPosting:
    row: PostingRow
    now: PostingMatch
    """The posting held against the record as it is today."""


@dataclass(frozen=True)
class StatusChange:
    row: PostingRow
    before: str
    """The status it had."""


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


def _key(db: sqlite3.Connection, typed_id: str) -> int:
    return ids.find_id(db, "posting", typed_id, what="posting", listed_by="posting list")


def _by_key(db: sqlite3.Connection, key: int) -> PostingRow:
    return _row(tuple(db.execute(f"SELECT {_COLUMNS} FROM posting WHERE id = ?", (key,)).fetchone()))


def load_postings(db: sqlite3.Connection, *, status: str | None = None) -> list[PostingRow]:
    """Saved postings, newest first (optionally of one status)."""
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM posting WHERE ? IS NULL OR status = ? ORDER BY posted_on DESC, id DESC",
        (status, status),
    ).fetchall()
    return [_row(tuple(values)) for values in rows]


def find_posting(db: sqlite3.Connection, *, typed_id: str) -> PostingRow:
    """The posting whose id starts with ``typed_id`` (at least 4 hex digits, as ``posting list`` shows)."""
    return _by_key(db, _key(db, typed_id))


def load_saved_postings(
    db: sqlite3.Connection, *, framework: Framework, today: date, status: str | None = None
) -> list[SavedPosting]:
    """Every saved posting with its match against the record today."""
    facts = load_match_facts(db, framework=framework, today=today)
    return [
        SavedPosting(row, assess_posting(row.text, framework, facts, today, title=row.title))
        for row in load_postings(db, status=status)
    ]


def match_posting(
    db: sqlite3.Connection, *, text: str, framework: Framework, today: date, title: str = ""
) -> PostingMatch:
    """A posting's text held against the record today (what ``jd`` prints and the app shows as typed);
    its ``title``, when kept apart from the text, tells the level it hires for best."""
    facts = load_match_facts(db, framework=framework, today=today)
    return assess_posting(text, framework, facts, today, title=title)


@dataclass(frozen=True)
class PostingAdded:
    row: PostingRow
    match: PostingMatch


def add_posting(
    db: sqlite3.Connection, *, draft: PostingDraft, framework: Framework, today: date
) -> PostingAdded:
    """Save a posting (its values already checked) with its match against the record today."""
    match = match_posting(db, text=draft.text, framework=framework, today=today, title=draft.title)
    cursor = db.execute(
        "INSERT INTO posting (uuid, company, title, link, posted_on, status, status_changed_on, text, "
        "match_at_save, created_at_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            new_id(),
            draft.company,
            draft.title,
            draft.link,
            (draft.posted_on or today).isoformat(),
            draft.status,
            today.isoformat(),
            draft.text,
            max(0, min(100, match.percent)),
            now_stored(),
        ),
    )
    return PostingAdded(_by_key(db, int(cursor.lastrowid or 0)), match)


def set_posting_status(db: sqlite3.Connection, *, typed_id: str, status: str, today: date) -> StatusChange:
    """Move a posting to ``status`` (already checked)."""
    key = _key(db, typed_id)
    before = _by_key(db, key)
    if status != before.status:
        db.execute(
            "UPDATE posting SET status = ?, status_changed_on = ? WHERE id = ?",
            (status, today.isoformat(), key),
        )
    return StatusChange(_by_key(db, key), before.status)


class PostingChanges(NamedTuple):
    """What ``posting edit`` corrects (values already checked); ``None`` keeps the value."""

    company: str | None = None
    title: str | None = None
    link: str | None = None
    posted_on: date | None = None

    @property
    def empty(self) -> bool:
        return all(value is None for value in self)


def edit_posting(db: sqlite3.Connection, *, typed_id: str, changes: PostingChanges) -> Edited[PostingRow]:
    """Correct a saved posting's company, title, link or date; its text and its match when saved stay.
    A change goes through the text rule again (cleaning what was cleaned changes nothing), so that no
    caller can store a value the import would refuse."""
    key = _key(db, typed_id)
    before = _by_key(db, key)
    db.execute(
        "UPDATE posting SET company = ?, title = ?, link = ?, posted_on = ? WHERE id = ?",
        (
            before.company if changes.company is None else clean_line(changes.company, field="company"),
            before.title if changes.title is None else clean_line(changes.title, field="title"),
            before.link if changes.link is None else clean_link(changes.link),
            (changes.posted_on or before.posted_on).isoformat(),
            key,
        ),
    )
    return Edited(before, _by_key(db, key))


def remove_posting(db: sqlite3.Connection, *, typed_id: str) -> PostingRow:
    key = _key(db, typed_id)
    row = _by_key(db, key)
    db.execute("DELETE FROM posting WHERE id = ?", (key,))
    return row
