"""The tables of the record, declared once with SQLModel: the one statement of the schema.

Nothing on the run-time path imports this module (SQLModel and SQLAlchemy take longer to import than
``skilltrack log`` takes to run). New records are created from :mod:`skilltrack.record.ddl`, the SQL
these declarations compile to, written by ``scripts/write_ddl.py``; ``tests/unit/test_schema.py`` holds
the two together, and every migration's result to a new record's schema.
"""

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import JSON, CheckConstraint, Column, Dialect, Index, UniqueConstraint, types
from sqlalchemy.dialects import sqlite
from sqlalchemy.schema import CreateIndex, CreateTable
from sqlmodel import Field, SQLModel

from skilltrack.domain.interviews import ROUNDS
from skilltrack.domain.kinds import POSTING_STATUSES

SCHEMA_VERSION = 4
"""The schema these declarations describe; a file records its own in ``PRAGMA user_version``."""


def utc_now() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(types.TypeDecorator[datetime]):
    """An aware UTC instant, stored as naive UTC text so that it sorts and compares in SQL."""

    impl = types.DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("instants are stored in UTC and must carry a time zone")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def _quoted(words: Iterable[str]) -> str:
    return ", ".join(f"'{word}'" for word in words)


def _instant(**kwargs: Any) -> Any:
    return Field(sa_type=UTCDateTime, **kwargs)


class Profile(SQLModel, table=True):
    """The one person this record belongs to (a single row, id 1)."""

    id: int = Field(default=1, primary_key=True)
    uuid: UUID = Field(default_factory=uuid4, unique=True)
    name: str = ""
    title: str = ""
    career_started_on: date | None = None
    target_level: str | None = None
    target_date: date | None = None
    time_zone: str | None = None
    updated_at_utc: datetime = _instant(default_factory=utc_now)

    __table_args__ = (CheckConstraint("id = 1", name="single_profile"),)


class RecordIdentity(SQLModel, table=True):
    """Which record this is (a single row, id 1): random, given when the record is made (or first upgraded
    to schema 3), and never changed. A backup is a copy, so it carries it; a restore keeps the record's
    own. Backups are named after it, so that two records in one folder never share their backups."""

    __tablename__ = "record_identity"

    id: int = Field(default=1, primary_key=True)
    uuid: UUID = Field(default_factory=uuid4)

    __table_args__ = (CheckConstraint("id = 1", name="single_identity"),)


class Skill(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    uuid: UUID = Field(default_factory=uuid4, unique=True)
    name: str
    name_key: str = Field(unique=True)
    """Case-insensitive key of the name; names and aliases never collide."""
    kind: str = "other"
    created_at_utc: datetime = _instant(default_factory=utc_now)


class SkillAlias(SQLModel, table=True):
    __tablename__ = "skill_alias"

    id: int | None = Field(default=None, primary_key=True)
    skill_id: int = Field(foreign_key="skill.id", ondelete="CASCADE", index=True)
    alias: str
    alias_key: str = Field(unique=True)


class SkillRating(SQLModel, table=True):
    """A dated self-rating on the 0–5 rubric; the latest one is the skill's level."""

    __tablename__ = "skill_rating"

    id: int | None = Field(default=None, primary_key=True)
    uuid: UUID = Field(default_factory=uuid4, unique=True)
    skill_id: int = Field(foreign_key="skill.id", ondelete="CASCADE")
    level: int
    rated_on: date
    note: str = ""
    created_at_utc: datetime = _instant(default_factory=utc_now)

    __table_args__ = (
        CheckConstraint("level BETWEEN 0 AND 5", name="rating_level_range"),
        Index("ix_skill_rating_skill_day", "skill_id", "rated_on", "id"),
    )


class ProjectSkill(SQLModel, table=True):
    __tablename__ = "project_skill"

    project_id: int = Field(foreign_key="project.id", ondelete="CASCADE", primary_key=True)
    skill_id: int = Field(foreign_key="skill.id", ondelete="CASCADE", primary_key=True, index=True)


class Project(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    uuid: UUID = Field(default_factory=uuid4, unique=True)
    name: str
    name_key: str = Field(unique=True)
    role: str
    started_on: date
    ended_on: date | None = None
    in_production: bool = False
    impact: str = ""
    links: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at_utc: datetime = _instant(default_factory=utc_now)

    __table_args__ = (
        CheckConstraint("ended_on IS NULL OR ended_on >= started_on", name="project_dates_order"),
    )


class LearningSession(SQLModel, table=True):
    """Time spent learning. ``local_day`` is fixed when logged, so travel and clock changes never move it."""

    __tablename__ = "learning_session"

    id: int | None = Field(default=None, primary_key=True)
    uuid: UUID = Field(default_factory=uuid4, unique=True)
    skill_id: int = Field(foreign_key="skill.id", ondelete="CASCADE")
    started_at_utc: datetime = _instant()
    time_zone: str
    local_day: date
    minutes: int
    kind: str = "study"
    note: str = ""
    created_at_utc: datetime = _instant(default_factory=utc_now)

    __table_args__ = (
        CheckConstraint("minutes BETWEEN 1 AND 1440", name="session_minutes_range"),
        Index("ix_learning_session_day", "local_day", "minutes"),
        Index("ix_learning_session_skill_day", "skill_id", "local_day", "minutes"),
        Index("ix_learning_session_kind_day", "kind", "local_day", "skill_id"),
        Index("ix_learning_session_started", "started_at_utc"),
    )


class Evidence(SQLModel, table=True):
    """Something done that shows an expectation: a design doc led, an incident handled, a person mentored."""

    id: int | None = Field(default=None, primary_key=True)
    uuid: UUID = Field(default_factory=uuid4, unique=True)
    kind: str = Field(index=True)
    expectation_id: str | None = Field(default=None, index=True)
    """Kept even if the ladder in force drops this id; readiness then reports the entry."""
    occurred_on: date = Field(index=True)
    title: str
    project_id: int | None = Field(default=None, foreign_key="project.id", ondelete="SET NULL")
    link: str = ""
    note: str = ""
    created_at_utc: datetime = _instant(default_factory=utc_now)


class RunningTimer(SQLModel, table=True):
    """The one timer that may be running (id 1); stopping it writes a learning session."""

    __tablename__ = "running_timer"

    id: int = Field(default=1, primary_key=True)
    skill_id: int = Field(foreign_key="skill.id", ondelete="CASCADE")
    kind: str = "study"
    started_at_utc: datetime = _instant()
    time_zone: str

    __table_args__ = (CheckConstraint("id = 1", name="single_timer"),)


class Posting(SQLModel, table=True):
    """A job posting kept to apply to; its text is kept so that the match can be worked out again later."""

    id: int | None = Field(default=None, primary_key=True)
    uuid: UUID = Field(default_factory=uuid4, unique=True)
    company: str
    title: str
    link: str = ""
    posted_on: date
    status: str = Field(default="considering", index=True)
    status_changed_on: date
    text: str
    match_at_save: int
    """The overall match, in percent, on the day the posting was saved."""
    created_at_utc: datetime = _instant(default_factory=utc_now)

    __table_args__ = (
        CheckConstraint(
            f"status IN ({_quoted(POSTING_STATUSES)})",
            name="posting_status_known",
        ),
        CheckConstraint("match_at_save BETWEEN 0 AND 100", name="posting_match_range"),
    )


class InterviewPractice(SQLModel, table=True):
    """A mock interview round; its time is the learning session it belongs to (kind mock-interview)."""

    __tablename__ = "interview_practice"

    id: int | None = Field(default=None, primary_key=True)
    uuid: UUID = Field(default_factory=uuid4, unique=True)
    session_id: int = Field(foreign_key="learning_session.id", ondelete="CASCADE", unique=True)
    round: str
    score: int
    rubric: dict[str, int] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    """Criterion → score 1–5, for the criteria scored this time."""
    created_at_utc: datetime = _instant(default_factory=utc_now)

    __table_args__ = (
        CheckConstraint("score BETWEEN 1 AND 5", name="interview_score_range"),
        CheckConstraint(
            f"round IN ({_quoted(interview_round.id for interview_round in ROUNDS)})",
            name="interview_round_known",
        ),
        Index("ix_interview_practice_round", "round", "session_id"),
    )


class Story(SQLModel, table=True):
    """A story for the behavioural round, told as situation, task, action and result."""

    id: int | None = Field(default=None, primary_key=True)
    uuid: UUID = Field(default_factory=uuid4, unique=True)
    title: str
    title_key: str = Field(unique=True)
    situation: str
    task: str
    action: str
    result: str
    project_id: int | None = Field(default=None, foreign_key="project.id", ondelete="SET NULL", index=True)
    expectation_id: str | None = Field(default=None, index=True)
    themes: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at_utc: datetime = _instant(default_factory=utc_now)
    updated_at_utc: datetime = _instant(default_factory=utc_now)


# --- sync (skilltrack.record.operations): what changed, and what other replicas sent -----------------


class SyncReplica(SQLModel, table=True):
    """This copy of the record as a replica (one row): its id, made once, and its hybrid logical clock."""

    __tablename__ = "sync_replica"

    id: int = Field(default=1, primary_key=True)
    replica: str
    clock_ms: int
    counter: int
    applying: bool = False
    """Set while a sync applies other replicas' operations, so the triggers do not record them again."""
    last_sync_at_utc: str | None = None
    last_sync_folder: str | None = None

    __table_args__ = (CheckConstraint("id = 1", name="single_replica"),)


class SyncOperation(SQLModel, table=True):
    """One change to one row: made here (by the triggers) or applied from another replica."""

    __tablename__ = "sync_operation"

    id: int | None = Field(default=None, primary_key=True)
    clock: str
    replica: str
    entity: str
    row_uuid: str
    field: str
    """The changed field of an ``update``; empty for ``create`` and ``delete``."""
    action: str
    value: str | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    ref: str | None = None
    """The row this one hangs on (a session's skill, a piece of evidence's project), as of this write:
    found by it when that row dies or comes back."""

    __table_args__ = (
        CheckConstraint("action IN ('create', 'update', 'delete')", name="sync_operation_action_known"),
        UniqueConstraint("entity", "row_uuid", "field", "clock"),
        Index("ix_sync_operation_replica", "replica", "clock"),
        Index("ix_sync_operation_ref", "entity", "ref"),
    )


class SyncPeer(SQLModel, table=True):
    """How far this record has read another replica's file in the sync folder."""

    __tablename__ = "sync_peer"

    replica: str = Field(primary_key=True)
    file: str
    read_bytes: int
    last_clock: str


class SyncMerge(SQLModel, table=True):
    """A row two replicas created under one name, now known by the kept row's UUID."""

    __tablename__ = "sync_merge"

    entity: str = Field(primary_key=True)
    from_uuid: str = Field(primary_key=True)
    to_uuid: str


def schema_statements() -> tuple[str, ...]:
    """The SQL that creates every table and index, as ``SQLModel.metadata.create_all`` issues it."""
    dialect = sqlite.dialect()
    statements: list[str] = []
    for table in SQLModel.metadata.sorted_tables:
        statements.append(str(CreateTable(table).compile(dialect=dialect)).strip())
        for index in sorted(table.indexes, key=lambda index: str(index.name)):
            statements.append(str(CreateIndex(index).compile(dialect=dialect)).strip())
    return tuple(statements)
