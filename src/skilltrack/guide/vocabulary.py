"""Read the field's vocabulary (``vocabulary.toml``, shipped beside the ladder) into
:class:`~skilltrack.domain.framework.VocabularyTerm` values, strictly: an error names the entry and field.

Only reading a job posting needs it; the ladder's loader hands the framework a function that calls
:func:`load_builtin_vocabulary` on first use, so other commands never parse this file.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from skilltrack.domain.errors import FrameworkError
from skilltrack.domain.framework import SKILL_KINDS, VocabularyTerm
from skilltrack.domain.names import name_key

FORMAT = "skilltrack-vocabulary"
FORMAT_VERSION = 1
BUILTIN_VOCABULARY = "vocabulary.toml"

GROUP_KINDS = {
    "languages": "language",
    "frameworks": "other",
    "datastores": "datastore",
    "messaging": "messaging",
    "cloud": "cloud",
    "cloud_services": "cloud",
    "infrastructure": "infrastructure",
    "delivery": "infrastructure",
    "observability": "observability",
    "apis": "api",
    "data": "other",
    "testing": "practice",
    "security": "practice",
    "architecture": "practice",
    "practices": "practice",
    "domains": "other",
}
"""Each group of the file and the kind its entries have unless they say otherwise."""

_ENTRY_KEYS = frozenset({"name", "aliases", "kind", "provider", "written", "covers"})

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


@cache
def load_builtin_vocabulary() -> tuple[VocabularyTerm, ...]:
    """The vocabulary shipped with skilltrack."""
    text = Path(__file__).with_name(BUILTIN_VOCABULARY).read_text(encoding="utf-8")
    return parse_vocabulary(text, source="built-in vocabulary")


def parse_vocabulary(text: str, *, source: str) -> tuple[VocabularyTerm, ...]:
    import tomllib

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FrameworkError(source, "", f"is not valid TOML ({error})") from None
    if document.get("format") != FORMAT:
        raise FrameworkError(source, "format", f"must be {FORMAT!r}; is this a skilltrack vocabulary?")
    if document.get("version") != FORMAT_VERSION:
        raise FrameworkError(
            source, "version", f"{document.get('version')!r} is not supported; this reads {FORMAT_VERSION}"
        )
    unknown = sorted(set(document) - {"format", "version", *GROUP_KINDS})
    if unknown:
        raise FrameworkError(
            source, unknown[0], f"is not a group; accepted: {', '.join(sorted(GROUP_KINDS))}"
        )
    terms: list[VocabularyTerm] = []
    seen: dict[str, str] = {}
    for group, default_kind in GROUP_KINDS.items():
        entries = document.get(group, [])
        if not isinstance(entries, list):
            raise FrameworkError(source, group, f"must be a list of [[{group}]] tables")
        for index, entry in enumerate(entries, start=1):
            term = _term(entry, group, default_kind, source, f"{group} #{index}")
            key = name_key(term.name)
            if key in seen:
                raise FrameworkError(
                    source, f"{group} {term.name}", f"name appears twice (also in {seen[key]})"
                )
            seen[key] = group
            terms.append(term)
    return tuple(terms)


def _term(entry: Any, group: str, default_kind: str, source: str, where: str) -> VocabularyTerm:
    if not isinstance(entry, dict):
        raise FrameworkError(source, where, "must be a table")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise FrameworkError(source, where, "'name' must be a non-empty string")
    where = f"{group} {name}"
    extra = sorted(set(entry) - _ENTRY_KEYS)
    if extra:
        raise FrameworkError(
            source, where, f"unknown key {extra[0]!r}; accepted: {', '.join(sorted(_ENTRY_KEYS))}"
        )
    kind = entry.get("kind", default_kind)
    if kind not in SKILL_KINDS:
        raise FrameworkError(source, where, f"kind {kind!r} is not one of {', '.join(SKILL_KINDS)}")
    provider = entry.get("provider", "")
    if not isinstance(provider, str):
        raise FrameworkError(source, where, "'provider' must be a string")
    return VocabularyTerm(
        name=name,
        kind=kind,
        aliases=_strings(entry, "aliases", source, where),
        group=group,
        provider=provider,
        written=_strings(entry, "written", source, where),
        covers=_strings(entry, "covers", source, where),
    )


def _strings(entry: dict[str, Any], key: str, source: str, where: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise FrameworkError(source, where, f"'{key}' must be a list of non-empty strings")
    return tuple(value)
