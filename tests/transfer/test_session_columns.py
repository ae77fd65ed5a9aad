"""The sessions of a skilltrack export are read a column at a time when the file is as skilltrack writes
it, and one entry at a time otherwise: both readings must accept the same files, give the same values
and refuse with the same message (the column reading never refuses; it hands over). What concerns them
all (a uuid twice, an unknown skill, a start in the future) is asked of them where they wait to be
written, piece by piece, and must be refused as when the whole list was checked in memory."""

import io
import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skilltrack.domain.errors import InputError
from skilltrack.record.values import read_instant, stored_instant
from skilltrack.transfer import formats
from skilltrack.transfer.document import (
    SessionColumns,
    _sessions_as_written,
    _sessions_one_by_one,
    read_sessions,
)
from skilltrack.transfer.formats import read_file
from skilltrack.transfer.staging import Staging
from tests.transfer.helpers import Run

NOW = datetime(2026, 11, 24, 18, 30, tzinfo=UTC)
UTC_ZONE = ZoneInfo("UTC")
SKILL = UUID("6f1d2c8e-3b7a-5e41-9c0d-5a8b7e2f4d13")
OTHER_SKILL = UUID("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")
SKILLS = {SKILL, OTHER_SKILL}


def entry(number: int, **changes: Any) -> dict[str, Any]:
    value: dict[str, Any] = {
        "uuid": str(UUID(int=number + 1)),
        "skill_uuid": str(SKILL if number % 2 else OTHER_SKILL),
        "started_at": f"2026-10-{1 + number % 28:02d}T09:{number % 60:02d}:00+00:00",
        "time_zone": "Europe/Lisbon",
        "local_day": f"2026-10-{1 + number % 28:02d}",
        "minutes": 25 + number % 30,
        "kind": "study",
        "note": f"note {number}",
        "created_at": "2026-10-29T10:00:00.123456+00:00",
    }
    value.update(changes)
    return {key: item for key, item in value.items() if item is not MISSING}


MISSING = object()

# Each a value one field may take: as an export writes it, valid in another spelling, or not valid.
VARIANTS: dict[str, list[Any]] = {
    "uuid": [
        "0ae5b9a0-5fd5-4a2b-9b1e-1f0e2d3c4b5a",
        "0AE5B9A0-5FD5-4A2B-9B1E-1F0E2D3C4B5A",
        "{0ae5b9a0-5fd5-4a2b-9b1e-1f0e2d3c4b5a}",
        "0ae5b9a05fd54a2b9b1e1f0e2d3c4b5a",
        "nope",
        7,
        "0ae5b9a0-5fd5-4a2b-9b1e-1f0e2d3c4b5\u0661",
    ],
    "skill_uuid": [str(SKILL), str(SKILL).upper(), str(UUID(int=99)), None],
    "started_at": [
        "2026-10-03T08:00:00+00:00",
        "2026-10-03T08:00:00.5+00:00",
        "2026-10-03T10:00:00+02:00",
        "2026-10-03T08:00:00Z",
        " 2026-10-03T08:00:00+00:00",
        "2026-10-03T08:00:00",
        "2026-02-30T08:00:00+00:00",
        "1949-12-31T23:00:00+00:00",
        "2027-01-01T00:00:00+00:00",
        "2026-11-24T18:30:00+00:00",
        "2026-11-24T18:30:00.000001+00:00",
        "2026-10-03T24:00:00+00:00",
    ],
    "time_zone": ["UTC", " UTC ", "Europe/Berlin", "Mars/Olympus", "", "Europe/\ud800"],
    "local_day": [
        "2026-10-03",
        "2026-13-01",
        "1949-12-31",
        "2026-10-03\n",
        "2026-10-3",
        "２０２６-10-03",
        None,
    ],
    "minutes": [1, 1440, 0, 1441, True, 30.0, "30"],
    "kind": ["practice", "mock-interview", "Study", ""],
    "note": ["", "a\nb", "\ud800", 3, MISSING],
    "created_at": [
        "2020-01-01T00:00:00+00:00",
        "2020-01-01T00:00:00.000001+00:00",
        "2199-12-31T23:59:59+00:00",
        "2200-01-01T00:00:00+00:00",
        "2020-01-01T01:00:00+01:00",
    ],
}
EXTRA = ["extra", "Note"]


def read(items: list[object], reader: Any) -> SessionColumns | str:
    try:
        result: SessionColumns = reader(items, 0)
    except InputError as error:
        return str(error)
    return result


changes = st.lists(
    st.tuples(
        st.integers(0, 5),
        st.sampled_from(sorted(VARIANTS)).flatmap(
            lambda name: st.tuples(st.just(name), st.sampled_from(VARIANTS[name]))
        ),
    ),
    max_size=3,
)


def edited(edits: list[tuple[int, tuple[str, Any]]], extra: str | None, duplicate: bool) -> list[Any]:
    items: list[Any] = [entry(number) for number in range(6)]
    for index, (name, value) in edits:
        items[index] = {**items[index], name: value}
        if value is MISSING:
            del items[index][name]
    if extra is not None:
        items[2] = {**items[2], extra: "x"}
    if duplicate:
        items[4] = {**items[4], "uuid": items[1]["uuid"]}
    return items


edited_lists = st.builds(edited, changes, st.sampled_from([None, *EXTRA]), st.booleans())


@settings(max_examples=300, deadline=None)
@given(edited_lists)
def test_both_readings_agree(items: list[Any]) -> None:
    assert read(items, read_sessions) == read(items, _sessions_one_by_one)


def refused_in_memory(items: list[object]) -> str | None:
    """The refusal of a list of sessions as it was checked whole, in memory: each entry, then a uuid
    given twice, then entry by entry its skill and its start."""
    try:
        sessions = _sessions_one_by_one(items, 0)
    except InputError as error:
        return str(error)
    first: dict[str, int] = {}
    for place, uuid in enumerate(sessions.uuids):
        if uuid in first:
            return f"sessions[{place}]: uuid: {UUID(uuid)} is also the uuid of sessions[{first[uuid]}]"
        first[uuid] = place
    for place, (skill, started) in enumerate(zip(sessions.skill_uuids, sessions.started_at, strict=True)):
        if UUID(skill) not in SKILLS:
            return f"sessions[{place}]: skill_uuid: {UUID(skill)} is not the uuid of any skill in the file"
        if started > stored_instant(NOW):
            return (
                f"sessions[{place}]: started_at: {read_instant(started).isoformat()} is in the future "
                f"(now is {NOW.isoformat()})"
            )
    return None


def refused_as_read(items: list[object]) -> str | None:
    """The refusal of a skilltrack export holding ``items`` as its sessions, read a piece at a time."""
    skills = [
        {"uuid": str(skill), "name": name, "kind": "language", "created_at": "2026-01-01T00:00:00+00:00"}
        for skill, name in ((SKILL, "Go"), (OTHER_SKILL, "Rust"))
    ]
    document = {"format": "skilltrack", "schema_version": 2, "skills": skills, "sessions": items}
    with Staging() as staging:
        try:
            read_file(
                io.BytesIO(json.dumps(document).encode()), None, now_utc=NOW, zone=UTC_ZONE, staging=staging
            )
        except InputError as error:
            return str(error)
    return None


@settings(max_examples=200, deadline=None)
@given(edited_lists)
def test_the_whole_list_is_refused_as_when_it_was_checked_in_memory(items: list[Any]) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(formats, "CHUNK", 2)  # the pieces are checked apart
        assert refused_as_read(items) == refused_in_memory(items)


@pytest.mark.parametrize("items", [[entry(number) for number in range(50)], [entry(1, note=MISSING)], []])
def test_a_file_as_written_is_read_by_columns(items: list[object]) -> None:
    quick = _sessions_as_written(items)
    assert quick is not None
    assert quick == _sessions_one_by_one(items, 0)


@pytest.mark.parametrize("item", [[1, 2], "text", None])
def test_an_entry_that_is_not_an_object_is_named(item: object) -> None:
    with pytest.raises(InputError, match=r"sessions\[1\]"):
        read_sessions([entry(0), item], 0)


def test_export_writes_rows_stored_otherwise_as_the_orm_reads_them(run: Run, db_path: Path) -> None:
    """Export writes each session from its stored text; a row stored in another spelling (upper-case
    hex, no microseconds, a note with quotes and a line break) comes out as the ORM reads it."""
    assert run("log", "Go", "25m", "--note", 'says "hi"').code == 0
    assert run("log", "Go", "40m").code == 0
    plain = run("export").json()["sessions"]
    connection = sqlite3.connect(db_path)
    with connection:
        # A note as an older version stored it: a line break and a TAB in it (a note typed now is one line).
        connection.execute(
            "UPDATE learning_session SET note = ? WHERE minutes = 25", ('says "hi"\nand\tmore — ok',)
        )
        connection.execute(
            "UPDATE learning_session SET uuid = upper(uuid), "
            "started_at_utc = substr(started_at_utc, 1, 19), created_at_utc = substr(created_at_utc, 1, 16) "
            "WHERE minutes = 40"
        )
    connection.close()
    out = run("export").out
    document = json.loads(out)
    assert out == json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    changed = next(item for item in document["sessions"] if item["minutes"] == 40)
    before = next(item for item in plain if item["minutes"] == 40)
    assert changed["uuid"] == before["uuid"]
    assert changed["started_at"] == before["started_at"][:19] + "+00:00"
    assert changed["created_at"] == before["created_at"][:16] + ":00+00:00"
    assert (
        next(item for item in document["sessions"] if item["minutes"] == 25)["note"]
        == 'says "hi"\nand\tmore — ok'
    )
