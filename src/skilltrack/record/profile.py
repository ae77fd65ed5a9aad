"""The one profile of the record (row 1): who it belongs to, their aim, and their home time zone.

The home zone places every session on a local day, so "today" for any read or write is asked here
(:func:`today`), inside the transaction that uses it.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from typing import TYPE_CHECKING, NamedTuple
from zoneinfo import ZoneInfo

from skilltrack.domain.dates import parse_time_zone
from skilltrack.domain.errors import InputError
from skilltrack.domain.profile import check_profile_changes
from skilltrack.record.values import day_text, new_id, now_stored, stored_day

if TYPE_CHECKING:
    from skilltrack.domain.framework import Framework


class Profile(NamedTuple):
    """The profile's values (all empty for a new record)."""

    name: str = ""
    title: str = ""
    career_started_on: date | None = None
    target_level: str | None = None
    target_date: date | None = None
    time_zone: str | None = None
    """The home zone's IANA name as set; ``None`` when the machine's zone is used."""


PROFILE_COLUMNS = ("name", "title", "career_started_on", "target_level", "target_date", "time_zone")


def read_profile(db: sqlite3.Connection) -> Profile:
    row = db.execute(f"SELECT {', '.join(PROFILE_COLUMNS)} FROM profile WHERE id = 1").fetchone()
    if row is None:
        return Profile()
    name, title, career_started_on, target_level, target_date, time_zone = row
    return Profile(
        name=name or "",
        title=title or "",
        career_started_on=stored_day(career_started_on),
        target_level=target_level or None,
        target_date=stored_day(target_date or None),
        time_zone=time_zone or None,
    )


def home_zone(db: sqlite3.Connection, *, fallback: ZoneInfo) -> ZoneInfo:
    """The zone sessions are placed in: the profile's home zone, else ``fallback`` (the machine's)."""
    row = db.execute("SELECT time_zone FROM profile WHERE id = 1").fetchone()
    configured = None if row is None else row[0]
    if configured:
        try:
            return parse_time_zone(configured)
        except InputError:
            return fallback
    return fallback


def today(db: sqlite3.Connection, *, now_utc: datetime, fallback: ZoneInfo) -> date:
    """Today in the record's home zone."""
    return now_utc.astimezone(home_zone(db, fallback=fallback)).date()


def target_level(db: sqlite3.Connection, *, framework: Framework) -> str:
    """The profile's target level, or the ladder's first level when none (or an unknown one) is set."""
    level_ids = [level.id for level in framework.levels]
    row = db.execute("SELECT target_level FROM profile WHERE id = 1").fetchone()
    chosen = None if row is None else row[0]
    return chosen if chosen in level_ids else level_ids[0]


def update_profile(db: sqlite3.Connection, *, changes: dict[str, object]) -> Profile:
    """Set profile fields (already parsed by :func:`skilltrack.domain.profile.parse_profile_values`);
    the profile row is made on first use. A value the record's import would refuse (a target date in
    2999, a control character in the name) is refused here too (:class:`InputError`): whatever the
    record keeps can be exported and imported again."""
    unknown = set(changes) - set(PROFILE_COLUMNS)
    if unknown:
        raise ValueError(f"not profile fields: {', '.join(sorted(unknown))}")
    check_profile_changes(changes)
    db.execute(
        "INSERT INTO profile (id, uuid, name, title, updated_at_utc) VALUES (1, ?, '', '', ?) "
        "ON CONFLICT (id) DO NOTHING",
        (new_id(), now_stored()),
    )
    if changes:
        stored = {
            column: day_text(value) if isinstance(value, date) else value for column, value in changes.items()
        }
        assignments = ", ".join(f"{column} = :{column}" for column in stored)
        db.execute(
            f"UPDATE profile SET {assignments}, updated_at_utc = :now WHERE id = 1",
            {**stored, "now": now_stored()},
        )
    return read_profile(db)
