"""Writing the record out: the whole of it as JSON, or the sessions as CSV.

The JSON is exactly ``json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\\n"``,
written a piece at a time so that 100,000 sessions are never all in memory: sessions stream from the
database in batches. Order is fixed by stored values only (never by row ids or the time of export),
so export → import into an empty record → export gives the same bytes.

A record with rows that point at rows that do not exist (only possible in a file written with foreign
keys off) is refused before anything is written, naming the rows and ``skilltrack check --fix``.
"""

import csv
import json
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime
from json.encoder import encode_basestring as quote
from pathlib import Path
from typing import Any, TextIO
from uuid import UUID
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlmodel import Session, col

from skilltrack.db.check import find_checks, raw_connection
from skilltrack.db.errors import StorageError
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
from skilltrack.domain.dates import parse_time_zone
from skilltrack.domain.errors import InputError
from skilltrack.transfer.document import FORMAT, FORMAT_VERSION
from skilltrack.transfer.external import CSV_HEADER

BATCH = 2000
"""Sessions fetched from the database at a time."""


@dataclass
class Exported:
    """What an export wrote, for the message shown after ``-o FILE``."""

    sessions: int = 0
    skills: int = 0
    ratings: int = 0
    projects: int = 0
    evidence: int = 0
    postings: int = 0
    interviews: int = 0
    stories: int = 0


JSON_BLOCKERS = (
    "orphan-sessions",
    "orphan-ratings",
    "orphan-project-skills",
    "evidence-missing-project",
    "timer-without-skill",
    "orphan-interviews",
    "story-missing-project",
)
"""Checks of :mod:`skilltrack.db.check` whose rows cannot be written with the references they lack."""
CSV_BLOCKERS = ("orphan-sessions",)


def refuse_broken_references(session: Session, kinds: tuple[str, ...]) -> None:
    """Raise :class:`StorageError` naming the rows that point at nothing, before a byte is written."""
    findings = find_checks(raw_connection(session), kinds)
    if not findings:
        return
    described = "; ".join(
        f"{finding.summary}: {finding.count} ({', '.join(finding.examples)}"
        f"{', …' if finding.count > len(finding.examples) else ''})"
        for finding in findings
    )
    path = Path(str(session.connection().engine.url.database))
    raise StorageError(
        path,
        f"cannot be exported: it has rows that point at rows that do not exist ({described})",
        "run skilltrack check --fix to repair them (a verified backup is taken first), then export again",
    )


def instant(value: datetime) -> str:
    """``2026-11-02T19:00:00+00:00``: ISO 8601 with its offset, always UTC."""
    return value.astimezone(UTC).isoformat()


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _uuid(value: UUID) -> str:
    return str(value)


# --- JSON ---------------------------------------------------------------------------------------------


def _dumps(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True)


def _indented(text: str, depth: int) -> str:
    """``text`` (one JSON value) placed ``depth`` levels deep: every line after the first shifted."""
    return text.replace("\n", "\n" + "  " * depth)


def _write_list(out: TextIO, items: Iterable[Any], depth: int) -> int:
    """Write a list as ``json.dumps(list, indent=2)`` would at ``depth``, one item at a time."""
    count = 0
    pad = "  " * (depth + 1)
    for item in items:
        out.write("[\n" if count == 0 else ",\n")
        out.write(pad + (item if isinstance(item, _Rendered) else _indented(_dumps(item), depth + 1)))
        count += 1
    out.write("[]" if count == 0 else "\n" + "  " * depth + "]")
    return count


def write_json(session: Session, out: TextIO) -> Exported:
    """The whole record as one JSON document (see :mod:`skilltrack.transfer.document`)."""
    refuse_broken_references(session, JSON_BLOCKERS)
    skill_uuids = {
        skill_id: str(uuid) for skill_id, uuid in session.execute(select(col(Skill.id), col(Skill.uuid)))
    }
    project_uuids = {
        project_id: str(uuid)
        for project_id, uuid in session.execute(select(col(Project.id), col(Project.uuid)))
    }
    exported = Exported()
    sections: dict[str, Any] = {
        "evidence": _evidence(session, project_uuids),
        "format": FORMAT,
        "interviews": _interviews(session),
        "postings": _postings(session),
        "profile": _profile(session),
        "projects": _projects(session, skill_uuids),
        "ratings": _ratings(session, skill_uuids),
        "schema_version": FORMAT_VERSION,
        "sessions": _sessions(session, skill_uuids),
        "skills": _skills(session),
        "stories": _stories(session, project_uuids),
        "timer": _timer(session, skill_uuids),
    }
    out.write("{\n")
    for index, key in enumerate(sorted(sections)):
        value = sections[key]
        out.write(f"  {json.dumps(key)}: ")
        if isinstance(value, Iterator):
            count = _write_list(out, value, 1)
            setattr(exported, key, count)
        else:
            out.write(_indented(_dumps(value), 1))
        out.write(",\n" if index < len(sections) - 1 else "\n")
    out.write("}\n")
    return exported


def _profile(session: Session) -> dict[str, Any] | None:
    profile = session.get(Profile, 1)
    if profile is None:
        return None
    return {
        "uuid": _uuid(profile.uuid),
        "name": profile.name,
        "title": profile.title,
        "career_started_on": _day(profile.career_started_on),
        "target_level": profile.target_level,
        "target_date": _day(profile.target_date),
        "time_zone": profile.time_zone,
        "updated_at": instant(profile.updated_at_utc),
    }


def _skills(session: Session) -> Iterator[dict[str, Any]]:
    aliases: dict[int, list[tuple[str, str]]] = {}
    for skill_id, alias, key in session.execute(
        select(col(SkillAlias.skill_id), col(SkillAlias.alias), col(SkillAlias.alias_key))
    ):
        aliases.setdefault(skill_id, []).append((key, alias))
    skills = session.scalars(select(Skill).order_by(col(Skill.name_key), col(Skill.uuid))).all()
    for skill in skills:
        yield {
            "uuid": _uuid(skill.uuid),
            "name": skill.name,
            "kind": skill.kind,
            "aliases": [alias for _, alias in sorted(aliases.get(skill.id or 0, []))],
            "created_at": instant(skill.created_at_utc),
        }


def _ratings(session: Session, skill_uuids: dict[int | None, str]) -> Iterator[dict[str, Any]]:
    # Several ratings on one day: the last written counts, so their written order is kept (by id).
    statement = select(SkillRating).order_by(col(SkillRating.rated_on), col(SkillRating.id))
    for rating in session.scalars(statement.execution_options(yield_per=BATCH)):
        yield {
            "uuid": _uuid(rating.uuid),
            "skill_uuid": skill_uuids[rating.skill_id],
            "level": rating.level,
            "rated_on": rating.rated_on.isoformat(),
            "note": rating.note,
            "created_at": instant(rating.created_at_utc),
        }


def _projects(session: Session, skill_uuids: dict[int | None, str]) -> Iterator[dict[str, Any]]:
    links: dict[int, list[str]] = {}
    for project_id, skill_id in session.execute(
        select(col(ProjectSkill.project_id), col(ProjectSkill.skill_id))
    ):
        links.setdefault(project_id, []).append(skill_uuids[skill_id])
    projects = session.scalars(
        select(Project).order_by(col(Project.started_on), col(Project.name_key), col(Project.uuid))
    ).all()
    for project in projects:
        yield {
            "uuid": _uuid(project.uuid),
            "name": project.name,
            "role": project.role,
            "started_on": project.started_on.isoformat(),
            "ended_on": _day(project.ended_on),
            "in_production": project.in_production,
            "impact": project.impact,
            "links": list(project.links),
            "skill_uuids": sorted(links.get(project.id or 0, [])),
            "created_at": instant(project.created_at_utc),
        }


def _session_rows(session: Session, *, by_content: bool = False) -> Iterator[Any]:
    """Every session, oldest first, fetched in batches.

    Sessions starting together are ordered by UUID, or for the CSV (which has none) by what it shows,
    so that re-imported sessions, which get new UUIDs, come out in the same order.
    """
    statement = select(
        col(LearningSession.uuid),
        col(LearningSession.skill_id),
        col(LearningSession.started_at_utc),
        col(LearningSession.time_zone),
        col(LearningSession.local_day),
        col(LearningSession.minutes),
        col(LearningSession.kind),
        col(LearningSession.note),
        col(LearningSession.created_at_utc),
    )
    if by_content:
        statement = statement.join(Skill, col(Skill.id) == LearningSession.skill_id).order_by(
            col(LearningSession.started_at_utc),
            col(Skill.name_key),
            col(LearningSession.minutes),
            col(LearningSession.kind),
            col(LearningSession.note),
            col(LearningSession.uuid),
        )
    else:
        statement = statement.order_by(col(LearningSession.started_at_utc), col(LearningSession.uuid))
    yield from session.execute(statement.execution_options(yield_per=BATCH))


_SESSION_SQL = (
    "SELECT uuid, skill_id, started_at_utc, time_zone, local_day, minutes, kind, note, created_at_utc "
    "FROM learning_session ORDER BY started_at_utc, uuid"
)
_SESSION_ITEM = (
    "{{\n"
    '      "created_at": {created},\n'
    '      "kind": {kind},\n'
    '      "local_day": {day},\n'
    '      "minutes": {minutes},\n'
    '      "note": {note},\n'
    '      "skill_uuid": {skill},\n'
    '      "started_at": {started},\n'
    '      "time_zone": {zone},\n'
    '      "uuid": {uuid}\n'
    "    }}"
)
"""A session as ``_dumps`` writes it at its place in the document (an item of a list at depth 1)."""
_STORED_HEX = re.compile(r"[0-9a-f]{32}")
_STORED_INSTANT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}")
_STORED_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class _Rendered(str):
    """An item already written as ``_dumps`` would write it at its place."""


def _sessions(session: Session, skill_uuids: dict[int | None, str]) -> Iterator[Any]:
    """Every session as ``_dumps`` of its item would write it, straight from the stored text.

    100,000 sessions go through neither the ORM's types nor the pure-Python indenting JSON encoder:
    each row is checked to be stored as skilltrack stores it (32 hex digits, ``2026-11-02
    19:00:00.000000``, ``2026-11-02``, a whole number of minutes) and filled into the item's fixed
    text, strings quoted by the JSON encoder's own C function. Any other row is read through the
    columns' types and written with ``_dumps``, as before.
    """
    table: Any = LearningSession.__table__  # type: ignore[attr-defined]
    dialect = session.get_bind().dialect
    processors = {
        name: table.c[name].type.dialect_impl(dialect).result_processor(dialect, None)
        for name in ("uuid", "started_at_utc", "local_day", "created_at_utc")
    }
    skills = {skill_id: quote(uuid) for skill_id, uuid in skill_uuids.items()}
    quoted: dict[str, str] = {}
    days: dict[str, str | None] = {}

    def quoted_text(text: str) -> str:
        found = quoted.get(text)
        if found is None:
            found = quoted[text] = quote(text)
        return found

    def checked_day(text: str) -> str | None:
        if text not in days:
            days[text] = text if _STORED_DAY.fullmatch(text) and _is_date(text) else None
        return days[text]

    cursor = raw_connection(session).execute(_SESSION_SQL)
    while rows := cursor.fetchmany(BATCH):
        for uuid, skill_id, started, zone, day, minutes, kind, note, created in rows:
            if (
                type(uuid) is str
                and _STORED_HEX.fullmatch(uuid)
                and type(started) is str
                and (started_at := _exported_instant(started)) is not None
                and type(created) is str
                and (created_at := _exported_instant(created)) is not None
                and type(day) is str
                and checked_day(day) is not None
                and type(minutes) is int
                and type(zone) is str
                and type(kind) is str
                and type(note) is str
            ):
                yield _Rendered(
                    _SESSION_ITEM.format(
                        created=created_at,
                        kind=quoted_text(kind),
                        day=quoted_text(day),
                        minutes=minutes,
                        note=quote(note),
                        skill=skills[skill_id],
                        started=started_at,
                        zone=quoted_text(zone),
                        uuid=f'"{uuid[:8]}-{uuid[8:12]}-{uuid[12:16]}-{uuid[16:20]}-{uuid[20:]}"',
                    )
                )
                continue
            yield {
                "uuid": _uuid(_processed(processors["uuid"], uuid)),
                "skill_uuid": skill_uuids[skill_id],
                "started_at": instant(_processed(processors["started_at_utc"], started)),
                "time_zone": zone,
                "local_day": _processed(processors["local_day"], day).isoformat(),
                "minutes": minutes,
                "kind": kind,
                "note": note,
                "created_at": instant(_processed(processors["created_at_utc"], created)),
            }


def _processed(processor: Any, value: Any) -> Any:
    return value if processor is None else processor(value)


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _exported_instant(stored: str) -> str | None:
    """``2026-11-02 19:00:00.000000`` (naive UTC, as stored) as :func:`instant` writes it, quoted."""
    if not _STORED_INSTANT.fullmatch(stored):
        return None
    try:
        datetime.fromisoformat(stored)
    except ValueError:
        return None
    if stored.endswith(".000000"):
        return f'"{stored[:10]}T{stored[11:19]}+00:00"'
    return f'"{stored[:10]}T{stored[11:26]}+00:00"'


def _evidence(session: Session, project_uuids: dict[int | None, str]) -> Iterator[dict[str, Any]]:
    statement = select(Evidence).order_by(col(Evidence.occurred_on), col(Evidence.uuid))
    for evidence in session.scalars(statement.execution_options(yield_per=BATCH)):
        yield {
            "uuid": _uuid(evidence.uuid),
            "kind": evidence.kind,
            "expectation_id": evidence.expectation_id,
            "occurred_on": evidence.occurred_on.isoformat(),
            "title": evidence.title,
            "project_uuid": None if evidence.project_id is None else project_uuids[evidence.project_id],
            "link": evidence.link,
            "note": evidence.note,
            "created_at": instant(evidence.created_at_utc),
        }


def _timer(session: Session, skill_uuids: dict[int | None, str]) -> dict[str, Any] | None:
    timer = session.get(RunningTimer, 1)
    if timer is None:
        return None
    return {
        "skill_uuid": skill_uuids[timer.skill_id],
        "kind": timer.kind,
        "started_at": instant(timer.started_at_utc),
        "time_zone": timer.time_zone,
    }


def _postings(session: Session) -> Iterator[dict[str, Any]]:
    statement = select(Posting).order_by(col(Posting.posted_on), col(Posting.uuid))
    for posting in session.scalars(statement.execution_options(yield_per=BATCH)):
        yield {
            "uuid": _uuid(posting.uuid),
            "company": posting.company,
            "title": posting.title,
            "link": posting.link,
            "posted_on": posting.posted_on.isoformat(),
            "status": posting.status,
            "status_changed_on": posting.status_changed_on.isoformat(),
            "text": posting.text,
            "match_at_save": posting.match_at_save,
            "created_at": instant(posting.created_at_utc),
        }


def _interviews(session: Session) -> Iterator[dict[str, Any]]:
    """Mock interview rounds in the order of their sessions, each naming its session by UUID."""
    statement = (
        select(InterviewPractice, col(LearningSession.uuid))
        .join(LearningSession, col(LearningSession.id) == col(InterviewPractice.session_id))
        .order_by(col(LearningSession.started_at_utc), col(InterviewPractice.uuid))
    )
    for interview, session_uuid in session.execute(statement.execution_options(yield_per=BATCH)):
        yield {
            "uuid": _uuid(interview.uuid),
            "session_uuid": _uuid(session_uuid),
            "round": interview.round,
            "score": interview.score,
            "rubric": dict(interview.rubric),
            "created_at": instant(interview.created_at_utc),
        }


def _stories(session: Session, project_uuids: dict[int | None, str]) -> Iterator[dict[str, Any]]:
    statement = select(Story).order_by(col(Story.title_key), col(Story.uuid))
    for story in session.scalars(statement.execution_options(yield_per=BATCH)):
        yield {
            "uuid": _uuid(story.uuid),
            "title": story.title,
            "situation": story.situation,
            "task": story.task,
            "action": story.action,
            "result": story.result,
            "project_uuid": None if story.project_id is None else project_uuids[story.project_id],
            "expectation_id": story.expectation_id,
            "themes": list(story.themes),
            "created_at": instant(story.created_at_utc),
            "updated_at": instant(story.updated_at_utc),
        }


# --- CSV ----------------------------------------------------------------------------------------------


def write_csv(session: Session, out: TextIO) -> Exported:
    """The sessions: ``date,start,minutes,skill,kind,note,started_at,time_zone``.

    ``date`` is the day the session counts for and ``start`` its local HH:MM, both in the session's own
    zone, for people to read; ``started_at`` is the exact start (ISO 8601 with that zone's offset) and
    ``time_zone`` the zone, which an import uses, so that the file means the same wherever and whenever
    it is read back (a session can start before midnight of the day it counts for).
    """
    refuse_broken_references(session, CSV_BLOCKERS)
    names = {row[0]: row[1] for row in session.execute(select(col(Skill.id), col(Skill.name)))}
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    zones: dict[str, ZoneInfo] = {}
    exported = Exported()
    for row in _session_rows(session, by_content=True):
        zone = zones.get(row.time_zone)
        if zone is None:
            zone = zones[row.time_zone] = _zone_or_utc(row.time_zone)
        local_start = row.started_at_utc.astimezone(zone)
        writer.writerow(
            [
                row.local_day.isoformat(),
                f"{local_start:%H:%M}",
                row.minutes,
                names[row.skill_id],
                row.kind,
                row.note,
                local_start.isoformat(),
                zone.key,
            ]
        )
        exported.sessions += 1
    return exported


def _zone_or_utc(name: str) -> ZoneInfo:
    try:
        return parse_time_zone(name)
    except InputError:
        return ZoneInfo("UTC")


# --- files --------------------------------------------------------------------------------------------


@contextmanager
def atomic_text_file(path: Path) -> Iterator[TextIO]:
    """Write ``path`` whole or not at all: into a temporary file beside it, then moved into place."""
    path = path.expanduser()
    if path.is_dir():
        raise InputError("output", f"{path} is a folder; give a file name")
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        handle = temporary.open("w", encoding="utf-8", newline="")
    except OSError as error:
        raise InputError("output", f"{path} cannot be written ({error.strerror})") from None
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(path)
    except OSError as error:
        raise InputError("output", f"{path} cannot be written ({error.strerror})") from None
    finally:
        with suppress(OSError):
            temporary.unlink(missing_ok=True)
