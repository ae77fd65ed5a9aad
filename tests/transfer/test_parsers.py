"""The file readers on their own: format detection, Watson, Timewarrior and CSV records, derived ids."""

import io
import json
from datetime import UTC, date, datetime
from pathlib import Path
from uuid import uuid5
from zoneinfo import ZoneInfo

import pytest

from skilltrack.domain.errors import InputError
from skilltrack.record.values import stored_instant
from skilltrack.transfer.document import RecordFile
from skilltrack.transfer.external import (
    NAMESPACE,
    Parsed,
    _careful_frame,
    compose_note,
    csv_rows,
    derived_uuid,
    parse_timewarrior,
    parse_watson_frames,
    split_tags,
)
from skilltrack.transfer.fields import stored_epoch, stored_epochs
from skilltrack.transfer.formats import parse_source, read_file
from skilltrack.transfer.staging import Staging
from tests.transfer.make_watson import watson_frames

SAMPLES = Path(__file__).with_name("samples")
NOW = datetime(2026, 11, 24, 18, 30, tzinfo=UTC)
UTC_ZONE = ZoneInfo("UTC")


class Kept(Staging):
    """A staging database that also keeps each piece of sessions it is given, to be looked at."""

    def __init__(self) -> None:
        super().__init__()
        self.pieces: list[Parsed] = []

    def add_found(self, parsed: Parsed, *, zone: ZoneInfo) -> None:
        self.pieces.append(parsed)
        super().add_found(parsed, zone=zone)


def read_data(data: bytes, source: str | None = None, zone: ZoneInfo = UTC_ZONE) -> Parsed:
    """Another tool's file (or our CSV) read whole: every session found in it."""
    with Kept() as staging:
        read_file(io.BytesIO(data), source, now_utc=NOW, zone=zone, staging=staging)
        read = staging.session_file
        found = [entry for piece in staging.pieces for entry in piece.found]
    return Parsed(found, read.skipped, read.source, read.name_field, read.record_kind)


def read(name: str, source: str | None = None, zone: ZoneInfo = UTC_ZONE) -> Parsed:
    return read_data((SAMPLES / name).read_bytes(), source, zone)


@pytest.mark.parametrize(
    ("name", "source", "count"),
    [
        ("watson-frames.json", "Watson frames", 12),
        ("watson-log.json", "Watson log", 12),
        ("watson-log.csv", "Watson CSV", 12),
        ("timewarrior-export.json", "Timewarrior export", 8),
    ],
)
def test_each_sample_is_recognised_by_its_content(name: str, source: str, count: int) -> None:
    parsed = read(name)
    assert parsed.source == source
    assert len(parsed.found) == count


def test_the_three_watson_shapes_agree_on_instants_lengths_and_kinds() -> None:
    frames, log, table = (read(name) for name in ("watson-frames.json", "watson-log.json", "watson-log.csv"))

    def essence(parsed: Parsed) -> list[tuple[object, ...]]:
        return [(f.started_at_utc, f.minutes, f.names, f.kind, f.tags) for f in parsed.found]

    assert essence(frames) == essence(log) == essence(table)
    # The frames file and the JSON log carry the full ids: the same derived UUIDs.
    assert [f.uuid for f in frames.found] == [f.uuid for f in log.found]
    assert frames.found[0].uuid == uuid5(NAMESPACE, "watson:34fbc31df9004d7390cb818663b4d701").hex


def test_watson_csv_times_are_read_in_the_home_zone() -> None:
    berlin = read("watson-log.csv", zone=ZoneInfo("Europe/Berlin"))
    assert berlin.found[0].started_at_utc == datetime(2026, 11, 2, 18, 0, tzinfo=UTC)


@pytest.mark.parametrize("name", ["watson:34fbc31", "timewarrior:[…]", "csv:ünïcødé ✓", ""])
def test_derived_uuid_is_uuid5_in_the_fixed_namespace(name: str) -> None:
    assert derived_uuid(name) == uuid5(NAMESPACE, name).hex


def test_the_three_watson_paths_read_frames_alike() -> None:
    """Column by column (all usual), frame by frame (one is not), and the careful path: the same."""
    generated = watson_frames(300, seed=7)
    careful = [_careful_frame(index + 1, frame, NOW) for index, frame in enumerate(generated)]
    assert parse_watson_frames(list(generated), NOW).found == careful
    unusual: list[object] = [*generated, [1793646000.5, 1793650500, "go", "odd", ["study"]]]
    assert parse_watson_frames(unusual, NOW).found[:300] == careful


def test_whole_and_fractional_seconds_and_short_frames_are_accepted() -> None:
    parsed = parse_watson_frames(
        [[1793646000.4, 1793650500.9, "kafka", "a", ["study"]], [1793646000, 1793646029, "go", "b"]], NOW
    )
    assert [found.minutes for found in parsed.found] == [75, 1]
    assert parsed.found[1].kind == "study"  # no kind tag: the default


@pytest.mark.parametrize(
    ("tags", "kind", "kind_tag", "others", "not_kinds"),
    [
        (["study", "reading"], "reading", "reading", ("study",), ()),
        (
            ["mock interview", "system-design"],
            "mock-interview",
            "mock interview",
            ("system-design",),
            ("system-design",),
        ),
        (
            ["build", "go", "grpc", "side-project"],
            "build",
            "build",
            ("go", "grpc", "side-project"),
            ("go", "grpc"),
        ),
        (["indexes"], None, "", ("indexes",), ("indexes",)),
        (["practice", "practice"], "practice", "practice", (), ()),
    ],
)
def test_split_tags_takes_the_most_specific_kind(
    tags: list[str], kind: str | None, kind_tag: str, others: tuple[str, ...], not_kinds: tuple[str, ...]
) -> None:
    assert split_tags(tags) == (kind, kind_tag, others, not_kinds)


def test_compose_note() -> None:
    assert compose_note("", []) == ""
    # Alone, an annotation is the note as its parser checked it: our CSV's note is kept byte for byte.
    assert compose_note(" two  spaces\nand a line ", []) == " two  spaces\nand a line "
    assert compose_note(" spans ", ["x"]) == "spans (tags: x)"
    assert compose_note("", ["a", "b"]) == "tags: a, b"
    assert compose_note("spans", ["tracing"]) == "spans (tags: tracing)"


def test_timewarrior_identity_does_not_depend_on_tag_order() -> None:
    def interval(tags: list[str]) -> str:
        item = {"id": 1, "start": "20261102T190000Z", "end": "20261102T201500Z", "tags": tags}
        return parse_timewarrior([item], NOW).found[0].uuid

    assert interval(["kafka", "study"]) == interval(["study", "kafka"])
    assert interval(["kafka", "study"]) != interval(["kafka", "reading"])


def test_timewarrior_candidates_are_the_tags_that_are_not_kinds() -> None:
    found = read("timewarrior-export.json").found
    assert found[4].names == ("go", "grpc")
    assert found[4].tags == ("go", "grpc", "side-project")
    assert found[2].annotation == "URL shortener, 45 min design + review"


def test_csv_rows_know_the_line_each_record_starts_on() -> None:
    text = (
        "date,start,minutes,skill,kind,note\n"
        '2026-11-02,19:00,75,Kafka,reading,"two\nlines"\n'
        "\n"
        "2026-11-03,07:30,40,Go,practice,\n"
    )
    lines = io.StringIO(text, newline="")
    assert [line for line, _ in csv_rows(lines, ("date", "start", "minutes", "skill", "kind", "note"))] == [
        2,
        5,
    ]


def test_our_csv_gives_the_day_and_reads_the_start_in_the_home_zone() -> None:
    text = "date,start,minutes,skill,kind,note\n2026-11-03,00:30,40,Go,Mock Interview,x\n"
    parsed = read_data(text.encode(), None, zone=ZoneInfo("Europe/Berlin"))
    (found,) = parsed.found
    assert found.local_day == date(2026, 11, 3)
    assert found.started_at_utc == datetime(2026, 11, 2, 23, 30, tzinfo=UTC)
    assert found.kind == "mock-interview"


def test_our_json_is_read_as_a_record() -> None:
    text = json.dumps({"format": "skilltrack", "schema_version": 1})
    with Staging() as staging:
        parsed = read_file(io.BytesIO(text.encode()), None, now_utc=NOW, zone=UTC_ZONE, staging=staging)
        assert isinstance(parsed, RecordFile)
        assert staging.session_counts() == (0, 0) and parsed.profile is None


def test_an_empty_list_holds_nothing_to_import() -> None:
    parsed = read_data(b"[]")
    assert isinstance(parsed, Parsed) and parsed.found == []


@pytest.mark.parametrize(
    ("typed", "source"),
    [("Watson", "watson"), ("timew", "timewarrior"), ("json", "skilltrack"), (" csv ", "csv"), (None, None)],
)
def test_from_accepts_the_formats_and_their_short_names(typed: str | None, source: str | None) -> None:
    assert parse_source(typed) == source


def test_from_refuses_anything_else() -> None:
    with pytest.raises(InputError, match='from: "toggl" is not a format'):
        parse_source("toggl")


@pytest.mark.parametrize(
    "text",
    [
        '[[1793646000, 1793650500, "go", "\\ud800", []]]',
        '[[1793646000, 1793650500, "go", "a", ["\\udfff"]]]',
        '[[1e400, 1793650500, "go", "a", []]]',
        '[[NaN, 1793650500, "go", "a", []]]',
        '[[true, 1793650500, "go", "a", []]]',
        '[[-99999999999, 1793650500, "go", "a", []]]',
        '[{"start": "20261102T190000Z", "end": "20261302T190000Z", "tags": ["go"]}]',
        '[{"project": "go", "id": "x", "start": "9999-12-31T23:59:59-23:59", "stop": "2026-01-01"}]',
        "[" * 100_000 + "]" * 100_000,
        "[" + "9" * 5000 + "]",
    ],
)
def test_odd_values_are_refused_as_input_errors(text: str) -> None:
    with pytest.raises(InputError):
        read_data(text.encode("utf-8", "surrogatepass"))


@pytest.mark.parametrize("epoch", [-631152000, -1, 0, 59, 86399, 86400, 1793646000, 1795545000, 7258118399])
def test_stored_epoch_is_stored_utc_of_the_same_instant(epoch: int) -> None:
    assert stored_epoch(epoch) == stored_instant(datetime.fromtimestamp(epoch, UTC))
    assert stored_epochs([epoch, epoch + 1]) == [stored_epoch(epoch), stored_epoch(epoch + 1)]
    assert len(stored_epoch(epoch)) == 26
