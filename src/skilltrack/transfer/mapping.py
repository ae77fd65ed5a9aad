"""Which skill a name from another tool stands for: the record's, the ladder's, ``--map``'s, or a new one.

Nothing is guessed: a name that is only *close* to a known one (``postgress``) is refused with a
suggestion and the ``--map`` that would import it; a name with no match at all becomes a new skill,
as ``skilltrack log`` does. Nothing here writes: the importer creates the skills it needs with
:func:`~skilltrack.record.skills.resolve_skill`, the one resolution ``log`` uses.
"""

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

from skilltrack.domain.errors import InputError
from skilltrack.domain.framework import Framework
from skilltrack.domain.names import clean_name, closest_name, name_key
from skilltrack.record.skills import SkillRef, known_name_keys, known_skill
from skilltrack.transfer.fields import shown

RECORD = "record"
LADDER = "ladder"
NEW = "new"


@dataclass(frozen=True)
class Target:
    """The skill imported sessions go to."""

    name: str
    key: str
    origin: str
    """``record`` (already there), ``ladder`` (added from the ladder's vocabulary) or ``new``."""
    skill_id: int | None = None

    def describe(self) -> str:
        if self.origin == NEW:
            return f"(new skill) {self.name}"
        if self.origin == LADDER:
            return f"{self.name} (added from the ladder)"
        return self.name


@dataclass(frozen=True)
class Unknown:
    """A name that is no skill yet; ``suggestion`` is set when it is close to one."""

    name: str
    suggestion: str | None


def parse_maps(values: Iterable[str]) -> dict[str, str]:
    """``--map NAME=SKILL`` options as ``{name key: skill as typed}``, each side checked like a name."""
    overrides: dict[str, str] = {}
    for value in values:
        name, equals, skill = value.partition("=")
        if not equals:
            raise InputError("map", f"{shown(value)} is not NAME=SKILL; use it like --map golang=Go")
        source = clean_name(name, field="map")
        target = clean_name(skill, field="map")
        key = name_key(source)
        if key in overrides and name_key(overrides[key]) != name_key(target):
            raise InputError("map", f"{shown(source)} is mapped twice, to {overrides[key]} and {target}")
        overrides[key] = target
    return overrides


@dataclass
class SkillResolver:
    """Resolves names against one open transaction, remembering each answer."""

    db: sqlite3.Connection
    framework: Framework
    overrides: dict[str, str] = field(default_factory=dict)
    _known: dict[str, Target | Unknown] = field(default_factory=dict)
    _candidates: list[tuple[str, str]] | None = None
    _targets: dict[str, Target] = field(default_factory=dict)

    def lookup(self, name: str) -> Target | Unknown:
        """What ``name`` stands for; raises :class:`InputError` (field ``name``) for a bad name."""
        key = name_key(name)
        answer = self._known.get(key)
        if answer is None:
            answer = self._resolve(name, key)
            self._known[key] = answer
        return answer

    def target(self, name: str) -> Target:
        """The skill for a name that must become one (a Watson project, a CSV skill)."""
        answer = self.lookup(name)
        if isinstance(answer, Target):
            return answer
        if answer.suggestion is not None:
            raise InputError(
                "name",
                f"{shown(answer.name)} is no skill yet and is close to {answer.suggestion}; "
                f'to import it as {answer.suggestion} use --map "{answer.name}={answer.suggestion}", '
                f'to keep it apart add it first with: skilltrack skill add "{answer.name}"',
            )
        return self._unique(Target(answer.name, name_key(answer.name), NEW))

    def is_mapped(self, name: str) -> bool:
        return name_key(name) in self.overrides

    def _resolve(self, name: str, key: str) -> Target | Unknown:
        if key in self.overrides:
            return self._mapped(self.overrides[key])
        clean = clean_name(name, field="name")
        return self._known_skill(clean) or Unknown(clean, closest_name(clean, self._suggestions()))

    def _mapped(self, typed: str) -> Target:
        found = self._known_skill(typed)
        if found is not None:
            return found
        suggestion = closest_name(typed, self._suggestions())
        if suggestion is not None:
            raise InputError(
                "map",
                f'no skill is called "{typed}"; did you mean {suggestion}? '
                f'(to use a new skill of that name, add it first with: skilltrack skill add "{typed}")',
            )
        return self._unique(Target(typed, name_key(typed), NEW))

    def _known_skill(self, clean: str) -> Target | None:
        """The skill a name already stands for: the record's, else the ladder's (which
        :func:`~skilltrack.record.skills.resolve_skill` adds on first use)."""
        known = known_skill(self.db, name=clean, ladder=lambda: self.framework)
        if known is None:
            return None
        if isinstance(known, SkillRef):
            return self._recorded(known)
        return self._unique(Target(known.name, name_key(known.name), LADDER))

    def _recorded(self, skill: SkillRef) -> Target:
        return self._unique(Target(skill.name, name_key(skill.name), RECORD, skill.id))

    def _unique(self, target: Target) -> Target:
        """One target per skill, whatever name led to it (``go`` and ``golang`` share Go)."""
        return self._targets.setdefault(target.key, target)

    def _suggestions(self) -> list[tuple[str, str]]:
        if self._candidates is None:
            self._candidates = [*known_name_keys(self.db), *self.framework.term_keys()]
        return self._candidates
