"""A ``-wal`` left beside a missing record is set aside, never replayed into a new or restored file."""

import sqlite3
from pathlib import Path

from skilltrack.record.backup import restore_backup, take_backup
from skilltrack.record.opener import open_record
from tests.reliability.records import count_rows, make_record, scalar


def leave_orphan_journal(db_path: Path) -> bytes:
    """Make a record with committed pages still only in its -wal, then lose the main file."""
    make_record(db_path, sessions=5)
    keeper = sqlite3.connect(db_path)  # holds the journal open so that closing the writer keeps it
    keeper.execute("PRAGMA journal_mode = WAL")
    keeper.execute("PRAGMA wal_autocheckpoint = 0")
    writer = sqlite3.connect(db_path, isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("DELETE FROM learning_session")
    writer.close()
    wal = Path(f"{db_path}-wal")
    content = wal.read_bytes()
    assert len(content) > 0
    db_path.unlink()
    keeper.close()
    if not wal.exists():  # closing the last connection may checkpoint; put the journal back as it was
        wal.write_bytes(content)
    return content


def test_a_new_record_never_replays_a_journal_left_beside_it(db_path: Path) -> None:
    content = leave_orphan_journal(db_path)

    open_record(db_path).close()

    assert scalar(db_path, "PRAGMA integrity_check") == "ok"
    assert count_rows(db_path, "skill") == 0  # a new record: nothing of the other one
    [kept] = list((db_path.parent / "backups").glob("*orphan-journal*-wal"))
    assert kept.read_bytes() == content


def test_a_restore_into_a_missing_record_never_replays_a_journal_left_beside_it(
    db_path: Path, tmp_path: Path
) -> None:
    source = tmp_path / "source" / "record.sqlite3"
    source.parent.mkdir()
    make_record(source, sessions=7)
    backup = take_backup(source, "manual")
    assert backup is not None
    leave_orphan_journal(db_path)

    restore_backup(db_path, backup.path)

    assert scalar(db_path, "PRAGMA integrity_check") == "ok"
    assert count_rows(db_path, "learning_session") == 7
    assert list((db_path.parent / "backups").glob("*orphan-journal*-wal"))
