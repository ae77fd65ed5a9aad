"""The sessions of a skilltrack export are read a column at a time when the file is as skilltrack writes
it, and one entry at a time otherwise: both readings must accept the same files, give the same values
and refuse with the same message (the column reading never refuses; it hands over)."""

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skilltrack.domain.errors import InputError
from skilltrack.transfer.document import (
    SessionColumns,
    _sessions,
    _sessions_as_written,
    _sessions_one_by_one,
)
from tests.transfer.helpers import Run

NOW = datetime(2026, 11, 24, 18, 30, tzinfo=UTC)
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
        result: SessionColumns = reader(items, SKILLS, NOW)
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


@settings(max_examples=300, deadline=None)
@given(changes, st.sampled_from([None, *EXTRA]), st.booleans())
def test_both_readings_agree(
    edits: list[tuple[int, tuple[str, Any]]], extra: str | None, duplicate: bool
) -> None:
    items: list[Any] = [entry(number) for number in range(6)]
    for index, (name, value) in edits:
        items[index] = {**items[index], name: value}
        if value is MISSING:
            del items[index][name]
    if extra is not None:
        items[2] = {**items[2], extra: "x"}
    if duplicate:
        items[4] = {**items[4], "uuid": items[1]["uuid"]}
    assert read(items, _sessions) == read(items, _sessions_one_by_one)


@pytest.mark.parametrize("items", [[entry(number) for number in range(50)], [entry(1, note=MISSING)], []])
def test_a_file_as_written_is_read_by_columns(items: list[object]) -> None:
    quick = _sessions_as_written(items, SKILLS, NOW)
    assert quick is not None
    assert quick == _sessions_one_by_one(items, SKILLS, NOW)


@pytest.mark.parametrize("item", [[1, 2], "text", None])
def test_an_entry_that_is_not_an_object_is_named(item: object) -> None:
    with pytest.raises(InputError, match=r"sessions\[1\]"):
        _sessions([entry(0), item], SKILLS, NOW)


def test_export_writes_rows_stored_otherwise_as_the_orm_reads_them(run: Run, db_path: Path) -> None:
    """Export writes each session from its stored text; a row stored in another spelling (upper-case
    hex, no microseconds, a note with quotes and a line break) comes out as the ORM reads it."""
    assert run("log", "Go", "25m", "--note", 'says "hi"\nand\tmore — ok').code == 0
    assert run("log", "Go", "40m").code == 0
    plain = run("export").json()["sessions"]
    connection = sqlite3.connect(db_path)
    with connection:
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
