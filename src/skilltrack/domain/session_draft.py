"""A learning session as typed, parsed and checked; apart from :mod:`skilltrack.domain.drafts` (which
re-exports it) so that ``log`` imports none of the other forms' types."""

from datetime import date, time
from typing import NamedTuple

from skilltrack.domain.text import clean_note


class _SessionFields(NamedTuple):
    skill: str
    minutes: int
    kind: str
    day: date | None = None
    at: time | None = None
    note: str = ""
    allow_new: bool = False


class SessionDraft(_SessionFields):
    """A learning session: the day and start time are optional (the record places it). The note is
    checked and cleaned when the draft is made (:func:`skilltrack.domain.text.clean_note`), so that no
    write can store a note the import would refuse."""

    __slots__ = ()

    def __new__(
        cls,
        skill: str,
        minutes: int,
        kind: str,
        day: date | None = None,
        at: time | None = None,
        note: str = "",
        allow_new: bool = False,
    ) -> "SessionDraft":
        return super().__new__(cls, skill, minutes, kind, day, at, clean_note(note), allow_new)
