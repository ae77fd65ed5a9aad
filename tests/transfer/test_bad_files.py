"""A bad file changes nothing: exit 2, one line naming the record and the field, no row added."""

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.transfer.helpers import Run, integrity, one_error_line, record_with_sessions, row_counts

SAMPLES = Path(__file__).with_name("samples")


@pytest.fixture(scope="module")
def one_session(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A record holding one session of Go, made once; each test imports into a copy."""
    return record_with_sessions(tmp_path_factory.mktemp("record") / "record.sqlite3", {1: "already here"})


def frames() -> list[list[object]]:
    loaded: list[list[object]] = json.loads((SAMPLES / "watson-frames.json").read_text(encoding="utf-8"))
    return loaded


def with_frame(index: int, position: int, value: object) -> str:
    changed = frames()
    changed[index][position] = value
    return json.dumps(changed)


def watson_log(change: Callable[[list[dict[str, object]]], None]) -> str:
    items: list[dict[str, object]] = json.loads((SAMPLES / "watson-log.json").read_text(encoding="utf-8"))
    change(items)
    return json.dumps(items)


def drop(items: list[dict[str, object]], index: int, key: str) -> None:
    del items[index][key]


def record_document(change: Callable[[dict[str, object]], None]) -> str:
    skill = "3b489a47-097a-46a7-8b78-c345238c19eb"
    document: dict[str, object] = {
        "format": "skilltrack",
        "schema_version": 1,
        "skills": [
            {
                "uuid": skill,
                "name": "Go",
                "kind": "language",
                "aliases": [],
                "created_at": "2026-11-01T10:00:00+00:00",
            }
        ],
        "sessions": [
            {
                "uuid": f"00000000-0000-4000-8000-00000000000{number}",
                "skill_uuid": skill,
                "started_at": f"2026-11-0{number + 1}T19:00:00+00:00",
                "time_zone": "UTC",
                "local_day": f"2026-11-0{number + 1}",
                "minutes": 30,
                "kind": "study",
                "note": "",
                "created_at": "2026-11-20T10:00:00+00:00",
            }
            for number in range(3)
        ],
    }
    change(document)
    return json.dumps(document)


def session_field(index: int, key: str, value: object) -> Callable[[dict[str, object]], None]:
    def change(document: dict[str, object]) -> None:
        items = document["sessions"]
        assert isinstance(items, list)
        items[index][key] = value

    return change


def without_session_field(index: int, key: str) -> Callable[[dict[str, object]], None]:
    def change(document: dict[str, object]) -> None:
        items = document["sessions"]
        assert isinstance(items, list)
        del items[index][key]

    return change


SAMPLE_TEXT = (SAMPLES / "watson-frames.json").read_text(encoding="utf-8")
TIMEW_TEXT = (SAMPLES / "timewarrior-export.json").read_text(encoding="utf-8")
CSV_TEXT = (
    "date,start,minutes,skill,kind,note\n"
    "2026-11-02,19:00,75,Kafka,reading,\n"
    "2026-11-03,07:30,40,Go,practice,\n"
)

CASES: list[tuple[str, str | bytes, tuple[str, ...], str]] = [
    # (name, file contents, extra options, start of the error after "skilltrack: ")
    ("truncated JSON", SAMPLE_TEXT[: len(SAMPLE_TEXT) // 2], (), "file: ends before its JSON is complete"),
    ("truncated record export", record_document(lambda _: None)[:-40], (), "file: ends before its JSON"),
    ("not JSON", "this is not an export\n", (), "file: is not a format skilltrack imports"),
    (
        "broken JSON",
        '[[1793646000, 1793650500, "kafka" "x"]]',
        (),
        "file: is not valid JSON (line 1, column 35",
    ),
    ("empty", "", (), "file: is empty"),
    ("not UTF-8", b"\xff\xfe[\x00]", (), "file: is not UTF-8 text"),
    ("unknown JSON", '{"hello": "world"}', (), "file: is JSON but an object"),
    ("a list of numbers", "[1, 2, 3]", (), "file: is JSON but a list of neither"),
    (
        "stop before start",
        with_frame(2, 1, 1793822000),
        (),
        "frame 3: stop: 2026-11-04T19:53:20+00:00 is before its start",
    ),
    (
        "start in the future",
        with_frame(4, 0, 1893456000),
        (),
        "frame 5: start: 2030-01-01T00:00:00+00:00 is in the future",
    ),
    (
        "over 24 hours",
        with_frame(1, 1, 1793691000 + 25 * 3600),
        (),
        "frame 2: stop: the session lasts 25.0 hours",
    ),
    (
        "text for a time",
        with_frame(0, 0, "yesterday"),
        (),
        'frame 1: start: is the text "yesterday"; expected seconds',
    ),
    (
        "tags not a list",
        with_frame(6, 4, "practice"),
        (),
        'frame 7: tags: is the text "practice"; expected a list',
    ),
    ("a number for a project", with_frame(3, 2, 42), (), "frame 4: project: is the number 42; expected text"),
    ("a short frame", json.dumps([*frames()[:5], frames()[5][:3]]), (), "frame 6: id: is missing"),
    ("an empty id", with_frame(0, 3, " "), (), "frame 1: id: is empty"),
    ("a project too long", with_frame(8, 2, "x" * 70), (), "frame 9: project: is 70 characters long"),
    ("missing stop", watson_log(lambda items: drop(items, 1, "stop")), (), "frame 2: stop: is missing"),
    (
        "offset-free time",
        watson_log(lambda items: items[2].update(start="tomorrow")),
        (),
        'frame 3: start: "tomorrow" is not a time',
    ),
    (
        "timew bad instant",
        TIMEW_TEXT.replace("20261106T184500Z", "2026-11-06 18:45"),
        (),
        'interval 4: start: "2026-11-06 18:45" is not a time',
    ),
    (
        "timew end before start",
        TIMEW_TEXT.replace("20261103T081000Z", "20261103T071000Z"),
        (),
        "interval 2: end: 2026-11-03T07:10:00+00:00 is before its start",
    ),
    (
        "csv bad minutes",
        CSV_TEXT + "2026-11-04,20:00,abc,Go,study,\n",
        (),
        'line 4: minutes: "abc" is not a whole number',
    ),
    (
        "csv bad kind",
        CSV_TEXT.replace("practice", "napping"),
        (),
        'line 3: kind: "napping" is not a session kind',
    ),
    (
        "csv future day",
        CSV_TEXT.replace("2026-11-03", "2026-12-03"),
        (),
        "line 3: start: 2026-12-03T07:30:00+00:00 is in the future",
    ),
    ("csv missing column", CSV_TEXT + "2026-11-04,20:00,30\n", (), "line 4: skill: is missing"),
    ("unknown --from", SAMPLE_TEXT, ("--from", "toggl"), 'from: "toggl" is not a format'),
    ("wrong --from", SAMPLE_TEXT, ("--from", "csv"), "file: is JSON, not CSV"),
    ("map on our export", record_document(lambda _: None), ("--map", "a=Go"), "map: applies to csv, watson"),
    (
        "newer export",
        record_document(lambda doc: doc.update(schema_version=3)),
        (),
        "file: schema_version: 3 is newer",
    ),
    (
        "missing field",
        record_document(without_session_field(1, "minutes")),
        (),
        "sessions[1]: minutes: is missing",
    ),
    (
        "wrong type",
        record_document(session_field(2, "minutes", "30")),
        (),
        'sessions[2]: minutes: is the text "30"; expected a whole number',
    ),
    (
        "unknown field",
        record_document(session_field(0, "duration", 30)),
        (),
        'sessions[0]: "duration": is not a field',
    ),
    (
        "bad kind",
        record_document(session_field(1, "kind", "nap")),
        (),
        'sessions[1]: kind: "nap" is not a session kind',
    ),
    (
        "dangling skill",
        record_document(session_field(2, "skill_uuid", "11111111-1111-4111-8111-111111111111")),
        (),
        "sessions[2]: skill_uuid: 11111111-1111-4111-8111-111111111111 is not the uuid of any skill",
    ),
    (
        "repeated uuid",
        record_document(session_field(2, "uuid", "00000000-0000-4000-8000-000000000000")),
        (),
        "sessions[2]: uuid: 00000000-0000-4000-8000-000000000000 is also the uuid of sessions[0]",
    ),
    (
        "future session",
        record_document(session_field(0, "started_at", "2027-01-01T00:00:00+00:00")),
        (),
        "sessions[0]: started_at: 2027-01-01T00:00:00+00:00 is in the future",
    ),
    (
        "no offset",
        record_document(session_field(0, "started_at", "2026-11-01T19:00:00")),
        (),
        'sessions[0]: started_at: "2026-11-01T19:00:00" has no UTC offset',
    ),
    (
        "bad zone",
        record_document(session_field(0, "time_zone", "Mars/Olympus")),
        (),
        'sessions[0]: time_zone: "Mars/Olympus" is not a known time zone',
    ),
]


@pytest.mark.parametrize(
    ("contents", "options", "expected"), [case[1:] for case in CASES], ids=[c[0] for c in CASES]
)
def test_a_bad_file_changes_nothing_and_names_the_record_and_field(
    run: Run,
    tmp_path: Path,
    db_path: Path,
    one_session: Path,
    contents: str | bytes,
    options: tuple[str, ...],
    expected: str,
) -> None:
    shutil.copyfile(one_session, db_path)
    before = row_counts(db_path)
    assert before["learning_session"] == 1
    path = tmp_path / "bad-file"
    if isinstance(contents, bytes):
        path.write_bytes(contents)
    else:
        path.write_text(contents, encoding="utf-8")
    line = one_error_line(run("import", str(path), *options))
    assert line.startswith(f"skilltrack: {expected}"), line
    assert row_counts(db_path) == before
    assert one_error_line(run("import", str(path), "--dry-run", *options)) == line


def test_a_missing_file_is_named(run: Run, tmp_path: Path) -> None:
    line = one_error_line(run("import", str(tmp_path / "nope.json")))
    assert line == f"skilltrack: file: {tmp_path / 'nope.json'}: there is no such file"
    assert one_error_line(run("import", str(tmp_path))).endswith("is a folder; give a file")


def test_the_first_bad_record_of_many_is_named_and_nothing_is_written(
    run: Run, tmp_path: Path, db_path: Path
) -> None:
    from tests.transfer.make_watson import watson_frames

    generated = watson_frames(2000)
    generated[1500][1] = int(str(generated[1500][0])) - 60
    path = tmp_path / "frames.json"
    path.write_text(json.dumps(generated), encoding="utf-8")
    assert run("log", "Go", "30m").code == 0
    line = one_error_line(run("import", str(path)))
    assert line.startswith("skilltrack: frame 1501: stop: ")
    assert row_counts(db_path)["learning_session"] == 1
    assert row_counts(db_path)["skill"] == 1


def test_the_record_itself_is_refused_under_any_name_and_stays_sound(
    run: Run, tmp_path: Path, db_path: Path, one_session: Path
) -> None:
    """Importing the record's own file (or a hard link to it) would open it with Python's own I/O while
    a connection holds SQLite's locks on it, and closing that file drops them: it is refused unread."""
    shutil.copyfile(one_session, db_path)
    before = row_counts(db_path)
    link = tmp_path / "export.json"
    os.link(db_path, link)
    for name in (db_path, link):
        for options in ((), ("--dry-run",)):
            line = one_error_line(run("import", str(name), *options))
            assert line == f"skilltrack: file: {name} is your record's own file; give another file"
    assert row_counts(db_path) == before
    assert integrity(db_path) == "ok"
    assert run("log", "Go", "20m").code == 0  # and it is still in use as a record
    assert row_counts(db_path)["learning_session"] == before["learning_session"] + 1
