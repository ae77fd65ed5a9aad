"""The naming rules of backups that carry their record's identity: every name reads back as written, a
record sees only its own names, and whose backup an identity-less one is, is never guessed."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skilltrack.record.backup import backup_name, backups_named_for, belongs_to, parse_backup_name
from skilltrack.record.backup_names import IDENTITY_IN_NAME, backed_up_lately, name_parts

RECORD = Path("/records/work.sqlite3")
MINE = "3f2a9c1e7b4d4e0a9c1e5f2a3b4c5d6e"
THEIRS = "0b5e55ed9a8b4c7d8e9f0a1b2c3d4e5f"
IDENTITIES = st.text("0123456789abcdef", min_size=32, max_size=32)
KINDS = st.sampled_from(["auto", "manual", "pre-restore", "pre-fix", "damaged"]) | st.integers(1, 99).map(
    lambda schema: f"pre-upgrade-schema{schema}"
)
INSTANTS = st.datetimes(min_value=datetime(1000, 1, 1), max_value=datetime(9999, 12, 31)).map(
    lambda moment: moment.replace(microsecond=0, tzinfo=UTC)
)
NOW = datetime(2026, 11, 24, 18, 30, tzinfo=UTC)


@given(identity=IDENTITIES, kind=KINDS, taken_at=INSTANTS, serial=st.integers(1, 10_000))
def test_a_name_carries_the_start_of_the_identity_and_reads_back(
    identity: str, kind: str, taken_at: datetime, serial: int
) -> None:
    name = backup_name(RECORD, kind, taken_at, serial, identity=identity)
    backup = parse_backup_name(RECORD, RECORD.parent / "backups" / name)

    assert name.startswith(f"work-{identity[:IDENTITY_IN_NAME]}-")
    assert backup is not None
    assert (backup.taken_at, backup.serial, backup.record) == (taken_at, serial, identity[:IDENTITY_IN_NAME])
    assert backup.kind_in_name == kind


@given(kind=KINDS, taken_at=INSTANTS, serial=st.integers(1, 10_000))
def test_an_older_name_reads_back_with_no_record(kind: str, taken_at: datetime, serial: int) -> None:
    name = backup_name(RECORD, kind, taken_at, serial)
    backup = parse_backup_name(RECORD, RECORD.parent / "backups" / name)

    assert backup is not None
    assert (backup.taken_at, backup.serial, backup.record) == (taken_at, serial, None)


def test_the_format() -> None:
    taken = datetime(2026, 11, 24, 18, 30, tzinfo=UTC)
    assert backup_name(RECORD, "auto", taken, identity=MINE) == "work-3f2a9c1e-20261124T183000Z-auto.sqlite3"
    assert (
        backup_name(RECORD, "pre-upgrade-schema2", taken, 3, identity=MINE)
        == "work-3f2a9c1e-20261124T183000Z-pre-upgrade-schema2-3.sqlite3"
    )
    assert backup_name(RECORD, "manual", taken) == "work-20261124T183000Z-manual.sqlite3"


@pytest.mark.parametrize(
    "name",
    [
        "work-3F2A9C1E-20261124T183000Z-auto.sqlite3",  # skilltrack writes lowercase hex only
        "work-3f2a9c1-20261124T183000Z-auto.sqlite3",
        "work-3f2a9c1e0-20261124T183000Z-auto.sqlite3",
        "work-3f2a9c1g-20261124T183000Z-auto.sqlite3",
        "work-3f2a9c1e-20261124T183000Z-weekly.sqlite3",
        "work-3f2a9c1e--20261124T183000Z-auto.sqlite3",
        "work-3f2a9c1e-20261124T183000Z-auto.sqlite3.partial",
        "work-3f2a9c1e.sqlite3",
        "home-3f2a9c1e-20261124T183000Z-auto.sqlite3",
    ],
)
def test_other_names_are_not_backups(name: str) -> None:
    assert name_parts(RECORD, name) is None


def test_records_sharing_a_file_name_see_only_their_own_names(tmp_path: Path) -> None:
    """``work.sqlite3`` and ``work.db`` in one folder: one file name for their backups, two identities."""
    folder = tmp_path / "backups"
    folder.mkdir()
    mine, theirs = tmp_path / "work.sqlite3", tmp_path / "work.db"
    for identity in (MINE, THEIRS, None):
        for hours in (1, 30):
            name = backup_name(mine, "auto", NOW - timedelta(hours=hours), identity=identity)
            (folder / name).write_bytes(b"")

    def records(identity: str | None) -> set[str | None]:
        return {backup.record for backup in backups_named_for(theirs, identity)}

    assert records(MINE) == {MINE[:IDENTITY_IN_NAME]}
    assert records(THEIRS) == {THEIRS[:IDENTITY_IN_NAME]}
    assert records(None) == {None}
    assert len(backups_named_for(mine, MINE)) == 2


def test_only_this_record_s_recent_self_taken_backup_counts(tmp_path: Path) -> None:
    record = tmp_path / "work.sqlite3"
    folder = tmp_path / "backups"
    folder.mkdir()
    # Recent ones: another record's, and one named before backups carried an identity.
    (folder / backup_name(record, "auto", NOW - timedelta(minutes=1), identity=THEIRS)).write_bytes(b"")
    (folder / backup_name(record, "auto", NOW - timedelta(minutes=1))).write_bytes(b"")
    (folder / backup_name(record, "manual", NOW - timedelta(minutes=1), identity=MINE)).write_bytes(b"")
    (folder / backup_name(record, "auto", NOW - timedelta(minutes=30), identity=MINE)).write_bytes(b"")
    assert not backed_up_lately(record, NOW, MINE)
    assert backed_up_lately(record, NOW, THEIRS)
    (folder / backup_name(record, "pre-fix", NOW - timedelta(minutes=29), identity=MINE)).write_bytes(b"")
    assert backed_up_lately(record, NOW, MINE)


@pytest.mark.parametrize(
    ("record", "identity", "name_record", "schema", "expected"),
    [
        (MINE, MINE, MINE[:8], 3, True),
        (MINE, MINE, None, 3, True),  # renamed, or named before: the identity inside decides
        (MINE, THEIRS, MINE[:8], 3, False),  # named as this record's, holding another's
        (MINE, THEIRS, THEIRS[:8], 3, False),
        (None, THEIRS, None, 3, False),  # a record without an identity yet
        # Made by schema 1 or 2: this record's only when its name says the upgrade took it for this record.
        (MINE, None, MINE[:8], 2, True),
        (MINE, None, MINE[:8], None, True),  # damaged: listed as this record's, never restorable
        (MINE, None, None, 2, None),
        (MINE, None, THEIRS[:8], 2, None),
        (None, None, None, 2, None),
        (MINE, None, MINE[:8], 3, None),  # schema 3 with its identity missing: not told by name
    ],
)
def test_whose_backup_it_is(
    record: str | None,
    identity: str | None,
    name_record: str | None,
    schema: int | None,
    expected: bool | None,
) -> None:
    assert belongs_to(record, identity, name_record, schema) is expected
