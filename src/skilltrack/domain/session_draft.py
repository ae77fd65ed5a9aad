"""A learning session as typed, parsed and checked; apart from :mod:`skilltrack.domain.drafts` (which
re-exports it) so that ``log`` builds one dataclass, not every form's."""

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
