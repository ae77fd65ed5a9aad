"""The skilltrack export format (JSON): its shape, and reading it back with every field checked.

```
{"format": "skilltrack", "schema_version": 1,
 "profile": {...} | null, "skills": [...], "ratings": [...], "projects": [...],
 "sessions": [...], "evidence": [...], "timer": {...} | null}
```

Every entity carries its UUID (8-4-4-4-12 text) and refers to others by theirs (``skill_uuid``,
``project_uuid``, ``skill_uuids``); instants are ISO 8601 with an offset, days ISO dates. Errors name
the entry by its place in the file (``sessions[3]``) and the field.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Protocol, TypeVar
from uuid import UUID

from skilltrack.domain.dates import parse_time_zone
from skilltrack.domain.durations import MAX_SESSION_MINUTES
from skilltrack.domain.errors import InputError
from skilltrack.domain.framework import SESSION_KINDS, SKILL_KINDS
from skilltrack.domain.names import clean_name, name_key
from skilltrack.transfer.fields import (
    future_problem,
    kind_of,
    problem,
    read_bool,
    read_date,
    read_instant,
    read_list,
    read_optional_date,
    read_optional_text,
    read_text,
    read_text_list,
    read_uuid,
    read_whole_number,
    shown,
)

FORMAT = "skilltrack"
FORMAT_VERSION = 1
SECTIONS = ("profile", "skills", "ratings", "projects", "sessions", "evidence", "timer")

_Entry = TypeVar("_Entry")


@dataclass(frozen=True)
class ProfileEntry:
    uuid: UUID
    name: str
    title: str
    career_started_on: date | None
    target_level: str | None
    target_date: date | None
    time_zone: str | None
    updated_at: datetime


@dataclass(frozen=True)
class SkillEntry:
    record: str
    uuid: UUID
    name: str
    kind: str
    aliases: tuple[str, ...]
    created_at: datetime

    @property
    def key(self) -> str:
        return name_key(self.name)


@dataclass(frozen=True)
class RatingEntry:
    record: str
    uuid: UUID
    skill_uuid: UUID
    level: int
    rated_on: date
    note: str
    created_at: datetime


@dataclass(frozen=True)
class ProjectEntry:
    record: str
    uuid: UUID
    name: str
    role: str
    started_on: date
    ended_on: date | None
    in_production: bool
    impact: str
    links: tuple[str, ...]
    skill_uuids: tuple[UUID, ...]
    created_at: datetime

    @property
    def key(self) -> str:
        return name_key(self.name)


@dataclass(frozen=True, slots=True)
class SessionEntry:
    record: str
    uuid: UUID
    skill_uuid: UUID
    started_at: datetime
    time_zone: str
    local_day: date
    minutes: int
    kind: str
    note: str
    created_at: datetime


@dataclass(frozen=True)
class EvidenceEntry:
    record: str
    uuid: UUID
    kind: str
    expectation_id: str | None
    occurred_on: date
    title: str
    project_uuid: UUID | None
    link: str
    note: str
    created_at: datetime


@dataclass(frozen=True)
class TimerEntry:
    skill_uuid: UUID
    kind: str
    started_at: datetime
    time_zone: str


@dataclass(frozen=True)
class RecordFile:
    profile: ProfileEntry | None
    skills: list[SkillEntry]
    ratings: list[RatingEntry]
    projects: list[ProjectEntry]
    sessions: list[SessionEntry]
    evidence: list[EvidenceEntry]
    timer: TimerEntry | None


def is_record_document(value: object) -> bool:
    return isinstance(value, dict) and value.get("format") == FORMAT


def fields_of(
    value: object, record: str, required: tuple[str, ...], optional: dict[str, object] | None = None
) -> dict[str, object]:
    """The fields of one JSON object: every required one present, no unknown one."""
    if not isinstance(value, dict):
        raise problem(record, "", f"is {kind_of(value)}; expected an object")
    defaults = optional or {}
    for key in value:
        if key not in required and key not in defaults:
            known = ", ".join(sorted([*required, *defaults]))
            raise problem(record, shown(key, 30), f"is not a field of this entry; expected {known}")
    for key in required:
        if key not in value:
            raise problem(record, key, "is missing")
    return {**defaults, **value}


def parse_record_document(value: object, now_utc: datetime) -> RecordFile:
    """Check a whole skilltrack export and return its entries; refuse anything inconsistent."""
    top = fields_of(
        value,
        "file",
        ("format", "schema_version"),
        {
            "profile": None,
            "skills": [],
            "ratings": [],
            "projects": [],
            "sessions": [],
            "evidence": [],
            "timer": None,
        },
    )
    if top["format"] != FORMAT:
        raise problem("file", "format", f"is {shown(top['format'])}; expected {FORMAT!r}")
    version = read_whole_number(top["schema_version"], "file", "schema_version")
    if version > FORMAT_VERSION:
        raise problem(
            "file",
            "schema_version",
            f"{version} is newer than this skilltrack reads ({FORMAT_VERSION}); upgrade skilltrack first",
        )
    if version < 1:
        raise problem("file", "schema_version", f"{version} is not a version; expected {FORMAT_VERSION}")
    profile = None if top["profile"] is None else _profile(top["profile"])
    skills = _entries(top["skills"], "skills", _skill)
    _check_skill_names(skills)
    skill_uuids = _unique_uuids(skills)
    ratings = _entries(top["ratings"], "ratings", _rating)
    _unique_uuids(ratings)
    for rating in ratings:
        _check_ref(rating.skill_uuid, skill_uuids, rating.record, "skill_uuid", "skill")
    projects = _entries(top["projects"], "projects", _project)
    project_uuids = _unique_uuids(projects)
    _check_unique_keys([(project.key, project.record) for project in projects], "name")
    for project in projects:
        for index, skill_uuid in enumerate(project.skill_uuids):
            _check_ref(skill_uuid, skill_uuids, project.record, f"skill_uuids[{index}]", "skill")
    sessions = _entries(top["sessions"], "sessions", _session)
    _unique_uuids(sessions)
    for learning in sessions:
        _check_ref(learning.skill_uuid, skill_uuids, learning.record, "skill_uuid", "skill")
        if learning.started_at > now_utc:
            raise future_problem(learning.record, "started_at", learning.started_at, now_utc)
    evidence = _entries(top["evidence"], "evidence", _evidence)
    _unique_uuids(evidence)
    for entry in evidence:
        if entry.project_uuid is not None:
            _check_ref(entry.project_uuid, project_uuids, entry.record, "project_uuid", "project")
    timer = None if top["timer"] is None else _timer(top["timer"])
    if timer is not None:
        _check_ref(timer.skill_uuid, skill_uuids, "timer", "skill_uuid", "skill")
        if timer.started_at > now_utc:
            raise future_problem("timer", "started_at", timer.started_at, now_utc)
    return RecordFile(profile, skills, ratings, projects, sessions, evidence, timer)


def _entries(value: object, section: str, read: Callable[[object, str], _Entry]) -> list[_Entry]:
    items = read_list(value, "file", section)
    return [read(item, f"{section}[{index}]") for index, item in enumerate(items)]


class _Identified(Protocol):
    @property
    def record(self) -> str: ...

    @property
    def uuid(self) -> UUID: ...


def _unique_uuids(entries: Sequence[_Identified]) -> set[UUID]:
    seen: dict[UUID, str] = {}
    for entry in entries:
        first = seen.setdefault(entry.uuid, entry.record)
        if first != entry.record:
            raise problem(entry.record, "uuid", f"{entry.uuid} is also the uuid of {first}")
    return set(seen)


def _check_unique_keys(keys: list[tuple[str, str]], field: str) -> None:
    seen: dict[str, str] = {}
    for key, record in keys:
        first = seen.setdefault(key, record)
        if first != record:
            raise problem(record, field, f"{shown(key)} is also used by {first}")


def _check_skill_names(skills: list[SkillEntry]) -> None:
    """Names and aliases never collide (a skill's alias may repeat its own name; it is then dropped)."""
    seen: dict[str, str] = {}
    for skill in skills:
        for index, key in enumerate([skill.key, *(name_key(alias) for alias in skill.aliases)]):
            field = "name" if index == 0 else f"aliases[{index - 1}]"
            first = seen.setdefault(key, skill.record)
            if first != skill.record:
                raise problem(skill.record, field, f"{shown(key)} also names {first}")


def _check_ref(value: UUID, known: set[UUID], record: str, field: str, what: str) -> None:
    if value not in known:
        raise problem(record, field, f"{value} is not the uuid of any {what} in the file")


def _name(value: object, record: str, field: str) -> str:
    text = read_text(value, record, field)
    try:
        return clean_name(text, field=field)
    except InputError as error:
        raise problem(record, field, error.problem) from None


def _plain(value: object, record: str, field: str) -> str:
    text = read_text(value, record, field).strip()
    if not text:
        raise problem(record, field, "is empty")
    return text


@lru_cache(maxsize=256)
def _zone_key(text: str) -> str | None:
    try:
        return parse_time_zone(text).key
    except InputError:
        return None


def _zone(value: object, record: str, field: str) -> str:
    text = read_text(value, record, field)
    key = _zone_key(text)
    if key is None:
        raise problem(record, field, f"{shown(text)} is not a known time zone; use an IANA name like UTC")
    return key


def _session_kind(value: object, record: str, field: str) -> str:
    kind = read_text(value, record, field)
    if kind not in SESSION_KINDS:
        raise problem(
            record, field, f"{shown(kind)} is not a session kind; use one of {', '.join(SESSION_KINDS)}"
        )
    return kind


def _profile(value: object) -> ProfileEntry:
    record = "profile"
    data = fields_of(
        value,
        record,
        ("uuid", "updated_at"),
        {
            "name": "",
            "title": "",
            "career_started_on": None,
            "target_level": None,
            "target_date": None,
            "time_zone": None,
        },
    )
    zone = read_optional_text(data["time_zone"], record, "time_zone")
    return ProfileEntry(
        uuid=read_uuid(data["uuid"], record, "uuid"),
        name=read_text(data["name"], record, "name"),
        title=read_text(data["title"], record, "title"),
        career_started_on=read_optional_date(data["career_started_on"], record, "career_started_on"),
        target_level=read_optional_text(data["target_level"], record, "target_level"),
        target_date=read_optional_date(data["target_date"], record, "target_date"),
        time_zone=None if zone is None else _zone(zone, record, "time_zone"),
        updated_at=read_instant(data["updated_at"], record, "updated_at"),
    )


def _skill(value: object, record: str) -> SkillEntry:
    data = fields_of(value, record, ("uuid", "name", "kind", "created_at"), {"aliases": []})
    kind = read_text(data["kind"], record, "kind")
    if kind not in SKILL_KINDS:
        raise problem(
            record, "kind", f"{shown(kind)} is not a skill kind; use one of {', '.join(SKILL_KINDS)}"
        )
    aliases = read_list(data["aliases"], record, "aliases")
    return SkillEntry(
        record=record,
        uuid=read_uuid(data["uuid"], record, "uuid"),
        name=_name(data["name"], record, "name"),
        kind=kind,
        aliases=tuple(_name(alias, record, f"aliases[{index}]") for index, alias in enumerate(aliases)),
        created_at=read_instant(data["created_at"], record, "created_at"),
    )


def _rating(value: object, record: str) -> RatingEntry:
    data = fields_of(value, record, ("uuid", "skill_uuid", "level", "rated_on", "created_at"), {"note": ""})
    level = read_whole_number(data["level"], record, "level")
    if not 0 <= level <= 5:
        raise problem(record, "level", f"{level} is not a level; use 0 to 5")
    return RatingEntry(
        record=record,
        uuid=read_uuid(data["uuid"], record, "uuid"),
        skill_uuid=read_uuid(data["skill_uuid"], record, "skill_uuid"),
        level=level,
        rated_on=read_date(data["rated_on"], record, "rated_on"),
        note=read_text(data["note"], record, "note"),
        created_at=read_instant(data["created_at"], record, "created_at"),
    )


def _project(value: object, record: str) -> ProjectEntry:
    data = fields_of(
        value,
        record,
        ("uuid", "name", "role", "started_on", "created_at"),
        {"ended_on": None, "in_production": False, "impact": "", "links": [], "skill_uuids": []},
    )
    started_on = read_date(data["started_on"], record, "started_on")
    ended_on = read_optional_date(data["ended_on"], record, "ended_on")
    if ended_on is not None and ended_on < started_on:
        raise problem(record, "ended_on", f"{ended_on} is before started_on ({started_on})")
    skill_uuids = read_list(data["skill_uuids"], record, "skill_uuids")
    return ProjectEntry(
        record=record,
        uuid=read_uuid(data["uuid"], record, "uuid"),
        name=_name(data["name"], record, "name"),
        role=_plain(data["role"], record, "role"),
        started_on=started_on,
        ended_on=ended_on,
        in_production=read_bool(data["in_production"], record, "in_production"),
        impact=read_text(data["impact"], record, "impact"),
        links=tuple(read_text_list(data["links"], record, "links")),
        skill_uuids=tuple(
            dict.fromkeys(
                read_uuid(item, record, f"skill_uuids[{index}]") for index, item in enumerate(skill_uuids)
            )
        ),
        created_at=read_instant(data["created_at"], record, "created_at"),
    )


_SESSION_FIELDS = (
    "uuid",
    "skill_uuid",
    "started_at",
    "time_zone",
    "local_day",
    "minutes",
    "kind",
    "created_at",
)


def _session(value: object, record: str) -> SessionEntry:
    data = fields_of(value, record, _SESSION_FIELDS, {"note": ""})
    minutes = read_whole_number(data["minutes"], record, "minutes")
    if not 1 <= minutes <= MAX_SESSION_MINUTES:
        raise problem(record, "minutes", f"{minutes} is out of range; use 1 to {MAX_SESSION_MINUTES}")
    return SessionEntry(
        record=record,
        uuid=read_uuid(data["uuid"], record, "uuid"),
        skill_uuid=read_uuid(data["skill_uuid"], record, "skill_uuid"),
        started_at=read_instant(data["started_at"], record, "started_at"),
        time_zone=_zone(data["time_zone"], record, "time_zone"),
        local_day=read_date(data["local_day"], record, "local_day"),
        minutes=minutes,
        kind=_session_kind(data["kind"], record, "kind"),
        note=read_text(data["note"], record, "note"),
        created_at=read_instant(data["created_at"], record, "created_at"),
    )


def _evidence(value: object, record: str) -> EvidenceEntry:
    data = fields_of(
        value,
        record,
        ("uuid", "kind", "occurred_on", "title", "created_at"),
        {"expectation_id": None, "project_uuid": None, "link": "", "note": ""},
    )
    project = data["project_uuid"]
    return EvidenceEntry(
        record=record,
        uuid=read_uuid(data["uuid"], record, "uuid"),
        kind=_plain(data["kind"], record, "kind"),
        expectation_id=read_optional_text(data["expectation_id"], record, "expectation_id"),
        occurred_on=read_date(data["occurred_on"], record, "occurred_on"),
        title=_plain(data["title"], record, "title"),
        project_uuid=None if project is None else read_uuid(project, record, "project_uuid"),
        link=read_text(data["link"], record, "link"),
        note=read_text(data["note"], record, "note"),
        created_at=read_instant(data["created_at"], record, "created_at"),
    )


def _timer(value: object) -> TimerEntry:
    record = "timer"
    data = fields_of(value, record, ("skill_uuid", "kind", "started_at", "time_zone"))
    return TimerEntry(
        skill_uuid=read_uuid(data["skill_uuid"], record, "skill_uuid"),
        kind=_session_kind(data["kind"], record, "kind"),
        started_at=read_instant(data["started_at"], record, "started_at"),
        time_zone=_zone(data["time_zone"], record, "time_zone"),
    )
