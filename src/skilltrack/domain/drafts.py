"""What a person typed into a form or a command, parsed and checked, before the record places it."""

from dataclasses import dataclass
from datetime import date, time


@dataclass(frozen=True)
class SessionDraft:
    """A learning session: the day and start time are optional (the record places it)."""

    skill: str
    minutes: int
    kind: str
    day: date | None = None
    at: time | None = None
    note: str = ""
    allow_new: bool = False


@dataclass(frozen=True)
class ProjectDraft:
    name: str
    role: str
    started_on: date
    ended_on: date | None
    in_production: bool
    skills: tuple[str, ...]
    impact: str = ""
    links: tuple[str, ...] = ()


@dataclass(frozen=True)
class EvidenceDraft:
    kind: str
    title: str
    occurred_on: date
    expectation_id: str | None = None
    project: str | None = None
    link: str = ""
    note: str = ""
