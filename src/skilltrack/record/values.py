"""How the record stores values, in one place: instants, days, ids and the placeholders of ``IN (…)``.

The stored forms are the ones the schema's first release wrote (through SQLModel), so every file ever
written reads the same: instants as naive UTC text with microseconds, days as ISO dates, ids as 32
lowercase hex digits. Nothing here imports more than the standard library's ``datetime`` and ``os``.
"""

import os
from collections.abc import Sequence
from datetime import UTC, date, datetime


def stored_instant(moment: datetime) -> str:
    """An aware instant as the record stores it: naive UTC text with microseconds."""
    if moment.tzinfo is None:
        raise ValueError("instants are stored in UTC and must carry a time zone")
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def read_instant(text: str) -> datetime:
    """A stored instant back as an aware UTC ``datetime``."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def now_stored() -> str:
    """This moment, as the record stores an instant (for ``created_at_utc`` and ``updated_at_utc``)."""
    return stored_instant(datetime.now(UTC))


def stored_day(text: str | None) -> date | None:
    """A stored day (or ``None``) back as a ``date``."""
    return None if text is None else date.fromisoformat(text)


def day_text(day: date | None) -> str | None:
    """A ``date`` (or ``None``) as the record stores it."""
    return None if day is None else day.isoformat()


def new_id() -> str:
    """A new row id as the record stores it: a random version-4 UUID as 32 hex digits.

    What ``uuid.uuid4().hex`` gives, made here because importing :mod:`uuid` took longer than
    writing a session.
    """
    value = int.from_bytes(os.urandom(16), "big")
    value = (value & ~(0xC000 << 48)) | (0x8000 << 48)  # the RFC 4122 variant
    value = (value & ~(0xF000 << 64)) | (4 << 76)  # version 4
    return f"{value:032x}"


def dashed_id(stored: str) -> str:
    """A stored id in the usual dashed form (``str(UUID(stored))``), without building a UUID."""
    if len(stored) == 32 and stored.islower() and stored.isalnum():
        return f"{stored[:8]}-{stored[8:12]}-{stored[12:16]}-{stored[16:20]}-{stored[20:]}"
    from uuid import UUID

    return str(UUID(stored))


def short_id(stored: str) -> str:
    """The first 8 hex digits of an id: what lists show and what commands take back."""
    return stored.replace("-", "")[:8]


def marks(values: Sequence[object]) -> str:
    """One ``?`` per value, for ``IN (…)``."""
    return ", ".join("?" * len(values))
