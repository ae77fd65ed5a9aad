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


@dataclass(frozen=True)
class PostingDraft:
    """A job posting to save, every value checked (:mod:`skilltrack.domain.postings`)."""

    company: str
    title: str
    text: str
    link: str = ""
    posted_on: date | None = None
    """The day it was posted; the day it is saved when not given."""
    status: str = "considering"


@dataclass(frozen=True)
class StoryDraft:
    """A story as typed, already cleaned by :mod:`skilltrack.domain.stories`."""

    title: str
    situation: str
    task: str
    action: str
    result: str
    themes: tuple[str, ...]
    project: str | None = None
    expectation_id: str | None = None


@dataclass(frozen=True)
class StoryChanges:
    """What ``story edit`` changes; ``None`` leaves a field as it is, ``""`` clears project/expectation."""

    title: str | None = None
    situation: str | None = None
    task: str | None = None
    action: str | None = None
    result: str | None = None
    themes: tuple[str, ...] | None = None
    project: str | None = None
    expectation_id: str | None = None

    @property
    def empty(self) -> bool:
        return all(getattr(self, name) is None for name in self.__dataclass_fields__)
