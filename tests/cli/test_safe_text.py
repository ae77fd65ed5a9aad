"""Text in and out on the command line: what the record refuses is refused in one line, what it holds
from before is printed without a raw control character, and files written with ``-o`` are written whole
or not at all (a disk that fills mid-write leaves the old file as it was, and no temporary file)."""

import errno
import json
import os
import pathlib
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from skilltrack.domain.errors import InputError
from skilltrack.files import write_output
from tests.cli.helpers import Run, listed, one_error_line, sessions

ESC = "\x1b"


def record_path() -> Path:
    return Path(os.environ["SKILLTRACK_DB"])


def store_old_values(path: Path) -> None:
    """Values stored before the record refused control characters (an old version, an old import)."""
    connection = sqlite3.connect(path)
    try:
        with connection:
            connection.execute(
                "UPDATE learning_session SET note = ?", ("\x1b]0;pwned\x07\x1b[2Jred\x1b[31m\u202etxt.exe\r",)
            )
            connection.execute("UPDATE skill SET name = ? WHERE name = 'Go'", ("Go\x1b[5m",))
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("log", "Go", "30m", "--note", "done\x1b[2J"),
            "note: contains a control character (U+001B) at position 5; use plain text",
        ),
        (
            ("log", "Go", "30m", "--note", "a\x00b"),
            "note: contains a control character (U+0000) at position 2; use plain text",
        ),
        (
            ("log", "Go", "30m", "--note", "ok \u202egnp.exe"),
            "note: contains a text direction control (U+202E) at position 4; use plain text",
        ),
        (
            ("log", "Go\x1b[31m", "30m"),
            "skill: contains a control character (U+001B) at position 3; use plain text",
        ),
        (
            ("profile", "--set", "name=Ana\x9b2J"),
            "name: contains a control character (U+009B) at position 4; use plain text",
        ),
        (
            ("profile", "--set", "target_date=2999-01-01"),
            "target_date: 2999-01-01 is too far off; use a date from 1950 to 2199",
        ),
        (
            ("evidence", "add", "Paged\x07", "--kind", "incident"),
            "title: contains a control character (U+0007) at position 6; use plain text",
        ),
    ],
    ids=lambda value: value[0] if isinstance(value, tuple) else "",
)
def test_what_the_record_refuses_is_refused_in_one_line(
    run: Run, args: tuple[str, ...], message: str
) -> None:
    result = run(*args)
    assert result.code == 2
    assert one_error_line(result) == f"skilltrack: {message}"
    assert ESC not in result.err
    assert not record_path().exists()


def test_a_target_date_the_record_takes_is_one_its_import_takes(run: Run, tmp_path: Path) -> None:
    assert run("profile", "--set", "target_date=2199-12-31", "--set", "name= Ana \t Lima ").code == 0
    exported = tmp_path / "record.json"
    assert run("export", "-o", str(exported)).code == 0
    other = tmp_path / "other.sqlite3"
    assert run("--db", str(other), "import", str(exported)).code == 0
    profile = run("--db", str(other), "profile", "--json").json()
    assert (profile["name"], profile["target_date"]) == ("Ana Lima", "2199-12-31")


def test_a_note_typed_on_several_lines_is_kept_on_one(run: Run) -> None:
    assert run("log", "Go", "30m", "--note", "first line\nsecond\tline ").code == 0
    assert [row["note"] for row in sessions(run)] == ["first line second line"]


def test_session_list_shows_old_control_characters_as_stand_ins(run: Run) -> None:
    assert run("log", "Go", "30m", "--note", "placeholder").code == 0
    store_old_values(record_path())
    shown = run("session", "list")
    assert shown.code == 0, shown.err
    assert ESC not in shown.out and "\x07" not in shown.out and "\r" not in shown.out
    assert "\u202e" not in shown.out
    assert "␛]0;pwned␇␛[2Jred␛[31m\\u202etxt.exe␍" in shown.out
    assert "Go␛[5m" in shown.out
    assert len(shown.out.splitlines()) == 3  # header, rule, the one session: nothing broke the line
    as_json = listed(run("session", "list", "--json"))
    assert as_json[0]["note"] == "\x1b]0;pwned\x07\x1b[2Jred\x1b[31m\u202etxt.exe\r"  # the data, exactly


def test_skill_list_shows_old_control_characters_as_stand_ins(run: Run) -> None:
    assert run("log", "Go", "30m").code == 0
    store_old_values(record_path())
    shown = run("skill", "list")
    assert shown.code == 0, shown.err
    assert ESC not in shown.out and "Go␛[5m" in shown.out


# --- outputs written whole or not at all -----------------------------------------------------------------


class FillingDisk:
    """A text file whose disk fills after ``room`` characters: the write that passes it writes what
    fits, then fails with ENOSPC, as a real full disk does."""

    def __init__(self, handle: Any, room: int) -> None:
        self._handle = handle
        self._room = room

    def write(self, text: str) -> int:
        if len(text) <= self._room:
            self._room -= len(text)
            return int(self._handle.write(text))
        self._handle.write(text[: self._room])
        self._handle.flush()
        self._room = 0
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)

    def __enter__(self) -> "FillingDisk":
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()


@pytest.fixture
def full_disk_after(monkeypatch: pytest.MonkeyPatch) -> Callable[[int], None]:
    """Make every temporary file an output is written to run out of disk after so many characters."""

    def fill_after(room: int) -> None:
        real_open = pathlib.Path.open

        def opening(path: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
            handle = real_open(path, mode, *args, **kwargs)
            if "w" in mode and path.name.startswith(".") and path.name.endswith(".tmp"):
                return FillingDisk(handle, room)
            return handle

        monkeypatch.setattr(pathlib.Path, "open", opening)

    return fill_after


OLD = "the report of last week, kept whole\n"


@pytest.mark.parametrize(
    "command",
    [("report",), ("report", "--format", "html"), ("export",), ("export", "--format", "csv")],
    ids=" ".join,
)
@pytest.mark.parametrize("room", [0, 100])
def test_a_disk_that_fills_mid_write_leaves_the_old_file_and_no_temporary_file(
    run: Run, tmp_path: Path, full_disk_after: Callable[[int], None], command: tuple[str, ...], room: int
) -> None:
    for day in range(1, 6):
        assert run("log", "Go", "30m", "--date", f"2026-11-{day:02d}", "--note", "x" * 50).code == 0
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "report.txt"
    target.write_text(OLD, encoding="utf-8")
    full_disk_after(room)
    result = run(*command, "-o", str(target))
    assert result.code == 2
    assert one_error_line(result) == (
        f"skilltrack: output: {target} cannot be written (No space left on device); it was left as it was"
    )
    assert target.read_text(encoding="utf-8") == OLD
    assert sorted(path.name for path in folder.iterdir()) == ["report.txt"]


def test_the_app_s_export_writes_whole_or_leaves_the_old_file(
    tmp_path: Path, full_disk_after: Callable[[int], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app writes its reports with ``files.write_output``, as ``report -o`` does."""
    target = tmp_path / "report.html"
    target.write_text(OLD, encoding="utf-8")
    record = tmp_path / "record.sqlite3"
    full_disk_after(10)
    with pytest.raises(InputError, match="No space left on device"):
        write_output(target, "<!DOCTYPE html>" + "x" * 10_000, record)
    assert target.read_text(encoding="utf-8") == OLD
    assert [path.name for path in tmp_path.iterdir()] == ["report.html"]

    monkeypatch.undo()
    target.chmod(0o640)
    written = write_output(target, "new", record)
    assert written.read_text(encoding="utf-8") == "new"
    assert target.stat().st_mode & 0o777 == 0o640  # the new file keeps the old one's permissions
    assert [path.name for path in tmp_path.iterdir()] == ["report.html"]


def test_a_failure_when_the_file_is_flushed_to_disk_leaves_the_old_file(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("log", "Go", "30m").code == 0
    target = tmp_path / "report.md"
    target.write_text(OLD, encoding="utf-8")

    def no_room(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_room)
    result = run("report", "--format", "markdown", "-o", str(target))
    assert result.code == 2
    assert "No space left on device" in one_error_line(result)
    assert target.read_text(encoding="utf-8") == OLD
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []


def test_every_note_a_command_writes_is_held_to_the_rule(run: Run) -> None:
    """A session's edit, a rating and the timer's stop take a note too: each refuses what log refuses."""
    assert run("log", "Go", "30m", "--at", "09:00", "--note", "first").code == 0
    [session] = sessions(run)
    refused = "note: contains a control character (U+001B) at position 4; use plain text"
    for args in (
        ("session", "edit", session["id"][:8], "--note", "bad\x1b[2J"),
        ("skill", "rate", "Go", "3", "--note", "bad\x1b[2J"),
    ):
        result = run(*args)
        assert result.code == 2, args
        assert one_error_line(result) == f"skilltrack: {refused}"
    assert run("start", "Go").code == 0
    stopped = run("stop", "--note", "bad\x1b[2J")
    assert stopped.code == 2
    assert one_error_line(stopped) == f"skilltrack: {refused}"
    assert [row["note"] for row in sessions(run)] == ["first"]


def test_an_edit_of_an_old_note_prints_it_with_stand_ins(run: Run) -> None:
    assert run("log", "Go", "30m", "--at", "09:00", "--note", "placeholder").code == 0
    store_old_values(record_path())
    [session] = sessions(run)
    edited = run("session", "edit", session["id"][:8], "--note", "fixed")
    assert edited.code == 0, edited.err
    assert ESC not in edited.out and "\u202e" not in edited.out and "␛]0;pwned" in edited.out


def test_json_output_carries_no_raw_c1_control_and_reads_back_the_same(run: Run) -> None:
    """A terminal reads U+009B as the start of an escape sequence: JSON prints it escaped."""
    assert run("log", "Go", "30m", "--at", "09:00", "--note", "placeholder").code == 0
    connection = sqlite3.connect(record_path())
    try:
        with connection:
            connection.execute("UPDATE learning_session SET note = ?", ("before\x9b2Jafter",))
    finally:
        connection.close()
    listed_json = run("session", "list", "--json")
    assert listed_json.code == 0
    assert "\x9b" not in listed_json.out and "\\u009b" in listed_json.out
    [row] = json.loads(listed_json.out)
    assert row["note"] == "before\x9b2Jafter"
