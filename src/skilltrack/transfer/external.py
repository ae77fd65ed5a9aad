"""Sessions found in another tool's file (Watson, Timewarrior) or in our own CSV, checked one by one.

Each parser reads a list of records (a piece of a file: see :mod:`skilltrack.transfer.formats`) into
:class:`Found` entries, or raises an :class:`InputError` naming the first bad record and field; nothing
here touches the record. Which skill a name stands for is decided
later (:mod:`skilltrack.transfer.mapping`), against the record and the ladder.

Every entry gets a UUID derived from what identifies it in its own tool, so that importing the same file
twice finds the rows of the first import: ``uuid5(NAMESPACE, "watson:" + frame id)``, Timewarrior's
start, end and tags, the fields of a CSV row.

Watson's frames file is read column by column when every frame is as Watson writes it (100,000 of
them must import in well under five seconds); otherwise frame by frame, and anything unusual goes
through the careful path, which names what is wrong.
"""

import csv
import hashlib
import json
import operator
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache, partial
from itertools import repeat
from typing import Any, NamedTuple, cast
from uuid import UUID
from zoneinfo import ZoneInfo

from skilltrack.domain.dates import parse_clock_time, parse_time_zone
from skilltrack.domain.durations import MAX_SESSION_MINUTES
from skilltrack.domain.errors import InputError
from skilltrack.domain.framework import SESSION_KINDS, normalize_session_kind
from skilltrack.domain.text import MAX_NOTE_LENGTH, REFUSED, clean_note, refused_problem
from skilltrack.record.values import stored_instant
from skilltrack.transfer.fields import (
    EARLIEST_YEAR,
    future_problem,
    is_unicode,
    kind_of,
    one_line,
    problem,
    read_clean,
    read_date,
    read_epoch,
    read_instant,
    read_text,
    read_text_list,
    shown,
    stored_epoch,
    stored_epochs,
)

NAMESPACE = UUID("6f1d2c8e-3b7a-5e41-9c0d-5a8b7e2f4d13")
"""The fixed namespace of the UUIDs given to imported sessions (``uuid5(NAMESPACE, "watson:" + id)``)."""
_NAMESPACE_BYTES = NAMESPACE.bytes

DEFAULT_KIND = "study"
KIND_PREFERENCE = ("mock-interview", "course", "build", "reading", "practice", "study", "other")
"""With several kind tags, the most specific one is the session's kind (``study`` + ``reading`` → reading)."""

CSV_HEADER = ("date", "start", "minutes", "skill", "kind", "note", "started_at", "time_zone")
"""Our CSV: the columns people read, then the exact start (ISO 8601 with its offset) and its zone."""
LEGACY_CSV_HEADER = CSV_HEADER[:6]
"""Our CSV as first written, without ``started_at`` and ``time_zone``: still read."""
WATSON_CSV_HEADER = ("id", "start", "stop", "project", "tags")
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
"""The start of a CSV cell a spreadsheet would run as a formula (OWASP's "CSV injection": ``=``,
``+``, ``-``, ``@``, TAB, CR), after any number of ``'``."""
_TIMEW_INSTANT = re.compile(r"^\d{8}T\d{6}Z$")
_MINUTES = re.compile(r"^\d{1,5}$")
_EARLIEST_EPOCH = int(datetime(EARLIEST_YEAR, 1, 1, tzinfo=UTC).timestamp())
_DAY_SECONDS = MAX_SESSION_MINUTES * 60


_VARIANT = {f"{nibble:x}": f"{(nibble & 0x3) | 0x8:x}" for nibble in range(16)}
"""The RFC 4122 variant: the top two bits of the 17th hex digit become ``10``."""


def derived_uuid(name: str) -> str:
    """``uuid5(NAMESPACE, name).hex``, computed directly (a UUID object costs more than the hash)."""
    digest = hashlib.sha1(_NAMESPACE_BYTES + name.encode("utf-8")).hexdigest()
    return digest[:12] + "5" + digest[13:16] + _VARIANT[digest[16]] + digest[17:32]


class Found(NamedTuple):
    """One session as another file holds it, checked; the skill is still a name."""

    position: int
    """Its frame, interval or line number in the file."""
    uuid: str
    """32 hex digits: :func:`derived_uuid` of what identifies it in its tool."""
    started_at_utc: datetime
    start: str
    """The start as the record stores it (:func:`~skilltrack.record.values.stored_instant`)."""
    minutes: int
    names: tuple[str, ...]
    """The skill's name as written (Watson's project, a CSV's skill), or, when ``choose`` is set,
    the tags that may name it (Timewarrior): a tag given with --map, else the first known skill."""
    choose: bool
    kind: str
    kind_tag: str
    """The tag that gave the kind (``""`` when none did and the kind is the default)."""
    tags: tuple[str, ...]
    """The tags other than the one that gave the kind, in file order; those that do not become the
    skill go into the note."""
    annotation: str = ""
    local_day: date | None = None
    """Set when the file says which day the session counts for (our CSV); else the start's day."""
    time_zone: str | None = None
    """Set when the file says the session's zone (our CSV); else the record's home zone."""


@dataclass(frozen=True)
class Skipped:
    record: str
    reason: str


@dataclass(frozen=True)
class Parsed:
    """Sessions read from (a piece of) a file."""

    found: list[Found]
    skipped: list[Skipped]
    source: str
    """What was read, for the summary: ``Watson frames``, ``Timewarrior export``…"""
    name_field: str
    """Where the skill's name is in each record, for messages: ``project``, ``skill`` or ``tags``."""
    record_kind: str = "frame"
    """What a record is called in messages: ``frame``, ``interval`` or ``line``."""


def compose_note(annotation: str, tags: Sequence[str]) -> str:
    """The note of an imported session: its annotation, then the tags that were neither skill nor kind,
    as the record keeps a note (:func:`~skilltrack.domain.text.clean_note`). The parsers below have
    refused any annotation or tags it would refuse, and already cleaned an annotation as its source
    needs: a note of our own CSV is taken as it was stored (so it reads back byte for byte), another
    tool's annotation cleaned as one typed."""
    if not tags:
        return annotation
    text = annotation.strip()
    listed = "tags: " + ", ".join(tags)
    return clean_note(f"{text} ({listed})" if text else listed)


def check_note_parts(annotation: str, tags: Sequence[str], record: str) -> None:
    """Refuse (naming ``record``) a tag with a character no note holds, or tags that would make the
    note (:func:`compose_note` of ``annotation``, already checked, and every tag) too long."""
    for index, tag in enumerate(tags):
        found = REFUSED.search(tag)
        if found is not None:
            raise problem(record, f"tags[{index}]", refused_problem(tag, found.start()))
    if not _note_fits(annotation, tags):
        raise problem(
            record, "tags", f"make a note of more than {MAX_NOTE_LENGTH:,} characters; use fewer or shorter"
        )


def _note_fits(annotation: str, tags: Sequence[str]) -> bool:
    try:
        compose_note(annotation, tags)
    except InputError:
        return False
    return True


def spreadsheet_cell(text: str) -> str:
    """A cell of our CSV as written: one a spreadsheet would run as a formula (it starts with ``=``,
    ``+``, ``-``, ``@``, TAB or CR, after any ``'``) gets a ``'`` in front, which shows it as text."""
    return "'" + text if _FORMULA.match(text) else text


def restored_cell(text: str) -> str:
    """A cell of our CSV as :func:`spreadsheet_cell` was given it: the one ``'`` it added taken off."""
    return text[1:] if text.startswith("'") and _FORMULA.match(text, 1) else text


@lru_cache(maxsize=4096)
def _kind_of_tag(tag: str) -> str | None:
    return normalize_session_kind(tag)


def split_tags(tags: Iterable[str]) -> tuple[str | None, str, tuple[str, ...], tuple[str, ...]]:
    """``(kind, the tag that gave it, other tags, tags that are not kinds)`` of a list of tags.

    The kind is the most specific kind among the tags; the tag that gave it is used up, every other tag
    (kind-like or not) is returned in file order.
    """
    ordered = tuple(dict.fromkeys(tags))
    kinds = {tag: kind for tag in ordered if (kind := _kind_of_tag(tag)) is not None}
    if not kinds:
        return None, "", ordered, ordered
    chosen = min(kinds.values(), key=KIND_PREFERENCE.index)
    used = next(tag for tag, kind in kinds.items() if kind == chosen)
    others = tuple(tag for tag in ordered if tag != used)
    return chosen, used, others, tuple(tag for tag in others if tag not in kinds)


@lru_cache(maxsize=4096)
def _watson_tags(tags: tuple[object, ...]) -> tuple[str, str, tuple[str, ...]] | None:
    """``(kind, kind tag, other tags)`` of well-formed Watson tags (else ``None``: the careful path)."""
    if not all(isinstance(tag, str) and is_unicode(tag) and not REFUSED.search(tag) for tag in tags):
        return None
    kind, kind_tag, others, _ = split_tags(tag for tag in tags if isinstance(tag, str))
    if not _note_fits("", others):
        return None
    return kind or DEFAULT_KIND, kind_tag, others


def minutes_between(
    start: datetime, stop: datetime, record: str, now_utc: datetime, *, stop_field: str = "stop"
) -> int:
    """Whole minutes from start to stop (at least one), refusing a stop before its start and > 24 h."""
    if start > now_utc:
        raise future_problem(record, "start", start, now_utc)
    seconds = (stop - start).total_seconds()
    if seconds < 0:
        raise problem(
            record,
            stop_field,
            f"{stop.isoformat()} is before its start ({start.isoformat()})",
        )
    minutes = max(1, round(seconds / 60))
    if minutes > MAX_SESSION_MINUTES:
        raise problem(
            record,
            stop_field,
            f"the session lasts {seconds / 3600:.1f} hours; a session is at most 24 hours",
        )
    return minutes


# --- Watson -------------------------------------------------------------------------------------------

WATSON_FRAME_FIELDS = ("start", "stop", "project", "id", "tags", "updated_at")


def _watson_entry(
    position: int,
    record: str,
    start: datetime,
    stop: datetime,
    project: str,
    frame_id: str,
    tags: list[str],
    now_utc: datetime,
) -> Found:
    if not frame_id.strip():
        raise problem(record, "id", "is empty; a Watson frame has an id")
    minutes = minutes_between(start, stop, record, now_utc)
    kind, kind_tag, others, _ = split_tags(tags)
    check_note_parts("", others, record)
    return Found(
        position,
        derived_uuid("watson:" + frame_id),
        start,
        stored_instant(start),
        minutes,
        (project,),
        False,
        kind or DEFAULT_KIND,
        kind_tag,
        others,
    )


def parse_watson_frames(items: list[object], now_utc: datetime, first: int = 1) -> Parsed:
    """Watson's own ``frames`` file: ``[start, stop, project, id, [tags], updated_at]`` per frame;
    ``first`` is the number of the first of ``items``."""
    at_once = _usual_frames(items, now_utc.timestamp(), first)
    if at_once is not None:
        return Parsed(at_once, [], "Watson frames", "project")
    found: list[Found] = []
    append = found.append
    now = now_utc.timestamp()
    # Some frame is unusual: frame by frame, the usual ones still quickly (Found(...) without its
    # Python-level __new__, derived_uuid() inlined), the others carefully, naming what is wrong.
    new = tuple.__new__
    sha1, namespace, variant = hashlib.sha1, _NAMESPACE_BYTES + b"watson:", _VARIANT
    for index, item in enumerate(items, start=first):
        # The fast path: whole seconds, a plausible start, 0 to 24 hours long, text and tags as expected.
        if type(item) is list and len(item) == 6:
            start, stop, project, frame_id, tags, updated = item
            if (
                type(start) is int
                and type(stop) is int
                and _EARLIEST_EPOCH <= start <= now
                and start <= stop <= start + _DAY_SECONDS
                and type(project) is str
                and type(frame_id) is str
                and frame_id.strip()
                and type(tags) is list
                and type(updated) is int
            ):
                try:
                    described = _watson_tags(tuple(tags))
                    digest = sha1(namespace + frame_id.encode("utf-8")).hexdigest()
                except (TypeError, UnicodeEncodeError):  # an odd tag or id: the careful path says what
                    described = None
                if described is not None:
                    kind, kind_tag, others = described
                    fields = (
                        index,
                        digest[:12] + "5" + digest[13:16] + variant[digest[16]] + digest[17:32],
                        datetime.fromtimestamp(start, UTC),
                        stored_epoch(start),
                        max(1, round((stop - start) / 60)),
                        (project,),
                        False,
                        kind,
                        kind_tag,
                        others,
                        "",
                        None,
                        None,
                    )
                    append(new(Found, fields))
                    continue
        append(_careful_frame(index, item, now_utc))
    return Parsed(found, [], "Watson frames", "project")


def _usual_frames(items: list[object], now: float, first: int) -> list[Found] | None:
    """Every frame at once, column by column in C-level passes, when all are as Watson writes them:
    whole seconds, a plausible start, 0 to 24 hours, text id and project, text tags. ``None`` if any
    is not: then they are read one by one, and the first bad one is named."""
    if not items or set(map(type, items)) != {list}:
        return None
    frames = cast(list[list[Any]], items)
    if set(map(len, frames)) != {6}:
        return None
    starts, stops, projects, ids, tag_lists, updated = (list(map(_COLUMNS[i], frames)) for i in range(6))
    if not (
        set(map(type, starts)) == set(map(type, stops)) == set(map(type, updated)) == {int}
        and set(map(type, projects)) == set(map(type, ids)) == {str}
        and set(map(type, tag_lists)) == {list}
        and min(starts) >= _EARLIEST_EPOCH
        and max(starts) <= now
        and all(map(str.strip, ids))
    ):
        return None
    lengths = list(map(operator.sub, stops, starts))
    if min(lengths) < 0 or max(lengths) > _DAY_SECONDS:
        return None
    try:
        encoded = list(map(str.encode, ids))
        described = list(map(_watson_tags, map(tuple, tag_lists)))
    except (UnicodeEncodeError, TypeError):  # an id that is not Unicode, a tag that is a list...
        return None
    if None in described:
        return None
    usual = cast(list[tuple[str, str, tuple[str, ...]]], described)
    prefix = _NAMESPACE_BYTES + b"watson:"
    digests = map(_HEXDIGEST, map(hashlib.sha1, map(prefix.__add__, encoded)))
    hexes = list(digests)
    uuids = map(
        "".join,
        zip(
            map(_HEAD, hexes),
            repeat("5"),
            map(_MIDDLE, hexes),
            map(_VARIANT.__getitem__, map(_SEVENTEENTH, hexes)),
            map(_TAIL, hexes),
            strict=True,
        ),
    )  # = derived_uuid("watson:" + id), column by column
    instants = list(map(datetime.fromtimestamp, starts, repeat(UTC)))
    texts = stored_epochs(starts)
    minutes = [whole or 1 for whole in map(round, map(operator.truediv, lengths, repeat(60)))]
    kinds, kind_tags, others = (map(_COLUMNS[i], usual) for i in range(3))
    columns = zip(
        range(first, first + len(items)),
        uuids,
        instants,
        texts,
        minutes,
        zip(projects),  # (project,)
        repeat(False),
        kinds,
        kind_tags,
        others,
        repeat(""),
        repeat(None),
        repeat(None),
        strict=False,
    )
    return list(map(partial(tuple.__new__, Found), columns))


_HEXDIGEST = operator.methodcaller("hexdigest")
_HEAD, _MIDDLE, _SEVENTEENTH, _TAIL = (
    operator.itemgetter(part) for part in (slice(0, 12), slice(13, 16), 16, slice(17, 32))
)
_COLUMNS = [operator.itemgetter(index) for index in range(6)]


def _careful_frame(position: int, item: object, now_utc: datetime) -> Found:
    record = f"frame {position}"
    if not isinstance(item, list):
        raise problem(
            record, "", f"is {kind_of(item)}; expected [start, stop, project, id, tags, updated_at]"
        )
    if len(item) < 4:
        raise problem(record, WATSON_FRAME_FIELDS[len(item)], "is missing")
    if len(item) > len(WATSON_FRAME_FIELDS):
        raise problem(record, "", f"has {len(item)} values; a Watson frame has at most 6")
    start = read_epoch(item[0], record, "start")
    stop = read_epoch(item[1], record, "stop")
    project = read_text(item[2], record, "project")
    frame_id = read_text(item[3], record, "id")
    tags = read_text_list(item[4], record, "tags") if len(item) > 4 else []
    if len(item) > 5 and item[5] is not None:
        read_epoch(item[5], record, "updated_at")
    return _watson_entry(position, record, start, stop, project, frame_id, tags, now_utc)


def _field(item: dict[str, object], key: str, record: str) -> object:
    if key not in item:
        raise problem(record, key, "is missing")
    return item[key]


def parse_watson_log(items: list[object], now_utc: datetime, zone: ZoneInfo, first: int = 1) -> Parsed:
    """``watson log --json``: ``{id, project, start, stop, tags}`` per frame, with ISO 8601 instants."""
    found = []
    for index, item in enumerate(items, start=first):
        record = f"frame {index}"
        if not isinstance(item, dict):
            raise problem(record, "", f"is {kind_of(item)}; expected an object with id, project, start, stop")
        frame_id = read_text(_field(item, "id", record), record, "id")
        project = read_text(_field(item, "project", record), record, "project")
        start = read_instant(_field(item, "start", record), record, "start", zone)
        stop = read_instant(_field(item, "stop", record), record, "stop", zone)
        tags = read_text_list(item.get("tags", []), record, "tags")
        found.append(_watson_entry(index, record, start, stop, project, frame_id, tags, now_utc))
    return Parsed(found, [], "Watson log", "project")


def _local_instant(text: str, record: str, field: str, zone: ZoneInfo) -> datetime:
    """``2026-11-02 19:00:00`` in ``zone`` (Watson's CSV writes local times without a zone)."""
    try:
        parsed = datetime.strptime(text.strip(), "%Y-%m-%d %H:%M:%S")
    except ValueError:
        raise problem(record, field, f"{shown(text)} is not a time; expected YYYY-MM-DD HH:MM:SS") from None
    return read_instant(parsed.isoformat(), record, field, zone)


def parse_watson_csv(rows: list[tuple[int, list[str]]], now_utc: datetime, zone: ZoneInfo) -> Parsed:
    """``watson log --csv``: ``id,start,stop,project,tags`` in local time, tags joined by ``", "``."""
    found = []
    for line, row in rows:
        record = f"line {line}"
        _check_width(row, WATSON_CSV_HEADER, record)
        frame_id, start_text, stop_text, project, tag_text = row
        start = _local_instant(start_text, record, "start", zone)
        stop = _local_instant(stop_text, record, "stop", zone)
        tags = [tag.strip() for tag in tag_text.split(",") if tag.strip()]
        found.append(_watson_entry(line, record, start, stop, project, frame_id, tags, now_utc))
    return Parsed(found, [], "Watson CSV", "project", "line")


# --- Timewarrior --------------------------------------------------------------------------------------


def _timew_instant(value: object, record: str, field: str) -> tuple[str, datetime]:
    text = read_text(value, record, field)
    if not _TIMEW_INSTANT.match(text):
        raise problem(record, field, f"{shown(text)} is not a time; expected YYYYMMDDTHHMMSSZ")
    try:
        parsed = datetime.strptime(text, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        raise problem(record, field, f"{shown(text)} is not a time of the calendar") from None
    return text, read_instant(parsed.isoformat(), record, field)


def parse_timewarrior(items: list[object], now_utc: datetime, first: int = 1) -> Parsed:
    """``timew export``: ``{id, start, end, tags, annotation}`` per interval; everything is a tag."""
    found: list[Found] = []
    skipped: list[Skipped] = []
    for index, item in enumerate(items, start=first):
        record = f"interval {index}"
        if not isinstance(item, dict):
            raise problem(record, "", f"is {kind_of(item)}; expected an object with start, end and tags")
        start_text, start = _timew_instant(_field(item, "start", record), record, "start")
        tags = read_text_list(item.get("tags", []), record, "tags")
        annotation = read_clean(item.get("annotation", ""), record, "annotation", clean_note)
        if "id" in item and (isinstance(item["id"], bool) or not isinstance(item["id"], int)):
            raise problem(record, "id", "is not a whole number")
        if item.get("end") is None:
            if start > now_utc:
                raise future_problem(record, "start", start, now_utc)
            skipped.append(Skipped(record, "still running (no end)"))
            continue
        end_text, end = _timew_instant(item["end"], record, "end")
        minutes = minutes_between(start, end, record, now_utc, stop_field="end")
        kind, kind_tag, others, candidates = split_tags(tags)
        check_note_parts(annotation, others, record)
        if not candidates:
            why = "it has no tags" if not tags else f"no tag names a skill (tags: {', '.join(tags)})"
            skipped.append(Skipped(record, why))
            continue
        identity = json.dumps([start_text, end_text, sorted(set(tags))], ensure_ascii=False)
        found.append(
            Found(
                index,
                derived_uuid("timewarrior:" + identity),
                start,
                stored_instant(start),
                minutes,
                candidates,
                True,
                kind or DEFAULT_KIND,
                kind_tag,
                others,
                annotation,
            )
        )
    return Parsed(found, skipped, "Timewarrior export", "tags", "interval")


# --- our CSV ------------------------------------------------------------------------------------------


def parse_our_csv(
    rows: list[tuple[int, list[str]]], now_utc: datetime, zone: ZoneInfo, header: Sequence[str] = CSV_HEADER
) -> Parsed:
    """``skilltrack export --format csv``: ``date,start,minutes,skill,kind,note,started_at,time_zone``.

    The start is ``started_at`` (an instant with its offset) when the row has one; otherwise, as in a
    file of the first layout (``header`` :data:`LEGACY_CSV_HEADER`) or a row added by hand, the local
    ``start`` on ``date`` in ``zone``. The session keeps ``time_zone`` when given, else ``zone``.
    """
    found = []
    for line, written in rows:
        record = f"line {line}"
        _check_width(written, header, record)
        row = [restored_cell(cell) for cell in written]
        day_text, start_text, minutes_text, skill, kind_text, raw_note = row[:6]
        # Our own file: the note read back as the record held it (``keep``), so that a note an older
        # version stored with a line break in it comes back byte for byte.
        note = read_clean(raw_note, record, "note", lambda text: clean_note(text, keep=True))
        started_text, zone_text = (row[6].strip(), row[7].strip()) if len(header) > 6 else ("", "")
        day = read_date(day_text.strip(), record, "date")
        try:
            at = parse_clock_time(start_text, field="start")
        except InputError as error:
            raise problem(record, "start", error.problem) from None
        if not _MINUTES.match(minutes_text.strip()):
            raise problem(record, "minutes", f"{shown(minutes_text)} is not a whole number of minutes")
        minutes = int(minutes_text)
        if not 1 <= minutes <= MAX_SESSION_MINUTES:
            raise problem(record, "minutes", f"{minutes} is out of range; use 1 to {MAX_SESSION_MINUTES}")
        kind = _kind_of_tag(kind_text)
        if kind is None:
            raise problem(
                record,
                "kind",
                f"{shown(kind_text)} is not a session kind; use one of {', '.join(SESSION_KINDS)}",
            )
        session_zone = None
        if zone_text:
            try:
                session_zone = parse_time_zone(zone_text, field="time_zone")
            except InputError as error:
                raise problem(record, "time_zone", error.problem) from None
        if started_text:
            start = read_instant(started_text, record, "started_at")
            local = start.astimezone(session_zone or zone).date()
            if abs((local - day).days) > 1:
                raise problem(
                    record,
                    "date",
                    f"{day.isoformat()} is more than a day from started_at ({shown(started_text)}); "
                    "a session counts for the day it started on, or the day next to it",
                )
        else:
            start = read_instant(datetime.combine(day, at).isoformat(), record, "start", session_zone or zone)
        if start > now_utc:
            raise future_problem(record, "started_at" if started_text else "start", start, now_utc)
        found.append(
            Found(
                line,
                derived_uuid("csv:" + json.dumps(row, ensure_ascii=False)),
                start,
                stored_instant(start),
                minutes,
                (skill,),
                False,
                kind,
                kind_text,
                (),
                note,
                day,
                None if session_zone is None else session_zone.key,
            )
        )
    return Parsed(found, [], "skilltrack CSV", "skill", "line")


def csv_rows(lines: Iterable[str], header: Sequence[str]) -> Iterator[tuple[int, list[str]]]:
    """The data rows of a CSV text (its lines, as a file opened with ``newline=""`` gives them) with the
    line each starts on; the header must be ``header``."""
    reader = csv.reader(lines, strict=True)
    line = 1
    try:
        first = next(reader, None)
        if first is None or [cell.strip().lower() for cell in first] != list(header):
            raise problem("line 1", "header", f"expected {','.join(header)}")
        line = reader.line_num + 1
        for row in reader:
            if row and any(cell.strip() for cell in row):
                if not all(is_unicode(cell) for cell in row):
                    raise problem(f"line {line}", "", "holds characters that are not valid Unicode")
                yield line, row
            line = reader.line_num + 1
    except csv.Error as error:
        raise problem(f"line {line}", "", f"is not valid CSV ({one_line(str(error))})") from None


def _check_width(row: list[str], header: Sequence[str], record: str) -> None:
    if len(row) < len(header):
        raise problem(record, header[len(row)], "is missing")
    if len(row) > len(header):
        raise problem(record, "", f"has {len(row)} columns; expected {len(header)} ({','.join(header)})")
