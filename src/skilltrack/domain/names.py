"""Names of skills and projects (and lines of typed text like titles): cleaning, case-insensitive keys, and
"did you mean" suggestions."""

import re
import unicodedata
from collections.abc import Iterable

from skilltrack.domain.text import clean_text

MAX_NAME_LENGTH = 60
_SPACES = re.compile(r"\s+")


def clean_text_line(text: str, *, field: str, max_length: int, empty: str, keep: bool = False) -> str:
    """One line of typed text that things are found by (a name, a story's title): the one rule of
    :func:`skilltrack.domain.text.clean_text`, invisible characters refused too; refused when empty
    (with the problem ``empty``) or longer than ``max_length``."""
    return clean_text(text, field=field, max_length=max_length, empty=empty, keyed=True, keep=keep)


def clean_name(text: str, *, field: str = "name") -> str:
    """Trim and collapse spaces; refuse empty, over-long, control-character or invisible-character names."""
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
