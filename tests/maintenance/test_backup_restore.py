"""``skilltrack backup``, ``backups`` and ``restore``: verified copies, and a restore that loses nothing."""

import json
import random
import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from skilltrack.domain.dates import SessionStart
from skilltrack.record.backup import backups_folder, list_backups, named_backups, restore_backup, take_backup
from skilltrack.record.connection import APPLICATION_ID
from skilltrack.record.opener import open_record
from skilltrack.record.sessions import insert_session
from tests.cli.helpers import Run, one_error_line
from tests.maintenance.helpers import all_rows, counts, execute, quick_check
from tests.reliability.records import fingerprint, make_record, start_writer


def listed(run: Run) -> list[dict[str, object]]:
    result = run("backups", "--json")
    assert result.code == 0, result.err
    items: list[dict[str, object]] = json.loads(result.out)
    return items


def test_backup_list_and_restore_round_trip(run: Run, record: Path) -> None:
    made = run("backup")
    assert made.code == 0, made.err
    [backup] = [backup for backup in list_backups(record) if backup.kind == "manual"]
    assert backup.path.parent == backups_folder(record)
    assert backup.path.name.endswith("-manual.sqlite3")
    assert str(backup.path) in made.out
    assert "13 sessions" in made.out
    at_backup = all_rows(record)
    assert all_rows(backup.path) == at_backup
    assert quick_check(backup.path) == "ok"

    # Work goes on after the backup: a session more, a skill and its sessions gone.
    assert run("log", "Go", "45m").code == 0
    assert run("skill", "remove", "Kubernetes", "--yes").code == 0
    before_restore = all_rows(record)
    assert before_restore != at_backup

    restored = run("restore", str(backup.path), "--yes")

    assert restored.code == 0, restored.err
    assert restored.err == ""
    assert "13 sessions, 3 skills" in restored.out
    assert all_rows(record) == at_backup
    assert quick_check(record) == "ok"
    [pre_restore] = [backup for backup in list_backups(record) if backup.kind == "pre-restore"]
    assert str(pre_restore.path) in restored.out
    assert all_rows(pre_restore.path) == before_restore
    # The restored record works as before.
    assert run("log", "Go", "15m").code == 0
    assert counts(record)["learning_session"] == 14

    kinds = [item["kind"] for item in listed(run)]
    assert {"auto", "manual", "pre-restore"} <= set(kinds)
    items = listed(run)
    taken = [str(item["taken_at"]) for item in items]
    assert taken == sorted(taken, reverse=True)
    assert all(isinstance(item["size"], int) and item["size"] > 0 for item in items)
    text = run("backups")
    assert text.code == 0
    assert "pre-restore" in text.out and "manual" in text.out and "KB" in text.out


def test_backup_to_a_path_never_replaces_a_file(run: Run, record: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "copy.sqlite3"
    target.parent.mkdir()

    assert run("backup", str(target)).code == 0
    assert all_rows(target) == all_rows(record)
    assert quick_check(target) == "ok"
    snapshot = fingerprint(target)

    again = run("backup", str(target))
    assert again.code == 2
    assert "already exists" in one_error_line(again)
    assert fingerprint(target) == snapshot

    into_folder = run("backup", str(target.parent))
    assert into_folder.code == 0, into_folder.err
    assert len(list(target.parent.glob("record-*-manual.sqlite3"))) == 1


def test_restore_without_yes_and_without_a_terminal_refuses(run: Run, record: Path) -> None:
    backup = take_backup(record, "manual")
    assert backup is not None
    assert run("log", "Go", "30m").code == 0
    snapshot = fingerprint(record)

    result = run("restore", str(backup.path))

    assert result.code == 2
    assert "--yes" in one_error_line(result)
    assert fingerprint(record) == snapshot
    assert not [backup for backup in list_backups(record) if backup.kind == "pre-restore"]


def garbage(path: Path) -> None:
    path.write_bytes(random.Random(4).randbytes(8192))


def text(path: Path) -> None:
    path.write_text("date,minutes\n2026-11-24,30\n", encoding="utf-8")


def newer(path: Path) -> None:
    make_record(path, sessions=3)
    execute(path, "PRAGMA user_version = 99")


def foreign(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE invoice (id INTEGER PRIMARY KEY)")
    connection.commit()
    connection.close()


def truncated(path: Path) -> None:
    make_record(path, sessions=300, note_size=200)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


BAD_BACKUPS: dict[str, Callable[[Path], None]] = {
    "garbage": garbage,
    "text": text,
    "newer-schema": newer,
    "foreign": foreign,
    "truncated": truncated,
}


@pytest.mark.parametrize("make", BAD_BACKUPS.values(), ids=BAD_BACKUPS.keys())
def test_restore_refuses_a_bad_backup_and_leaves_the_record_unchanged(
    run: Run, record: Path, tmp_path: Path, make: Callable[[Path], None]
) -> None:
    assert run("status").code == 0  # the record has been opened (and backed up) as usual
    bad = tmp_path / "bad" / "backup.sqlite3"
    bad.parent.mkdir()
    make(bad)
    snapshot, bad_snapshot = fingerprint(record), fingerprint(bad)
    backups_before = list_backups(record)

    result = run("restore", str(bad), "--yes")

    assert result.code == 1
    line = one_error_line(result)
    assert str(bad) in line and "not changed" in line
    assert fingerprint(record) == snapshot
    assert fingerprint(bad) == bad_snapshot
    assert list_backups(record) == backups_before


def test_restore_refuses_the_record_itself(run: Run, record: Path) -> None:
    snapshot = fingerprint(record)
    result = run("restore", str(record), "--yes")
    assert result.code == 2
    assert "the record itself" in one_error_line(result)
    assert fingerprint(record) == snapshot


def test_restore_over_a_damaged_record_moves_it_aside_untouched(run: Run, record: Path) -> None:
    backup = take_backup(record, "manual")
    assert backup is not None
    data = record.read_bytes()
    damaged = data[:4096] + bytes(len(data) - 4096)  # every page after the first wiped
    record.write_bytes(damaged)
    assert run("status").code == 1  # the damaged record is refused

    result = run("restore", str(backup.path), "--yes")

    assert result.code == 0, result.err
    assert all_rows(record) == all_rows(backup.path)
    # Its identity could not be read: it is named as backups were before they carried one.
    [aside] = [item for item in named_backups(record) if item.kind == "damaged"]
    assert aside.path.read_bytes() == damaged
    assert str(aside.path) in result.out
    assert run("status").code == 0


def test_restore_into_a_missing_record(run: Run, record: Path, tmp_path: Path) -> None:
    backup = take_backup(record, "manual")
    assert backup is not None
    other = tmp_path / "new" / "record.sqlite3"

    result = run("--db", str(other), "restore", str(backup.path), "--yes")

    assert result.code == 0, result.err
    assert all_rows(other) == all_rows(record)
    assert run("--db", str(other), "status").code == 0


def test_a_backup_taken_while_another_process_writes_passes_quick_check(record: Path) -> None:
    writer = start_writer(record, 1_000_000, "busy")
    sessions: list[int] = []
    try:
        assert writer.stdout is not None
        for _ in range(5):  # the writer has committed a few sessions before each backup
            writer.stdout.readline()
        for _ in range(10):
            assert writer.poll() is None, "the writer should still be writing"
            copy = take_backup(record, "manual")
            assert copy is not None
            assert quick_check(copy.path) == "ok"
            assert counts(copy.path) == copy.counts
            sessions.append(copy.counts["learning_session"])
            time.sleep(0.05)
        assert writer.poll() is None
    finally:
        writer.kill()
        writer.wait(timeout=30)
    assert sessions == sorted(sessions)
    assert sessions[-1] > sessions[0], "the backups should have been taken while sessions were added"
    assert quick_check(record) == "ok"
    connection = sqlite3.connect(record)
    try:
        assert connection.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
    finally:
        connection.close()


def test_a_program_with_the_record_open_sees_the_restored_content(run: Run, record: Path) -> None:
    backup = take_backup(record, "manual")
    assert backup is not None
    opened = open_record(record)
    try:
        assert run("log", "Go", "30m").code == 0
        with opened.reading() as db:
            assert db.execute("SELECT count(*) FROM learning_session").fetchone()[0] == 14

        restore_backup(record, backup.path)

        with opened.reading() as db:
            assert db.execute("SELECT count(*) FROM learning_session").fetchone()[0] == 13
        with opened.writing() as db:
            start = SessionStart(datetime(2026, 11, 24, 9, 0, tzinfo=UTC), date(2026, 11, 24), "UTC")
            insert_session(db, skill_id=1, start=start, minutes=20, kind="study")
    finally:
        opened.close()
    assert counts(record)["learning_session"] == 14
    assert quick_check(record) == "ok"


def test_restore_of_a_path_that_is_not_a_file_is_bad_input(run: Run, record: Path, tmp_path: Path) -> None:
    before = all_rows(record)

    result = run("restore", str(tmp_path / "no-such-backup.sqlite3"), "--yes")

    assert result.code == 2
    assert "backup" in result.err and "skilltrack backups" in result.err
    assert all_rows(record) == before
