"""Which format a file is in, told by its content (or forced with ``--from``), and reading it whole.

- ``skilltrack``: our JSON export, an object with ``"format": "skilltrack"``;
- ``csv``: our CSV export, header ``date,start,minutes,skill,kind,note,started_at,time_zone`` (or, as
  first written, the first six of those);
- ``watson``: Watson's frames file (a list of lists), ``watson log --json`` (a list of objects with a
  ``project``) or ``watson log --csv`` (header ``id,start,stop,project,tags``, local times);
- ``timewarrior``: ``timew export``, a list of objects with ``start`` (``YYYYMMDDTHHMMSSZ``) and no project.
"""

import json
from datetime import datetime
from zoneinfo import ZoneInfo

from skilltrack.domain.errors import InputError
from skilltrack.transfer.document import RecordFile, is_record_document, parse_record_document
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

RECORD_FORMAT = "skilltrack"
SOURCES = ("skilltrack", "csv", "watson", "timewarrior")
_SOURCE_ALIASES = {"json": "skilltrack", "timew": "timewarrior"}


def parse_source(text: str | None) -> str | None:
    """The ``--from`` option: one of :data:`SOURCES`, or ``None`` to tell from the content."""
    if text is None:
        return None
    cleaned = text.strip().lower()
    cleaned = _SOURCE_ALIASES.get(cleaned, cleaned)
    if cleaned not in SOURCES:
        raise InputError("from", f"{shown(text)} is not a format; use one of {', '.join(SOURCES)}")
    return cleaned


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise problem("file", "", f"is not UTF-8 text (byte {error.start} cannot be read)") from None


def load_json(text: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        if error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string"):
            raise problem(
                "file",
                "",
                f"ends before its JSON is complete (line {error.lineno}); it may have been cut short",
            ) from None
        raise problem(
            "file", "", f"is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    except RecursionError:
        raise problem("file", "", "is nested too deeply to be an import file") from None
    except ValueError as error:  # e.g. an integer too long to convert
        raise problem("file", "", f"is not valid JSON ({error})") from None


def _first_line(text: str) -> list[str]:
    line = text.lstrip().split("\n", 1)[0].strip().lower()
    return [cell.strip() for cell in line.split(",")]


def _json_source(value: object) -> str | None:
    """What a JSON value is, or ``None`` if it is none of the formats."""
    if is_record_document(value):
        return "skilltrack"
    if isinstance(value, list):
        if not value:
            return "empty"
        first = value[0]
        if isinstance(first, list):
            return "watson"
        if isinstance(first, dict):
            if "project" in first:
                return "watson"
            if "start" in first:
                return "timewarrior"
    return None


def read_file(data: bytes, source: str | None, *, now_utc: datetime, zone: ZoneInfo) -> RecordFile | Parsed:
    """Read and check a whole file; ``source`` forces its format (else it is told from the content)."""
    text = decode(data)
    if not text or text.isspace():
        raise problem("file", "", "is empty; there is nothing to import")
    if text.lstrip()[0] in "[{":
        value = load_json(text)
        del text  # tens of MB for a big file, and only its value is needed from here on
        detected = _json_source(value)
        wanted = source or detected
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
        return _read_json(value, wanted, now_utc, zone)
    header = _first_line(text)
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
    if source == "csv":
        layout = LEGACY_CSV_HEADER if header == list(LEGACY_CSV_HEADER) else CSV_HEADER
        return parse_our_csv(csv_rows(text, layout), now_utc, zone, layout)
    if source == "watson":
        return parse_watson_csv(csv_rows(text, WATSON_CSV_HEADER), now_utc, zone)
    raise problem("file", "", f"is not JSON, so it cannot be a {source} file")


def _read_json(value: object, source: str, now_utc: datetime, zone: ZoneInfo) -> RecordFile | Parsed:
    if source == "skilltrack":
        return parse_record_document(value, now_utc)
    if source in ("csv",):
        raise problem("file", "", "is JSON, not CSV")
    if not isinstance(value, list):
        raise problem("file", "", f"is {kind_of(value)}; a {source} file is a list")
    if source == "empty" or not value:
        return Parsed([], [], "an empty list (no sessions)", "name")
    if source == "timewarrior":
        return parse_timewarrior(value, now_utc)
    if isinstance(value[0], list):
        return parse_watson_frames(value, now_utc)
    return parse_watson_log(value, now_utc, zone)
