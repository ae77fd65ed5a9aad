"""Importing a file: read and check all of it, decide every row, then write in one transaction.

Nothing is written until the whole file has been read and every record checked; then everything is
written in a single ``Record.writing()`` transaction, so a bad file, a crash or a kill leaves the record
as it was (a dry run decides the same in a read transaction, and writes nothing). The file is read a
piece at a time, its sessions kept in a :class:`~skilltrack.transfer.staging.Staging` until they are
written, so that a million of them import in bounded memory.

Rows already in the record are skipped by UUID (ours; derived ones for other tools, see
:mod:`skilltrack.transfer.external`), and sessions of other tools also when the record already has the
same skill, start minute and length (the same session imported from two tools); sessions a file holds
twice count once.
"""

import gc
import itertools
import json
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import BinaryIO, Protocol, TypeVar
from uuid import UUID
from zoneinfo import ZoneInfo

from skilltrack.domain.errors import InputError
from skilltrack.domain.framework import Framework
from skilltrack.domain.names import name_key
from skilltrack.record.opener import Record, open_record
from skilltrack.record.operations import recorded_in_bulk
from skilltrack.record.profile import home_zone
from skilltrack.record.skills import find_by_keys, insert_skill, resolve_skill
from skilltrack.record.values import day_text, marks, stored_instant
from skilltrack.transfer.document import ProjectEntry, RecordFile, SkillEntry
from skilltrack.transfer.external import Found, Skipped, compose_note
from skilltrack.transfer.fields import problem, shown
from skilltrack.transfer.formats import read_file
from skilltrack.transfer.mapping import SkillResolver, Target, Unknown
from skilltrack.transfer.staging import SessionFile, Staging
from skilltrack.transfer.storage import (
    LOOKUP_CHUNK,
    batched,
    has_sessions,
    ids_by_uuid,
    insert_sessions,
    large_cache,
    sessions_in_minutes,
)


@dataclass
class SkillTally:
    sessions: int = 0
    minutes: int = 0


@dataclass
class Overlaps:
    """Sessions of the file that share time with sessions already in the record, whatever their skill."""

    count: int = 0
    first: list[tuple[int, str, int]] = field(default_factory=list)
    """``(place in the file, start, minutes)`` of the first few, to name them."""
    kept: bool = False
    """Written anyway (``--keep-overlaps``); else left out."""


@dataclass
class SessionImport:
    """What importing another tool's file adds (or would add, on a dry run)."""

    source: str
    record_kind: str = "session"
    """What the file calls one of its sessions (``frame``, ``line``, ``interval``), to name them."""
    mapping: list[tuple[str, Target]] = field(default_factory=list)
    """Each name in the file that became a skill, with its skill, sorted by name."""
    kinds: list[tuple[str, str]] = field(default_factory=list)
    noted: list[str] = field(default_factory=list)
    """Tags that were neither skill nor kind: kept in the sessions' notes."""
    close: list[tuple[str, str]] = field(default_factory=list)
    """Tags kept in the note that are close to a known skill: ``(tag, skill)``, for a ``--map`` hint."""
    by_skill: dict[str, SkillTally] = field(default_factory=dict)
    added: int = 0
    minutes: int = 0
    duplicates: int = 0
    overlaps: Overlaps = field(default_factory=Overlaps)
    skipped: list[Skipped] = field(default_factory=list)
    written: bool = False


@dataclass
class Count:
    added: int = 0
    present: int = 0


@dataclass
class RecordImport:
    """What importing a skilltrack export adds (or would add)."""

    skills: Count = field(default_factory=Count)
    merged_skills: list[tuple[str, str]] = field(default_factory=list)
    """Skills of the file that the record already has under another id: ``(file's name, record's)``."""
    ratings: Count = field(default_factory=Count)
    projects: Count = field(default_factory=Count)
    sessions: Count = field(default_factory=Count)
    evidence: Count = field(default_factory=Count)
    postings: Count = field(default_factory=Count)
    interviews: Count = field(default_factory=Count)
    stories: Count = field(default_factory=Count)
    overlaps: Overlaps = field(default_factory=Overlaps)
    profile: str = "none"
    """``added``, ``present`` (the same profile), ``kept`` (the record has its own) or ``none``."""
    timer: str = "none"
    written: bool = False


def import_file(
    record: Record,
    framework: Framework,
    stream: BinaryIO,
    *,
    source: str | None,
    overrides: dict[str, str],
    dry_run: bool,
    now_utc: datetime,
    machine_zone: ZoneInfo,
    keep_overlaps: bool = False,
) -> SessionImport | RecordImport:
    """Import the file open as ``stream`` (seekable) into ``record``: all of it, or nothing. Sessions
    that overlap sessions already in the record are left out, unless ``keep_overlaps``."""
    with record.reading() as db:
        zone = home_zone(db, fallback=machine_zone)
    result: SessionImport | RecordImport
    with Staging() as staging, _collector_paused():
        read = read_file(stream, source, now_utc=now_utc, zone=zone, staging=staging)
        if isinstance(read, RecordFile) and overrides:
            raise InputError(
                "map", "applies to csv, watson and timewarrior files, not to a skilltrack export"
            )
        with record.reading() if dry_run else record.writing() as db, _recorded(db, dry_run=dry_run):
            if isinstance(read, RecordFile):
                result = import_record(db, read, staging, dry_run=dry_run, keep_overlaps=keep_overlaps)
            else:
                result = import_sessions(
                    db,
                    framework,
                    read,
                    staging,
                    overrides,
                    dry_run=dry_run,
                    now_utc=now_utc,
                    keep_overlaps=keep_overlaps,
                )
    result.written = not dry_run
    return result


@contextmanager
def _recorded(db: sqlite3.Connection, *, dry_run: bool) -> Iterator[None]:
    """An import only adds rows: their operations for sync are written in bulk, after them, and both
    with a bigger page cache."""
    if dry_run:
        yield
        return
    with large_cache(db), recorded_in_bulk(db):
        yield


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cycle collection while a file is read and written: it makes objects by the million and
    frees them as it goes (JSON values hold no cycles), and collecting over and over among those
    alive costs more than it finds."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def scratch_record() -> Iterator[Record]:
    """A new, empty record in a temporary folder, removed afterwards: what a dry run imports into when
    the record does not exist yet (a dry run creates nothing)."""
    with tempfile.TemporaryDirectory(prefix="skilltrack-dry-run-") as folder:
        record = open_record(Path(folder) / "record.sqlite3")
        try:
            yield record
        finally:
            record.close()


OVERLAPS_NAMED = 5
"""How many overlapping sessions a summary names (the rest are counted)."""


def _find_overlaps(
    db: sqlite3.Connection, staged: Iterator[tuple[int, str, int]], *, keep: bool
) -> tuple[Overlaps, list[int]]:
    """The staged sessions (earliest start first) that share time with a session of the record, and
    their places. One pass over each, in start order, as a merge: no query per session. A session of
    the record lasts a day at most, so only those starting a day before the first staged one matter."""
    staged_rows = iter(staged)
    first = next(staged_rows, None)
    found = Overlaps(kept=keep)
    places: list[int] = []
    if first is None:
        return found, places
    since = stored_instant(datetime.fromisoformat(first[1]).replace(tzinfo=UTC) - timedelta(days=1))
    recorded = db.execute(
        "SELECT started_at_utc, minutes FROM learning_session WHERE started_at_utc >= ? "
        "ORDER BY started_at_utc",
        (since,),
    )
    pending = next(recorded, None)
    open_ends: list[datetime] = []  # ends of the record's sessions started before the staged one ends
    for place, start_text, minutes in itertools.chain([first], staged_rows):
        start = datetime.fromisoformat(start_text)
        end = start + timedelta(minutes=minutes)
        while pending is not None and pending[0] < stored_naive(end):
            open_ends.append(datetime.fromisoformat(pending[0]) + timedelta(minutes=pending[1]))
            pending = next(recorded, None)
        open_ends = [other_end for other_end in open_ends if other_end > start]
        if open_ends:
            places.append(place)
            found.count += 1
            if len(found.first) < OVERLAPS_NAMED:
                found.first.append((place, start_text, minutes))
    return found, places


def stored_naive(moment: datetime) -> str:
    """A naive UTC ``datetime`` as the record stores instants, for comparing with stored text."""
    return moment.isoformat(sep=" ", timespec="microseconds")


def _mark_recorded(
    db: sqlite3.Connection, staged: Iterator[tuple[int, str]], mark: Callable[[list[int]], None]
) -> None:
    """Mark, of the ``(place, uuid)`` of the sessions ``staged``, those whose uuid the record has."""
    for page in batched(staged, LOOKUP_CHUNK):
        recorded = ids_by_uuid(db, "learning_session", [uuid for _, uuid in page])
        mark([place for place, uuid in page if uuid in recorded])


# --- sessions of other tools --------------------------------------------------------------------------
#
# The sessions themselves stay in the staging database; what is decided here in Python is decided
# once per group (a distinct project, CSV skill or Timewarrior tag set, with its tags), never per row
# but for the note of a session with its own annotation.

NO_KIND_TAG = "(no kind tag)"


@dataclass(frozen=True)
class _Decided:
    """What a group's sessions get: their skill, and the tags kept in their notes."""

    target: Target
    note_tags: tuple[str, ...]


def import_sessions(
    db: sqlite3.Connection,
    framework: Framework,
    file: SessionFile,
    staging: Staging,
    overrides: dict[str, str],
    *,
    dry_run: bool,
    now_utc: datetime,
    keep_overlaps: bool = False,
) -> SessionImport:
    """Decide the skill and note of every session, which are already in the record, which overlap it,
    and (unless ``dry_run``) write the others, in the caller's transaction."""
    summary = SessionImport(file.source, file.record_kind, skipped=list(file.skipped))
    decided = _decide_groups(db, framework, file, overrides, summary)
    staging.set_targets(
        {number: (choice.target.key, choice.target.skill_id) for number, choice in decided.items()}
    )
    staging.mark_repeats()
    if has_sessions(db):
        _mark_recorded(db, staging.found_uuids(), staging.mark_duplicates)
        for page in batched(staging.minutes_of_recorded_skills(), LOOKUP_CHUNK):
            staging.add_recorded(sessions_in_minutes(db, page))
        staging.mark_recorded()
        summary.overlaps, places = _find_overlaps(db, staging.found_by_start(), keep=keep_overlaps)
        if not keep_overlaps:
            staging.mark_overlapping(places)

    targets = {choice.target.key: choice.target for choice in decided.values()}
    tallies = staging.tallies()
    for key, (sessions, minutes) in tallies.items():
        summary.by_skill[targets[key].name] = SkillTally(sessions, minutes)
    summary.added = sum(sessions for sessions, _ in tallies.values())
    summary.minutes = sum(minutes for _, minutes in tallies.values())
    summary.duplicates = staging.duplicates()
    summary.kinds = sorted({(tag or NO_KIND_TAG, kind) for tag, kind in file.kinds})
    if not dry_run:
        skill_ids = {key: _skill_id(db, framework, targets[key]) for key in tallies}
        insert_sessions(db, _new_rows(staging, decided, skill_ids, stored_instant(now_utc)))
    return summary


def _decide_groups(
    db: sqlite3.Connection,
    framework: Framework,
    file: SessionFile,
    overrides: dict[str, str],
    summary: SessionImport,
) -> dict[int, _Decided]:
    """The skill and note tags of every group, deciding each distinct skill name (or Timewarrior tag
    set) once, in the order of the file, so that a refusal names the first record at fault."""
    resolver = SkillResolver(db, framework, overrides)
    skills: dict[object, tuple[str, Target]] = {}
    mapping: dict[str, tuple[str, Target]] = {}
    noted: dict[str, None] = {}
    close: dict[str, str] = {}
    decided: dict[int, _Decided] = {}
    for (names, choose, tags), group in file.groups.items():
        choice_key = (names, tags) if choose else names
        if choice_key not in skills:
            skills[choice_key] = _skill_of(group.first, resolver, file, close)
        name, target = skills[choice_key]
        mapping.setdefault(name_key(name), (name, target))
        note_tags = tuple(tag for tag in tags if tag != name) if choose else tags
        noted.update(dict.fromkeys(note_tags))
        decided[group.number] = _Decided(target, note_tags)
    for mapped in overrides:
        if mapped not in mapping:
            raise InputError("map", f"{shown(mapped)} does not name the skill of any session in the file")
    summary.mapping = sorted(mapping.values(), key=lambda pair: name_key(pair[0]))
    summary.noted = list(noted)
    summary.close = sorted((tag, skill) for tag, skill in close.items() if tag in noted)
    return decided


def _skill_of(
    found: Found, resolver: SkillResolver, file: SessionFile, close: dict[str, str]
) -> tuple[str, Target]:
    """``(the name that gave the skill, the skill)`` of one session; refuses what cannot be told."""
    record, field_name = file.record(found), file.name_field
    if not found.choose:
        name = found.names[0]
        try:
            return name, resolver.target(name)
        except InputError as error:
            raise problem(record, field_name, error.problem) from None
    # Timewarrior: a tag given with --map first (even one that looks like a kind), else the first
    # tag that is a known skill.
    for tag in found.tags:
        if resolver.is_mapped(tag):
            try:
                return tag, resolver.target(tag)
            except InputError as error:
                raise problem(record, field_name, error.problem) from None
    answers: list[tuple[str, Target | Unknown | InputError]] = []
    for tag in found.names:
        try:
            answers.append((tag, resolver.lookup(tag)))
        except InputError as error:
            answers.append((tag, error))
    for tag, answer in answers:
        if isinstance(answer, Unknown) and answer.suggestion is not None:
            close[tag] = answer.suggestion
    skills = [(tag, answer) for tag, answer in answers if isinstance(answer, Target)]
    if skills:
        return skills[0]
    if len(answers) == 1:
        tag, answer = answers[0]
        if isinstance(answer, InputError):
            raise problem(record, field_name, f"{shown(tag)} {answer.problem}")
        try:
            return tag, resolver.target(tag)
        except InputError as error:
            raise problem(record, field_name, error.problem) from None
    listed = ", ".join(shown(tag) for tag, _ in answers)
    raise problem(
        record,
        field_name,
        f"none of {listed} is a known skill, so which one is the skill cannot be told; "
        f'choose with --map "{answers[0][0]}=SKILL"',
    )


def _skill_id(db: sqlite3.Connection, framework: Framework, target: Target) -> int:
    """The record's id of a target, which joins the record (from the ladder, or new) if it must."""
    if target.skill_id is not None:
        return target.skill_id
    return resolve_skill(db, typed=target.name, ladder=lambda: framework, allow_new=True).skill.id


def _new_rows(
    staging: Staging, decided: dict[int, _Decided], skill_ids: dict[str, int], created: str
) -> Iterator[tuple[object, ...]]:
    """The sessions to write, as ``learning_session`` rows from ``uuid`` on."""
    plain_notes = {number: compose_note("", choice.note_tags) for number, choice in decided.items()}
    for uuid, skill, start, zone, day, minutes, kind, group, annotation in staging.new_found():
        note = compose_note(annotation, decided[group].note_tags) if annotation else plain_notes[group]
        yield uuid, skill_ids[skill], start, zone, day, minutes, kind, note, created


# --- a skilltrack export ------------------------------------------------------------------------------


class _Entry(Protocol):
    @property
    def uuid(self) -> UUID: ...


_Row = TypeVar("_Row", bound=_Entry)


def _not_recorded(db: sqlite3.Connection, table: str, entries: list[_Row]) -> list[_Row]:
    """The entries whose uuid ``table`` does not hold yet."""
    recorded = ids_by_uuid(db, table, [entry.uuid.hex for entry in entries])
    return [entry for entry in entries if entry.uuid.hex not in recorded]


def _add_rows(
    db: sqlite3.Connection,
    table: str,
    columns: tuple[str, ...],
    new: list[_Row],
    row: Callable[[_Row], tuple[object, ...]],
    *,
    of: int,
    dry_run: bool,
) -> Count:
    """Write ``new`` (of the file's ``of`` entries; the record has the others) into ``table``, each as
    ``row`` makes its ``columns``, unless ``dry_run``."""
    if new and not dry_run:
        db.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks(columns)})",
            [row(entry) for entry in new],
        )
    return Count(len(new), of - len(new))


def _ids_by_uuid_or_name(
    db: sqlite3.Connection,
    table: str,
    entries: list[_Row],
    count: Count,
    *,
    same_name: Callable[[_Row], int | None],
    add: Callable[[_Row], int],
    dry_run: bool,
) -> dict[str, int]:
    """The record's id for every entry of the file, by its uuid: the row with that uuid, else the one
    ``same_name`` finds (both counted present), else a new row that ``add`` writes (counted added; 0 on
    a dry run)."""
    ids = ids_by_uuid(db, table, [entry.uuid.hex for entry in entries])
    for entry in entries:
        uuid = entry.uuid.hex
        if uuid in ids:
            count.present += 1
            continue
        same = same_name(entry)
        if same is not None:
            ids[uuid] = same
            count.present += 1
            continue
        count.added += 1
        ids[uuid] = 0 if dry_run else add(entry)
    return ids


def import_record(
    db: sqlite3.Connection,
    record: RecordFile,
    staging: Staging,
    *,
    dry_run: bool,
    keep_overlaps: bool = False,
) -> RecordImport:
    """Add what the record lacks from a skilltrack export; what it has (by UUID) is left as it is."""
    result = RecordImport()
    skill_ids = _import_skills(db, record, result, dry_run=dry_run)
    _import_profile(db, record, result, dry_run=dry_run)

    result.ratings = _add_rows(
        db,
        "skill_rating",
        ("uuid", "skill_id", "level", "rated_on", "note", "created_at_utc"),
        _not_recorded(db, "skill_rating", record.ratings),
        lambda rating: (
            rating.uuid.hex,
            skill_ids[rating.skill_uuid.hex],
            rating.level,
            rating.rated_on.isoformat(),
            rating.note,
            stored_instant(rating.created_at),
        ),
        of=len(record.ratings),
        dry_run=dry_run,
    )

    project_ids = _import_projects(db, record, result, skill_ids, dry_run=dry_run)

    if has_sessions(db):
        _mark_recorded(db, staging.session_uuids(), staging.mark_present)
        result.overlaps, places = _find_overlaps(db, staging.sessions_by_start(), keep=keep_overlaps)
        if not keep_overlaps:
            staging.mark_overlapping_sessions(places)
    result.sessions = Count(*staging.session_counts())
    if result.sessions.added and not dry_run:
        insert_sessions(db, staging.new_sessions(skill_ids))

    result.evidence = _add_rows(
        db,
        "evidence",
        (
            "uuid",
            "kind",
            "expectation_id",
            "occurred_on",
            "title",
            "project_id",
            "link",
            "note",
            "created_at_utc",
        ),
        _not_recorded(db, "evidence", record.evidence),
        lambda entry: (
            entry.uuid.hex,
            entry.kind,
            entry.expectation_id,
            entry.occurred_on.isoformat(),
            entry.title,
            None if entry.project_uuid is None else project_ids[entry.project_uuid.hex],
            entry.link,
            entry.note,
            stored_instant(entry.created_at),
        ),
        of=len(record.evidence),
        dry_run=dry_run,
    )

    result.postings = _add_rows(
        db,
        "posting",
        (
            "uuid",
            "company",
            "title",
            "link",
            "posted_on",
            "status",
            "status_changed_on",
            "text",
            "match_at_save",
            "created_at_utc",
        ),
        _not_recorded(db, "posting", record.postings),
        lambda entry: (
            entry.uuid.hex,
            entry.company,
            entry.title,
            entry.link,
            entry.posted_on.isoformat(),
            entry.status,
            entry.status_changed_on.isoformat(),
            entry.text,
            entry.match_at_save,
            stored_instant(entry.created_at),
        ),
        of=len(record.postings),
        dry_run=dry_run,
    )
    _import_interviews(db, record, result, staging.overlapping_session_uuids(), dry_run=dry_run)
    _import_stories(db, record, result, project_ids, dry_run=dry_run)

    if record.timer is not None:
        if db.execute("SELECT 1 FROM running_timer WHERE id = 1").fetchone() is not None:
            result.timer = "kept"
        else:
            result.timer = "added"
            if not dry_run:
                timer = record.timer
                db.execute(
                    "INSERT INTO running_timer (id, skill_id, kind, started_at_utc, time_zone) "
                    "VALUES (1, ?, ?, ?, ?)",
                    (
                        skill_ids[timer.skill_uuid.hex],
                        timer.kind,
                        stored_instant(timer.started_at),
                        timer.time_zone,
                    ),
                )
    return result


def _import_skills(
    db: sqlite3.Connection, record: RecordFile, result: RecordImport, *, dry_run: bool
) -> dict[str, int]:
    """The record's id for every skill of the file, by its uuid; one whose name (or alias) the record
    has is taken to be that skill."""

    def same_name(entry: SkillEntry) -> int | None:
        skill = find_by_keys(db, [entry.key])
        if skill is None:
            return None
        result.merged_skills.append((entry.name, skill.name))
        return skill.id

    def add(entry: SkillEntry) -> int:
        # Of aliases that differ only in case, the first is kept.
        aliases = {name_key(alias): alias for alias in reversed(entry.aliases)}.values()
        # The skill keeps the time it was first recorded, not the time of the import.
        created = stored_instant(entry.created_at)
        skill = insert_skill(
            db, name=entry.name, kind=entry.kind, aliases=aliases, uuid=entry.uuid.hex, created_at_utc=created
        )
        return skill.id

    return _ids_by_uuid_or_name(
        db, "skill", record.skills, result.skills, same_name=same_name, add=add, dry_run=dry_run
    )


def _import_profile(
    db: sqlite3.Connection, record: RecordFile, result: RecordImport, *, dry_run: bool
) -> None:
    entry = record.profile
    if entry is None:
        return
    existing = db.execute("SELECT uuid FROM profile WHERE id = 1").fetchone()
    if existing is not None:
        result.profile = "present" if UUID(existing[0]) == entry.uuid else "kept"
        return
    result.profile = "added"
    if dry_run:
        return
    db.execute(
        "INSERT INTO profile (id, uuid, name, title, career_started_on, target_level, target_date, "
        "time_zone, updated_at_utc) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            entry.uuid.hex,
            entry.name,
            entry.title,
            day_text(entry.career_started_on),
            entry.target_level,
            day_text(entry.target_date),
            entry.time_zone,
            stored_instant(entry.updated_at),
        ),
    )


def _import_projects(
    db: sqlite3.Connection,
    record: RecordFile,
    result: RecordImport,
    skill_ids: dict[str, int],
    *,
    dry_run: bool,
) -> dict[str, int]:
    """The record's id for every project of the file, by its uuid; one whose name the record has is
    taken to be that project."""

    def same_name(entry: ProjectEntry) -> int | None:
        same = db.execute("SELECT id FROM project WHERE name_key = ?", (entry.key,)).fetchone()
        return None if same is None else int(same[0])

    def add(entry: ProjectEntry) -> int:
        cursor = db.execute(
            "INSERT INTO project (uuid, name, name_key, role, started_on, ended_on, in_production, impact, "
            "links, created_at_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                entry.uuid.hex,
                entry.name,
                entry.key,
                entry.role,
                entry.started_on.isoformat(),
                day_text(entry.ended_on),
                entry.in_production,
                entry.impact,
                json.dumps(list(entry.links)),
                stored_instant(entry.created_at),
            ),
        )
        project_id = int(cursor.lastrowid or 0)
        db.executemany(
            "INSERT INTO project_skill (project_id, skill_id) VALUES (?, ?)",
            [
                (project_id, skill_id)
                for skill_id in sorted({skill_ids[skill.hex] for skill in entry.skill_uuids})
            ],
        )
        return project_id

    return _ids_by_uuid_or_name(
        db, "project", record.projects, result.projects, same_name=same_name, add=add, dry_run=dry_run
    )


def _import_interviews(
    db: sqlite3.Connection, record: RecordFile, result: RecordImport, left_out: set[str], *, dry_run: bool
) -> None:
    """Rounds go to their sessions (already imported, or already there); a session keeps the round it
    has (one round per session); the round of a session ``left_out`` (it overlapped) stays out with it."""
    candidates = [
        interview
        for interview in _not_recorded(db, "interview_practice", record.interviews)
        if interview.session_uuid.hex not in left_out
    ]
    session_ids = ids_by_uuid(
        db, "learning_session", [interview.session_uuid.hex for interview in candidates]
    )
    taken: set[int] = set()
    for chunk in batched(sorted(set(session_ids.values())), LOOKUP_CHUNK):
        taken.update(
            int(session_id)
            for (session_id,) in db.execute(
                f"SELECT session_id FROM interview_practice WHERE session_id IN ({marks(chunk)})",
                chunk,
            )
        )
    result.interviews = _add_rows(
        db,
        "interview_practice",
        ("uuid", "session_id", "round", "score", "rubric", "created_at_utc"),
        [interview for interview in candidates if session_ids.get(interview.session_uuid.hex) not in taken],
        lambda entry: (
            entry.uuid.hex,
            session_ids[entry.session_uuid.hex],
            entry.round,
            entry.score,
            json.dumps(dict(entry.rubric)),
            stored_instant(entry.created_at),
        ),
        of=len(record.interviews),
        dry_run=dry_run,
    )


def _import_stories(
    db: sqlite3.Connection,
    record: RecordFile,
    result: RecordImport,
    project_ids: dict[str, int],
    *,
    dry_run: bool,
) -> None:
    """Stories by UUID; one whose title the record already has is taken to be that story."""
    titles = {str(key) for (key,) in db.execute("SELECT title_key FROM story")}
    result.stories = _add_rows(
        db,
        "story",
        (
            "uuid",
            "title",
            "title_key",
            "situation",
            "task",
            "action",
            "result",
            "project_id",
            "expectation_id",
            "themes",
            "created_at_utc",
            "updated_at_utc",
        ),
        [story for story in _not_recorded(db, "story", record.stories) if story.key not in titles],
        lambda entry: (
            entry.uuid.hex,
            entry.title,
            entry.key,
            entry.situation,
            entry.task,
            entry.action,
            entry.result,
            None if entry.project_uuid is None else project_ids[entry.project_uuid.hex],
            entry.expectation_id,
            json.dumps(list(entry.themes)),
            stored_instant(entry.created_at),
            stored_instant(entry.updated_at),
        ),
        of=len(record.stories),
        dry_run=dry_run,
    )
