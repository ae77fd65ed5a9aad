"""Automatic backups: taken on opening the record, at most one per 30 minutes, verified, thinned."""

import json
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from skilltrack.record.backup import (
    BackupFile,
    auto_backup,
    backup_name,
    backups_folder,
    backups_to_delete,
    list_backups,
    take_backup,
)
from skilltrack.record.opener import open_record
from tests.cli.helpers import Run
from tests.maintenance.helpers import counts, quick_check
from tests.reliability.fixtures.make_schema3 import IDENTITY

T0 = datetime(2026, 11, 24, 18, 30, tzinfo=UTC)
OTHER = "0b5e55ed" + "0" * 24
"""The identity of another record named like the complete record (e.g. ``record.db`` beside it)."""


def autos(path: Path) -> list[BackupFile]:
    return [backup for backup in list_backups(path) if backup.kind == "auto"]


def test_a_brand_new_empty_record_is_not_backed_up(db_path: Path) -> None:
    open_record(db_path).close()
    open_record(db_path).close()

    assert auto_backup(db_path, now=T0) is None
    assert not backups_folder(db_path).exists()


def test_one_automatic_backup_then_none_for_30_minutes(record: Path) -> None:
    first = auto_backup(record, now=T0)

    assert first is not None
    assert first.parent == backups_folder(record)
    assert first.name == "record-3f2a9c1e-20261124T183000Z-auto.sqlite3"
    assert quick_check(first) == "ok"
    assert counts(first) == counts(record)

    assert auto_backup(record, now=T0 + timedelta(minutes=1)) is None
    assert auto_backup(record, now=T0 + timedelta(minutes=29, seconds=59)) is None
    assert [backup.path for backup in autos(record)] == [first]

    second = auto_backup(record, now=T0 + timedelta(minutes=30))
    assert second is not None and second != first
    # Thinning keeps one a day, the newest: the first one of today has made way for it.
    assert [backup.path for backup in autos(record)] == [second]

    tomorrow = auto_backup(record, now=T0 + timedelta(days=1))
    assert tomorrow is not None
    assert [backup.path for backup in autos(record)] == [tomorrow, second]


def test_opening_the_record_takes_the_automatic_backup(run: Run, record: Path) -> None:
    def listed() -> list[str]:
        result = run("backups", "--json")
        assert result.code == 0, result.err
        return [str(item["kind"]) for item in json.loads(result.out)]

    assert listed() == []  # listing backups does not open the record
    assert run("status").code == 0
    assert listed() == ["auto"]
    assert run("log", "Go", "30m", now="2026-11-24T18:50:00+00:00").code == 0
    assert listed() == ["auto"]
    assert run("status", now="2026-11-25T08:00:00+00:00").code == 0
    assert listed() == ["auto", "auto"]
    newest = list_backups(record)[0]
    assert newest.taken_at == datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
    assert counts(newest.path)["learning_session"] == counts(record)["learning_session"]


def test_a_failed_automatic_backup_warns_once_and_the_command_still_succeeds(run: Run, record: Path) -> None:
    blocker = backups_folder(record)
    blocker.write_text("not a folder", encoding="utf-8")
    sessions = counts(record)["learning_session"]

    result = run("log", "Go", "30m")

    assert result.code == 0
    assert "Logged 30m of Go" in result.out
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert "warning" in lines[0] and "backup" in lines[0] and str(blocker) in lines[0]
    assert "Traceback" not in result.err
    assert counts(record)["learning_session"] == sessions + 1
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_a_backup_never_replaces_a_file_already_there(record: Path) -> None:
    folder = backups_folder(record)
    folder.mkdir()
    taken = folder / backup_name(record, "manual", T0, identity=IDENTITY)
    taken.write_bytes(b"somebody else's file")

    made = take_backup(record, "manual", now=T0)

    assert made is not None
    assert made.path == folder / "record-3f2a9c1e-20261124T183000Z-manual-2.sqlite3"
    assert taken.read_bytes() == b"somebody else's file"
    assert quick_check(made.path) == "ok"
    assert made.counts == counts(record)
    assert not list(folder.glob("*.partial"))
    assert [backup.path for backup in list_backups(record)] == [made.path, taken]


def daily(first: date, days: int, hour: int = 3) -> list[BackupFile]:
    result = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        taken = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
        result.append(BackupFile(Path(f"/b/{day.isoformat()}-{hour:02}.sqlite3"), taken, "auto"))
    return result


def test_thinning_keeps_12_daily_10_weekly_and_9_monthly() -> None:
    last = date(2026, 11, 24)  # a Tuesday
    backups = daily(last - timedelta(days=399), 400) + daily(last - timedelta(days=20), 21, hour=1)

    deleted = backups_to_delete(backups)

    kept = {backup.taken_at for backup in backups} - {backup.taken_at for backup in deleted}
    days = {instant.date() for instant in kept}
    assert all(instant.hour == 3 for instant in kept), "the newest of each day is kept"
    daily_days = {last - timedelta(days=n) for n in range(12)}
    weekly_sundays = {date(2026, 11, 8), date(2026, 11, 1), date(2026, 10, 25), date(2026, 10, 18)}
    weekly_sundays |= {date(2026, 10, 11), date(2026, 10, 4), date(2026, 9, 27)}
    monthly_last_days = {date(2026, 10, 31), date(2026, 9, 30), date(2026, 8, 31), date(2026, 7, 31)}
    monthly_last_days |= {date(2026, 6, 30), date(2026, 5, 31), date(2026, 4, 30), date(2026, 3, 31)}
    assert days == daily_days | weekly_sundays | monthly_last_days
    assert len(kept) == 12 + 7 + 8
    assert len(deleted) == len(backups) - len(kept)


def test_thinning_never_deletes_the_backup_just_made() -> None:
    backups = daily(date(2024, 1, 1), 400)
    oldest = backups[0].path

    deleted = backups_to_delete(backups, keep=oldest)

    assert oldest not in {backup.path for backup in deleted}


def test_thinning_on_disk_deletes_only_this_record_s_old_automatic_backups(record: Path) -> None:
    folder = backups_folder(record)
    folder.mkdir()
    copy = take_backup(record, "manual", now=T0 - timedelta(days=400))
    assert copy is not None
    ours = []
    for days_ago in range(60):
        taken = T0 - timedelta(days=days_ago, hours=1)
        path = folder / backup_name(record, "auto", taken, identity=IDENTITY)
        shutil.copyfile(copy.path, path)  # a copy of a backup: the same record, as thinning checks
        ours.append(path)
    others = []
    for kind in ("manual", "pre-restore", "pre-fix", "pre-upgrade-schema1"):
        path = folder / backup_name(record, kind, T0 - timedelta(days=300), identity=IDENTITY)
        path.write_bytes(b"keep me")
        others.append(path)
    # Another record's automatic backups, and those named before backups carried an identity.
    for days_ago in range(60):
        taken = T0 - timedelta(days=days_ago, hours=2)
        for identity in (OTHER, None):
            path = folder / backup_name(record, "auto", taken, identity=identity)
            shutil.copyfile(copy.path, path)
            others.append(path)
    elsewhere = folder / "my-own-copy.sqlite3"
    elsewhere.write_bytes(b"not ours")
    before = {path: counts(path) for path in others if path.read_bytes() != b"keep me"}

    made = auto_backup(record, now=T0)

    assert made is not None and made.exists()
    left = autos(record)
    assert made in {backup.path for backup in left}
    # 12 days (today's new one and the 11 days before), plus older week ends and month ends.
    assert 12 < len(left) < 12 + 10 + 9
    assert sum(path.exists() for path in ours) == len(left) - 1
    assert all(path.exists() for path in others)
    assert {path: counts(path) for path in before} == before
    assert elsewhere.read_bytes() == b"not ours"


def test_thinning_deletes_no_file_whose_content_is_another_record_s_whatever_its_name(
    record: Path, tmp_path: Path
) -> None:
    """A name is not trusted alone to delete a file: SQLite must say it is a copy of this record."""
    folder = backups_folder(record)
    folder.mkdir()
    stranger = tmp_path / "elsewhere" / "record.sqlite3"
    stranger.parent.mkdir()
    open_record(stranger).close()
    stray = take_backup(stranger, "manual")
    assert stray is not None
    unreadable = []
    for days_ago in range(20, 60):
        path = folder / backup_name(record, "auto", T0 - timedelta(days=days_ago), identity=IDENTITY)
        if days_ago % 2:
            shutil.copyfile(stray.path, path)  # another record's content under this record's name
        else:
            path.write_bytes(b"cut short")
        unreadable.append(path)

    made = auto_backup(record, now=T0)

    assert made is not None
    assert all(path.exists() for path in unreadable)
