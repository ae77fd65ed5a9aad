"""The team matrix's rules and the snapshot document, as pure functions of snapshots and today."""

import json
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from skilltrack.domain.framework import Framework
from skilltrack.domain.readiness import Status
from skilltrack.domain.team import (
    STALE_DAYS,
    ExpectationMark,
    LevelMark,
    Snapshot,
    SnapshotError,
    person_slug,
    read_snapshot,
    snapshot_document,
    snapshot_file_name,
    team_matrix,
)
from skilltrack.render.team import column_key, matrix_json, matrix_text

TODAY = date(2026, 11, 24)
MET, CLAIMED, PARTIAL, MISSING = Status.MET, Status.CLAIMED, Status.PARTIAL, Status.MISSING


def level(level_id: str, percent: int) -> LevelMark:
    return LevelMark(level_id, level_id.title(), percent, percent, 0, 0, 0, 2)


def person(
    name: str,
    statuses: tuple[Status, ...] = (MISSING, MISSING, MISSING),
    percents: tuple[int, int] = (0, 0),
    *,
    taken_on: date = TODAY,
    ladder: str = "Ladder",
) -> Snapshot:
    ids = ("senior.a", "senior.b", "lead.c")
    return Snapshot(
        name=name,
        ladder=ladder,
        taken_on=taken_on,
        target_level="senior",
        target_date=None,
        levels=(level("senior", percents[0]), level("lead", percents[1])),
        expectations=tuple(
            ExpectationMark(expectation_id, expectation_id.upper(), expectation_id.split(".")[0], status)
            for expectation_id, status in zip(ids, statuses, strict=True)
        ),
    )


def matrix_of(*snapshots: Snapshot, today: date = TODAY) -> Any:
    return team_matrix([(f"{person_slug(s.name)}.json", s) for s in snapshots], today)


def test_rows_are_expectations_and_columns_people_in_name_order() -> None:
    matrix = matrix_of(person("Zoë", (MET, PARTIAL, MISSING)), person("ada", (CLAIMED, MET, MISSING)))

    assert [member.name for member in matrix.members] == ["ada", "Zoë"]
    assert [(row.id, row.statuses) for row in matrix.rows] == [
        ("senior.a", (CLAIMED, MET)),
        ("senior.b", (MET, PARTIAL)),
        ("lead.c", (MISSING, MISSING)),
    ]


def test_nobody_meets_what_no_one_has_shown_a_claim_is_not_meeting_it() -> None:
    matrix = matrix_of(person("Ada", (CLAIMED, MET, PARTIAL)), person("Bob", (CLAIMED, MISSING, MISSING)))

    assert [row.id for row in matrix.nobody_meets] == ["senior.a", "lead.c"]


def test_closest_is_the_highest_percent_toward_each_persons_own_next_level() -> None:
    done_senior = person("Ada", percents=(100, 60))
    close_to_senior = person("Bob", percents=(80, 10))

    closest = matrix_of(done_senior, close_to_senior).closest

    assert [(member.name, mark.id, mark.percent) for member, mark in closest] == [("Bob", "senior", 80)]


def test_a_tie_for_closest_names_everyone_tied() -> None:
    closest = matrix_of(person("Bob", percents=(100, 70)), person("Ada", percents=(70, 0))).closest

    assert [(member.name, mark.id) for member, mark in closest] == [("Ada", "senior"), ("Bob", "lead")]


def test_someone_who_completed_every_level_is_not_in_the_running() -> None:
    matrix = matrix_of(person("Ada", percents=(100, 100)))

    assert matrix.closest == ()
    assert "Closest to their next level: Everyone has completed every level." in matrix_text(matrix)


@pytest.mark.parametrize(("age", "stale"), [(0, False), (STALE_DAYS, False), (STALE_DAYS + 1, True)])
def test_a_snapshot_is_stale_after_thirty_days(age: int, stale: bool) -> None:
    taken_on = date.fromordinal(TODAY.toordinal() - age)

    (member,) = matrix_of(person("Ada", taken_on=taken_on)).members

    assert (member.age_days, member.stale) == (age, stale)
    assert (f"stale: {age} days old" in matrix_text(matrix_of(person("Ada", taken_on=taken_on)))) is stale


def test_one_person_under_two_file_names_counts_once_the_newer_snapshot() -> None:
    older = person("Ada Lovelace", (MET, MET, MET), taken_on=date(2026, 10, 1))
    newer = person("ada  lovelace", (MISSING, MISSING, MISSING), taken_on=date(2026, 11, 20))

    matrix = team_matrix([("a.json", newer), ("b.json", older)], TODAY)

    (member,) = matrix.members
    assert (member.source, member.snapshot.taken_on) == ("a.json", date(2026, 11, 20))
    assert matrix.notes == ("b.json: left out, Ada Lovelace has a newer snapshot in a.json (2026-11-20)",)


def test_snapshots_of_different_ladders_leave_the_others_expectations_blank() -> None:
    other = replace(
        person("Bob", ladder="Other ladder"),
        expectations=(ExpectationMark("x.only", "Only theirs", "senior", MET),),
    )

    matrix = matrix_of(person("Ada"), other)

    assert matrix.ladders == ("Ladder", "Other ladder")
    assert {row.id: row.statuses for row in matrix.rows}["x.only"] == (None, MET)
    assert {row.id: row.statuses for row in matrix.rows}["senior.a"] == (MISSING, None)
    assert "Ladders differ: Ladder; Other ladder" in matrix_text(matrix)


def test_the_matrix_as_json() -> None:
    document = matrix_json(matrix_of(person("Ada", (MET, CLAIMED, MISSING), (55, 5)), person("Bob")))

    assert document["people"][0]["next_level"] == {"id": "senior", "title": "Senior", "percent": 55}
    assert document["levels"][0]["percent"] == {"Ada": 55, "Bob": 0}
    assert document["expectations"][1]["status"] == {"Ada": "claimed", "Bob": "missing"}
    assert document["nobody_meets"] == ["senior.b", "lead.c"]
    assert document["closest_to_next_level"] == [{"name": "Ada", "level": "senior", "percent": 55}]
    json.dumps(document)


def test_names_and_titles_from_other_peoples_files_cannot_drive_the_terminal() -> None:
    text = matrix_text(matrix_of(person("Eve\x1b[2J")))

    assert "\x1b" not in text
    assert "Eve␛[2J" in text


def test_column_keys_go_past_z() -> None:
    assert [column_key(n) for n in (0, 25, 26, 27, 51, 52)] == ["A", "Z", "AA", "AB", "AZ", "BA"]


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Ada Lovelace", "ada-lovelace"),
        ("Zoë  Ångström", "zoë-ångström"),
        ("../../etc/passwd", "etc-passwd"),
        ("...", "person"),
        ("O'Brien_Jr", "o-brien-jr"),
    ],
)
def test_a_persons_file_name_stays_in_the_folder(name: str, slug: str) -> None:
    assert person_slug(name) == slug
    assert snapshot_file_name(name) == f"{slug}.skilltrack-readiness.json"


# ── the document ──────────────────────────────────────────────────────────────────────────────


def test_a_snapshot_reads_back_as_it_was_written(framework: Framework) -> None:
    original = replace(
        person("Ada", (MET, CLAIMED, PARTIAL), (40, 12)),
        target_date=date(2027, 6, 30),
        expectations=(
            ExpectationMark("senior.a", "A", "senior", MET, date(2026, 9, 8)),
            ExpectationMark("senior.b", "B", "senior", CLAIMED),
        ),
    )

    assert read_snapshot(json.loads(json.dumps(snapshot_document(original)))) == original


def valid() -> dict[str, Any]:
    return snapshot_document(person("Ada", (MET, PARTIAL, MISSING), (40, 10)))


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda d: d.update(format="skilltrack-export"), "format: is not 'skilltrack-readiness'"),
        (lambda d: d.update(version=2), "version: 2 is not one this skilltrack reads"),
        (lambda d: d.update(version=True), "version: True is not one this skilltrack reads"),
        (lambda d: d.update(name=""), "name: is empty"),
        (lambda d: d.update(name=7), "name: is not text"),
        (lambda d: d.update(name="Eve\x1b[2J"), "name: contains"),
        (lambda d: d.update(date="2026-13-01"), "date: '2026-13-01' is not a date (YYYY-MM-DD)"),
        (lambda d: d.update(date="20261124"), "date: '20261124' is not a date"),
        (lambda d: d.update(levels=[]), "levels: is empty"),
        (
            lambda d: d["levels"][0].update(percent=101),
            "levels[0].percent: is not a whole number from 0 to 100",
        ),
        (lambda d: d["levels"][1].update(met=-1), "levels[1].met: is not a whole number"),
        (lambda d: d["expectations"][2].update(status="done"), "expectations[2].status: is not one of met"),
        (
            lambda d: d["expectations"][0].update(first_met_on=5),
            "expectations[0].first_met_on: is not a date",
        ),
        (lambda d: d.update(target=None), "target: is not an object"),
        (lambda d: d.update(expectations={}), "expectations: is not a list"),
    ],
)
def test_a_wrong_field_is_named_with_what_is_accepted(change: Any, problem: str) -> None:
    document = valid()
    change(document)

    with pytest.raises(SnapshotError) as raised:
        read_snapshot(document)

    assert str(raised.value).startswith(problem)


@pytest.mark.parametrize("document", [None, [], "text", 3])
def test_a_document_that_is_not_an_object_is_refused(document: object) -> None:
    with pytest.raises(SnapshotError, match="the file: is not a JSON object"):
        read_snapshot(document)
