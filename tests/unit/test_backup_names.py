"""Backup names are read without a regular expression or strptime: every name skilltrack writes reads back
as written, and anything else is not a backup."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skilltrack.record.backup import backup_name, parse_backup_name
from skilltrack.record.backup_names import backed_up_lately, name_parts, stamp_instant

RECORD = Path("/records/skilltrack.sqlite3")
KINDS = st.sampled_from(["auto", "manual", "pre-restore", "pre-fix", "damaged"]) | st.integers(1, 99).map(
    lambda schema: f"pre-upgrade-schema{schema}"
)
INSTANTS = st.datetimes(min_value=datetime(1000, 1, 1), max_value=datetime(9999, 12, 31)).map(
    lambda moment: moment.replace(microsecond=0, tzinfo=UTC)
)


@given(kind=KINDS, taken_at=INSTANTS, serial=st.integers(1, 10_000))
def test_every_name_skilltrack_writes_reads_back(kind: str, taken_at: datetime, serial: int) -> None:
    name = backup_name(RECORD, kind, taken_at, serial)
    backup = parse_backup_name(RECORD, RECORD.parent / "backups" / name)
    assert backup is not None
    assert (backup.taken_at, backup.serial) == (taken_at, serial)
    if kind.startswith("pre-upgrade-schema"):
        assert (backup.kind, backup.from_schema) == (
            "pre-upgrade",
            int(kind.removeprefix("pre-upgrade-schema")),
        )
    else:
        assert (backup.kind, backup.from_schema) == (kind, None)


@pytest.mark.parametrize(
    "name",
    [
        "skilltrack-20261124T183000Z-auto.sqlite3.partial",
        "other-20261124T183000Z-auto.sqlite3",
        "skilltrack-20261124T183000Z-weekly.sqlite3",
        "skilltrack-20261124T183000Z-auto-.sqlite3",
        "skilltrack-20261124T183000Z-auto-x.sqlite3",
        "skilltrack-20261124T183000Z-pre-upgrade-schema.sqlite3",
        "skilltrack-20261124T183000Z-pre-upgrade-schema-2.sqlite3",
        "skilltrack-20261124T183000-auto.sqlite3",
        "skilltrack-20261324T183000Z-auto.sqlite3",
        "skilltrack-2026112４T183000Z-auto.sqlite3",
        "skilltrack-20261124T183000Zauto.sqlite3",
        "skilltrack.sqlite3",
        "",
    ],
)
def test_other_names_are_not_backups(name: str) -> None:
    assert name_parts(RECORD, name) is None


@given(text=st.text(max_size=20))
def test_any_stamp_text_is_an_instant_or_none(text: str) -> None:
    instant = stamp_instant(text)
    assert instant is None or instant.strftime("%Y%m%dT%H%M%SZ") == text


def test_only_a_recent_self_taken_backup_counts(tmp_path: Path) -> None:
    record = tmp_path / "skilltrack.sqlite3"
    now = datetime(2026, 11, 24, 18, 30, tzinfo=UTC)
    assert not backed_up_lately(record, now)  # no backups folder yet
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / backup_name(record, "manual", now - timedelta(minutes=1))).write_bytes(b"")
    (folder / backup_name(record, "auto", now - timedelta(minutes=30))).write_bytes(b"")
    assert not backed_up_lately(record, now)
    (folder / backup_name(record, "pre-fix", now - timedelta(minutes=29))).write_bytes(b"")
    assert backed_up_lately(record, now)
