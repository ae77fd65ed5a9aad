"""The ladder as data: levels, areas, the skill vocabulary, evidence kinds, expectations and rules.

The shipped ladder lives in ``skilltrack/guide/ladder.toml``; ``skilltrack.guide`` reads and
validates it into these types. Nothing here reads a file.
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from skilltrack.domain.kinds import SESSION_KIND_ALIASES as SESSION_KIND_ALIASES
from skilltrack.domain.kinds import SESSION_KINDS as SESSION_KINDS
from skilltrack.domain.kinds import SKILL_KINDS as SKILL_KINDS
from skilltrack.domain.kinds import normalize_session_kind as normalize_session_kind
from skilltrack.domain.names import name_key

LEVEL_RUBRIC = {
    0: "none",
    1: "aware of it",
    2: "has used it, with help",
    3: "works with it daily without help",
    4: "deep: designs with it, debugs its internals, teaches it",
    5: "recognised authority",
}
"""The 0–5 self-rating scale every skill is rated on."""


@dataclass(frozen=True)
class Level:
    id: str
    title: str
    summary: str
    why: str
    rank: int
    """0 for the first level; a level includes the expectations of every lower rank."""


@dataclass(frozen=True)
class Area:
    id: str
    title: str


@dataclass(frozen=True)
class SkillTerm:
    """A skill, tool or practice the ladder knows by name, with the other names people use for it."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    section: str = ""

    @property
    def keys(self) -> frozenset[str]:
        return frozenset({name_key(self.name), *(name_key(alias) for alias in self.aliases)})


@dataclass(frozen=True)
class VocabularyTerm(SkillTerm):
    """A skill, tool or practice of the backend field that job postings ask for, beyond the ladder's."""

    group: str = ""
    """Where the vocabulary lists it: ``languages``, ``cloud_services``, ``practices``…"""
    provider: str = ""
    """The cloud platform a cloud service belongs to (``Amazon SQS`` → ``AWS``)."""
    written: tuple[str, ...] = ()
    """Names that are also English words ("Go", "Spark"): they count only as written here, or in capitals."""
    covers: tuple[str, ...] = ()
    """A generic name's members ("Message queues" covers Kafka and RabbitMQ): names, or ``kind:KIND``."""


class Vocabulary:
    """The field's vocabulary shipped beside the ladder (``skilltrack/guide/vocabulary.toml``).

    Given either its terms or a function that reads them: only reading a posting needs it, so a command
    that reads none (``log``) never pays for parsing it.
    """

    def __init__(
        self,
        terms: tuple[VocabularyTerm, ...] = (),
        *,
        load: "Callable[[], tuple[VocabularyTerm, ...]] | None" = None,
        source: str = "built-in",
    ) -> None:
        self._terms = terms
        self._load = load
        self.source = source

    @property
    def terms(self) -> tuple[VocabularyTerm, ...]:
        if self._load is not None:
            self._terms, self._load = self._load(), None
        return self._terms

    @property
    def loaded(self) -> bool:
        return self._load is None


@dataclass(frozen=True)
class EvidenceKind:
    id: str
    title: str
    hint: str
    schedulable: bool = True
    """Whether it can be planned (a design doc, a review); an incident or a mentoring moment cannot, and
    is recorded when it happens."""


@dataclass(frozen=True)
class SkillLevelRule:
    """At least ``count`` of ``skills`` self-rated at ``min_level`` or above."""

    skills: tuple[str, ...]
    min_level: int
    count: int = 1
    kind: str = "skill_level"


@dataclass(frozen=True)
class HandsOnRule:
    """At least ``count`` of ``skills`` used for real: rated, practised for hours, or shipped."""

    skills: tuple[str, ...]
    count: int = 1
    min_level: int = 3
    min_hours: float = 10
    shipped_project: bool = True
    kind: str = "hands_on"


@dataclass(frozen=True)
class ExperienceRule:
    min_years: float
    min_shipped_projects: int = 1
    kind: str = "experience"


@dataclass(frozen=True)
class EvidenceRule:
    kinds: tuple[str, ...]
    min_count: int
    within_days: int | None = None
    kind: str = "evidence"


@dataclass(frozen=True)
class PracticeRule:
    """At least ``min_sessions`` sessions of ``session_kinds`` on ``skills`` (any, if empty) lately."""

    session_kinds: tuple[str, ...]
    skills: tuple[str, ...]
    min_sessions: int
    within_days: int
    kind: str = "practice"


Rule = SkillLevelRule | HandsOnRule | ExperienceRule | EvidenceRule | PracticeRule


@dataclass(frozen=True)
class Expectation:
    id: str
    level: str
    area: str
    title: str
    section: str
    why: str
    rule: Rule
    weight: int = 1


@dataclass(frozen=True)
class Framework:
    name: str
    guide: str
    about: str
    levels: tuple[Level, ...]
    areas: tuple[Area, ...]
    skills: tuple[SkillTerm, ...]
    evidence_kinds: tuple[EvidenceKind, ...]
    expectations: tuple[Expectation, ...]
    source: str = field(default="built-in", compare=False)
    """Where the ladder came from, for messages: ``built-in`` or the file's path."""
    vocabulary: Vocabulary = field(default_factory=Vocabulary, compare=False, repr=False)
    """The field's skills beyond the ladder's, which job postings are read with; not evaluated."""

    def level(self, level_id: str) -> Level:
        for level in self.levels:
            if level.id == level_id:
                return level
        raise KeyError(level_id)

    def area(self, area_id: str) -> Area:
        for area in self.areas:
            if area.id == area_id:
                return area
        raise KeyError(area_id)

    def expectations_for(self, level_id: str) -> tuple[Expectation, ...]:
        """Every expectation a level holds, its own and those of the levels below it."""
        rank = self.level(level_id).rank
        return tuple(e for e in self.expectations if self.level(e.level).rank <= rank)

    @cached_property
    def _terms_by_key(self) -> dict[str, SkillTerm]:
        return {key: term for term in self.skills for key in term.keys}

    def term(self, name: str) -> SkillTerm | None:
        """The vocabulary entry a name or alias stands for (``k8s`` → Kubernetes), if any."""
        return self._terms_by_key.get(name_key(name))

    def term_keys(self) -> Iterator[tuple[str, str]]:
        """Every known key with the canonical name it stands for, for "did you mean" suggestions."""
        for key, term in self._terms_by_key.items():
            yield key, term.name

    @cached_property
    def expectation_ids(self) -> frozenset[str]:
        return frozenset(e.id for e in self.expectations)

    def evidence_kind(self, kind_id: str) -> EvidenceKind | None:
        return next((k for k in self.evidence_kinds if k.id == kind_id), None)

    def kinds_naming(self, skill_name: str) -> frozenset[str]:
        """The evidence kinds whose title or hint names the skill, by its name or an alias: the
        design-doc kind ("an architecture or design document") names Architecture documents. Evidence
        of such a kind shows the skill in use, for Readiness and ``jd`` alike."""
        term = self.term(skill_name)
        return self._kinds_naming.get(term.name if term else skill_name, frozenset())

    @cached_property
    def _kinds_naming(self) -> dict[str, frozenset[str]]:
        texts = {kind.id: f" {_words(kind.title)} {_words(kind.hint)} " for kind in self.evidence_kinds}
        naming: dict[str, frozenset[str]] = {}
        for term in self.skills:
            # Two letters ("Go", "CI") are too often other words to count as the skill's name here.
            forms = [_words(form) for form in (term.name, *term.aliases) if len(form.strip()) > 2]
            kinds = frozenset(
                kind
                for kind, text in texts.items()
                if any(f" {form} " in text or f" {form}s " in text for form in forms if form)
            )
            if kinds:
                naming[term.name] = kinds
        return naming


_WORD = re.compile(r"[a-z0-9+#]+")


def _words(text: str) -> str:
    """Lower-case words joined by single spaces: "Design-doc led" → "design doc led"."""
    return " ".join(_WORD.findall(text.lower()))
