"""The direct path (skilltrack.db.direct, skilltrack.db.reads) held to the tables SQLModel defines.

The direct path names tables and columns in plain SQL; the schema is defined once, in
skilltrack.db.models. SQLite's authorizer reports every (table, column) a statement touches, so these
tests run every read and the log write under it and check each one against ``SQLModel.metadata``;
rows written directly must read back through the ORM exactly as the ORM writes them.
"""

import shutil
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from uuid import RFC_4122, UUID
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import SQLModel, col, select

from skilltrack import actions
from skilltrack.db import direct, queries, reads
from skilltrack.db.backup import list_backups
from skilltrack.db.engine import Database, open_database, sqlite_connection
from skilltrack.db.migrations import SCHEMA_VERSION
from skilltrack.db.models import LearningSession
from skilltrack.db.overview import dashboard_from, load_dashboard
from skilltrack.demo import populate_demo
from skilltrack.domain.drafts import SessionDraft
from skilltrack.domain.errors import InputError
from skilltrack.domain.framework import Framework
from tests.conftest import TODAY

NOW = datetime.combine(TODAY, time(18, 30), tzinfo=UTC)
FIXTURES = Path(__file__).parents[1] / "reliability" / "fixtures"


@pytest.fixture
def demo(db: Database, framework: Framework) -> Database:
    populate_demo(db, framework, today=TODAY)
    return db


@pytest.fixture
def record(demo: Database) -> Iterator[direct.DirectRecord]:
    opened = direct.open_direct(demo.path)
    assert opened is not None
    yield opened
    opened.close()


class Touched:
    """Every (action, table, column) SQLite's authorizer is asked about."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.seen: set[tuple[int, str, str]] = set()
        connection.set_authorizer(self.authorize)

    def authorize(self, action: int, first: str | None, second: str | None, *_: object) -> int:
        if action in (sqlite3.SQLITE_READ, sqlite3.SQLITE_UPDATE) and first and second is not None:
            self.seen.add((action, first, second))
        if action == sqlite3.SQLITE_INSERT and first:
            self.seen.add((action, first, ""))
        return sqlite3.SQLITE_OK


def every_read(connection: sqlite3.Connection, framework: Framework) -> None:
    dashboard_from(connection, framework, TODAY)
    reads.sessions_on(connection, TODAY - timedelta(days=1))
    reads.recent_sessions(connection, limit=5, skill_id=1)
    reads.evidence_rows(connection, kind="design-doc")
    reads.find_skill_id(connection, {"go", "golang"})


def test_every_column_the_direct_path_names_is_a_column_of_the_schema(
    record: direct.DirectRecord, framework: Framework
) -> None:
    touched = Touched(record.connection)
    with record.reading() as connection:
        every_read(connection, framework)
    assert direct.log_session(
        record, SessionDraft("Go", 30, "practice"), now_utc=NOW, fallback_zone=ZoneInfo("UTC")
    )
    record.connection.set_authorizer(None)
    tables = SQLModel.metadata.tables
    columns = {(table, column) for action, table, column in touched.seen if column}
    assert columns, "the authorizer saw nothing"
    # The schema is defined once: every column named in plain SQL is one the models define.
    unknown = {
        (table, column) for table, column in columns if table not in tables or column not in tables[table].c
    }
    assert not unknown
    assert {"learning_session", "skill", "skill_alias", "skill_rating", "project", "project_skill"} <= {
        table for table, _ in columns
    }
    assert {table for action, table, _ in touched.seen if action == sqlite3.SQLITE_INSERT} == {
        "learning_session"
    }


def test_the_log_insert_fills_every_column_the_model_requires() -> None:
    named = direct.LOG_INSERT.split("(", 1)[1].split(")", 1)[0].replace(" ", "").split(",")
    table = SQLModel.metadata.tables["learning_session"]
    # Every column but the primary key, so that no model default is left to the ORM alone.
    assert sorted(named) == sorted(column.name for column in table.c if not column.primary_key)
    assert table.c.minutes.nullable is False and table.c.uuid.unique


def test_a_session_logged_directly_reads_back_through_the_orm_as_the_orm_writes_it(
    record: direct.DirectRecord, demo: Database, framework: Framework
) -> None:
    draft = SessionDraft(
        "golang", 45, "build", day=TODAY - timedelta(days=1), at=time(7, 15), note="tail — é"
    )
    logged = direct.log_session(record, draft, now_utc=NOW, fallback_zone=ZoneInfo("UTC"))
    assert logged is not None
    assert (logged.skill, logged.minutes, logged.local_day) == ("Go", 45, TODAY - timedelta(days=1))
    by_orm = actions.log_session(demo, framework, draft, now_utc=NOW, fallback_zone=ZoneInfo("UTC"))
    assert by_orm.week_minutes == logged.week_minutes + 45
    with demo.reading() as session:
        direct_row, orm_row = session.exec(
            select(LearningSession).order_by(col(LearningSession.id).desc()).limit(2)
        ).all()[::-1]
        raw = (
            sqlite_connection(session)
            .execute(
                "SELECT uuid, started_at_utc, created_at_utc, local_day FROM learning_session "
                "ORDER BY id DESC LIMIT 2"
            )
            .fetchall()
        )
    assert isinstance(direct_row.uuid, UUID) and direct_row.uuid != orm_row.uuid
    for field in ("skill_id", "started_at_utc", "time_zone", "local_day", "minutes", "kind", "note"):
        assert getattr(direct_row, field) == getattr(orm_row, field), field
    assert direct_row.created_at_utc.tzinfo == UTC
    # Stored the same way byte for byte (format, not value, for the instants written at different times).
    orm_raw, direct_raw = raw
    assert [len(value) for value in direct_raw] == [len(value) for value in orm_raw]
    assert direct_raw[3] == orm_raw[3]


def test_reads_give_the_same_values_through_the_orm_and_directly(
    record: direct.DirectRecord, demo: Database, framework: Framework
) -> None:
    with demo.reading() as session:
        through_orm = load_dashboard(session, framework, TODAY)
        sessions = session.exec(select(LearningSession).order_by(col(LearningSession.id))).all()
        orm_values = {(row.uuid, row.started_at_utc, row.local_day, row.minutes) for row in sessions}
        latest = queries.recent_sessions(session, limit=1)[0]
    with record.reading() as connection:
        directly = dashboard_from(connection, framework, TODAY)
        everything = reads.recent_sessions(connection, limit=len(sessions))
    assert directly == through_orm
    assert {(row.uuid, row.started_at_utc, row.local_day, row.minutes) for row in everything} == orm_values
    assert latest == everything[0]


def test_an_unknown_skill_is_left_to_the_orm_path_and_nothing_is_written(record: direct.DirectRecord) -> None:
    before = record.connection.execute("SELECT count(*) FROM learning_session").fetchone()
    draft = SessionDraft("Erlang", 30, "study", allow_new=True)
    assert direct.log_session(record, draft, now_utc=NOW, fallback_zone=ZoneInfo("UTC")) is None
    assert record.connection.execute("SELECT count(*) FROM learning_session").fetchone() == before


def test_a_future_day_is_refused_and_nothing_is_written(record: direct.DirectRecord) -> None:
    before = record.connection.execute("SELECT count(*) FROM learning_session").fetchone()
    draft = SessionDraft("Go", 30, "study", day=TODAY + timedelta(days=1))
    with pytest.raises(InputError, match="future"):
        direct.log_session(record, draft, now_utc=NOW, fallback_zone=ZoneInfo("UTC"))
    assert not record.connection.in_transaction
    assert record.connection.execute("SELECT count(*) FROM learning_session").fetchone() == before


def test_the_direct_connection_has_the_engines_settings(record: direct.DirectRecord, demo: Database) -> None:
    def settings(connection: sqlite3.Connection) -> tuple[object, ...]:
        return tuple(
            connection.execute(f"PRAGMA {name}").fetchone()[0]
            for name in ("foreign_keys", "journal_mode", "synchronous", "busy_timeout")
        )

    with demo.reading() as session:
        through_orm = settings(sqlite_connection(session))
    assert settings(record.connection) == through_orm == (1, "wal", 2, 10_000)
    assert record.connection.isolation_level is None


def test_a_write_begins_immediate(record: direct.DirectRecord) -> None:
    statements: list[str] = []
    record.connection.set_trace_callback(statements.append)
    with record.writing():
        pass
    with record.reading():
        pass
    assert statements == ["BEGIN IMMEDIATE", "COMMIT", "BEGIN", "COMMIT"]


def test_opening_directly_takes_the_automatic_backup(demo: Database, tmp_path: Path) -> None:
    copy = tmp_path / "copy.sqlite3"
    demo.close()
    shutil.copyfile(demo.path, copy)
    assert list_backups(copy) == []
    with direct.opened(copy) as record:
        assert record is not None
    assert len(list_backups(copy)) == 1


def test_anything_unusual_is_left_to_the_orm_path(tmp_path: Path) -> None:
    missing = tmp_path / "missing.sqlite3"
    older = tmp_path / "older.sqlite3"
    shutil.copyfile(FIXTURES / "schema1.sqlite3", older)
    other = tmp_path / "other.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    newer = tmp_path / "newer.sqlite3"
    open_database(newer).close()
    with sqlite3.connect(newer) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    text = tmp_path / "notes.txt"
    text.write_text("not a record")
    for path in (missing, older, other, newer, text, tmp_path):
        assert direct.open_direct(path) is None, path
    assert not missing.exists()
    assert older.read_bytes() == (FIXTURES / "schema1.sqlite3").read_bytes()


def test_the_home_zone_places_the_day(record: direct.DirectRecord, db: Database) -> None:
    late = datetime(2026, 11, 24, 23, 30, tzinfo=UTC)
    with db.writing() as session:
        queries.get_profile(session)  # the demo sets a home zone
        zone = actions.home_zone(session, ZoneInfo("UTC"))
    with record.reading() as connection:
        assert direct.today(connection, late, ZoneInfo("UTC")) == late.astimezone(zone).date()
        assert reads.home_zone(connection, ZoneInfo("UTC")) == zone


def test_a_new_session_id_is_a_random_version_4_uuid_as_uuid4_writes_it() -> None:
    made = [direct.new_uuid_hex() for _ in range(500)]
    assert len(set(made)) == len(made)
    for text in made:
        parsed = UUID(text)
        assert (parsed.version, parsed.variant) == (4, RFC_4122)
        assert parsed.hex == text
