"""Reading a file a piece at a time gives what reading it whole gave: the same JSON values, the same
refusal (message, line and column) for a broken file, the same first byte that is not UTF-8 — whatever
size the pieces are."""

import io
import json
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skilltrack.domain.errors import InputError
from skilltrack.transfer import formats, json_reader
from skilltrack.transfer.formats import read_file
from skilltrack.transfer.json_reader import JsonReader
from skilltrack.transfer.staging import Staging

SAMPLES = Path(__file__).with_name("samples")
PIECES = [
    "[", "]", "{", "}", ",", ":", " ", "\n", "\r\n", "\t", '"', "\u00a0",
    '"sessions"', '"a"', '"x\\"y"', '"\\u12', '"\\ud800"', "1", "-", ".", "e", "1e400", "-Infinity",
    "true", "tru", "null", "NaN", "[1,2]", '{"k":[1]}', '"sessions": [', "x",
]  # fmt: skip
"""Pieces of JSON and of what breaks it, to build texts from."""
SIZES = [1, 2, 3, 7, 64, json_reader.WINDOW]
"""Window sizes: from a character at a time (every value cut somewhere) to the real one."""


def whole(text: str) -> tuple[str, object]:
    """What reading ``text`` whole with ``json.loads`` gave, worded as the import worded it."""
    try:
        return "value", json.loads(text)
    except json.JSONDecodeError as error:
        if error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string"):
            return (
                "refused",
                f"file: ends before its JSON is complete (line {error.lineno}); it may have been cut short",
            )
        return "refused", f"file: is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
    except RecursionError:
        return "refused", "file: is nested too deeply to be an import file"
    except ValueError as error:
        return "refused", f"file: is not valid JSON ({error})"


def in_pieces(text: str, size: int) -> tuple[str, object]:
    """What :class:`JsonReader` gives for ``text`` read ``size`` characters at a time (a list whole, an
    object's ``sessions`` list streamed)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(json_reader, "LOOKAHEAD", size)
        reader = JsonReader(io.StringIO(text, newline=""), window=size)
        try:
            opening = reader.opening()
            if opening == "[":
                return "value", reader.read_list(list)
            if opening == "{":
                return "value", reader.read_object("sessions", list)
            return "value", reader.read_value()
        except InputError as error:
            return "refused", str(error)


def same(text: str) -> None:
    expected = whole(text)
    for size in SIZES:
        found = in_pieces(text, size)
        if expected[0] == "value" and found[0] == "value":  # NaN is not equal to itself; its text is
            assert json.dumps(found[1]) == json.dumps(expected[1]), (text, size)
        else:
            assert found == expected, (text, size)


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=14).map("".join))
def test_texts_of_json_pieces_read_alike(text: str) -> None:
    same(text)


EXPORT = json.dumps(
    {
        "format": "skilltrack",
        "schema_version": 2,
        "skills": [{"uuid": "3b489a47-097a-46a7-8b78-c345238c19eb", "name": "Go"}],
        "sessions": [{"uuid": f"u{number}", "minutes": 30 + number, "note": "a\nb ✓"} for number in range(4)],
        "timer": None,
    },
    indent=2,
    ensure_ascii=False,
)


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from([EXPORT, (SAMPLES / "watson-frames.json").read_text(encoding="utf-8")]),
    st.integers(0, 10_000),
    st.integers(0, 10_000),
    st.sampled_from(["", "]", ",", '"', "\n", "x", "{", "\\"]),
)
def test_cut_and_changed_files_read_alike(text: str, cut: int, at: int, insert: str) -> None:
    changed = text[: cut % (len(text) + 1)]
    spot = at % (len(changed) + 1)
    same(changed[:spot] + insert + changed[spot:])


@pytest.mark.parametrize("text", ["[" * 5000 + "]" * 5000, "[" + "9" * 5000 + "]", "[1]  \n\n", " [] "])
def test_odd_documents_read_alike(text: str) -> None:
    same(text)


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=12).map(lambda tail: b"[" + tail), st.booleans())
def test_the_first_byte_that_is_not_utf8_is_named(data: bytes, mark: bool) -> None:
    data = (b"\xef\xbb\xbf" if mark else b"") + data
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        expected = f"file: is not UTF-8 text (byte {error.start} cannot be read)"
    else:
        return
    with pytest.MonkeyPatch.context() as patch, Staging() as staging:
        patch.setattr(formats, "WINDOW", 2)  # characters cut between pieces
        now = datetime(2026, 11, 24, tzinfo=UTC)
        with pytest.raises(InputError) as refused:
            read_file(io.BytesIO(data), None, now_utc=now, zone=ZoneInfo("UTC"), staging=staging)
    assert str(refused.value) == expected
