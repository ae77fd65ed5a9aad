"""What a person typed into a form or a command, parsed and checked, before the record places it."""

from dataclasses import dataclass
from datetime import date

from skilltrack.domain.interviews import InterviewRound
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


@dataclass(frozen=True)
class InterviewDraft:
    """A mock interview as typed, parsed: the skill is resolved by the record when written."""

    interview_round: InterviewRound
    minutes: int
    score: int
    rubric: dict[str, int]
    skill: str | None = None
    """The skill to log the time on; the round's own skill when not given."""
    day: date | None = None
    note: str = ""
    allow_new: bool = False
    """Add ``skill`` as new even if it is close to a known name (as ``log --new``)."""
