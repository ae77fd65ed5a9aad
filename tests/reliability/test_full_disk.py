"""When the disk fills up, the write that did not fit fails clearly and everything committed before stays."""

import pytest

from skilltrack.record.errors import StorageError
from skilltrack.record.opener import Record, open_record
from skilltrack.record.sessions import insert_session
from skilltrack.record.skills import insert_skill
from tests.reliability.records import count_rows, integrity, session_start

HEADROOM_PAGES = 12
MOST_WRITES = 2000


def _notes(record: Record) -> list[str]:
    with record.reading() as db:
        return [str(note) for (note,) in db.execute("SELECT note FROM learning_session ORDER BY id")]


def test_a_full_disk_fails_the_write_clearly_and_keeps_what_was_committed(record: Record) -> None:
    with record.writing() as db:
        skill_id = insert_skill(db, name="Go", kind="language", aliases=()).id
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        # The file may grow only a few pages more: the disk is nearly full from now on.
        db.execute(f"PRAGMA max_page_count = {pages + HEADROOM_PAGES}")

    committed: list[str] = []
    with pytest.raises(StorageError) as caught:  # the loop runs until the disk is full
        for number in range(MOST_WRITES):
            note = f"note {number} " + "x" * 600
            with record.writing() as db:
                insert_session(
                    db, skill_id=skill_id, start=session_start(number), minutes=5, kind="study", note=note
                )
            committed.append(note)

    assert len(committed) >= 5, "the limit left no room to commit anything first"
    assert len(committed) < MOST_WRITES
    message = str(caught.value)
    assert str(record.path) in message
    assert "disk is full" in message
    assert caught.value.advice

    # The same open record still reads, and holds exactly what was committed.
    assert _notes(record) == committed

    # So does the file, opened afresh with room to spare.
    record.close()
    again = open_record(record.path)
    try:
        assert _notes(again) == committed
        with again.writing() as db:  # and with space freed, writing works again
            insert_session(db, skill_id=skill_id, start=session_start(0), minutes=5, kind="study")
    finally:
        again.close()
    assert integrity(record.path) == "ok"
    assert count_rows(record.path, "learning_session") == len(committed) + 1
