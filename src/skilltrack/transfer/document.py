"""The skilltrack export format (JSON): its shape, and reading it back with every field checked.

```
{"format": "skilltrack", "schema_version": 2,
 "profile": {...} | null, "skills": [...], "ratings": [...], "projects": [...],
 "sessions": [...], "evidence": [...], "timer": {...} | null,
 "postings": [...], "interviews": [...], "stories": [...]}
```

Every entity carries its UUID (8-4-4-4-12 text) and refers to others by theirs (``skill_uuid``,
``project_uuid``, ``skill_uuids``, an interview's ``session_uuid``); instants are ISO 8601 with an
offset, days ISO dates. Errors name the entry by its place in the file (``sessions[3]``) and the field.

A file may hold a million sessions, so they are checked a piece at a time as the file is read (see
:mod:`skilltrack.transfer.formats`) and kept outside memory until they are written; what concerns them
all (a uuid given twice, a skill the file does not have, a start in the future) is asked of them where
they are kept (:class:`StagedSessions`), in its place among the checks of the whole document.

Version 2 added ``postings``, ``interviews`` (mock interview rounds, each tied to its learning session)
and ``stories``; a version-1 file, which cannot have them, is still read.
"""

import operator
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from itertools import repeat
from typing import Any, Protocol, TypeVar, cast
from uuid import UUID

from skilltrack.domain.dates import parse_time_zone
from skilltrack.domain.drafts import clean_evidence_title, clean_impact, clean_link_text, clean_role
from skilltrack.domain.durations import MAX_SESSION_MINUTES
from skilltrack.domain.errors import InputError
from skilltrack.domain.framework import SESSION_KINDS, SKILL_KINDS
from skilltrack.domain.names import clean_name, name_key
from skilltrack.domain.postings.text import clean_line, clean_link, clean_posting_text
from skilltrack.domain.profile import check_target_date, clean_profile_text
from skilltrack.domain.stories import clean_part, clean_title
from skilltrack.domain.text import MAX_LINE_LENGTH, clean_note, clean_text
from skilltrack.record.values import read_instant as read_stored_instant
from skilltrack.record.values import stored_instant
from skilltrack.transfer.fields import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    future_problem,
    kind_of,
    problem,
    read_bool,
    read_clean,
    read_date,
    read_instant,
    read_list,
    read_optional_clean,
    read_optional_date,
    read_optional_uuid,
    read_text,
    read_uuid,
    read_whole_number,
    shown,
)

FORMAT = "skilltrack"
FORMAT_VERSION = 2
SECTIONS = (
    "profile",
    "skills",
    "ratings",
    "projects",
    "sessions",
    "evidence",
    "timer",
    "postings",
    "interviews",
    "stories",
)
SECTION_SINCE = {"postings": 2, "interviews": 2, "stories": 2}
"""The format version that added a section; older files cannot have it."""

POSTING_STATUSES = ("considering", "applied", "interviewing", "offer", "rejected")
INTERVIEW_ROUNDS = ("system-design", "coding", "debugging", "behavioural")
"""As the record's schema allows them (its CHECK constraints)."""
MOCK_INTERVIEW = "mock-interview"
MIN_SCORE, MAX_SCORE = 1, 5

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
class SessionColumns:
    """Sessions of a file, each checked on its own, as columns (no object each: a file holds a million).

    As the record stores them: instants UTC as :func:`~skilltrack.record.values.stored_instant` writes
    them (``2026-11-02 19:00:00.000000``), days ``YYYY-MM-DD``, UUIDs (the skills' too) 32 lowercase hex
    digits.
    """

    uuids: list[str] = field(default_factory=list)
    skill_uuids: list[str] = field(default_factory=list)
    started_at: list[str] = field(default_factory=list)
    time_zones: list[str] = field(default_factory=list)
    local_days: list[str] = field(default_factory=list)
    minutes: list[int] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    created_at: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.uuids)


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
class PostingEntry:
    record: str
    uuid: UUID
    company: str
    title: str
    link: str
    posted_on: date
    status: str
    status_changed_on: date
    text: str
    match_at_save: int
    created_at: datetime


@dataclass(frozen=True)
class InterviewEntry:
    """A mock interview round; its time is the session ``session_uuid`` (kind mock-interview)."""

    record: str
    uuid: UUID
    session_uuid: UUID
    round: str
    score: int
    rubric: dict[str, int]
    created_at: datetime


@dataclass(frozen=True)
class StoryEntry:
    record: str
    uuid: UUID
    title: str
    situation: str
    task: str
    action: str
    result: str
    project_uuid: UUID | None
    expectation_id: str | None
    themes: tuple[str, ...]
    created_at: datetime
    updated_at: datetime

    @property
    def key(self) -> str:
        return name_key(self.title)


class StagedSessions(Protocol):
    """The sessions of the file being read, kept where they wait to be written (the importer's
    :class:`~skilltrack.transfer.staging.Staging`), answering what the document's checks ask of them all.

    Entries are named by their place in the file (``sessions[3]`` is 3); UUIDs are 32 hex digits.
    """

    def first_repeated_uuid(self) -> tuple[int, int, str] | None:
        """The first entry whose uuid an earlier one has: its place, the earlier one's, the uuid."""

    def first_of_other_skill(self, skill_uuids: Collection[str]) -> tuple[int, str] | None:
        """The first entry whose skill is none of ``skill_uuids``: its place and its skill's uuid."""

    def first_started_after(self, stored_instant: str) -> tuple[int, str] | None:
        """The first entry that starts after ``stored_instant``: its place and its start (as stored)."""

    def kinds_of(self, uuids: Collection[str]) -> dict[str, str]:
        """The kind of each of ``uuids`` that is the uuid of an entry."""


@dataclass(frozen=True)
class SessionsRead:
    """What stands for the ``sessions`` list in the document once its entries have gone to the
    :class:`StagedSessions`: the first of them found at fault, if any (it is refused in its turn)."""

    problem: InputError | None = None


@dataclass(frozen=True)
class RecordFile:
    """A skilltrack export, checked whole; its sessions are in the :class:`StagedSessions` it was
    read with."""

    profile: ProfileEntry | None
    skills: list[SkillEntry]
    ratings: list[RatingEntry]
    projects: list[ProjectEntry]
    evidence: list[EvidenceEntry]
    timer: TimerEntry | None
    postings: list[PostingEntry] = field(default_factory=list)
    interviews: list[InterviewEntry] = field(default_factory=list)
    stories: list[StoryEntry] = field(default_factory=list)


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


def parse_record_document(value: object, now_utc: datetime, sessions: StagedSessions) -> RecordFile:
    """Check a whole skilltrack export and return its entries; refuse anything inconsistent.

    ``value`` is the document as read, its ``sessions`` list standing as :class:`SessionsRead` (the
    entries themselves are in ``sessions``).
    """
    top = fields_of(
        value,
        "file",
        ("format", "schema_version"),
        {
            "profile": None,
            "skills": [],
            "ratings": [],
            "projects": [],
            "sessions": SessionsRead(),
            "evidence": [],
            "timer": None,
            "postings": [],
            "interviews": [],
            "stories": [],
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
    for section, since in SECTION_SINCE.items():
        if version < since and isinstance(value, dict) and section in value:
            raise problem(
                "file",
                section,
                f"is not a section of a version {version} file (it came with version {since}); "
                f"set schema_version to {since} or more",
            )
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
    _check_sessions(top["sessions"], sessions, skill_uuids, now_utc)
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
    postings = _entries(top["postings"], "postings", _posting)
    _unique_uuids(postings)
    interviews = _entries(top["interviews"], "interviews", _interview)
    _unique_uuids(interviews)
    session_kinds = sessions.kinds_of([interview.session_uuid.hex for interview in interviews])
    rounds_of: dict[UUID, str] = {}
    for interview in interviews:
        kind = session_kinds.get(interview.session_uuid.hex)
        if kind is None:
            _check_ref(interview.session_uuid, set(), interview.record, "session_uuid", "session")
        elif kind != MOCK_INTERVIEW:
            raise problem(
                interview.record,
                "session_uuid",
                f"{interview.session_uuid} is a session of kind {kind}; a mock interview's session "
                f"has kind {MOCK_INTERVIEW}",
            )
        first = rounds_of.setdefault(interview.session_uuid, interview.record)
        if first != interview.record:
            raise problem(
                interview.record, "session_uuid", f"{interview.session_uuid} is also the session of {first}"
            )
    stories = _entries(top["stories"], "stories", _story)
    _unique_uuids(stories)
    _check_unique_keys([(story.key, story.record) for story in stories], "title")
    for story in stories:
        if story.project_uuid is not None:
            _check_ref(story.project_uuid, project_uuids, story.record, "project_uuid", "project")
    return RecordFile(profile, skills, ratings, projects, evidence, timer, postings, interviews, stories)


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
    return read_clean(value, record, field, clean_name)


def _line(text: str) -> str:
    """A one-line value of the record's own vocabulary (a kind, an id, a theme), refused when empty."""
    return clean_text(text, field="", max_length=MAX_LINE_LENGTH, empty="is empty")


def _plain(value: object, record: str, field: str) -> str:
    return read_clean(value, record, field, _line)


class _Cleaner(Protocol):
    def __call__(self, text: str, *, keep: bool = ...) -> str: ...


def _kept(clean: _Cleaner, *, required: bool = False) -> Callable[[str], str]:
    """``clean`` in its ``keep`` form: a free-text value read back as the record holds it, refused by
    the same rule and limits as when it was typed but otherwise not rewritten, so that a value an older
    version stored (two spaces, a line break in a note) reads back whole. ``required``: refused when
    blank, as the record refuses it."""

    def checked(text: str) -> str:
        kept = clean(text, keep=True)
        if required and not kept.strip():
            raise InputError("", "is empty")
        return kept

    return checked


def _note(value: object, record: str, field: str) -> str:
    return read_clean(value, record, field, _kept(clean_note))


def _part(value: object, record: str, part: str) -> str:
    return read_clean(value, record, part, lambda text: clean_part(text, part, keep=True))


def _texts(value: object, record: str, field: str, clean: Callable[[str], str]) -> list[str]:
    items = read_list(value, record, field)
    return [read_clean(item, record, f"{field}[{index}]", clean) for index, item in enumerate(items)]


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
    zone = None if data["time_zone"] is None else read_text(data["time_zone"], record, "time_zone")
    target_date = read_optional_date(data["target_date"], record, "target_date")
    if target_date is not None:
        try:
            check_target_date(target_date)
        except InputError as error:
            raise problem(record, "target_date", error.problem) from None
    return ProfileEntry(
        uuid=read_uuid(data["uuid"], record, "uuid"),
        name=read_clean(
            data["name"], record, "name", lambda text: clean_profile_text(text, field="name", keep=True)
        ),
        title=read_clean(
            data["title"], record, "title", lambda text: clean_profile_text(text, field="title", keep=True)
        ),
        career_started_on=read_optional_date(data["career_started_on"], record, "career_started_on"),
        target_level=read_optional_clean(data["target_level"], record, "target_level", _line),
        target_date=target_date,
        time_zone=None if zone is None else _zone(zone, record, "time_zone"),
        updated_at=read_instant(data["updated_at"], record, "updated_at"),
    )


def _skill(value: object, record: str) -> SkillEntry:
    data = fields_of(value, record, ("uuid", "name", "kind", "created_at"), {"aliases": []})
    # Any kind a record holds is kept (records written before the kinds were settled have others, like
    # "platform"), so that every export reads back; only an empty one is refused.
    kind = read_text(data["kind"], record, "kind")
    if not kind.strip():
        raise problem(record, "kind", f"is empty; use one of {', '.join(SKILL_KINDS)}")
    kind = _plain(kind, record, "kind")
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
        note=_note(data["note"], record, "note"),
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
        role=read_clean(data["role"], record, "role", _kept(clean_role, required=True)),
        started_on=started_on,
        ended_on=ended_on,
        in_production=read_bool(data["in_production"], record, "in_production"),
        impact=read_clean(data["impact"], record, "impact", _kept(clean_impact)),
        links=tuple(link for link in _texts(data["links"], record, "links", _kept(clean_link_text)) if link),
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
        note=_note(data["note"], record, "note"),
        created_at=read_instant(data["created_at"], record, "created_at"),
    )


def read_sessions(items: list[object], first: int) -> SessionColumns:
    """Sessions of a file, each checked on its own (``first`` is the place of the first of ``items``):
    column by column when they are as skilltrack writes them, else (or to name the first entry and
    field at fault) one entry at a time."""
    quick = _sessions_as_written(items)
    return quick if quick is not None else _sessions_one_by_one(items, first)


def _sessions_one_by_one(items: list[object], first: int) -> SessionColumns:
    sessions = [_session(item, f"sessions[{index}]") for index, item in enumerate(items, start=first)]
    return SessionColumns(
        uuids=[learning.uuid.hex for learning in sessions],
        skill_uuids=[learning.skill_uuid.hex for learning in sessions],
        started_at=[stored_instant(learning.started_at) for learning in sessions],
        time_zones=[learning.time_zone for learning in sessions],
        local_days=[learning.local_day.isoformat() for learning in sessions],
        minutes=[learning.minutes for learning in sessions],
        kinds=[learning.kind for learning in sessions],
        notes=[learning.note for learning in sessions],
        created_at=[stored_instant(learning.created_at) for learning in sessions],
    )


def _check_sessions(
    value: object, sessions: StagedSessions, skill_uuids: set[UUID], now_utc: datetime
) -> None:
    """The checks of the sessions as a whole, in the order the entries were once checked in memory:
    each entry on its own, then uuids given twice, then (entry by entry) the skill and the start."""
    if not isinstance(value, SessionsRead):
        read_list(value, "file", "sessions")  # what is not a list (a list was read as it came)
        return
    if value.problem is not None:
        raise value.problem
    repeated = sessions.first_repeated_uuid()
    if repeated is not None:
        place, earlier, uuid = repeated
        raise problem(f"sessions[{place}]", "uuid", f"{UUID(uuid)} is also the uuid of sessions[{earlier}]")
    other_skill = sessions.first_of_other_skill({skill.hex for skill in skill_uuids})
    future = sessions.first_started_after(stored_instant(now_utc))
    if other_skill is not None and (future is None or other_skill[0] <= future[0]):
        place, skill = other_skill
        _check_ref(UUID(skill), skill_uuids, f"sessions[{place}]", "skill_uuid", "skill")
    if future is not None:
        place, started = future
        raise future_problem(f"sessions[{place}]", "started_at", read_stored_instant(started), now_utc)


_UUID_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_UTC_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{6})?\+00:00")
_DAY_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SESSION_KEYS = frozenset([*_SESSION_FIELDS, "note"])
_SESSION_KEYS_WITHOUT_NOTE = frozenset(_SESSION_FIELDS)
_session_values = operator.itemgetter(
    "uuid", "skill_uuid", "started_at", "time_zone", "local_day", "minutes", "kind", "note", "created_at"
)


def _sessions_as_written(items: list[object]) -> SessionColumns | None:
    """The sessions read a column at a time (C-level passes), when every one is exactly as an export
    writes it: canonical UUIDs and UTC instants, known zones and kinds. ``None`` as soon as anything is
    not; the entry-by-entry reading then decides, so whatever is accepted here is what it would accept,
    with the same values, and every refusal comes from it.
    """
    if not items:
        return SessionColumns()
    try:
        keys: list[Any] = list(map(dict.keys, items))  # type: ignore[arg-type]
    except TypeError:  # an entry that is not an object
        return None
    entries = cast(list[dict[str, object]], items)
    if not all(map(operator.eq, repeat(_SESSION_KEYS), keys)):
        if not all(key in (_SESSION_KEYS, _SESSION_KEYS_WITHOUT_NOTE) for key in keys):
            return None
        entries = [entry if len(entry) == len(_SESSION_KEYS) else {**entry, "note": ""} for entry in entries]
    columns: list[Any] = list(zip(*map(_session_values, entries), strict=True))
    uuids, skills, started, zones, days, minutes, kinds, notes, created = columns
    texts = (uuids, skills, started, zones, days, kinds, notes, created)
    if any(set(map(type, column)) != {str} for column in texts) or set(map(type, minutes)) != {int}:
        return None
    if not 1 <= min(minutes) <= max(minutes) <= MAX_SESSION_MINUTES:
        return None
    try:
        "".join(notes).encode("utf-8")
    except UnicodeEncodeError:
        return None
    if not all(map(_is_clean_note, set(notes))):
        return None
    if not all(map(_UUID_TEXT.fullmatch, uuids)) or not set(kinds) <= set(SESSION_KINDS):
        return None
    if not all(map(_UUID_TEXT.fullmatch, set(skills))):
        return None
    zone_of: dict[str, str] = {}
    for text in set(zones):
        key = _zone_key(text) if text.isascii() else None
        if key is None:
            return None
        zone_of[text] = key
    for text in set(days):
        if not _DAY_TEXT.fullmatch(text) or not _plausible_day(text):
            return None
    stored = [_stored_instants(column) for column in (started, created)]
    if stored[0] is None or stored[1] is None:
        return None
    return SessionColumns(
        uuids=list(map(str.replace, uuids, repeat("-"), repeat(""))),
        skill_uuids=list(map(str.replace, skills, repeat("-"), repeat(""))),
        started_at=stored[0],
        time_zones=list(map(zone_of.__getitem__, zones)),
        local_days=list(days),
        minutes=list(minutes),
        kinds=list(kinds),
        notes=list(notes),
        created_at=stored[1],
    )


def _is_clean_note(note: str) -> bool:
    """Whether the import reads ``note`` back as it is (:func:`~skilltrack.domain.text.clean_note`,
    ``keep``): else the careful path names the session and the problem."""
    try:
        clean_note(note, keep=True)
    except InputError:
        return False
    return True


def _plausible_day(text: str) -> bool:
    try:
        return EARLIEST_YEAR <= date.fromisoformat(text).year < LATEST_YEAR
    except ValueError:
        return False


def _stored_instants(texts: tuple[str, ...]) -> list[str] | None:
    """``2026-11-02T19:00:00+00:00`` (or with microseconds) as stored; ``None`` unless all are so."""
    if not all(map(_UTC_TEXT.fullmatch, texts)):
        return None
    if not str(EARLIEST_YEAR) <= min(texts)[:4] <= max(texts)[:4] < str(LATEST_YEAR):
        return None
    try:
        for _ in map(datetime.fromisoformat, texts):  # a day or time that is not on the clock
            pass
    except ValueError:
        return None
    return [
        f"{text[:10]} {text[11:26]}"
        if len(text) > len("2001-02-03T04:05:06+00:00")
        else f"{text[:10]} {text[11:19]}.000000"
        for text in texts
    ]


def _evidence(value: object, record: str) -> EvidenceEntry:
    data = fields_of(
        value,
        record,
        ("uuid", "kind", "occurred_on", "title", "created_at"),
        {"expectation_id": None, "project_uuid": None, "link": "", "note": ""},
    )
    return EvidenceEntry(
        record=record,
        uuid=read_uuid(data["uuid"], record, "uuid"),
        kind=_plain(data["kind"], record, "kind"),
        expectation_id=read_optional_clean(data["expectation_id"], record, "expectation_id", _line),
        occurred_on=read_date(data["occurred_on"], record, "occurred_on"),
        title=read_clean(data["title"], record, "title", _kept(clean_evidence_title, required=True)),
        project_uuid=read_optional_uuid(data["project_uuid"], record, "project_uuid"),
        link=read_clean(data["link"], record, "link", _kept(clean_link_text)),
        note=_note(data["note"], record, "note"),
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


def _one_of(value: object, record: str, field_name: str, allowed: tuple[str, ...], what: str) -> str:
    text = read_text(value, record, field_name)
    if text not in allowed:
        raise problem(record, field_name, f"{shown(text)} is not {what}; use one of {', '.join(allowed)}")
    return text


def _posting(value: object, record: str) -> PostingEntry:
    data = fields_of(
        value,
        record,
        (
            "uuid",
            "company",
            "title",
            "posted_on",
            "status",
            "status_changed_on",
            "text",
            "match_at_save",
            "created_at",
        ),
        {"link": ""},
    )
    match = read_whole_number(data["match_at_save"], record, "match_at_save")
    if not 0 <= match <= 100:
        raise problem(record, "match_at_save", f"{match} is not a match; use 0 to 100 (percent)")
    return PostingEntry(
        record=record,
        uuid=read_uuid(data["uuid"], record, "uuid"),
        company=read_clean(
            data["company"], record, "company", lambda text: clean_line(text, field="company", keep=True)
        ),
        title=read_clean(
            data["title"], record, "title", lambda text: clean_line(text, field="title", keep=True)
        ),
        link=read_clean(data["link"], record, "link", _kept(clean_link)),
        posted_on=read_date(data["posted_on"], record, "posted_on"),
        status=_one_of(data["status"], record, "status", POSTING_STATUSES, "a posting status"),
        status_changed_on=read_date(data["status_changed_on"], record, "status_changed_on"),
        text=read_clean(data["text"], record, "text", _kept(clean_posting_text)),
        match_at_save=match,
        created_at=read_instant(data["created_at"], record, "created_at"),
    )


def _score(value: object, record: str, field_name: str) -> int:
    score = read_whole_number(value, record, field_name)
    if not MIN_SCORE <= score <= MAX_SCORE:
        raise problem(record, field_name, f"{score} is not a score; use {MIN_SCORE} to {MAX_SCORE}")
    return score


def _interview(value: object, record: str) -> InterviewEntry:
    data = fields_of(value, record, ("uuid", "session_uuid", "round", "score", "created_at"), {"rubric": {}})
    rubric = data["rubric"]
    if not isinstance(rubric, dict):
        raise problem(record, "rubric", f"is {kind_of(rubric)}; expected an object of criterion: score")
    scores: dict[str, int] = {}
    for criterion, score in rubric.items():
        where = f"rubric[{shown(criterion, 30)}]"
        name = read_text(criterion, record, where)
        if not name.strip():
            raise problem(record, where, "is not a criterion; a criterion has a name")
        name = _plain(name, record, where)
        scores[name] = _score(score, record, where)
    return InterviewEntry(
        record=record,
        uuid=read_uuid(data["uuid"], record, "uuid"),
        session_uuid=read_uuid(data["session_uuid"], record, "session_uuid"),
        round=_one_of(data["round"], record, "round", INTERVIEW_ROUNDS, "an interview round"),
        score=_score(data["score"], record, "score"),
        rubric=scores,
        created_at=read_instant(data["created_at"], record, "created_at"),
    )


def _story(value: object, record: str) -> StoryEntry:
    data = fields_of(
        value,
        record,
        ("uuid", "title", "situation", "task", "action", "result", "created_at", "updated_at"),
        {"project_uuid": None, "expectation_id": None, "themes": []},
    )
    return StoryEntry(
        record=record,
        uuid=read_uuid(data["uuid"], record, "uuid"),
        title=read_clean(data["title"], record, "title", clean_title),
        situation=_part(data["situation"], record, "situation"),
        task=_part(data["task"], record, "task"),
        action=_part(data["action"], record, "action"),
        result=_part(data["result"], record, "result"),
        project_uuid=read_optional_uuid(data["project_uuid"], record, "project_uuid"),
        expectation_id=read_optional_clean(data["expectation_id"], record, "expectation_id", _line),
        themes=tuple(_texts(data["themes"], record, "themes", _line)),
        created_at=read_instant(data["created_at"], record, "created_at"),
        updated_at=read_instant(data["updated_at"], record, "updated_at"),
    )
