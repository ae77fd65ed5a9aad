"""Readiness: each expectation of the ladder evaluated against a record, and each level summed up.

Pure functions of (record, framework, today). A result carries how much of the expectation the record
*shows* and how much it only *claims*, a one-line reason in the person's terms, the evidence that
counted, and the one next action that would close it (:mod:`skilltrack.domain.actions`).

Shown and claimed. A self-rating is the person's word. It shows the skill in proportion to the time
logged on it (in full at 10 h), or in full when a shipped project used the skill or evidence of the
expectation is recorded; hours, shipped projects, evidence, practice sessions and years show by
themselves. An expectation met with the rating taken at its word but not by what the record shows is
**claimed**: it counts half (:data:`CLAIM_WEIGHT`) of what is not shown yet. So a level's percent is
the weighted share of its expectations the record shows, plus half of what is only claimed, with
partly met expectations counting their share.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from skilltrack.domain.actions import (
    SHOWN_MINUTES,
    ActionKind,
    NextAction,
    evidence_of,
    hours_on,
    practice_sessions,
    study_toward,
)
from skilltrack.domain.dates import years_between
from skilltrack.domain.durations import format_hours
from skilltrack.domain.facts import EvidenceFacts, PracticeQuery, PracticeTally, RecordFacts, SkillFacts
from skilltrack.domain.framework import (
    EvidenceKind,
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
CLAIM_WEIGHT = 0.5
"""The share of its weight a claim counts for, beside what the record shows."""


class Status(StrEnum):
    MET = "met"
    """The record shows it."""
    CLAIMED = "claimed"
    """Met only with a self-rating taken at its word: the record does not show it yet."""
    PARTIAL = "partial"
    MISSING = "missing"


@dataclass(frozen=True)
class ExpectationResult:
    expectation: Expectation
    shown: float
    """How much of it the record shows, 0 to 1: hours, shipped projects, evidence, sessions, years, and
    self-ratings in proportion to what backs them."""
    reason: str
    action: NextAction | None
    """The one next action that would close it (``None`` when it is met)."""
    evidence: tuple[EvidenceFacts, ...] = ()
    claimed: float | None = None
    """How much of it is met with self-ratings taken at their word (``None``: as much as is shown)."""

    @property
    def claims(self) -> float:
        return self.shown if self.claimed is None else max(self.claimed, self.shown)

    @property
    def fraction(self) -> float:
        """What it counts toward its level: what is shown, and half of what is only claimed."""
        return self.shown + CLAIM_WEIGHT * (self.claims - self.shown)

    @property
    def status(self) -> Status:
        if self.shown >= _COMPLETE:
            return Status.MET
        if self.claims >= _COMPLETE:
            return Status.CLAIMED
        return Status.PARTIAL if self.fraction > 0 else Status.MISSING

    @property
    def next_step(self) -> str:
        return self.action.text if self.action is not None else ""

    @property
    def skill(self) -> str | None:
        """The skill the next action is about, when it is about one (to log time on it or rate it)."""
        return self.action.skill if self.action is not None else None

    @property
    def gap(self) -> float:
        """How much closing this would add to its level, weighted."""
        return (1 - self.fraction) * self.expectation.weight


@dataclass(frozen=True)
class LevelReadiness:
    level: Level
    results: tuple[ExpectationResult, ...]

    def results_of(self, status: Status) -> tuple[ExpectationResult, ...]:
        """The level's expectations of one status, in the ladder's order."""
        return tuple(result for result in self.results if result.status is status)

    def count(self, status: Status) -> int:
        return len(self.results_of(status))

    @property
    def met(self) -> int:
        return self.count(Status.MET)

    @property
    def total(self) -> int:
        return len(self.results)

    @property
    def percent(self) -> int:
        """Weighted share of the level's expectations: shown in full, partly met ones their share, and
        what is only claimed at half (:data:`CLAIM_WEIGHT`); rounded down."""
        return self._weighted_percent(lambda result: result.fraction)

    @property
    def shown_percent(self) -> int:
        """The same share counting only what the record shows: what a claim adds is the difference."""
        return self._weighted_percent(lambda result: result.shown)

    def _weighted_percent(self, part: Callable[[ExpectationResult], float]) -> int:
        weights = sum(result.expectation.weight for result in self.results)
        if not weights:
            return 100
        earned = sum(part(result) * result.expectation.weight for result in self.results)
        return int(100 * earned / weights + 1e-9)

    @property
    def counts(self) -> str:
        """``15 met, 12 partial, 3 claimed of 33``: the figures behind the percent (empty ones left out)."""
        parts = [f"{self.met} met"]
        parts += [
            f"{number} {status.value}"
            for status in (Status.PARTIAL, Status.CLAIMED)
            if (number := self.count(status))
        ]
        return f"{', '.join(parts)} of {self.total}"

    @property
    def summary(self) -> str:
        """``69% · 15 met, 12 partial, 3 claimed of 33``: the percent and what it is made of."""
        return f"{self.percent}% · {self.counts}"

    @property
    def gaps(self) -> tuple[ExpectationResult, ...]:
        """What the record does not show yet, claims included, biggest first."""
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


@dataclass(frozen=True)
class _Judged:
    """One rule's verdict on the record, before it is tied to its expectation."""

    shown: float
    reason: str
    action: NextAction | None
    claimed: float | None = None


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
    shows = _Shows(tied, lookup, framework)
    match rule:
        case SkillLevelRule():
            judged = _skill_level(rule, _terms(rule.skills, framework), lookup, shows)
        case HandsOnRule():
            judged = _hands_on(rule, _terms(rule.skills, framework), lookup, shows)
        case ExperienceRule():
            judged = _experience(rule, record, today)
        case EvidenceRule():
            tied = _matching_evidence(rule, expectation, lookup, today)
            judged = _evidence(rule, tied, framework)
        case PracticeRule():
            tally = record.practice.get(practice_query(rule, framework, today), PracticeTally())
            judged = _practice(rule, tally)
    return ExpectationResult(expectation, judged.shown, judged.reason, judged.action, tied, judged.claimed)


def _terms(names: Iterable[str], framework: Framework) -> list[SkillTerm]:
    return [framework.term(name) or SkillTerm(name, "other") for name in names]


def _join(names: Sequence[str], word: str = "or") -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {word} {names[-1]}"


class _Shows:
    """What shows a rating in use besides hours and shipped projects: evidence tied to the expectation,
    or evidence of a kind that names the skill (a design doc led shows Architecture documents)."""

    def __init__(self, tied: Sequence[EvidenceFacts], lookup: _Lookup, framework: Framework) -> None:
        self._tied = bool(tied)
        self._lookup = lookup
        self._framework = framework

    def backed(self, term: SkillTerm) -> bool:
        return self._tied or bool(self._lookup.evidence(kinds=self._framework.kinds_naming(term.name)))

    def claim_action(self, term: SkillTerm, skill: SkillFacts | None) -> NextAction:
        """What would show a claimed rating: one piece of evidence where a kind names the skill (no one
        logs hours of design docs), else the hours."""
        kinds = [
            self._framework.evidence_kind(kind) for kind in sorted(self._framework.kinds_naming(term.name))
        ]
        found = [kind for kind in kinds if kind is not None]
        return evidence_of(found, 1, None) if found else hours_on(term.name, skill)


def backing(skill: SkillFacts | None, *, backed: bool = False) -> float:
    """How much of a self-rating the record shows, 0 to 1: the hours logged on the skill (in full at
    :data:`~skilltrack.domain.actions.SHOWN_MINUTES`), or in full with a shipped project using it or
    evidence showing it (``backed``: tied to the expectation, or of a kind that names the skill)."""
    if skill is None:
        return 0.0
    if backed or skill.shipped_projects:
        return 1.0
    return min(skill.minutes_total / SHOWN_MINUTES, 1.0)


def _level(skill: SkillFacts | None) -> int | None:
    return None if skill is None else skill.level


def _level_progress(level: int | None, min_level: int) -> float:
    if min_level == 0:
        return 1.0
    return min((level or 0) / min_level, 1.0)


def _best(progress: Sequence[float], count: int) -> float:
    """The mean of the ``count`` best values: what a rule met by any ``count`` of its skills has."""
    return sum(sorted(progress, reverse=True)[:count]) / count


def _skill_level(rule: SkillLevelRule, terms: list[SkillTerm], lookup: _Lookup, shows: _Shows) -> _Judged:
    skills = [(term, lookup.skill(term)) for term in terms]
    claimed_each = [_level_progress(_level(skill), rule.min_level) for _, skill in skills]
    shown_each = [
        progress * backing(skill, backed=shows.backed(term))
        for progress, (term, skill) in zip(claimed_each, skills, strict=True)
    ]
    shown, claimed = _best(shown_each, rule.count), _best(claimed_each, rule.count)
    ranked = sorted(skills, key=lambda item: -1 if _level(item[1]) is None else -(_level(item[1]) or 0))
    rated = ", ".join(
        f"{term.name} {skill.level}" for term, skill in ranked if skill and skill.level is not None
    )
    if shown >= _COMPLETE:
        return _Judged(1.0, rated, None)
    names = _join([term.name for term in terms])
    if len(terms) == 1:
        need = f"needs level {rule.min_level} in {names}"
    elif rule.count == 1:
        need = f"needs level {rule.min_level} in one of {names}"
    else:
        need = f"needs {rule.count} of {names} at level {rule.min_level}+"
    if claimed >= _COMPLETE:
        # The ratings are there; what is missing is what shows them.
        term, skill = min(
            ((term, skill) for term, skill in ranked if (_level(skill) or 0) >= rule.min_level),
            key=lambda item: -backing(item[1], backed=shows.backed(item[0])),
        )
        action = shows.claim_action(term, skill)
        return _Judged(
            shown,
            f"{rated} — claimed: not shown yet by hours, a shipped project or evidence",
            action,
            claimed,
        )
    term, skill = next(
        ((term, skill) for term, skill in ranked if (_level(skill) or 0) < rule.min_level), ranked[-1]
    )
    return _Judged(
        shown,
        f"{rated or 'nothing rated'} — {need}",
        study_toward(term.name, _level(skill), rule.min_level),
        claimed,
    )


def _hands_on_progress(rule: HandsOnRule, skill: SkillFacts | None, *, backed: bool) -> tuple[float, float]:
    """(shown, claimed) of one skill: its hours, a shipped project, or its rating (shown in proportion to
    what backs it)."""
    if skill is None:
        return 0.0, 0.0
    if rule.shipped_project and skill.shipped_projects:
        return 1.0, 1.0
    by_hours = min(skill.minutes_total / 60 / rule.min_hours, 1.0) if rule.min_hours else 0.0
    by_level = min((skill.level or 0) / rule.min_level, 1.0) if rule.min_level else 0.0
    return max(by_hours, by_level * backing(skill, backed=backed)), max(by_hours, by_level)


def _hands_on_facts(rule: HandsOnRule, term: SkillTerm, skill: SkillFacts | None) -> str:
    if skill is None:
        return f"{term.name}: nothing logged"
    if rule.shipped_project and skill.shipped_projects:
        return f"{term.name}: shipped in {skill.shipped_projects[0]}"
    level = f"level {skill.level}" if skill.level is not None else "not rated"
    return f"{term.name}: {format_hours(skill.minutes_total)} logged, {level}"


def _hands_on(rule: HandsOnRule, terms: list[SkillTerm], lookup: _Lookup, shows: _Shows) -> _Judged:
    found = [(term, lookup.skill(term)) for term in terms]
    each = [
        (_hands_on_progress(rule, skill, backed=shows.backed(term)), term, skill) for term, skill in found
    ]
    shown = _best([progress[0] for progress, _, _ in each], rule.count)
    claimed = _best([progress[1] for progress, _, _ in each], rule.count)
    if claimed >= _COMPLETE > shown:
        # A claim: the skills whose ratings make it come first, the one closest to shown first of them.
        ranked = sorted(each, key=lambda item: (item[0][1] < _COMPLETE, -item[0][0]))
    else:
        ranked = sorted(each, key=lambda item: (-item[0][0], -item[0][1]))
    best = ranked[: rule.count]
    facts = "; ".join(_hands_on_facts(rule, term, skill) for _, term, skill in best)
    if shown >= _COMPLETE:
        return _Judged(1.0, facts, None)
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
    if claimed >= _COMPLETE:
        reason = f"{facts} — claimed: a rating not shown yet by hours or a shipped project"
    elif shown == 0 and claimed == 0 and len(terms) > 1:
        reason = f"nothing logged for {names} — needs {'one of them with ' if rule.count == 1 else ''}{need}"
    else:
        reason = f"{facts} — needs {need}"
    _, term, skill = next((item for item in ranked if item[0][0] < _COMPLETE), ranked[-1])
    wanted = round(rule.min_hours * 60) if rule.min_hours else SHOWN_MINUTES
    action = hours_on(term.name, skill, wanted=wanted, shipped=rule.shipped_project)
    return _Judged(shown, reason, action, claimed)


def _experience(rule: ExperienceRule, record: RecordFacts, today: date) -> _Judged:
    years = years_between(record.career_started_on, today) if record.career_started_on else 0.0
    shipped = len(record.shipped_projects)
    by_years = min(years / rule.min_years, 1.0) if rule.min_years else 1.0
    by_shipped = min(shipped / rule.min_shipped_projects, 1.0) if rule.min_shipped_projects else 1.0
    fraction = (by_years + by_shipped) / 2
    started = f"{years:.1f} years" if record.career_started_on else "career start not set"
    shipped_text = f"{shipped} shipped project{'s' if shipped != 1 else ''}"
    reason = f"{started}, {shipped_text}"
    if fraction >= _COMPLETE:
        return _Judged(1.0, reason, None)
    needs = []
    if by_years < 1:
        needs.append(f"{rule.min_years:g} years")
    if by_shipped < 1:
        needs.append(f"{rule.min_shipped_projects} shipped to production")
    reason = f"{reason} — needs {' and '.join(needs)}"
    if record.career_started_on is None:
        action = NextAction(ActionKind.PROFILE, "set your career start in the profile")
    elif by_shipped < 1:
        action = NextAction(ActionKind.SHIP, "add a project shipped to production when it ships", count=1)
    else:
        reached = record.career_started_on + timedelta(days=round(rule.min_years * 365.25))
        action = NextAction(
            ActionKind.TIME, f"time: {rule.min_years:g} years on {reached.isoformat()}", on=reached
        )
    return _Judged(fraction, reason, action)


def _matching_evidence(
    rule: EvidenceRule, expectation: Expectation, lookup: _Lookup, today: date
) -> tuple[EvidenceFacts, ...]:
    since = today - timedelta(days=rule.within_days - 1) if rule.within_days else date.min
    matching = [e for e in lookup.evidence(rule.kinds, expectation.id) if e.occurred_on >= since]
    return tuple(sorted(matching, key=lambda e: e.occurred_on, reverse=True))


def _evidence(rule: EvidenceRule, counted: tuple[EvidenceFacts, ...], framework: Framework) -> _Judged:
    kinds = [framework.evidence_kind(kind) or EvidenceKind(kind, kind, "") for kind in rule.kinds]
    what = _join([kind.title.lower() for kind in kinds])
    window = f" in the last {rule.within_days} days" if rule.within_days else ""
    fraction = min(len(counted) / rule.min_count, 1.0)
    reason = f"{len(counted)} of {rule.min_count}: {what}{window}"
    if fraction >= _COMPLETE:
        return _Judged(1.0, reason, None)
    return _Judged(fraction, reason, evidence_of(kinds, rule.min_count - len(counted), rule.within_days))


def _practice(rule: PracticeRule, tally: PracticeTally) -> _Judged:
    kinds = _join(list(rule.session_kinds))
    on = f" on {_join(list(rule.skills))}" if rule.skills else ""
    fraction = min(tally.sessions / rule.min_sessions, 1.0)
    last = f", last {tally.last_day.isoformat()}" if tally.last_day else ""
    reason = (
        f"{tally.sessions} of {rule.min_sessions} {kinds} sessions{on} "
        f"in the last {rule.within_days} days{last}"
    )
    if fraction >= _COMPLETE:
        return _Judged(1.0, reason, None)
    skill = rule.skills[0] if rule.skills else None
    return _Judged(fraction, reason, practice_sessions(rule.min_sessions - tally.sessions, kinds, on, skill))
