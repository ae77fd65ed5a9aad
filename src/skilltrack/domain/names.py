"""Names of skills and projects (and lines of typed text like titles): cleaning, case-insensitive keys, and
"did you mean" suggestions."""

import re
import unicodedata
from collections.abc import Iterable

from skilltrack.domain.errors import InputError

MAX_NAME_LENGTH = 60
_SPACES = re.compile(r"\s+")


def clean_text_line(text: str, *, field: str, max_length: int, empty: str) -> str:
    """One line of typed text (a name, a title): spaces trimmed and collapsed; refused when empty (with
    the problem ``empty``), longer than ``max_length`` or holding control characters."""
    cleaned = _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
    if not cleaned:
        raise InputError(field, empty)
    if len(cleaned) > max_length:
        raise InputError(field, f"is {len(cleaned)} characters long; use at most {max_length}")
    if any(unicodedata.category(char).startswith("C") for char in cleaned):
        raise InputError(field, f"{text!r} holds control characters; use printable text only")
    return cleaned


def clean_name(text: str, *, field: str = "name") -> str:
    """Trim and collapse spaces; refuse empty, over-long or control-character names."""
    return clean_text_line(
        text,
        field=field,
        max_length=MAX_NAME_LENGTH,
        empty="is empty; give a name, like Kafka or system design",
    )


def name_key(name: str) -> str:
    """The case-insensitive key two names are compared by (``Go`` and ``go`` are one skill)."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", name)).strip().casefold()


def closest_name(typed: str, candidates: Iterable[tuple[str, str]]) -> str | None:
    """The display name whose key is close to ``typed`` (``postgress`` → ``PostgreSQL``), if any.

    ``candidates`` are ``(key, display name)`` pairs: every name and alias, each pointing at the
    canonical name. An exact key is not a "close" match; callers look those up first.
    """
    import difflib  # only a near miss asks: log on a known name never does

    by_key = dict(candidates)
    typed_key = name_key(typed)
    if len(typed_key) < 3:
        return None
    matches = difflib.get_close_matches(typed_key, list(by_key), n=1, cutoff=0.8)
    return by_key[matches[0]] if matches else None
