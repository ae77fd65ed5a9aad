"""Which format a file is in, told by its content (or forced with ``--from``), and reading it.

- ``skilltrack``: our JSON export, an object with ``"format": "skilltrack"``;
- ``csv``: our CSV export, header ``date,start,minutes,skill,kind,note,started_at,time_zone`` (or, as
  first written, the first six of those);
- ``watson``: Watson's frames file (a list of lists), ``watson log --json`` (a list of objects with a
  ``project``) or ``watson log --csv`` (header ``id,start,stop,project,tags``, local times);
- ``timewarrior``: ``timew export``, a list of objects with ``start`` (``YYYYMMDDTHHMMSSZ``) and no project.

A file is read once, front to back, a piece at a time (a JSON file through
:class:`~skilltrack.transfer.json_reader.JsonReader`), its records checked a chunk at a time and their
sessions kept in the import's :class:`~skilltrack.transfer.staging.Staging`. Refusals come in the order
they came when files were read whole: a file that is not UTF-8, then one that is not what it says (not
JSON, or not CSV), then the first record at fault. So a record at fault is held back until the rest of
the file has been read.
"""

import codecs
import io
from collections.abc import Callable, Iterator
from datetime import datetime
from functools import partial
from itertools import chain, islice
from typing import BinaryIO, TextIO, TypeVar
from zoneinfo import ZoneInfo

from skilltrack.domain.errors import InputError
from skilltrack.transfer.document import (
    FORMAT,
    RecordFile,
    SessionsRead,
    is_record_document,
    parse_record_document,
    read_sessions,
)
from skilltrack.transfer.external import (
    CSV_HEADER,
    LEGACY_CSV_HEADER,
    WATSON_CSV_HEADER,
    Parsed,
    csv_rows,
    parse_our_csv,
    parse_timewarrior,
    parse_watson_csv,
    parse_watson_frames,
    parse_watson_log,
)
from skilltrack.transfer.fields import kind_of, problem, shown
from skilltrack.transfer.json_reader import WINDOW, JsonReader
from skilltrack.transfer.staging import SessionFile, Staging

SOURCES = (FORMAT, "csv", "watson", "timewarrior")
_SOURCE_ALIASES = {"json": FORMAT, "timew": "timewarrior"}
_LISTS = ("watson", "timewarrior", "empty")
"""What a JSON list may be: another tool's sessions, or nothing at all."""
CHUNK = 5000
"""Records checked at a time."""

_Item = TypeVar("_Item")


def parse_source(text: str | None) -> str | None:
    """The ``--from`` option: one of :data:`SOURCES`, or ``None`` to tell from the content."""
    if text is None:
        return None
    cleaned = text.strip().lower()
    cleaned = _SOURCE_ALIASES.get(cleaned, cleaned)
    if cleaned not in SOURCES:
        raise InputError("from", f"{shown(text)} is not a format; use one of {', '.join(SOURCES)}")
    return cleaned


def read_file(
    stream: BinaryIO, source: str | None, *, now_utc: datetime, zone: ZoneInfo, staging: Staging
) -> RecordFile | SessionFile:
    """Read and check a whole file, its sessions into ``staging``; ``source`` forces its format (else it
    is told from the content). ``stream`` must be seekable: the start is read twice."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    try:
        try:
            return _read(text, source, now_utc, zone, staging)
        except InputError:
            while text.read(WINDOW):  # a byte that is not UTF-8, wherever it is, is refused first
                pass
            raise
    except UnicodeDecodeError:
        raise _not_utf8(stream) from None
    finally:
        text.detach()


def _read(
    text: TextIO, source: str | None, now_utc: datetime, zone: ZoneInfo, staging: Staging
) -> RecordFile | SessionFile:
    line = _first_line(text)
    if not line:
        raise problem("file", "", "is empty; there is nothing to import")
    text.seek(0)
    if line[0] in "[{":
        return _read_json(JsonReader(text), source, now_utc, zone, staging)
    header = [cell.strip() for cell in line.strip().lower().split(",")]
    if source is None:
        if header in (list(CSV_HEADER), list(LEGACY_CSV_HEADER)):
            source = "csv"
        elif header == list(WATSON_CSV_HEADER):
            source = "watson"
        else:
            raise problem(
                "file",
                "",
                "is not a format skilltrack imports (not JSON, and not a CSV with the header "
                f"{','.join(CSV_HEADER)} or Watson's {','.join(WATSON_CSV_HEADER)})",
            )
    parse: Callable[[list[tuple[int, list[str]]]], Parsed]
    layout: tuple[str, ...]
    if source == "csv":
        layout = LEGACY_CSV_HEADER if header == list(LEGACY_CSV_HEADER) else CSV_HEADER
        parse = partial(parse_our_csv, now_utc=now_utc, zone=zone, header=layout)
    elif source == "watson":
        layout = WATSON_CSV_HEADER
        parse = partial(parse_watson_csv, now_utc=now_utc, zone=zone)
    else:
        raise problem("file", "", f"is not JSON, so it cannot be a {source} file")
    refusal = _in_chunks(csv_rows(text, layout), lambda rows, _: staging.add_found(parse(rows), zone=zone))
    if refusal is not None:
        raise refusal
    return staging.session_file


def _read_json(
    reader: JsonReader, source: str | None, now_utc: datetime, zone: ZoneInfo, staging: Staging
) -> RecordFile | SessionFile:
    value: object
    opening = reader.opening()
    if opening == "[":
        wanted, refusal = reader.read_list(partial(_stage_list, staging, source, now_utc, zone))
        if refusal is not None:
            raise refusal
        if wanted in _LISTS:
            return staging.session_file
        value = []  # stands for the list, whose items have gone, in what is said of it
    elif opening == "{":
        value = reader.read_object("sessions", partial(_stage_sessions, staging))
        wanted = source or (FORMAT if is_record_document(value) else None)
    else:
        value = reader.read_value()
        wanted = source
    if wanted == FORMAT:
        return parse_record_document(value, now_utc, staging)
    if wanted is None:
        what = (
            kind_of(value)
            if not isinstance(value, list)
            else "a list of neither Watson frames nor Timewarrior intervals"
        )
        raise problem(
            "file",
            "",
            f"is JSON but {what}, which is not a format skilltrack imports; "
            "expected a skilltrack export, Watson frames or log, or a Timewarrior export",
        )
    if wanted == "csv":
        raise problem("file", "", "is JSON, not CSV")
    raise problem("file", "", f"is {kind_of(value)}; a {wanted} file is a list")


def _stage_sessions(staging: Staging, items: Iterator[object]) -> SessionsRead:
    """The ``sessions`` of an object, which may be a skilltrack export, into ``staging``."""
    staging.discard_sessions()  # a document that names its sessions twice keeps the last
    return SessionsRead(
        _in_chunks(items, lambda chunk, first: staging.add_sessions(first, read_sessions(chunk, first)))
    )


def _stage_list(
    staging: Staging, source: str | None, now_utc: datetime, zone: ZoneInfo, items: Iterator[object]
) -> tuple[str | None, InputError | None]:
    """The sessions of a list into ``staging``, when it is a list of them: what it was read as (told
    by its first item unless ``source`` says), and the first record at fault."""
    head = list(islice(items, 1))
    wanted = source or _list_source(head)
    if wanted not in _LISTS:
        return wanted, None
    if not head:
        staging.add_found(Parsed([], [], "an empty list (no sessions)", "name"), zone=zone)
        return wanted, None

    def parse(chunk: list[object], first: int) -> Parsed:
        if wanted == "timewarrior":
            return parse_timewarrior(chunk, now_utc, first)
        if isinstance(head[0], list):
            return parse_watson_frames(chunk, now_utc, first)
        return parse_watson_log(chunk, now_utc, zone, first)

    # Records are numbered from 1 in messages: frame 1, interval 1.
    return wanted, _in_chunks(
        chain(head, items), lambda chunk, first: staging.add_found(parse(chunk, first + 1), zone=zone)
    )


def _list_source(head: list[object]) -> str | None:
    """What a JSON list is, told by its first item (``head``), or ``None`` if none of the formats."""
    if not head:
        return "empty"
    first = head[0]
    if isinstance(first, list):
        return "watson"
    if isinstance(first, dict):
        if "project" in first:
            return "watson"
        if "start" in first:
            return "timewarrior"
    return None


def _in_chunks(items: Iterator[_Item], take: Callable[[list[_Item], int], None]) -> InputError | None:
    """Give ``items`` to ``take`` a chunk at a time, with the index of the chunk's first item (once with
    an empty chunk when there are none). After a chunk is refused, the rest is only read through; the
    refusal is returned, to be raised once the whole file has been read."""
    refusal: InputError | None = None
    position = 0
    while True:
        chunk = list(islice(items, CHUNK))
        if refusal is None and (chunk or not position):
            try:
                take(chunk, position)
            except InputError as error:
                refusal = error
        if not chunk:
            return refusal
        position += len(chunk)


def _first_line(text: TextIO) -> str:
    """The first line of the file that is not blank, from its first visible character (``""`` when
    the file is blank: empty, or whitespace only)."""
    while piece := text.read(WINDOW):
        line = piece.lstrip()
        if line:
            while "\n" not in line and (more := text.read(WINDOW)):
                line += more
            return line.split("\n", 1)[0]
    return ""


def _not_utf8(stream: BinaryIO) -> InputError:
    """The refusal of a file that is not UTF-8, naming the first byte that is not (counted after a
    byte-order mark, as decoding the whole file counted it)."""
    stream.seek(0)
    if stream.read(len(codecs.BOM_UTF8)) != codecs.BOM_UTF8:
        stream.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    done = 0
    while True:
        piece = stream.read(WINDOW)
        waiting = len(decoder.getstate()[0])  # the start of a character cut by the previous piece
        try:
            decoder.decode(piece, final=not piece)
        except UnicodeDecodeError as error:
            return problem(
                "file", "", f"is not UTF-8 text (byte {done - waiting + error.start} cannot be read)"
            )
        if not piece:
            return problem("file", "", "is not UTF-8 text")
        done += len(piece)
