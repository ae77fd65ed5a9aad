"""What a person typed into a form or a command, parsed and checked, before the record places it.

Every free-text value is cleaned by the one text rule (:mod:`skilltrack.domain.text`) when a draft is
made, with the functions below; the import of a skilltrack export reads each field with the same
function, so that whatever the record keeps reads back whole.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from skilltrack.domain.interviews import InterviewRound
from skilltrack.domain.names import clean_name
from skilltrack.domain.postings.text import clean_line, clean_link, clean_posting_text
from skilltrack.domain.session_draft import SessionDraft as SessionDraft
from skilltrack.domain.stories import clean_part, clean_title
from skilltrack.domain.text import MAX_LINE_LENGTH, MAX_LINK_LENGTH, MAX_NOTE_LENGTH, clean_note, clean_text


def clean_role(text: str, *, field: str = "role", keep: bool = False) -> str:
    """A project's role (``tech lead``): one line."""
    return clean_text(text, field=field, max_length=MAX_LINE_LENGTH, keep=keep)


def clean_impact(text: str, *, field: str = "impact", keep: bool = False) -> str:
    """A project's scale or impact, in a sentence: one line."""
    return clean_text(text, field=field, max_length=MAX_NOTE_LENGTH, keep=keep)


def clean_link_text(text: str, *, field: str = "link", keep: bool = False) -> str:
    """A link kept as it was given (of a project, of evidence): one line. A report links it only when it
    is an ``http``, ``https`` or ``mailto`` address."""
    return clean_text(text, field=field, max_length=MAX_LINK_LENGTH, keep=keep)


def clean_links(links: Iterable[str], *, field: str = "link") -> tuple[str, ...]:
    """A project's links, each :func:`clean_link_text` (empty ones dropped)."""
    cleaned = (clean_link_text(link, field=field) for link in links)
    return tuple(link for link in cleaned if link)


def clean_evidence_title(text: str, *, field: str = "title", keep: bool = False) -> str:
    """What a piece of evidence shows (``Led the outbox design doc``): one line."""
    return clean_text(text, field=field, max_length=MAX_LINE_LENGTH, keep=keep)


def _set(draft: object, name: str, value: object) -> None:
    object.__setattr__(draft, name, value)


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

    def __post_init__(self) -> None:
        _set(self, "name", clean_name(self.name, field="name"))
        _set(self, "role", clean_role(self.role))
        _set(self, "impact", clean_impact(self.impact))
        _set(self, "links", clean_links(self.links))


@dataclass(frozen=True)
class EvidenceDraft:
    kind: str
    title: str
    occurred_on: date
    expectation_id: str | None = None
    project: str | None = None
    link: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        _set(self, "title", clean_evidence_title(self.title))
        _set(self, "link", clean_link_text(self.link))
        _set(self, "note", clean_note(self.note))


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

    def __post_init__(self) -> None:
        _set(self, "note", clean_note(self.note))


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

    def __post_init__(self) -> None:
        _set(self, "company", clean_line(self.company, field="company"))
        _set(self, "title", clean_line(self.title, field="title"))
        _set(self, "text", clean_posting_text(self.text))
        _set(self, "link", clean_link(self.link))


@dataclass(frozen=True)
class StoryDraft:
    """A story as typed, cleaned by :mod:`skilltrack.domain.stories` (again, if it was already)."""

    title: str
    situation: str
    task: str
    action: str
    result: str
    themes: tuple[str, ...]
    project: str | None = None
    expectation_id: str | None = None

    def __post_init__(self) -> None:
        _set(self, "title", clean_title(self.title))
        for part in ("situation", "task", "action", "result"):
            _set(self, part, clean_part(getattr(self, part), part))


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

    def __post_init__(self) -> None:
        if self.title is not None:
            _set(self, "title", clean_title(self.title))
        for part in ("situation", "task", "action", "result"):
            value = getattr(self, part)
            if value is not None:
                _set(self, part, clean_part(value, part))

    @property
    def empty(self) -> bool:
        return all(getattr(self, name) is None for name in self.__dataclass_fields__)
