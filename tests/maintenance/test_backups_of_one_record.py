"""Two records in one folder never share their backups: each lists, thins and restores only its own.

``work.sqlite3`` and ``work.db`` side by side name their backups alike (``work-…``); the identity each
record carries, and its backups' names after it, keep them apart. Everything runs through the command.
"""

import json
import os
import random
import shutil
import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from skilltrack.record.backup import backup_name, backups_folder
from skilltrack.record.ddl import SCHEMA_VERSION
from tests.cli.conftest import run_process, skilltrack_command
from tests.cli.helpers import Result, Run, one_error_line
from tests.conftest import NOW
from tests.maintenance.helpers import Rows, all_rows

SCHEMA2 = Path(__file__).parent.parent / "reliability" / "fixtures" / "schema2.sqlite3"
T0 = datetime.fromisoformat(NOW)


def image(path: Path) -> bytes:
    """The whole database as SQLite reads it (its pages, the -wal's included), without writing a byte."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.serialize()
    finally:
        connection.close()


def identity_of(path: Path) -> str:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        [(identity,)] = connection.execute("SELECT uuid FROM record_identity").fetchall()
    finally:
        connection.close()
    assert isinstance(identity, str) and len(identity) == 32
    return identity


def content(path: Path) -> Rows:
    """Every row but the record's identity and its sync bookkeeping (an upgrade of an older backup makes
    that anew): what a restore brings in from a backup."""
    return {
        table: rows
        for table, rows in all_rows(path).items()
        if table != "record_identity" and not table.startswith("sync_")
    }


def listed(run: Run, record: Path) -> list[dict[str, object]]:
    result = run("--db", str(record), "backups", "--json")
    assert result.code == 0, result.err
    assert result.err == ""
    items: list[dict[str, object]] = json.loads(result.out)
    return items


def names(items: list[dict[str, object]]) -> set[str]:
    return {Path(str(item["path"])).name for item in items}


def at(hours: float) -> str:
    return (T0 + timedelta(hours=hours)).isoformat()


@pytest.fixture
def mine(tmp_path: Path, run: Run) -> Path:
    """A record with an automatic and a manual backup."""
    path = tmp_path / "records" / "work.sqlite3"
    assert run("--db", str(path), "log", "Go", "30m").code == 0  # made, and backed up (auto)
    assert run("--db", str(path), "backup").code == 0
    return path


@pytest.fixture
def theirs(tmp_path: Path, run: Run, mine: Path) -> Path:
    """Another record beside it, named alike: ``work.db``, with its own automatic and manual backups."""
    path = mine.with_suffix(".db")
    assert run("--db", str(path), "log", "Rust", "45m").code == 0
    assert run("--db", str(path), "log", "Rust", "15m").code == 0
    assert run("--db", str(path), "backup").code == 0
    return path


def test_each_record_lists_only_its_own_backups(run: Run, mine: Path, theirs: Path) -> None:
    assert identity_of(mine) != identity_of(theirs)
    for record, other in ((mine, theirs), (theirs, mine)):
        identity = identity_of(record)
        items = listed(run, record)

        assert sorted(str(item["kind"]) for item in items) == ["auto", "manual"]
        assert all(name.startswith(f"work-{identity[:8]}-") for name in names(items))
        assert all(item["record"] == identity and item["this_record"] is True for item in items)
        assert not any(item["damaged"] for item in items)
        text = run("--db", str(record), "backups")
        assert text.code == 0
        assert f"record {identity[:8]}" in text.out
        assert identity_of(other)[:8] not in text.out
    assert len(list(backups_folder(mine).glob("work-*.sqlite3"))) == 4


def old_automatic_backups(record: Path, days: int) -> list[Path]:
    """``days`` automatic backups of ``record``, one a day before T0: copies of its newest backup."""
    folder = backups_folder(record)
    identity = identity_of(record)
    [newest] = sorted(folder.glob(f"work-{identity[:8]}-*-manual.sqlite3"))
    made = []
    for days_ago in range(1, days + 1):
        path = folder / backup_name(record, "auto", T0 - timedelta(days=days_ago), identity=identity)
        shutil.copyfile(newest, path)  # a copy of a backup file, never of a record
        made.append(path)
    return made


def test_thinning_one_record_never_deletes_the_other_s_backups(run: Run, mine: Path, theirs: Path) -> None:
    my_old, their_old = old_automatic_backups(mine, 60), old_automatic_backups(theirs, 60)
    theirs_before = {path.name: content(path) for path in backups_folder(theirs).glob("*.sqlite3")}
    theirs_before = {name: rows for name, rows in theirs_before.items() if identity_of(theirs)[:8] in name}

    assert run("--db", str(mine), "status", now=at(24)).code == 0  # a day on: a new automatic backup

    assert 0 < sum(path.exists() for path in my_old) < 30, "this record's old ones were thinned"
    assert all(path.exists() for path in their_old)
    assert {name: content(backups_folder(theirs) / name) for name in theirs_before} == theirs_before

    kept_of_mine = {path for path in my_old if path.exists()}
    assert run("--db", str(theirs), "status", now=at(25)).code == 0

    assert 0 < sum(path.exists() for path in their_old) < 30
    assert {path for path in my_old if path.exists()} == kept_of_mine


def run_real_in(tmp_path: Path) -> Callable[..., Result]:
    """The installed ``skilltrack`` in a child process, on this test's private folders, at NOW."""
    env = dict(os.environ) | {
        "SKILLTRACK_NOW": NOW,
        "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
        "XDG_CONFIG_HOME": str(tmp_path / "xdg-config"),
        "PYTHONIOENCODING": "utf-8",
    }
    command = skilltrack_command()

    def invoke(*args: str) -> Result:
        return run_process([*command, *args], env=env, cwd=tmp_path)

    return invoke


def test_restoring_the_other_record_s_backup_is_refused_unless_asked_for(
    run: Run, mine: Path, theirs: Path, tmp_path: Path
) -> None:
    run_real = run_real_in(tmp_path)
    [their_backup] = [Path(str(item["path"])) for item in listed(run, theirs) if item["kind"] == "manual"]
    my_identity, their_identity = identity_of(mine), identity_of(theirs)
    before, files_before = image(mine), sorted(path.name for path in backups_folder(mine).iterdir())

    refused = run_real("--db", str(mine), "restore", str(their_backup), "--yes")

    assert refused.code == 1
    line = one_error_line(refused)
    assert str(their_backup) in line and "another record" in line
    assert their_identity[:8] in line and my_identity[:8] in line
    assert "--other-record" in line and "not changed" in line
    assert image(mine) == before
    assert sorted(path.name for path in backups_folder(mine).iterdir()) == files_before

    allowed = run_real("--db", str(mine), "restore", str(their_backup), "--yes", "--other-record")

    assert allowed.code == 0, allowed.err
    assert content(mine) == content(their_backup)
    assert identity_of(mine) == my_identity, "the record keeps its identity, and so its backups"
    assert identity_of(their_backup) == their_identity
    [pre_restore] = [item for item in listed(run, mine) if item["kind"] == "pre-restore"]
    assert pre_restore["this_record"] is True
    assert not [item for item in listed(run, theirs) if item["kind"] == "pre-restore"]

    # The record as it was is this record's own backup: restored without the flag.
    back = run_real("--db", str(mine), "restore", str(pre_restore["path"]), "--yes")
    assert back.code == 0, back.err
    assert all_rows(mine) == all_rows(Path(str(pre_restore["path"])))


def garbage(path: Path) -> None:
    path.write_bytes(random.Random(7).randbytes(8192))


def text(path: Path) -> None:
    path.write_text("date,minutes\n2026-11-24,30\n", encoding="utf-8")


def empty(path: Path) -> None:
    path.write_bytes(b"")


def another_program_s(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE invoice (id INTEGER PRIMARY KEY)")
    connection.commit()
    connection.close()


def a_folder(path: Path) -> None:
    path.mkdir()


def test_damaged_and_foreign_files_are_marked_and_never_break_the_listing(run: Run, mine: Path) -> None:
    folder = backups_folder(mine)
    own = identity_of(mine)[:8]
    [good] = sorted(folder.glob(f"work-{own}-*-manual.sqlite3"))
    cut_short = folder / f"work-{own}-20261101T100000Z-auto.sqlite3"
    cut_short.write_bytes(good.read_bytes()[: good.stat().st_size // 2])  # a copy of a backup, cut
    makers: dict[str, Callable[[Path], None]] = {
        f"work-{own}-20261102T100000Z-manual.sqlite3": garbage,
        f"work-{own}-20261103T100000Z-manual.sqlite3": text,
        f"work-{own}-20261104T100000Z-pre-fix.sqlite3": empty,
        f"work-{own}-20261105T100000Z-manual.sqlite3": another_program_s,
        f"work-{own}-20261106T100000Z-manual.sqlite3": a_folder,
        "work-20261107T100000Z-manual.sqlite3": garbage,  # named before backups carried an identity
    }
    for name, make in makers.items():
        make(folder / name)
    ignored = folder / "notes.sqlite3"
    garbage(ignored)
    damaged_names = {cut_short.name, *makers}

    items = listed(run, mine)

    by_name = {Path(str(item["path"])).name: item for item in items}
    assert damaged_names | {good.name} <= set(by_name)
    assert ignored.name not in by_name
    for name in damaged_names:
        assert by_name[name]["damaged"] is True, name
        assert by_name[name]["problem"], name
    assert by_name[good.name]["damaged"] is False
    assert by_name["work-20261107T100000Z-manual.sqlite3"]["this_record"] is None
    as_text = run("--db", str(mine), "backups")
    assert as_text.code == 0 and as_text.err == ""
    assert as_text.out.count("Damaged, cannot be restored:") == len(damaged_names)
    assert ignored.name not in as_text.out
    # Still no crash when a backup is due among them, and none of them is deleted by thinning.
    assert run("--db", str(mine), "status", now=at(24)).code == 0
    assert all((folder / name).exists() for name in damaged_names)
    before = image(mine)
    refused = run("--db", str(mine), "restore", str(cut_short), "--yes")
    assert refused.code == 1
    assert image(mine) == before


def test_an_upgraded_record_still_lists_its_older_backups_and_restores_them_only_when_asked(
    run: Run, tmp_path: Path
) -> None:
    record = tmp_path / "records" / "work.sqlite3"
    folder = backups_folder(record)
    folder.mkdir(parents=True)
    shutil.copyfile(SCHEMA2, record)
    # Backups as the schema-2 skilltrack named them: nothing in them or their names says whose they are.
    old_manual = folder / "work-20261101T100000Z-manual.sqlite3"
    old_autos = [folder / f"work-202611{day:02}T100000Z-auto.sqlite3" for day in range(2, 22)]
    for path in [old_manual, *old_autos]:
        shutil.copyfile(SCHEMA2, path)

    not_yet_upgraded = listed(run, record)
    assert names(not_yet_upgraded) == {path.name for path in [old_manual, *old_autos]}
    assert all(item["this_record"] is None and item["record"] is None for item in not_yet_upgraded)

    assert run("--db", str(record), "status").code == 0  # upgraded to schema 3, after its backup
    identity = identity_of(record)
    items = listed(run, record)

    [pre_upgrade] = [item for item in items if item["kind"] == "pre-upgrade"]
    assert pre_upgrade["from_schema"] == 2 and pre_upgrade["this_record"] is True
    assert Path(str(pre_upgrade["path"])).name.startswith(f"work-{identity[:8]}-")
    assert pre_upgrade["record"] is None  # it holds no identity: its name, given at the upgrade, says whose
    older = [item for item in items if item["this_record"] is None]
    assert names(older) == {path.name for path in [old_manual, *old_autos]}
    assert "record unknown" in run("--db", str(record), "backups").out

    # Automatic backups and thinning go on; the older ones are never thinned: whose they are is unknown.
    assert run("--db", str(record), "status", now=at(24 * 40)).code == 0
    assert all(path.exists() for path in old_autos)

    refused = run("--db", str(record), "restore", str(old_manual), "--yes")
    assert refused.code == 1
    assert "--other-record" in one_error_line(refused)

    restored = run("--db", str(record), "restore", str(old_manual), "--yes", "--other-record")
    assert restored.code == 0, restored.err
    assert f"Upgraded it from schema 2 to {SCHEMA_VERSION}" in restored.out
    assert identity_of(record) == identity
    assert content(record) == content(old_manual)

    again = run("--db", str(record), "restore", str(pre_upgrade["path"]), "--yes")
    assert again.code == 0, again.err
    assert identity_of(record) == identity


def test_a_third_record_named_alike_lists_only_its_own(run: Run, mine: Path, theirs: Path) -> None:
    third = theirs.with_suffix(".sqlite")  # work.sqlite: the same name again
    assert run("--db", str(third), "profile", "--set", "name=Ana").code == 0

    items = listed(run, third)

    assert [item["record"] for item in items] == [identity_of(third)]
    assert names(items).isdisjoint(names(listed(run, mine)) | names(listed(run, theirs)))


def test_with_no_record_every_backup_named_for_it_is_listed_with_its_record(
    run: Run, mine: Path, theirs: Path
) -> None:
    """The record is gone: its backups are what is left, so they are shown, each with its record."""
    gone = mine.with_name("work.old")
    items = listed(run, gone)

    assert {item["record"] for item in items} == {identity_of(mine), identity_of(theirs)}
    assert all(item["this_record"] is None for item in items)
    text = run("--db", str(gone), "backups")
    assert "cannot be identified" in text.out
    assert f"record {identity_of(theirs)[:8]}" in text.out


def test_a_new_record_gets_a_new_identity_that_its_backups_carry(run: Run, tmp_path: Path) -> None:
    one, two = tmp_path / "one.sqlite3", tmp_path / "two.sqlite3"
    for path in (one, two):
        assert run("--db", str(path), "log", "Go", "30m").code == 0
    assert identity_of(one) != identity_of(two)
    [backup] = listed(run, one)
    assert identity_of(Path(str(backup["path"]))) == identity_of(one)
    assert backup["record"] == identity_of(one)


def test_a_restore_of_this_record_s_own_backup_needs_no_flag_and_keeps_everything(
    run: Run, mine: Path
) -> None:
    [manual] = [Path(str(item["path"])) for item in listed(run, mine) if item["kind"] == "manual"]
    assert run("--db", str(mine), "log", "Go", "1h").code == 0

    result = run("--db", str(mine), "restore", str(manual), "--yes")

    assert result.code == 0, result.err
    assert all_rows(mine) == all_rows(manual)


def test_the_identity_is_in_no_export(run: Run, mine: Path, tmp_path: Path) -> None:
    """A record imported from another's export is a new record, not a copy: it gets its own identity."""
    exported = tmp_path / "export.json"
    assert run("--db", str(mine), "export", "-o", str(exported)).code == 0
    identity = identity_of(mine)
    written = exported.read_text(encoding="utf-8")
    assert identity not in written and f"{identity[:8]}-{identity[8:12]}" not in written
    other = tmp_path / "imported.sqlite3"
    assert run("--db", str(other), "import", str(exported)).code == 0
    assert identity_of(other) != identity_of(mine)


def test_a_backup_of_the_record_beside_is_not_restored_where_there_is_no_record(
    run: Run, mine: Path, theirs: Path
) -> None:
    """Restored as a new record named alike, it would share its identity, and so its backups, with the
    record beside it: refused, and with --other-record it starts a record with an identity of its own."""
    [their_backup] = [str(item["path"]) for item in listed(run, theirs) if item["kind"] == "manual"]
    missing = mine.with_name("work.sqlite")

    refused = run("--db", str(missing), "restore", their_backup, "--yes")

    assert refused.code == 1
    line = one_error_line(refused)
    assert str(theirs) in line and "--other-record" in line
    assert not missing.exists()

    made = run("--db", str(missing), "restore", their_backup, "--yes", "--other-record")

    assert made.code == 0, made.err
    assert content(missing) == content(Path(their_backup))
    assert identity_of(missing) not in {identity_of(theirs), identity_of(mine)}


def test_a_damaged_record_takes_back_its_own_backup_but_not_the_one_beside_it(
    run: Run, mine: Path, theirs: Path
) -> None:
    [my_backup] = [str(item["path"]) for item in listed(run, mine) if item["kind"] == "manual"]
    [their_backup] = [str(item["path"]) for item in listed(run, theirs) if item["kind"] == "manual"]
    identity = identity_of(mine)
    data = mine.read_bytes()  # no connection is open: the record is damaged as a disk would damage it
    mine.write_bytes(data[:100] + bytes(len(data) - 100))
    assert run("--db", str(mine), "status").code == 1

    refused = run("--db", str(mine), "restore", their_backup, "--yes")
    assert refused.code == 1 and str(theirs) in one_error_line(refused)

    restored = run("--db", str(mine), "restore", my_backup, "--yes")
    assert restored.code == 0, restored.err
    assert identity_of(mine) == identity
    assert all_rows(mine) == all_rows(Path(my_backup))
    assert run("--db", str(mine), "status").code == 0
