"""When the disk fills up, the write that did not fit fails clearly and everything committed before stays."""

import sqlite3
from typing import Any

import pytest
from sqlalchemy import event
from sqlmodel import col, select

from skilltrack.db import writes
from skilltrack.db.engine import Database, open_database
from skilltrack.db.errors import StorageError
from skilltrack.db.models import LearningSession, Skill
from tests.reliability.records import count_rows, integrity, session_start

HEADROOM_PAGES = 12
MOST_WRITES = 2000


def test_a_full_disk_fails_the_write_clearly_and_keeps_what_was_committed(db: Database) -> None:
    with db.writing() as session:
        skill = Skill(name="Go", name_key="go", kind="language")
        session.add(skill)
    skill_id = skill.id
    with db.reading() as session:
        pages = session.connection().exec_driver_sql("PRAGMA page_count").scalar()
    assert isinstance(pages, int)

    # max_page_count is per connection: every connection made from now on sees a nearly full disk.
    db.engine.dispose()

    def nearly_full(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + HEADROOM_PAGES}")

    event.listen(db.engine, "connect", nearly_full)

    committed: list[str] = []
    with pytest.raises(StorageError) as caught:  # the loop runs until the disk is full
        for number in range(MOST_WRITES):
            note = f"note {number} " + "x" * 600
            with db.writing() as session:
                go = session.get(Skill, skill_id)
                assert go is not None
                writes.log_session(
                    session, go, start=session_start(number), minutes=5, kind="study", note=note
                )
            committed.append(note)

    assert len(committed) >= 5, "the limit left no room to commit anything first"
    assert len(committed) < MOST_WRITES
    message = str(caught.value)
    assert str(db.path) in message
    assert "disk is full" in message
    assert caught.value.advice

    # The same open record still reads, and holds exactly what was committed.
    with db.reading() as session:
        kept = session.exec(select(LearningSession.note).order_by(col(LearningSession.id))).all()
    assert list(kept) == committed

    # So does the file, opened afresh with room to spare.
    db.close()
    again = open_database(db.path)
    try:
        with again.reading() as session:
            reopened = session.exec(select(LearningSession.note).order_by(col(LearningSession.id))).all()
        assert list(reopened) == committed
        with again.writing() as session:  # and with space freed, writing works again
            go = session.get(Skill, skill_id)
            assert go is not None
            writes.log_session(session, go, start=session_start(0), minutes=5, kind="study")
    finally:
        again.close()
    assert integrity(db.path) == "ok"
    assert count_rows(db.path, "learning_session") == len(committed) + 1
