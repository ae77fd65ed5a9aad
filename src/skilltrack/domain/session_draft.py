"""A learning session as typed, parsed and checked; apart from :mod:`skilltrack.domain.drafts` (which
re-exports it) so that ``log`` imports none of the other forms' types."""

from datetime import date, time
from typing import NamedTuple


class SessionDraft(NamedTuple):
    """A learning session: the day and start time are optional (the record places it)."""

    skill: str
    minutes: int
    kind: str
    day: date | None = None
    at: time | None = None
    note: str = ""
    allow_new: bool = False
