"""What a person typed into a form or a command, parsed and checked, before the record places it."""

from dataclasses import dataclass
from datetime import date

from skilltrack.domain.session_draft import SessionDraft as SessionDraft


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
