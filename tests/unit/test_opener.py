"""The one way to the record (skilltrack.record.opener): every connection's settings, short transactions
that begin as they should, the automatic backup taken on opening, and the home zone placing the day.

What the old ``test_direct.py`` proved of the plain-sqlite3 path that still holds of the one layer;
its comparisons of that path with the ORM went with the ORM.
"""

import sqlite3
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from uuid import RFC_4122, UUID
from zoneinfo import ZoneInfo

import pytest

from skilltrack.domain.errors import InputError
from skilltrack.domain.framework import Framework
from skilltrack.domain.session_draft import SessionDraft
from skilltrack.record import profile, sessions
from skilltrack.record.backup import list_backups
from skilltrack.record.opener import Record, open_record
from skilltrack.record.values import new_id
from tests.conftest import TODAY

NOW = datetime.combine(TODAY, time(18, 30), tzinfo=UTC)
UTC_ZONE = ZoneInfo("UTC")


def settings(connection: sqlite3.Connection) -> tuple[object, ...]:
    return tuple(
        connection.execute(f"PRAGMA {name}").fetchone()[0]
        for name in ("foreign_keys", "journal_mode", "synchronous", "busy_timeout")
    )


def session_count(record: Record) -> int:
    with record.reading() as db:
        return int(db.execute("SELECT count(*) FROM learning_session").fetchone()[0])


def test_every_connection_has_the_records_settings(record: Record) -> None:
    with record.reading() as db:
        assert settings(db) == (1, "wal", 2, 10_000)  # foreign keys, WAL, synchronous=FULL, 10 s
        assert db.isolation_level is None  # we issue BEGIN ourselves
    with record.writing() as db:
        assert settings(db) == (1, "wal", 2, 10_000)


def test_a_record_for_threads_has_the_same_settings(db_path: Path) -> None:
    opened = open_record(db_path, threads=True)
    try:
        with opened.reading() as db:
            assert settings(db) == (1, "wal", 2, 10_000)
    finally:
        opened.close()


def test_a_write_begins_immediate_and_a_read_deferred(record: Record) -> None:
    statements: list[str] = []
    with record.reading() as db:
        db.set_trace_callback(statements.append)
    with record.writing():
        pass
    with record.reading():
        pass
    assert statements == ["COMMIT", "BEGIN IMMEDIATE", "COMMIT", "BEGIN", "COMMIT"]


def log_go(db: sqlite3.Connection, framework: Framework, day: date | None = None) -> sessions.LoggedSession:
    return sessions.log_session(
        db,
        draft=SessionDraft("Go", 30, "study", day=day),
        ladder=lambda: framework,
        now_utc=NOW,
        fallback_zone=UTC_ZONE,
    )


def test_a_future_day_is_refused_and_nothing_is_written(record: Record, framework: Framework) -> None:
    with pytest.raises(InputError, match="future"), record.writing() as db:
        log_go(db, framework, TODAY + timedelta(days=1))
    assert session_count(record) == 0


def test_a_write_that_fails_half_way_is_rolled_back_whole(record: Record, framework: Framework) -> None:
    with record.writing() as db:
        log_go(db, framework)
    with pytest.raises(RuntimeError), record.writing() as db:
        log_go(db, framework)
        raise RuntimeError("the action fails after its first row")
    # The next transaction begins (it could not inside one left open) and sees the first session alone.
    assert session_count(record) == 1


def test_opening_takes_the_automatic_backup_when_one_is_due(db_path: Path) -> None:
    opened = open_record(db_path)  # a new, empty record: nothing worth a backup
    with opened.writing() as db:
        db.execute(
            "INSERT INTO skill (uuid, name, name_key, kind, created_at_utc) "
            "VALUES (?, 'Go', 'go', 'language', '2026-01-01 00:00:00.000000')",
            (new_id(),),
        )
    opened.close()
    assert list_backups(db_path) == []

    open_record(db_path).close()
    [backup] = list_backups(db_path)
    assert backup.kind == "auto"

    open_record(db_path).close()  # one was taken within the half hour: none is due
    assert list_backups(db_path) == [backup]


def test_the_home_zone_places_the_day(record: Record, framework: Framework) -> None:
    late = datetime(2026, 11, 24, 23, 30, tzinfo=UTC)  # already the 25th in Auckland
    with record.reading() as db:
        assert profile.home_zone(db, fallback=UTC_ZONE) == UTC_ZONE  # none set: the machine's
        assert profile.today(db, now_utc=late, fallback=UTC_ZONE) == date(2026, 11, 24)
    with record.writing() as db:
        profile.update_profile(db, changes={"time_zone": "Pacific/Auckland"})
    with record.writing() as db:
        zone = profile.home_zone(db, fallback=UTC_ZONE)
        assert zone == ZoneInfo("Pacific/Auckland")
        assert profile.today(db, now_utc=late, fallback=UTC_ZONE) == late.astimezone(zone).date()
        logged = sessions.log_session(
            db,
            draft=SessionDraft("Go", 30, "study"),
            ladder=lambda: framework,
            now_utc=late,
            fallback_zone=UTC_ZONE,
        )
    assert logged.local_day == date(2026, 11, 25)
    with record.reading() as db:
        [row] = sessions.sessions_on(db, day=date(2026, 11, 25))
    assert (row.skill, row.time_zone, row.minutes) == ("Go", "Pacific/Auckland", 30)


def test_a_new_id_is_a_random_version_4_uuid_as_uuid4_writes_it() -> None:
    made = [new_id() for _ in range(500)]
    assert len(set(made)) == len(made)
    for text in made:
        parsed = UUID(text)
        assert (parsed.version, parsed.variant) == (4, RFC_4122)
        assert parsed.hex == text
