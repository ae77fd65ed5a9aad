"""Importing a file: read and check all of it, decide every row, then write in one transaction.

Nothing is written until the whole file has been read and every record checked; then everything is
written in a single ``Database.writing()`` transaction, so a bad file, a crash or a kill leaves the
record as it was. Rows already in the record are skipped by UUID (ours; derived ones for other
tools, see :mod:`skilltrack.transfer.external`), and sessions of other tools also when the record
already has the same skill, start minute and length (the same session imported from two tools).
Sessions are decided column by column and go in with bulk inserts, never one ORM object each, so
that 100,000 Watson frames import in a few seconds.
"""

import gc
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import repeat
from operator import itemgetter
from pathlib import Path
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select
from sqlmodel import Session, col

from skilltrack.actions import home_zone
from skilltrack.db import writes
from skilltrack.db.engine import Database, open_database
from skilltrack.db.models import (
    Evidence,
    InterviewPractice,
    LearningSession,
    Posting,
    Profile,
    Project,
    ProjectSkill,
    RunningTimer,
    Skill,
    SkillAlias,
    SkillRating,
    Story,
)
from skilltrack.domain.errors import InputError
from skilltrack.domain.framework import Framework
from skilltrack.domain.names import name_key
from skilltrack.transfer.document import RecordFile, SessionColumns
from skilltrack.transfer.external import Found, Parsed, Skipped, compose_note
from skilltrack.transfer.fields import problem, shown
from skilltrack.transfer.formats import read_file
from skilltrack.transfer.mapping import SkillResolver, Target, Unknown
from skilltrack.transfer.storage import LOOKUP_CHUNK, MINUTE, SessionStore, chunks


@dataclass
class SkillTally:
    sessions: int = 0
    minutes: int = 0


@dataclass
class SessionImport:
    """What importing another tool's file adds (or would add, on a dry run)."""

    source: str
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
    profile: str = "none"
    """``added``, ``present`` (the same profile), ``kept`` (the record has its own) or ``none``."""
    timer: str = "none"
    written: bool = False


def import_text(
    database: Database,
    framework: Framework,
    data: bytes,
    *,
    source: str | None,
    overrides: dict[str, str],
    dry_run: bool,
    now_utc: datetime,
    machine_zone: ZoneInfo,
) -> SessionImport | RecordImport:
    """Import ``data`` (a file's bytes) into ``database``: all of it, or nothing."""
    with database.reading() as session:
        zone = home_zone(session, machine_zone)
    result: SessionImport | RecordImport
    with _collector_paused():
        parsed = read_file(data, source, now_utc=now_utc, zone=zone)
        if isinstance(parsed, RecordFile):
            if overrides:
                raise InputError(
                    "map", "applies to csv, watson and timewarrior files, not to a skilltrack export"
                )
            with _transaction(database, dry_run) as session:
                result = import_record(session, parsed, dry_run=dry_run)
        else:
            with _transaction(database, dry_run) as session:
                plan = plan_sessions(session, framework, parsed, overrides)
                if not dry_run:
                    write_sessions(session, framework, plan, zone=zone, now_utc=now_utc)
                result = plan.summary
    result.written = not dry_run
    return result


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cycle collection while a file's objects are built: they are all alive until the end, and
    collecting over and over among 100,000 of them costs more than the import itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _transaction(database: Database, dry_run: bool) -> AbstractContextManager[Session]:
    return database.reading() if dry_run else database.writing()


@contextmanager
def scratch_record() -> Iterator[Database]:
    """A new, empty record in a temporary folder, removed afterwards: what a dry run imports into when
    the record does not exist yet (a dry run creates nothing)."""
    with tempfile.TemporaryDirectory(prefix="skilltrack-dry-run-") as folder:
        database = open_database(Path(folder) / "record.sqlite3")
        try:
            yield database
        finally:
            database.close()


# --- sessions of other tools --------------------------------------------------------------------------
#
# A big file holds 100,000 sessions, so the work is done column by column (``map`` over lists, C-level
# passes) wherever it can be: the skill and note are decided once per distinct project (or tag set),
# and rows are only looked at one by one when duplicates make it necessary.

NO_KIND_TAG = "(no kind tag)"
_UUID, _START, _MINUTES, _KIND = itemgetter(1), itemgetter(3), itemgetter(4), itemgetter(7)
_FIRST, _SECOND = itemgetter(0), itemgetter(1)
_NAMES, _CHOOSE, _KIND_TAG, _TAGS, _ANNOTATION = (itemgetter(i) for i in (5, 6, 8, 9, 10))
_DAY_OF_STORED = itemgetter(slice(0, 10))
_MINUTE_OF_STORED = itemgetter(slice(0, MINUTE))


@dataclass
class SessionPlan:
    """The sessions to add, as columns: each one's entry, skill, note and start (as stored)."""

    found: list[Found]
    targets: list[Target]
    notes: list[str]
    starts: list[str]
    summary: SessionImport


def plan_sessions(
    session: Session, framework: Framework, parsed: Parsed, overrides: dict[str, str]
) -> SessionPlan:
    """Decide the skill, kind and note of every session, and which are already in the record."""
    resolver = SkillResolver(session, framework, overrides)
    store = SessionStore(session)
    summary = SessionImport(parsed.source, skipped=list(parsed.skipped))
    found = parsed.found
    mapping: dict[str, tuple[str, Target]] = {}
    noted: dict[str, None] = {}
    close: dict[str, str] = {}

    # The skill of each distinct project, CSV skill or Timewarrior tag set, decided once (in file
    # order, so that a refusal names the first record at fault).
    chooses = list(map(_CHOOSE, found))
    tags = list(map(_TAGS, found))
    keys: list[Any] = list(map(_NAMES, found))
    if any(chooses):
        keys = [
            (names, tag_set) if choose else names
            for names, choose, tag_set in zip(keys, chooses, tags, strict=True)
        ]
    first = dict(zip(reversed(keys), reversed(found), strict=True))
    choices: dict[Any, tuple[str, Target]] = {}
    for key in dict.fromkeys(keys):
        choices[key] = choice = _skill_of(first[key], resolver, parsed, close)
        mapping.setdefault(name_key(choice[0]), choice)
    for mapped in overrides:
        if mapped not in mapping:
            raise InputError("map", f"{shown(mapped)} does not name the skill of any session in the file")
    chosen = list(map(choices.__getitem__, keys))
    targets: list[Target] = list(map(_SECOND, chosen))

    # The note: the annotation, then the tags that were neither the kind nor the skill.
    def note_of(annotation: str, name: str, tag_set: tuple[str, ...], choose: bool) -> str:
        note_tags = [tag for tag in tag_set if tag != name] if choose else tag_set
        noted.update(dict.fromkeys(note_tags))
        return compose_note(annotation, note_tags)

    note_keys = list(zip(map(_ANNOTATION, found), map(_FIRST, chosen), tags, chooses, strict=True))
    note_for = {key: note_of(*key) for key in dict.fromkeys(note_keys)}
    notes = list(map(note_for.__getitem__, note_keys))
    if store.texts_as_stored:
        starts = list(map(_START, found))
    else:
        starts = [store.instant(entry.started_at_utc) for entry in found]
    keep = _new_rows(store, found, targets, starts, summary)
    if keep is not None:
        found = [found[index] for index in keep]
        targets = [targets[index] for index in keep]
        notes = [notes[index] for index in keep]
        starts = [starts[index] for index in keep]

    minutes = list(map(_MINUTES, found))
    for target, length in zip(targets, minutes, strict=True):
        tally = summary.by_skill.get(target.name)
        if tally is None:
            tally = summary.by_skill[target.name] = SkillTally()
        tally.sessions += 1
        tally.minutes += length
    summary.added = len(found)
    summary.minutes = sum(minutes)
    summary.mapping = sorted(mapping.values(), key=lambda pair: name_key(pair[0]))
    summary.kinds = sorted(
        {
            (tag or NO_KIND_TAG, kind)
            for tag, kind in zip(map(_KIND_TAG, parsed.found), map(_KIND, parsed.found), strict=True)
        }
    )
    summary.noted = list(noted)
    summary.close = sorted((tag, skill) for tag, skill in close.items() if tag in noted)
    return SessionPlan(found, targets, notes, starts, summary)


def _skill_of(
    found: Found, resolver: SkillResolver, parsed: Parsed, close: dict[str, str]
) -> tuple[str, Target]:
    """``(the name that gave the skill, the skill)`` of one session; refuses what cannot be told."""
    record, field_name = parsed.record(found), parsed.name_field
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


def _new_rows(
    store: SessionStore, found: list[Found], targets: list[Target], starts: list[str], summary: SessionImport
) -> list[int] | None:
    """Which sessions are new (``None``: all of them), counting the others as duplicates.

    A session is already there when the record has its UUID, or the same skill, start minute and
    length (the same session from another tool, or from a CSV, which keeps no seconds); and earlier
    in the file counts as already there too.
    """
    uuids = list(map(_UUID, found))
    minutes = list(map(_MINUTES, found))
    present = store.existing_uuids(uuids)
    known = sorted({start[:MINUTE] for start, target in zip(starts, targets, strict=True) if target.skill_id})
    same = store.sessions_in_minutes(known)
    identities = list(
        zip([target.key for target in targets], map(_MINUTE_OF_STORED, starts), minutes, strict=True)
    )
    if not present and not same and len(set(uuids)) == len(uuids) and len(set(identities)) == len(identities):
        return None  # the usual case, decided without a look at each row
    seen_uuids: set[str] = set()
    seen_sessions: set[tuple[str, str, int]] = set()
    keep: list[int] = []
    for index, (uuid, identity, target) in enumerate(zip(uuids, identities, targets, strict=True)):
        if (
            uuid in present
            or uuid in seen_uuids
            or identity in seen_sessions
            or (same and (target.skill_id, identity[1], identity[2]) in same)
        ):
            summary.duplicates += 1
        else:
            keep.append(index)
        seen_uuids.add(uuid)
        seen_sessions.add(identity)
    return keep


def write_sessions(
    session: Session, framework: Framework, plan: SessionPlan, *, zone: ZoneInfo, now_utc: datetime
) -> None:
    """Create the skills the plan needs, then insert its sessions in bulk, in the caller's transaction."""
    skill_ids: dict[str, int] = {}
    for target in {target.key: target for target in plan.targets}.values():
        if target.skill_id is not None:
            skill_ids[target.key] = target.skill_id
        else:
            created = writes.resolve_skill(session, target.name, framework, allow_new=True).skill
            assert created.id is not None
            skill_ids[target.key] = created.id
    store = SessionStore(session)
    found = plan.found
    uuids: Iterable[Any] = map(_UUID, found)
    if not store.uuid_is_hex:
        uuids = map(store.uuid, uuids)
    if zone.key == "UTC" and store.day(date(2001, 2, 3)) == "2001-02-03":
        days: Iterable[Any] = map(_DAY_OF_STORED, plan.starts)
    else:
        days = (store.day(entry.local_day or entry.started_at_utc.astimezone(zone).date()) for entry in found)
    if any(entry.local_day is not None for entry in found):  # our CSV says which day each counts for
        days = (
            store.day(entry.local_day) if entry.local_day else day
            for entry, day in zip(found, days, strict=True)
        )
    zones: Iterable[str] = repeat(zone.key)
    if any(entry.time_zone for entry in found):  # our CSV says each session's own zone
        zones = (entry.time_zone or zone.key for entry in found)
    values = list(
        zip(
            uuids,
            map(skill_ids.__getitem__, (target.key for target in plan.targets)),
            plan.starts,
            zones,
            days,
            map(_MINUTES, found),
            map(_KIND, found),
            plan.notes,
            repeat(store.instant(now_utc.astimezone(UTC))),
        )
    )
    with store.large_cache():
        store.insert(values)


# --- a skilltrack export ------------------------------------------------------------------------------


def _present(session: Session, model: Any, uuids: list[UUID]) -> set[UUID]:
    return set(_ids_by_uuid(session, model, uuids))


def _ids_by_uuid(session: Session, model: Any, uuids: list[UUID]) -> dict[UUID, int]:
    """The row id of each of ``uuids`` already in ``model``'s table."""
    found: dict[UUID, int] = {}
    for chunk in chunks(uuids, LOOKUP_CHUNK):
        rows = session.execute(select(model.uuid, model.id).where(model.uuid.in_(chunk)))
        found.update((uuid, int(row_id)) for uuid, row_id in rows)
    return found


def import_record(session: Session, record: RecordFile, *, dry_run: bool) -> RecordImport:
    """Add what the record lacks from a skilltrack export; what it has (by UUID) is left as it is."""
    result = RecordImport()
    skill_ids = _import_skills(session, record, result, dry_run=dry_run)
    _import_profile(session, record, result, dry_run=dry_run)

    present = _present(session, SkillRating, [rating.uuid for rating in record.ratings])
    ratings = [rating for rating in record.ratings if rating.uuid not in present]
    result.ratings = Count(len(ratings), len(present))
    if ratings and not dry_run:
        rows = [
            {
                "uuid": rating.uuid,
                "skill_id": skill_ids[rating.skill_uuid],
                "level": rating.level,
                "rated_on": rating.rated_on,
                "note": rating.note,
                "created_at_utc": rating.created_at,
            }
            for rating in ratings
        ]
        session.execute(insert(_table(SkillRating)), rows)

    project_ids = _import_projects(session, record, result, skill_ids, dry_run=dry_run)

    _import_sessions(session, record.sessions, result, skill_ids, dry_run=dry_run)

    present = _present(session, Evidence, [entry.uuid for entry in record.evidence])
    evidence = [entry for entry in record.evidence if entry.uuid not in present]
    result.evidence = Count(len(evidence), len(present))
    if evidence and not dry_run:
        session.execute(
            insert(_table(Evidence)),
            [
                {
                    "uuid": entry.uuid,
                    "kind": entry.kind,
                    "expectation_id": entry.expectation_id,
                    "occurred_on": entry.occurred_on,
                    "title": entry.title,
                    "project_id": None if entry.project_uuid is None else project_ids[entry.project_uuid],
                    "link": entry.link,
                    "note": entry.note,
                    "created_at_utc": entry.created_at,
                }
                for entry in evidence
            ],
        )

    _import_postings(session, record, result, dry_run=dry_run)
    _import_interviews(session, record, result, dry_run=dry_run)
    _import_stories(session, record, result, project_ids, dry_run=dry_run)

    if record.timer is not None:
        if session.get(RunningTimer, 1) is not None:
            result.timer = "kept"
        else:
            result.timer = "added"
            if not dry_run:
                timer = record.timer
                session.add(
                    RunningTimer(
                        skill_id=skill_ids[timer.skill_uuid],
                        kind=timer.kind,
                        started_at_utc=timer.started_at,
                        time_zone=timer.time_zone,
                    )
                )
                session.flush()
    return result


def _import_sessions(
    session: Session,
    sessions: SessionColumns,
    result: RecordImport,
    skill_ids: dict[UUID, int],
    *,
    dry_run: bool,
) -> None:
    """The file's sessions the record lacks (by UUID), inserted in bulk from the file's columns."""
    store = SessionStore(session)
    present = store.existing_uuids(sessions.uuids)
    keep = (
        None if not present else [index for index, uuid in enumerate(sessions.uuids) if uuid not in present]
    )
    result.sessions = Count(len(sessions) - len(present), len(present))
    if dry_run or not result.sessions.added:
        return

    def column(values: list[Any]) -> list[Any]:
        return values if keep is None else list(map(values.__getitem__, keep))

    uuids: Iterable[Any] = column(sessions.uuids)
    if not store.uuid_is_hex:
        uuids = map(store.uuid, map(UUID, uuids))
    started, created = column(sessions.started_at), column(sessions.created_at)
    if not store.texts_as_stored:
        started, created = _restored(store, started), _restored(store, created)
    days: Iterable[Any] = column(sessions.local_days)
    if not store.days_as_stored:
        days = map(store.day, map(date.fromisoformat, days))
    rows = zip(
        uuids,
        map(skill_ids.__getitem__, column(sessions.skill_uuids)),
        started,
        column(sessions.time_zones),
        days,
        column(sessions.minutes),
        column(sessions.kinds),
        column(sessions.notes),
        created,
        strict=True,
    )
    with store.large_cache():
        store.insert(rows)


def _restored(store: SessionStore, texts: list[str]) -> list[Any]:
    """Instants written as :func:`stored_utc` writes them, as the record's own type stores them."""
    return [store.instant(datetime.fromisoformat(text).replace(tzinfo=UTC)) for text in texts]


def _table(model: Any) -> Any:
    return model.__table__


def _import_skills(
    session: Session, record: RecordFile, result: RecordImport, *, dry_run: bool
) -> dict[UUID, int]:
    """The record's id for every skill of the file, adding the missing ones (0 on a dry run)."""
    by_uuid = _ids_by_uuid(session, Skill, [skill.uuid for skill in record.skills])
    skill_ids: dict[UUID, int] = {}
    taken_aliases = set(session.scalars(select(col(SkillAlias.alias_key))))
    taken_names = set(session.scalars(select(col(Skill.name_key))))
    for entry in record.skills:
        known = by_uuid.get(entry.uuid)
        if known is not None:
            skill_ids[entry.uuid] = known
            result.skills.present += 1
            continue
        same_name = session.scalars(
            select(Skill).where(
                (col(Skill.name_key) == entry.key)
                | col(Skill.id).in_(
                    select(col(SkillAlias.skill_id)).where(col(SkillAlias.alias_key) == entry.key)
                )
            )
        ).first()
        if same_name is not None:
            assert same_name.id is not None
            skill_ids[entry.uuid] = same_name.id
            result.skills.present += 1
            result.merged_skills.append((entry.name, same_name.name))
            continue
        result.skills.added += 1
        if dry_run:
            skill_ids[entry.uuid] = 0
            continue
        skill = Skill(
            uuid=entry.uuid,
            name=entry.name,
            name_key=entry.key,
            kind=entry.kind,
            created_at_utc=entry.created_at,
        )
        session.add(skill)
        session.flush()
        assert skill.id is not None
        skill_ids[entry.uuid] = skill.id
        taken_names.add(entry.key)
        for alias in entry.aliases:
            key = name_key(alias)
            if key == entry.key or key in taken_aliases or key in taken_names:
                continue
            taken_aliases.add(key)
            session.add(SkillAlias(skill_id=skill.id, alias=alias, alias_key=key))
        session.flush()
    return skill_ids


def _import_profile(session: Session, record: RecordFile, result: RecordImport, *, dry_run: bool) -> None:
    entry = record.profile
    if entry is None:
        return
    existing = session.get(Profile, 1)
    if existing is not None:
        result.profile = "present" if existing.uuid == entry.uuid else "kept"
        return
    result.profile = "added"
    if dry_run:
        return
    session.add(
        Profile(
            uuid=entry.uuid,
            name=entry.name,
            title=entry.title,
            career_started_on=entry.career_started_on,
            target_level=entry.target_level,
            target_date=entry.target_date,
            time_zone=entry.time_zone,
            updated_at_utc=entry.updated_at,
        )
    )
    session.flush()


def _import_projects(
    session: Session, record: RecordFile, result: RecordImport, skill_ids: dict[UUID, int], *, dry_run: bool
) -> dict[UUID, int]:
    project_ids = _ids_by_uuid(session, Project, [project.uuid for project in record.projects])
    for entry in record.projects:
        if entry.uuid in project_ids:
            result.projects.present += 1
            continue
        same_name = session.scalars(select(Project).where(col(Project.name_key) == entry.key)).first()
        if same_name is not None:
            assert same_name.id is not None
            project_ids[entry.uuid] = same_name.id
            result.projects.present += 1
            continue
        result.projects.added += 1
        if dry_run:
            project_ids[entry.uuid] = 0
            continue
        project = Project(
            uuid=entry.uuid,
            name=entry.name,
            name_key=entry.key,
            role=entry.role,
            started_on=entry.started_on,
            ended_on=entry.ended_on,
            in_production=entry.in_production,
            impact=entry.impact,
            links=list(entry.links),
            created_at_utc=entry.created_at,
        )
        session.add(project)
        session.flush()
        assert project.id is not None
        project_ids[entry.uuid] = project.id
        for skill_id in sorted({skill_ids[skill_uuid] for skill_uuid in entry.skill_uuids}):
            session.add(ProjectSkill(project_id=project.id, skill_id=skill_id))
        session.flush()
    return project_ids


def _import_postings(session: Session, record: RecordFile, result: RecordImport, *, dry_run: bool) -> None:
    present = _present(session, Posting, [posting.uuid for posting in record.postings])
    postings = [posting for posting in record.postings if posting.uuid not in present]
    result.postings = Count(len(postings), len(present))
    if postings and not dry_run:
        session.execute(
            insert(_table(Posting)),
            [
                {
                    "uuid": entry.uuid,
                    "company": entry.company,
                    "title": entry.title,
                    "link": entry.link,
                    "posted_on": entry.posted_on,
                    "status": entry.status,
                    "status_changed_on": entry.status_changed_on,
                    "text": entry.text,
                    "match_at_save": entry.match_at_save,
                    "created_at_utc": entry.created_at,
                }
                for entry in postings
            ],
        )


def _import_interviews(session: Session, record: RecordFile, result: RecordImport, *, dry_run: bool) -> None:
    """Rounds go to their sessions (already imported, or already there); a session keeps the round it
    has (one round per session)."""
    present = _present(session, InterviewPractice, [interview.uuid for interview in record.interviews])
    candidates = [interview for interview in record.interviews if interview.uuid not in present]
    session_ids = _ids_by_uuid(session, LearningSession, [interview.session_uuid for interview in candidates])
    taken: set[int] = set()
    for chunk in chunks(sorted(set(session_ids.values())), LOOKUP_CHUNK):
        taken.update(
            session.scalars(
                select(col(InterviewPractice.session_id)).where(col(InterviewPractice.session_id).in_(chunk))
            )
        )
    interviews = [
        interview for interview in candidates if session_ids.get(interview.session_uuid) not in taken
    ]
    result.interviews = Count(len(interviews), len(record.interviews) - len(interviews))
    if interviews and not dry_run:
        session.execute(
            insert(_table(InterviewPractice)),
            [
                {
                    "uuid": entry.uuid,
                    "session_id": session_ids[entry.session_uuid],
                    "round": entry.round,
                    "score": entry.score,
                    "rubric": dict(entry.rubric),
                    "created_at_utc": entry.created_at,
                }
                for entry in interviews
            ],
        )


def _import_stories(
    session: Session, record: RecordFile, result: RecordImport, project_ids: dict[UUID, int], *, dry_run: bool
) -> None:
    """Stories by UUID; one whose title the record already has is taken to be that story."""
    present = _present(session, Story, [story.uuid for story in record.stories])
    titles = set(session.scalars(select(col(Story.title_key))))
    stories = [story for story in record.stories if story.uuid not in present and story.key not in titles]
    result.stories = Count(len(stories), len(record.stories) - len(stories))
    if stories and not dry_run:
        session.execute(
            insert(_table(Story)),
            [
                {
                    "uuid": entry.uuid,
                    "title": entry.title,
                    "title_key": entry.key,
                    "situation": entry.situation,
                    "task": entry.task,
                    "action": entry.action,
                    "result": entry.result,
                    "project_id": None if entry.project_uuid is None else project_ids[entry.project_uuid],
                    "expectation_id": entry.expectation_id,
                    "themes": list(entry.themes),
                    "created_at_utc": entry.created_at,
                    "updated_at_utc": entry.updated_at,
                }
                for entry in stories
            ],
        )
