"""Readiness: each expectation of the ladder evaluated against a record, and each level summed up.

Pure functions of (record, framework, today). A result carries a fraction from 0 to 1, a one-line
reason in the person's terms, the evidence that counted, and the next step that would close it.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from skilltrack.domain.dates import years_between
from skilltrack.domain.durations import format_hours
from skilltrack.domain.facts import EvidenceFacts, PracticeQuery, PracticeTally, RecordFacts, SkillFacts
from skilltrack.domain.framework import (
    EvidenceRule,
    Expectation,
    ExperienceRule,
    Framework,
    HandsOnRule,
    Level,
    PracticeRule,
    SkillLevelRule,
    SkillTerm,
)
from skilltrack.domain.names import name_key

_COMPLETE = 0.999_999


class Status(StrEnum):
    MET = "met"
    PARTIAL = "partial"
    MISSING = "missing"


@dataclass(frozen=True)
class ExpectationResult:
    expectation: Expectation
    fraction: float
    reason: str
    next_step: str
    evidence: tuple[EvidenceFacts, ...] = ()
    skill: str | None = None
    """The skill the next step is about, when it is about one (to rate it or log time on it)."""

    @property
    def status(self) -> Status:
        if self.fraction >= _COMPLETE:
            return Status.MET
        return Status.PARTIAL if self.fraction > 0 else Status.MISSING

    @property
    def gap(self) -> float:
        """How much closing this would add to its level, weighted."""
        return (1 - self.fraction) * self.expectation.weight


@dataclass(frozen=True)
class LevelReadiness:
    level: Level
    results: tuple[ExpectationResult, ...]

    @property
    def met(self) -> int:
        return sum(result.status is Status.MET for result in self.results)

    @property
    def total(self) -> int:
        return len(self.results)

    @property
    def percent(self) -> int:
        """Weighted share of the level's expectations met, partial credit included, rounded down."""
        weights = sum(result.expectation.weight for result in self.results)
        if not weights:
            return 100
        earned = sum(result.fraction * result.expectation.weight for result in self.results)
        return int(100 * earned / weights + 1e-9)

    @property
    def gaps(self) -> tuple[ExpectationResult, ...]:
        """What is not met yet, biggest first."""
        open_results = [result for result in self.results if result.status is not Status.MET]
        return tuple(sorted(open_results, key=lambda result: -result.gap))


@dataclass(frozen=True)
class Readiness:
    levels: tuple[LevelReadiness, ...]
    orphaned_evidence: tuple[EvidenceFacts, ...]
    """Evidence tied to an expectation the ladder in force no longer has: kept, and reported."""

    def level(self, level_id: str) -> LevelReadiness:
        for level in self.levels:
            if level.level.id == level_id:
                return level
        raise KeyError(level_id)


def practice_query(rule: PracticeRule, framework: Framework, today: date) -> PracticeQuery:
    """The question a practice rule asks of the sessions, with every name its skills go by."""
    keys: set[str] = set()
    for skill in rule.skills:
        term = framework.term(skill)
        keys |= term.keys if term else {name_key(skill)}
    return PracticeQuery(
        session_kinds=frozenset(rule.session_kinds),
        skills=frozenset(keys),
        since=today - timedelta(days=rule.within_days - 1),
    )


def practice_queries(framework: Framework, today: date) -> frozenset[PracticeQuery]:
    """Every practice question the ladder asks, for storage to answer before :func:`assess`."""
    return frozenset(
        practice_query(e.rule, framework, today)
        for e in framework.expectations
        if isinstance(e.rule, PracticeRule)
    )


class _Lookup:
    """A record's skills by name key and its evidence by kind and by expectation, found once per
    assessment: every expectation asks, and scanning the whole record for each was most of the work."""

    def __init__(self, record: RecordFacts) -> None:
        self.record = record
        self._skills: dict[str, int] = {}
        for position, skill in enumerate(record.skills):
            for key in skill.keys:
                self._skills.setdefault(key, position)
        self._by_kind: dict[str, list[int]] = {}
        self._by_expectation: dict[str, list[int]] = {}
        for position, evidence in enumerate(record.evidence):
            self._by_kind.setdefault(evidence.kind, []).append(position)
            if evidence.expectation_id:
                self._by_expectation.setdefault(evidence.expectation_id, []).append(position)

    def skill(self, term: SkillTerm) -> SkillFacts | None:
        """As :meth:`RecordFacts.find_skill`: the first skill in the record known by any of the term's
        names."""
        positions = [self._skills[key] for key in term.keys if key in self._skills]
        return self.record.skills[min(positions)] if positions else None

    def evidence(self, kinds: Iterable[str] = (), expectation_id: str | None = None) -> list[EvidenceFacts]:
        """The evidence of any of ``kinds`` or tied to ``expectation_id``, in the record's order."""
        positions = set(self._by_expectation.get(expectation_id, ())) if expectation_id else set()
        for kind in kinds:
            positions.update(self._by_kind.get(kind, ()))
        return [self.record.evidence[position] for position in sorted(positions)]


def assess(record: RecordFacts, framework: Framework, today: date) -> Readiness:
    lookup = _Lookup(record)
    results = {e.id: evaluate(e, record, framework, today, lookup) for e in framework.expectations}
    levels = tuple(
        LevelReadiness(level, tuple(results[e.id] for e in framework.expectations_for(level.id)))
        for level in framework.levels
    )
    orphaned = tuple(
        evidence
        for evidence in record.evidence
        if evidence.expectation_id and evidence.expectation_id not in framework.expectation_ids
    )
    return Readiness(levels, orphaned)


def evaluate(
    expectation: Expectation,
    record: RecordFacts,
    framework: Framework,
    today: date,
    lookup: _Lookup | None = None,
) -> ExpectationResult:
    lookup = lookup or _Lookup(record)
    rule = expectation.rule
    tied = tuple(lookup.evidence(expectation_id=expectation.id))
    skill: str | None = None
    match rule:
        case SkillLevelRule():
            fraction, reason, step, skill = _skill_level(rule, _terms(rule.skills, framework), lookup)
        case HandsOnRule():
            fraction, reason, step, skill = _hands_on(rule, _terms(rule.skills, framework), lookup)
        case ExperienceRule():
            fraction, reason, step = _experience(rule, record, today)
        case EvidenceRule():
            counted = _matching_evidence(rule, expectation, lookup, today)
            fraction, reason, step = _evidence(rule, counted, framework)
            tied = counted
        case PracticeRule():
            tally = record.practice.get(practice_query(rule, framework, today), PracticeTally())
            fraction, reason, step = _practice(rule, tally)
            skill = rule.skills[0] if rule.skills and fraction < _COMPLETE else None
    return ExpectationResult(
        expectation, fraction, reason, step, tied, skill if fraction < _COMPLETE else None
    )


def _terms(names: Iterable[str], framework: Framework) -> list[SkillTerm]:
    return [framework.term(name) or SkillTerm(name, "other") for name in names]


def _join(names: Sequence[str], word: str = "or") -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {word} {names[-1]}"


def _skill_level(
    rule: SkillLevelRule, terms: list[SkillTerm], lookup: _Lookup
) -> tuple[float, str, str, str | None]:
    levels = [(term, _level(lookup.skill(term))) for term in terms]
    ranked = sorted(levels, key=lambda item: -1 if item[1] is None else -item[1])
    best = ranked[: rule.count]
    fraction = sum(_level_progress(level, rule.min_level) for _, level in best) / rule.count
    rated = ", ".join(f"{term.name} {level}" for term, level in ranked if level is not None)
    if fraction >= _COMPLETE:
        return 1.0, rated, "", None
    names = _join([term.name for term in terms])
    if len(terms) == 1:
        need = f"needs level {rule.min_level} in {names}"
    elif rule.count == 1:
        need = f"needs level {rule.min_level} in one of {names}"
    else:
        need = f"needs {rule.count} of {names} at level {rule.min_level}+"
    closest = next((term for term, level in best if (level or 0) < rule.min_level), ranked[-1][0])
    step = f"rate {closest.name} {rule.min_level} once you work at that depth"
    return fraction, f"{rated or 'nothing rated'} — {need}", step, closest.name


def _level(skill: SkillFacts | None) -> int | None:
    return None if skill is None else skill.level


def _level_progress(level: int | None, min_level: int) -> float:
    if min_level == 0:
        return 1.0
    return min((level or 0) / min_level, 1.0)


def _hands_on_progress(rule: HandsOnRule, skill: SkillFacts | None) -> float:
    if skill is None:
        return 0.0
    if rule.shipped_project and skill.shipped_projects:
        return 1.0
    by_level = (skill.level or 0) / rule.min_level if rule.min_level else 0.0
    by_hours = skill.minutes_total / 60 / rule.min_hours if rule.min_hours else 0.0
    return min(max(by_level, by_hours), 1.0)


def _hands_on_facts(rule: HandsOnRule, term: SkillTerm, skill: SkillFacts | None) -> str:
    if skill is None:
        return f"{term.name}: nothing logged"
    if rule.shipped_project and skill.shipped_projects:
        return f"{term.name}: shipped in {skill.shipped_projects[0]}"
    level = f"level {skill.level}" if skill.level is not None else "not rated"
    return f"{term.name}: {format_hours(skill.minutes_total)} logged, {level}"


def _hands_on(
    rule: HandsOnRule, terms: list[SkillTerm], lookup: _Lookup
) -> tuple[float, str, str, str | None]:
    ranked = sorted(
        ((_hands_on_progress(rule, skill), term, skill) for term in terms for skill in [lookup.skill(term)]),
        key=lambda item: -item[0],
    )
    best = ranked[: rule.count]
    fraction = sum(progress for progress, _, _ in best) / rule.count
    shown = "; ".join(_hands_on_facts(rule, term, skill) for _, term, skill in best)
    if fraction >= _COMPLETE:
        return 1.0, shown, "", None
    ways = [f"level {rule.min_level}", format_hours(round(rule.min_hours * 60))]
    if rule.shipped_project:
        ways.append("a shipped project")
    need = " or ".join(ways)
    every = rule.count == len(terms) > 1
    names = _join([term.name for term in terms], "and" if every else "or")
    if every:
        need = f"each with {need}"
    elif rule.count > 1:
        need = f"{rule.count} of {names}, each with {need}"
    if fraction == 0 and len(terms) > 1:
        reason = f"nothing logged for {names} — needs {'one of them with ' if rule.count == 1 else ''}{need}"
    else:
        reason = f"{shown} — needs {need}"
    _, term, skill = next((item for item in best if item[0] < _COMPLETE), ranked[-1])
    remaining = max(round(rule.min_hours * 60) - (skill.minutes_total if skill else 0), 0)
    step = f"log {format_hours(remaining)} more of {term.name} or rate it {rule.min_level}"
    return fraction, reason, step, term.name


def _experience(rule: ExperienceRule, record: RecordFacts, today: date) -> tuple[float, str, str]:
    years = years_between(record.career_started_on, today) if record.career_started_on else 0.0
    shipped = len(record.shipped_projects)
    by_years = min(years / rule.min_years, 1.0) if rule.min_years else 1.0
    by_shipped = min(shipped / rule.min_shipped_projects, 1.0) if rule.min_shipped_projects else 1.0
    fraction = (by_years + by_shipped) / 2
    started = f"{years:.1f} years" if record.career_started_on else "career start not set"
    shipped_text = f"{shipped} shipped project{'s' if shipped != 1 else ''}"
    reason = f"{started}, {shipped_text}"
    if fraction >= _COMPLETE:
        return 1.0, reason, ""
    needs = []
    steps = []
    if by_years < 1:
        needs.append(f"{rule.min_years:g} years")
        if record.career_started_on is None:
            steps.append("set your career start in the profile")
        else:
            reached = record.career_started_on + timedelta(days=round(rule.min_years * 365.25))
            steps.append(f"time: {rule.min_years:g} years on {reached.isoformat()}")
    if by_shipped < 1:
        needs.append(f"{rule.min_shipped_projects} shipped to production")
        steps.append("add a project shipped to production")
    return fraction, f"{reason} — needs {' and '.join(needs)}", "; ".join(steps)


def _matching_evidence(
    rule: EvidenceRule, expectation: Expectation, lookup: _Lookup, today: date
) -> tuple[EvidenceFacts, ...]:
    since = today - timedelta(days=rule.within_days - 1) if rule.within_days else date.min
    matching = [e for e in lookup.evidence(rule.kinds, expectation.id) if e.occurred_on >= since]
    return tuple(sorted(matching, key=lambda e: e.occurred_on, reverse=True))


def _evidence(
    rule: EvidenceRule, counted: tuple[EvidenceFacts, ...], framework: Framework
) -> tuple[float, str, str]:
    labels = [_evidence_label(kind, framework) for kind in rule.kinds]
    what = _join([label.lower() for label in labels])
    window = f" in the last {rule.within_days} days" if rule.within_days else ""
    fraction = min(len(counted) / rule.min_count, 1.0)
    reason = f"{len(counted)} of {rule.min_count}: {what}{window}"
    if fraction >= _COMPLETE:
        return 1.0, reason, ""
    missing = rule.min_count - len(counted)
    return fraction, reason, f"add {missing} more evidence: {what}"


def _evidence_label(kind_id: str, framework: Framework) -> str:
    kind = framework.evidence_kind(kind_id)
    return kind.title if kind else kind_id


def _practice(rule: PracticeRule, tally: PracticeTally) -> tuple[float, str, str]:
    kinds = _join(list(rule.session_kinds))
    on = f" on {_join(list(rule.skills))}" if rule.skills else ""
    fraction = min(tally.sessions / rule.min_sessions, 1.0)
    last = f", last {tally.last_day.isoformat()}" if tally.last_day else ""
    reason = (
        f"{tally.sessions} of {rule.min_sessions} {kinds} sessions{on} "
        f"in the last {rule.within_days} days{last}"
    )
    if fraction >= _COMPLETE:
        return 1.0, reason, ""
    missing = rule.min_sessions - tally.sessions
    return fraction, reason, f"log {missing} more {kinds} session{'s' if missing != 1 else ''}{on}"
