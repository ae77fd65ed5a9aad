"""Writing the record out: the whole of it as JSON, or the sessions as CSV.

The JSON is exactly ``json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\\n"``,
written a piece at a time so that 100,000 sessions are never all in memory: sessions stream from the
record row by row. Order is fixed by stored values only (never by row ids or the time of export),
so export → import into an empty record → export gives the same bytes. Both writers take the
connection of one read transaction, so that the file is one moment of the record.

A record with rows that point at rows that do not exist (only possible in a file written with foreign
keys off) is refused before anything is written, naming the rows and ``skilltrack check --fix``.
"""

import csv
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from json.encoder import encode_basestring as quote
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from skilltrack.domain.dates import parse_time_zone
from skilltrack.domain.errors import InputError
from skilltrack.record.check import find_checks
from skilltrack.record.errors import StorageError
from skilltrack.record.values import dashed_id, read_instant
from skilltrack.transfer.document import FORMAT, FORMAT_VERSION
from skilltrack.transfer.external import CSV_HEADER, spreadsheet_cell


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
"""Checks of :mod:`skilltrack.record.check` whose rows cannot be written with the references they lack."""
CSV_BLOCKERS = ("orphan-sessions",)


def refuse_broken_references(db: sqlite3.Connection, kinds: tuple[str, ...]) -> None:
    """Raise :class:`StorageError` naming the rows that point at nothing, before a byte is written."""
    findings = find_checks(db, kinds)
    if not findings:
        return
    described = "; ".join(
        f"{finding.summary}: {finding.count} ({', '.join(finding.examples)}"
        f"{', …' if finding.count > len(finding.examples) else ''})"
        for finding in findings
    )
    main_file = next(str(file) for _, name, file in db.execute("PRAGMA database_list") if name == "main")
    raise StorageError(
        Path(main_file),
        f"cannot be exported: it has rows that point at rows that do not exist ({described})",
        "run skilltrack check --fix to repair them (a verified backup is taken first), then export again",
    )


def instant(stored: str) -> str:
    """A stored instant as the file writes it: ``2026-11-02T19:00:00+00:00``, ISO 8601 with its
    offset, always UTC."""
    return read_instant(stored).isoformat()


def _day(stored: str | None) -> str | None:
    return None if stored is None else date.fromisoformat(stored).isoformat()


# --- JSON ---------------------------------------------------------------------------------------------


def _dumps(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True)


def _indented(text: str, depth: int) -> str:
    """``text`` (one JSON value) placed ``depth`` levels deep: every line after the first shifted."""
    return text.replace("\n", "\n" + "  " * depth)


def _write_list(out: TextIO, items: Iterable[Any], depth: int) -> int:
    """Write a list as ``json.dumps(list, indent=2)`` would at ``depth``, one item at a time (an item
    given as text is already as ``_dumps`` writes it at its place)."""
    count = 0
    pad = "  " * (depth + 1)
    for item in items:
        out.write("[\n" if count == 0 else ",\n")
        out.write(pad + (item if isinstance(item, str) else _indented(_dumps(item), depth + 1)))
        count += 1
    out.write("[]" if count == 0 else "\n" + "  " * depth + "]")
    return count


def write_json(db: sqlite3.Connection, out: TextIO) -> Exported:
    """The whole record as one JSON document (see :mod:`skilltrack.transfer.document`); ``db`` is
    the connection of a read transaction."""
    refuse_broken_references(db, JSON_BLOCKERS)
    skill_uuids = {
        int(skill_id): dashed_id(uuid) for skill_id, uuid in db.execute("SELECT id, uuid FROM skill")
    }
    project_uuids = {
        int(project_id): dashed_id(uuid) for project_id, uuid in db.execute("SELECT id, uuid FROM project")
    }
    exported = Exported()
    sections: dict[str, Any] = {
        "evidence": _evidence(db, project_uuids),
        "format": FORMAT,
        "interviews": _interviews(db),
        "postings": _postings(db),
        "profile": _profile(db),
        "projects": _projects(db, skill_uuids),
        "ratings": _ratings(db, skill_uuids),
        "schema_version": FORMAT_VERSION,
        "sessions": _sessions(db, skill_uuids),
        "skills": _skills(db),
        "stories": _stories(db, project_uuids),
        "timer": _timer(db, skill_uuids),
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


def _profile(db: sqlite3.Connection) -> dict[str, Any] | None:
    row = db.execute(
        "SELECT uuid, name, title, career_started_on, target_level, target_date, time_zone, updated_at_utc "
        "FROM profile WHERE id = 1"
    ).fetchone()
    if row is None:
        return None
    uuid, name, title, career_started_on, target_level, target_date, time_zone, updated_at = row
    return {
        "uuid": dashed_id(uuid),
        "name": name,
        "title": title,
        "career_started_on": _day(career_started_on),
        "target_level": target_level,
        "target_date": _day(target_date),
        "time_zone": time_zone,
        "updated_at": instant(updated_at),
    }


def _skills(db: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    aliases: dict[int, list[tuple[str, str]]] = {}
    for skill_id, alias, key in db.execute("SELECT skill_id, alias, alias_key FROM skill_alias"):
        aliases.setdefault(skill_id, []).append((key, alias))
    skills = db.execute(
        "SELECT id, uuid, name, kind, created_at_utc FROM skill ORDER BY name_key, uuid"
    ).fetchall()
    for skill_id, uuid, name, kind, created_at in skills:
        yield {
            "uuid": dashed_id(uuid),
            "name": name,
            "kind": kind,
            "aliases": [alias for _, alias in sorted(aliases.get(skill_id, []))],
            "created_at": instant(created_at),
        }


def _ratings(db: sqlite3.Connection, skill_uuids: dict[int, str]) -> Iterator[dict[str, Any]]:
    # Several ratings on one day: the last written counts, so their written order is kept (by when they
    # were written, then UUID: local ids differ between synced copies).
    for uuid, skill_id, level, rated_on, note, created_at in db.execute(
        "SELECT uuid, skill_id, level, rated_on, note, created_at_utc FROM skill_rating "
        "ORDER BY rated_on, created_at_utc, uuid",
    ):
        yield {
            "uuid": dashed_id(uuid),
            "skill_uuid": skill_uuids[skill_id],
            "level": level,
            "rated_on": _day(rated_on),
            "note": note,
            "created_at": instant(created_at),
        }


def _projects(db: sqlite3.Connection, skill_uuids: dict[int, str]) -> Iterator[dict[str, Any]]:
    links: dict[int, list[str]] = {}
    for project_id, skill_id in db.execute("SELECT project_id, skill_id FROM project_skill"):
        links.setdefault(project_id, []).append(skill_uuids[skill_id])
    projects = db.execute(
        "SELECT id, uuid, name, role, started_on, ended_on, in_production, impact, links, created_at_utc "
        "FROM project ORDER BY started_on, name_key, uuid"
    ).fetchall()
    for (
        project_id,
        uuid,
        name,
        role,
        started_on,
        ended_on,
        in_production,
        impact,
        urls,
        created_at,
    ) in projects:
        yield {
            "uuid": dashed_id(uuid),
            "name": name,
            "role": role,
            "started_on": _day(started_on),
            "ended_on": _day(ended_on),
            "in_production": bool(in_production),
            "impact": impact,
            "links": list(json.loads(urls)),
            "skill_uuids": sorted(links.get(project_id, [])),
            "created_at": instant(created_at),
        }


_SESSION_SQL = (
    "SELECT uuid, skill_id, started_at_utc, time_zone, local_day, minutes, kind, note, created_at_utc "
    "FROM learning_session ORDER BY started_at_utc, uuid"
)
_SESSION_ITEM = (
    "{\n"
    '      "created_at": %s,\n'
    '      "kind": %s,\n'
    '      "local_day": %s,\n'
    '      "minutes": %d,\n'
    '      "note": %s,\n'
    '      "skill_uuid": %s,\n'
    '      "started_at": %s,\n'
    '      "time_zone": %s,\n'
    '      "uuid": %s\n'
    "    }"
)
"""A session as ``_dumps`` writes it at its place in the document (an item of a list at depth 1), its
values quoted; ``%`` fills it in a third of the time ``str.format`` takes."""
_STORED_HEX = re.compile(r"[0-9a-f]{32}")
_STORED_INSTANT = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2} (?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]\.[0-9]{6}"
)
"""A stored instant whose time of day is on the clock (its day is checked apart, once per day)."""
_STORED_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _sessions(db: sqlite3.Connection, skill_uuids: dict[int, str]) -> Iterator[Any]:
    """Every session, oldest first: the text ``_dumps`` of its item would write, or the item.

    100,000 sessions do not go through the pure-Python indenting JSON encoder: each row is checked to
    be stored as skilltrack stores it (32 hex digits, ``2026-11-02 19:00:00.000000``, ``2026-11-02``,
    a whole number of minutes) and filled into the item's fixed text, strings quoted by the JSON
    encoder's own C function. Any other row is read value by value and written with ``_dumps``.
    """
    skills = {skill_id: quote(uuid) for skill_id, uuid in skill_uuids.items()}
    quoted: dict[str, str] = {}
    days: dict[str, bool] = {}

    def quoted_text(text: str) -> str:
        found = quoted.get(text)
        if found is None:
            found = quoted[text] = quote(text)
        return found

    def is_day(text: object) -> bool:
        if type(text) is not str:
            return False
        if text not in days:
            days[text] = bool(_STORED_DAY.fullmatch(text)) and _is_date(text)
        return days[text]

    def exported_instant(stored: object) -> str | None:
        """``2026-11-02 19:00:00.000000`` (naive UTC, as stored) as :func:`instant` writes it, quoted."""
        if type(stored) is not str or not _STORED_INSTANT.fullmatch(stored) or not is_day(stored[:10]):
            return None
        if stored.endswith(".000000"):
            return f'"{stored[:10]}T{stored[11:19]}+00:00"'
        return f'"{stored[:10]}T{stored[11:26]}+00:00"'

    for uuid, skill_id, started, zone, day, minutes, kind, note, created in db.execute(_SESSION_SQL):
        if (
            type(uuid) is str
            and _STORED_HEX.fullmatch(uuid)
            and (started_at := exported_instant(started)) is not None
            and (created_at := exported_instant(created)) is not None
            and is_day(day)
            and type(minutes) is int
            and type(zone) is str
            and type(kind) is str
            and type(note) is str
        ):
            yield _SESSION_ITEM % (
                created_at,
                quoted_text(kind),
                quoted_text(day),
                minutes,
                quote(note),
                skills[skill_id],
                started_at,
                quoted_text(zone),
                f'"{uuid[:8]}-{uuid[8:12]}-{uuid[12:16]}-{uuid[16:20]}-{uuid[20:]}"',
            )
            continue
        yield {
            "uuid": dashed_id(uuid),
            "skill_uuid": skill_uuids[skill_id],
            "started_at": instant(started),
            "time_zone": zone,
            "local_day": _day(day),
            "minutes": minutes,
            "kind": kind,
            "note": note,
            "created_at": instant(created),
        }


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _evidence(db: sqlite3.Connection, project_uuids: dict[int, str]) -> Iterator[dict[str, Any]]:
    for uuid, kind, expectation_id, occurred_on, title, project_id, link, note, created_at in db.execute(
        "SELECT uuid, kind, expectation_id, occurred_on, title, project_id, link, note, created_at_utc "
        "FROM evidence ORDER BY occurred_on, uuid",
    ):
        yield {
            "uuid": dashed_id(uuid),
            "kind": kind,
            "expectation_id": expectation_id,
            "occurred_on": _day(occurred_on),
            "title": title,
            "project_uuid": None if project_id is None else project_uuids[project_id],
            "link": link,
            "note": note,
            "created_at": instant(created_at),
        }


def _timer(db: sqlite3.Connection, skill_uuids: dict[int, str]) -> dict[str, Any] | None:
    row = db.execute(
        "SELECT skill_id, kind, started_at_utc, time_zone FROM running_timer WHERE id = 1"
    ).fetchone()
    if row is None:
        return None
    skill_id, kind, started_at, time_zone = row
    return {
        "skill_uuid": skill_uuids[skill_id],
        "kind": kind,
        "started_at": instant(started_at),
        "time_zone": time_zone,
    }


def _postings(db: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    for (
        uuid,
        company,
        title,
        link,
        posted_on,
        status,
        status_changed_on,
        text,
        match,
        created_at,
    ) in db.execute(
        "SELECT uuid, company, title, link, posted_on, status, status_changed_on, text, match_at_save, "
        "created_at_utc FROM posting ORDER BY posted_on, uuid",
    ):
        yield {
            "uuid": dashed_id(uuid),
            "company": company,
            "title": title,
            "link": link,
            "posted_on": _day(posted_on),
            "status": status,
            "status_changed_on": _day(status_changed_on),
            "text": text,
            "match_at_save": match,
            "created_at": instant(created_at),
        }


def _interviews(db: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """Mock interview rounds in the order of their sessions, each naming its session by UUID."""
    for uuid, session_uuid, round_id, score, rubric, created_at in db.execute(
        "SELECT interview_practice.uuid, learning_session.uuid, round, score, rubric, "
        "interview_practice.created_at_utc FROM interview_practice "
        "JOIN learning_session ON learning_session.id = interview_practice.session_id "
        "ORDER BY learning_session.started_at_utc, interview_practice.uuid",
    ):
        yield {
            "uuid": dashed_id(uuid),
            "session_uuid": dashed_id(session_uuid),
            "round": round_id,
            "score": score,
            "rubric": dict(json.loads(rubric)),
            "created_at": instant(created_at),
        }


def _stories(db: sqlite3.Connection, project_uuids: dict[int, str]) -> Iterator[dict[str, Any]]:
    for row in db.execute(
        "SELECT uuid, title, situation, task, action, result, project_id, expectation_id, themes, "
        "created_at_utc, updated_at_utc FROM story ORDER BY title_key, uuid",
    ):
        uuid, title, situation, task, action, result, project_id, expectation_id, themes, created, updated = (
            row
        )
        yield {
            "uuid": dashed_id(uuid),
            "title": title,
            "situation": situation,
            "task": task,
            "action": action,
            "result": result,
            "project_uuid": None if project_id is None else project_uuids[project_id],
            "expectation_id": expectation_id,
            "themes": list(json.loads(themes)),
            "created_at": instant(created),
            "updated_at": instant(updated),
        }


# --- CSV ----------------------------------------------------------------------------------------------


def write_csv(db: sqlite3.Connection, out: TextIO) -> Exported:
    """The sessions: ``date,start,minutes,skill,kind,note,started_at,time_zone``; ``db`` is the
    connection of a read transaction.

    ``date`` is the day the session counts for and ``start`` its local HH:MM, both in the session's own
    zone, for people to read; ``started_at`` is the exact start (ISO 8601 with that zone's offset) and
    ``time_zone`` the zone, which an import uses, so that the file means the same wherever and whenever
    it is read back (a session can start before midnight of the day it counts for).

    Sessions starting together are ordered by what the file shows (it has no UUIDs), so that
    re-imported sessions, which get new UUIDs, come out in the same order.

    A cell a spreadsheet would run as a formula (a note like ``=HYPERLINK(…)`` or ``-5 was the answer``)
    is written with a ``'`` in front (:func:`~skilltrack.transfer.external.spreadsheet_cell`), which
    the import takes off again: export → import → export gives the same bytes.
    """
    refuse_broken_references(db, CSV_BLOCKERS)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    zones: dict[str, ZoneInfo] = {}
    exported = Exported()
    for started, time_zone, day, minutes, skill, kind, note in db.execute(
        "SELECT session.started_at_utc, session.time_zone, session.local_day, session.minutes, skill.name, "
        "session.kind, session.note FROM learning_session AS session "
        "JOIN skill ON skill.id = session.skill_id ORDER BY session.started_at_utc, skill.name_key, "
        "session.minutes, session.kind, session.note, session.uuid",
    ):
        zone = zones.get(time_zone)
        if zone is None:
            zone = zones[time_zone] = _zone_or_utc(time_zone)
        local_start = read_instant(started).astimezone(zone)
        cells = [
            _day(day),
            f"{local_start:%H:%M}",
            minutes,
            skill,
            kind,
            note,
            local_start.isoformat(),
            zone.key,
        ]
        writer.writerow([spreadsheet_cell(cell) if isinstance(cell, str) else cell for cell in cells])
        exported.sessions += 1
    return exported


def _zone_or_utc(name: str) -> ZoneInfo:
    try:
        return parse_time_zone(name)
    except InputError:
        return ZoneInfo("UTC")
