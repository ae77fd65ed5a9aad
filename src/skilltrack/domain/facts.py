"""What the record shows, as plain values the record layer fills in and the readiness rules read."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from skilltrack.domain.framework import SkillTerm
from skilltrack.domain.names import name_key


@dataclass(frozen=True)
class SkillFacts:
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    level: int | None = None
    rated_on: date | None = None
    minutes_total: int = 0
    minutes_recent: int = 0
    """Minutes in the last 90 days."""
    last_practised: date | None = None
    shipped_projects: tuple[str, ...] = ()
    """Names of projects shipped to production that used this skill."""
    first_used_on: date | None = None
    """The first day the record shows it in use: its first logged session or the start of a project
    that used it (filled where a posting's years ask needs it)."""

    @property
    def keys(self) -> frozenset[str]:
        return frozenset({name_key(self.name), *(name_key(alias) for alias in self.aliases)})


@dataclass(frozen=True)
class EvidenceFacts:
    uuid: str
    kind: str
    title: str
    occurred_on: date
    expectation_id: str | None = None
    project: str | None = None
    link: str | None = None


@dataclass(frozen=True)
class PracticeQuery:
    """Sessions of some kinds, on some skills (any when empty), since a day. Answered by storage."""

    session_kinds: frozenset[str]
    skills: frozenset[str]
    since: date


@dataclass(frozen=True)
class PracticeTally:
    sessions: int = 0
    minutes: int = 0
    last_day: date | None = None


@dataclass(frozen=True)
class RecordFacts:
    career_started_on: date | None = None
    shipped_projects: tuple[str, ...] = ()
    skills: tuple[SkillFacts, ...] = ()
    evidence: tuple[EvidenceFacts, ...] = ()
    practice: Mapping[PracticeQuery, PracticeTally] = field(default_factory=dict)

    def find_skill(self, term: SkillTerm | str) -> SkillFacts | None:
        """The record's skill for a vocabulary term, matching by name or any alias."""
        keys = term.keys if isinstance(term, SkillTerm) else frozenset({name_key(term)})
        for skill in self.skills:
            if skill.keys & keys:
                return skill
        return None
