"""Two records on two machines (two homes, one folder) meeting through the real entry point."""

import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import NOW
from tests.sync.helpers import Replica, make_replicas, sync_all


@pytest.fixture(autouse=True)
def fixed_instant() -> Iterator[None]:
    os.environ["SKILLTRACK_NOW"] = NOW
    yield


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shared = tmp_path / "shared"
    shared.mkdir()
    return shared


@pytest.fixture
def pair(tmp_path: Path) -> list[Replica]:
    return make_replicas(tmp_path, 2)


STAR = ("--situation", "s", "--task", "t", "--action", "a", "--result", "r")
"""A story's four parts, short."""


def session_ids(replica: Replica) -> list[str]:
    return [str(row[0]) for row in replica.query("SELECT uuid FROM learning_session ORDER BY uuid")]


def test_first_sync_sends_everything_and_an_empty_path_receives_it(pair: list[Replica], folder: Path) -> None:
    laptop, desktop = pair
    laptop.ok("log", "Go", "30m", "--date", "2026-11-20", "--at", "09:00")
    laptop.ok("log", "Go", "45m", "--date", "2026-11-21", "--at", "09:00", "--note", "channels")
    laptop.ok("profile", "--set", "name=Ann")
    sent = laptop.sync(folder)
    assert "changes of this record sent" in sent.out
    assert not desktop.db.exists()
    received = desktop.sync(folder)
    assert desktop.db.exists()
    assert "0 changes of this record sent" in received.out
    assert desktop.export() == laptop.export()
    assert len(session_ids(desktop)) == 2


def test_edits_and_deletes_travel(pair: list[Replica], folder: Path) -> None:
    laptop, desktop = pair
    laptop.ok("log", "Go", "30m", "--date", "2026-11-20", "--at", "09:00")
    laptop.ok("log", "Go", "30m", "--date", "2026-11-21", "--at", "09:00")
    sync_all(pair, folder)
    kept, removed = session_ids(desktop)
    desktop.ok("session", "edit", kept[:12], "--duration", "1h", "--note", "edited")
    desktop.ok("session", "remove", removed[:12])
    sync_all(pair, folder)
    assert session_ids(laptop) == [kept]
    assert laptop.query("SELECT minutes, note FROM learning_session") == [(60, "edited")]
    assert laptop.export() == desktop.export()


def test_a_delete_wins_over_an_older_edit(pair: list[Replica], folder: Path) -> None:
    laptop, desktop = pair
    laptop.ok("log", "Go", "30m", "--date", "2026-11-20", "--at", "09:00")
    sync_all(pair, folder)
    (session,) = session_ids(laptop)
    laptop.ok("session", "edit", session[:12], "--note", "edited first")
    desktop.ok("session", "remove", session[:12])
    sync_all(pair, folder)
    assert session_ids(laptop) == session_ids(desktop) == []
    laptop.ok("log", "Go", "30m", "--date", "2026-11-22", "--at", "09:00")
    sync_all(pair, folder)
    assert session_ids(laptop) == session_ids(desktop) != [session]


def test_a_skill_created_on_both_becomes_one_and_the_decision_is_printed(
    pair: list[Replica], folder: Path
) -> None:
    laptop, desktop = pair
    laptop.ok("log", "Zorb", "30m", "--date", "2026-11-20", "--at", "09:00", "--new")
    desktop.ok("log", "zorb", "45m", "--date", "2026-11-21", "--at", "09:00", "--new")
    laptop.sync(folder)
    merged = desktop.sync(folder)
    assert "was added on two machines: kept as one" in merged.out, merged.out
    sync_all(pair, folder)
    for replica in pair:
        assert replica.query("SELECT count(*) FROM skill") == [(1,)]
        assert replica.query("SELECT count(*) FROM learning_session") == [(2,)]
    assert laptop.export() == desktop.export()


def test_status_counts_what_is_pending(pair: list[Replica], folder: Path) -> None:
    laptop, desktop = pair
    laptop.ok("log", "Go", "30m", "--date", "2026-11-20", "--at", "09:00")
    sync_all(pair, folder)
    laptop.ok("log", "Go", "30m", "--date", "2026-11-21", "--at", "09:00")
    mine = laptop.ok("sync", str(folder), "--status", "--json").json()
    assert mine["unsent"] == 1
    laptop.sync(folder)
    theirs = desktop.ok("sync", str(folder), "--status", "--json").json()
    assert theirs["unsent"] == 0
    assert [peer["pending"] for peer in theirs["peers"]] == [1]
    assert "1 change to apply here" in desktop.ok("sync", str(folder), "--status").out
    desktop.sync(folder)
    assert desktop.ok("sync", str(folder), "--status", "--json").json()["peers"][0]["pending"] == 0


def test_a_quiet_sync_changes_nothing_but_the_time_of_the_sync(pair: list[Replica], folder: Path) -> None:
    laptop, desktop = pair
    laptop.ok("log", "Go", "30m", "--date", "2026-11-20", "--at", "09:00")
    sync_all(pair, folder)
    tables = ("skill", "learning_session", "sync_operation", "sync_peer", "sync_merge")
    before = {table: desktop.query(f"SELECT * FROM {table}") for table in tables}
    files = {path.name: path.read_bytes() for path in folder.iterdir()}
    quiet = desktop.ok("sync", str(folder), "--json").json()
    assert (quiet["read"], quiet["applied"], quiet["sent"], quiet["compacted"]) == ({}, 0, 0, 0)
    assert {table: desktop.query(f"SELECT * FROM {table}") for table in tables} == before
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == files


def test_a_missing_folder_and_the_records_own_folder_are_refused(pair: list[Replica], tmp_path: Path) -> None:
    laptop, _ = pair
    laptop.ok("log", "Go", "30m")
    missing = laptop.run("sync", str(tmp_path / "nowhere"))
    assert missing.code == 2 and "there is no folder" in missing.err and "Traceback" not in missing.err
    own = laptop.run("sync", str(laptop.db.parent))
    assert own.code == 2 and "holds your record itself" in own.err and "Traceback" not in own.err
    assert not list(laptop.db.parent.glob("skilltrack-*"))


def test_garbage_and_a_foreign_file_are_skipped_with_a_note(pair: list[Replica], folder: Path) -> None:
    laptop, desktop = pair
    laptop.ok("log", "Go", "30m", "--date", "2026-11-20", "--at", "09:00")
    laptop.sync(folder)
    (ops,) = folder.glob("skilltrack-*.ops.jsonl")
    with ops.open("ab") as handle:
        handle.write(b"not json at all\n\xff\xfe\n[1, 2]\n")
    (folder / "notes.txt").write_text("hello\n")
    (folder / ("skilltrack-" + "0" * 32 + ".ops.jsonl")).write_bytes(b'{"clock": "x"}\n')
    result = desktop.sync(folder)
    assert result.out.count("skipped:") == 4, result.out
    assert "Traceback" not in result.err
    assert len(session_ids(desktop)) == 1


def test_a_line_cut_short_is_not_read_and_the_next_sync_repairs_it(pair: list[Replica], folder: Path) -> None:
    laptop, desktop = pair
    laptop.ok("log", "Go", "30m", "--date", "2026-11-20", "--at", "09:00")
    laptop.sync(folder)
    laptop.ok("log", "Go", "30m", "--date", "2026-11-21", "--at", "09:00")
    laptop.sync(folder)
    (ops,) = folder.glob("skilltrack-*.ops.jsonl")
    whole = ops.read_bytes()
    last = whole[:-1].rfind(b"\n") + 1
    ops.write_bytes(whole[: last + (len(whole) - last) // 2])  # the last line, half written
    desktop.sync(folder)
    assert len(session_ids(desktop)) == 1
    repaired = laptop.sync(folder)
    assert "Traceback" not in repaired.err
    assert ops.read_bytes().endswith(b"\n")
    desktop.sync(folder)
    assert len(session_ids(desktop)) == 2
    assert laptop.export() == desktop.export()


def test_a_compacted_file_is_read_again_from_its_start(pair: list[Replica], folder: Path) -> None:
    """A replica that had read part of another's file, which compaction then rewrote, must not read
    from its old byte offset (the middle of some line)."""
    laptop, desktop = pair
    laptop.ok("skill", "add", "Zorb")
    sync_all(pair, folder)
    compacted = 0
    for name in ("Zorbic", "Zorbette", "Zorbo", "Zorbian"):
        current = laptop.query("SELECT name FROM skill")[0][0]
        laptop.ok("skill", "rename", current, name)
        laptop.ok("log", name, "30m", "--date", "2026-11-20", "--at", "09:00", "--overlap")
        compacted += laptop.ok("sync", str(folder), "--json").json()["compacted"]
        result = desktop.sync(folder)
        assert "skipped" not in result.out, result.out
        assert laptop.export() == desktop.export()
    assert compacted > 0


def test_numbers_changed_in_an_edit_travel(pair: list[Replica], folder: Path) -> None:
    """The value of an edit to a number (minutes) is sent as a number, not refused."""
    laptop, desktop = pair
    laptop.ok("log", "Go", "30m", "--date", "2026-11-20", "--at", "09:00")
    (session,) = session_ids(laptop)
    laptop.ok("session", "edit", session[:12], "--duration", "45m")
    laptop.sync(folder)
    desktop.sync(folder)
    assert desktop.query("SELECT minutes FROM learning_session") == [(45,)]


def test_export_and_import_still_work_alongside(pair: list[Replica], folder: Path, tmp_path: Path) -> None:
    laptop, desktop = pair
    laptop.ok("log", "Go", "30m", "--date", "2026-11-20", "--at", "09:00")
    sync_all(pair, folder)
    exported = tmp_path / "record.json"
    exported.write_text(laptop.export(), encoding="utf-8")
    third = make_replicas(tmp_path / "third", 1)[0]
    third.ok("import", str(exported))
    assert third.export() == laptop.export()
    again = desktop.ok("import", str(exported))
    assert "Traceback" not in again.err
    sync_all([*pair, third], folder)
    exports = {replica.export() for replica in (*pair, third)}
    assert len(exports) == 1
    assert len(json.loads(exports.pop())["sessions"]) == 1


def test_a_story_on_a_project_made_on_both_and_removed_keeps_its_title(
    pair: list[Replica], folder: Path
) -> None:
    """A project made under one name on both machines and then removed hangs no story's title apart:
    later syncs that bring nothing about stories leave every title as it is, and unique by it."""
    laptop, desktop = pair
    for replica in pair:
        replica.ok("project", "add", "Borealis", "--role", "engineer", "--from", "2026-01-05")
    laptop.ok("story", "add", "The outage", *STAR, "--project", "Borealis")
    desktop.ok("story", "add", "The migration", *STAR, "--project", "Borealis")
    sync_all(pair, folder)
    laptop.ok("project", "remove", "Borealis", "--yes")
    sync_all(pair, folder)
    laptop.ok("log", "Go", "30m", "--date", "2026-11-20", "--at", "09:00")
    sync_all(pair, folder)
    for replica in pair:
        assert replica.query("SELECT title, title_key FROM story ORDER BY title") == [
            ("The migration", "the migration"),
            ("The outage", "the outage"),
        ], replica.name
        assert replica.run("story", "add", "the outage", *STAR).code == 2, replica.name
    assert laptop.export() == desktop.export()


def triggers(replica: Replica) -> list[str]:
    rows = replica.query("SELECT sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
    return [str(row[0]) for row in rows]


def test_an_import_records_its_rows_for_sync_and_leaves_the_triggers_as_they_were(
    pair: list[Replica], folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An import sets the triggers aside while it adds rows and writes their operations in bulk: after
    it (and after one that failed half-way) the record has exactly the triggers it had, and every row
    it added goes to the other machine."""
    laptop, desktop = pair
    laptop.ok("log", "Go", "30m", "--date", "2026-11-20", "--at", "09:00")
    before = triggers(laptop)
    assert len(before) > 20
    frames = tmp_path / "frames.csv"
    frames.write_text(
        "id,start,stop,project,tags\n"
        "aaaa111,2026-11-18 09:00:00,2026-11-18 10:00:00,kafka,study\n"
        "bbbb222,2026-11-19 09:00:00,2026-11-19 09:45:00,go,practice\n",
        encoding="utf-8",
    )

    def disk_full(db: sqlite3.Connection, _: object) -> None:
        db.execute("ROLLBACK")  # as SQLite itself does on a full disk
        raise sqlite3.OperationalError("database or disk is full")

    with monkeypatch.context() as patch:
        patch.setattr("skilltrack.transfer.importing.insert_sessions", disk_full)
        failed = laptop.run("import", "--from", "watson", str(frames))
    assert failed.code == 1 and "Traceback" not in failed.err, failed
    assert "full" in failed.err and "trigger" not in failed.err, failed.err
    assert triggers(laptop) == before
    assert laptop.query("SELECT count(*) FROM learning_session") == [(1,)]

    laptop.ok("import", "--from", "watson", str(frames))
    assert triggers(laptop) == before
    created = laptop.query(
        "SELECT count(*) FROM sync_operation WHERE entity = 'learning_session' AND action = 'create'"
    )
    assert created == [(3,)]
    imported = laptop.query("SELECT uuid FROM learning_session WHERE local_day = '2026-11-18'")[0][0]
    laptop.ok("session", "edit", str(imported)[:12], "--duration", "50m")
    assert laptop.query(
        "SELECT value FROM sync_operation WHERE row_uuid = ? AND action = 'update'", imported
    ) == [(50,)]
    sync_all(pair, folder)
    assert desktop.export() == laptop.export()
    assert desktop.query("SELECT minutes FROM learning_session WHERE uuid = ?", imported) == [(50,)]


def test_a_skill_renamed_away_and_removed_takes_no_new_skill_of_its_old_name(
    pair: list[Replica], folder: Path
) -> None:
    """Rust renamed Zorb, a new Rust added, Zorb removed: the deletion was of Zorb, so the new Rust and
    its session live on the other machine too."""
    laptop, desktop = pair
    laptop.ok("skill", "add", "Rust")
    laptop.ok("skill", "rename", "Rust", "Zorb")
    laptop.ok("skill", "add", "Rust")
    laptop.ok("log", "Rust", "30m", "--date", "2026-11-20", "--at", "09:00")
    laptop.ok("skill", "remove", "Zorb", "--yes")
    sync_all(pair, folder)
    for replica in pair:
        assert replica.query("SELECT name FROM skill") == [("Rust",)], replica.name
        assert replica.query("SELECT count(*) FROM learning_session") == [(1,)], replica.name
    assert desktop.export() == laptop.export()
