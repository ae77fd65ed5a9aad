"""A posting held against the record: each ask strong, some or missing with the facts behind it, one
match percent in which required asks weigh twice what nice-to-have ones do, and what to practise first.

Pure functions of (text, ladder, record, today).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from skilltrack.domain.actions import SHOWN_MINUTES, NextAction, evidence_of, hours_on, study_toward
from skilltrack.domain.dates import years_between
from skilltrack.domain.durations import format_hours
from skilltrack.domain.facts import EvidenceFacts, RecordFacts, SkillFacts
from skilltrack.domain.framework import Framework, SkillTerm
from skilltrack.domain.names import name_key
from skilltrack.domain.postings.asks import (
    CREDIT,
    NICE_WEIGHT,
    PRACTISE_FIRST,
    REQUIRED_WEIGHT,
    Ask,
    Importance,
    PostingRead,
    SkillAsk,
    Strength,
    YearsAsk,
)
from skilltrack.domain.postings.finding import Finder, finder_for, vocabulary
from skilltrack.domain.postings.level import PostingLevel
from skilltrack.domain.postings.reading import read_posting
from skilltrack.domain.readiness import Readiness, assess


@dataclass(frozen=True)
class ItemMatch:
    ask: Ask
    strength: Strength
    facts: tuple[str, ...]
    """What in the record this rests on, in words (level, hours, shipped projects, years)."""
    evidence: tuple[EvidenceFacts, ...] = ()
    next_step: str = ""

    @property
    def importance(self) -> Importance:
        return self.ask.importance

    @property
    def weight(self) -> int:
        return REQUIRED_WEIGHT if self.importance is Importance.REQUIRED else NICE_WEIGHT

    @property
    def credit(self) -> float:
        return CREDIT[self.strength]


@dataclass(frozen=True)
class PostingMatch:
    read: PostingRead
    items: tuple[ItemMatch, ...]
    today: date
    practise_first: tuple[ItemMatch, ...] = field(default=())
    level_percent: int | None = None
    """How much of the posting's level (:attr:`level`) the record meets, as Readiness counts it."""

    @property
    def level(self) -> PostingLevel | None:
        """The ladder level the posting hires for, from its title, years and scope."""
        return self.read.level

    @property
    def level_line(self) -> str:
        """``reads as Staff (title, 10+ years, cross-team scope): you are 51% of Staff``, or empty."""
        if self.level is None:
            return ""
        if self.level_percent is None:
            return self.level.label
        return f"{self.level.label}: you are {self.level_percent}% of {self.level.title}"

    @property
    def percent(self) -> int:
        """Weighted share of the asks the record answers (some counts half), rounded down; 0 if none."""
        return _percent(self.items)

    def part_percent(self, importance: Importance) -> int | None:
        items = [item for item in self.items if item.importance is importance]
        return _percent(items) if items else None

    def of(self, importance: Importance) -> tuple[ItemMatch, ...]:
        return tuple(item for item in self.items if item.importance is importance)


def _percent(items: Sequence[ItemMatch]) -> int:
    weights = sum(item.weight for item in items)
    if not weights:
        return 0
    return int(100 * sum(item.credit * item.weight for item in items) / weights + 1e-9)


@dataclass(frozen=True)
class _Context:
    """What every ask is held against: the record, the evidence each term shows, and the one next
    action Readiness gives each skill, so that ``jd`` and Readiness never say two things of one skill."""

    record: RecordFacts
    framework: Framework
    mentioned: dict[str, tuple[EvidenceFacts, ...]]
    actions: dict[str, NextAction]
    """Readiness's next action about a skill, under each of its names' keys."""
    terms: dict[str, SkillTerm]
    """Every skill the posting is read with (ladder, field, the record's own), by its name."""
    evidence_kinds: dict[str, NextAction]
    """A practice's next action when the ladder records it as evidence (mentoring, incidents), by name."""


def _ladder_actions(readiness: Readiness, framework: Framework) -> dict[str, NextAction]:
    """The next action Readiness gives each skill, from the lowest level that has a gap about it."""
    actions: dict[str, NextAction] = {}
    for level in readiness.levels:
        for result in level.gaps:
            action = result.action
            if action is None or action.skill is None:
                continue
            term = framework.term(action.skill)
            for key in term.keys if term else {name_key(action.skill)}:
                actions.setdefault(key, action)
    return actions


def _evidence_actions(framework: Framework) -> dict[str, NextAction]:
    """A practice the ladder records as evidence (its kind's words name it): the action for one more."""
    found: dict[str, NextAction] = {}
    for term in framework.skills:
        kinds = [framework.evidence_kind(kind) for kind in sorted(framework.kinds_naming(term.name))]
        if named := [kind for kind in kinds if kind is not None]:
            found[term.name] = evidence_of(named, 1, None)
    return found


def match_posting(read: PostingRead, record: RecordFacts, framework: Framework, today: date) -> PostingMatch:
    terms = vocabulary(framework, record)
    finder = finder_for(terms)
    readiness = assess(record, framework, today)
    context = _Context(
        record,
        framework,
        _evidence_terms(record, framework, finder),
        _ladder_actions(readiness, framework),
        {term.name: term for term in terms},
        _evidence_actions(framework),
    )
    items = [_match_years(ask, record, today) for ask in read.years if ask.importance is Importance.REQUIRED]
    items += [_match_either(ask, context) for ask in read.skills]
    items += [_match_years(ask, record, today) for ask in read.years if ask.importance is Importance.NICE]
    items.sort(key=lambda item: item.importance is not Importance.REQUIRED)
    order = {id(item): position for position, item in enumerate(items)}
    gaps = sorted(
        (item for item in items if isinstance(item.ask, SkillAsk) and item.strength is not Strength.STRONG),
        key=lambda item: (
            item.importance is not Importance.REQUIRED,
            item.strength is not Strength.MISSING,
            -(item.ask.mentions if isinstance(item.ask, SkillAsk) else 0),
            order[id(item)],
        ),
    )
    level_percent = next(
        (level.percent for level in readiness.levels if read.level and level.level.id == read.level.level_id),
        None,
    )
    return PostingMatch(read, tuple(items), today, tuple(gaps[:PRACTISE_FIRST]), level_percent)


def assess_posting(
    text: str, framework: Framework, record: RecordFacts, today: date, *, title: str = ""
) -> PostingMatch:
    """Read a posting and hold it against the record in one step; ``title`` (the posting's own, when
    it is kept apart from the text) tells its level best."""
    return match_posting(read_posting(text, framework, record=record, title=title), record, framework, today)


def _evidence_terms(
    record: RecordFacts, framework: Framework, finder: Finder
) -> dict[str, tuple[EvidenceFacts, ...]]:
    """Each term with the evidence that shows it: named in the entry's title, or in its kind's words."""
    found: dict[str, list[EvidenceFacts]] = {}
    for evidence in sorted(record.evidence, key=lambda e: e.occurred_on, reverse=True):
        kind = framework.evidence_kind(evidence.kind)
        words = " \n ".join(
            [evidence.title, kind.title if kind else evidence.kind, kind.hint if kind else ""]
        )
        for name in dict.fromkeys(term.name for _, term in finder.find(words)):
            found.setdefault(name, []).append(evidence)
    return {name: tuple(items) for name, items in found.items()}


def _match_either(ask: SkillAsk, context: _Context) -> ItemMatch:
    """An ask held against the record; "Datadog or Grafana" is as strong as the stronger of the two."""
    if not ask.either:
        return _match_skill(ask, context)
    best: ItemMatch | None = None
    for name in ask.names:
        one = _match_skill(replace(ask, name=name, either=()), context)
        if best is None or one.credit > best.credit:
            best = one
    assert best is not None
    if best.facts == ("not in your record",):
        facts: tuple[str, ...] = ("none of them in your record",)
    else:
        facts = (f"{best.ask.name}: {best.facts[0]}", *best.facts[1:])
    return replace(best, ask=ask, facts=facts)


def _match_skill(ask: SkillAsk, context: _Context) -> ItemMatch:
    evidence = context.mentioned.get(ask.name, ())
    # Under any of its names: "Docker" asked is the person's "docker compose" skill when they named it so.
    skill = context.record.find_skill(context.terms.get(ask.name) or ask.name)
    level = (skill.level or 0) if skill else 0
    minutes = skill.minutes_total if skill else 0
    shipped = skill.shipped_projects if skill else ()
    # What shows the skill is what Readiness counts: hours, a shipped project, or evidence of a kind that
    # names it. An entry that only mentions it in its title is listed, but shows nothing by itself.
    showing = [entry for entry in evidence if entry.kind in context.framework.kinds_naming(ask.name)]
    backed = bool(shipped) or minutes >= SHOWN_MINUTES or bool(showing)
    # A self-rating below 3 caps the match at "some": the person says they still need help with it.
    rated_low = skill is not None and skill.level is not None and skill.level < 3
    if (level >= 3 and backed) or (
        not rated_low and ((shipped and minutes >= SHOWN_MINUTES) or len(showing) >= 2)
    ):
        strength = Strength.STRONG
    elif level >= 3:
        strength = Strength.CLAIMED  # strong by the person's word alone: nothing in the record shows it
    elif level >= 2 or shipped or minutes >= 120 or evidence or (level >= 1 and minutes > 0):
        strength = Strength.SOME
    else:
        strength = Strength.MISSING
    facts = _skill_facts(skill)
    if evidence:
        facts.append(f"{len(evidence)} evidence entr{'y' if len(evidence) == 1 else 'ies'}")
    if not facts:
        facts = ["not in your record"]
    step = "" if strength is Strength.STRONG else _next_step(ask, skill, context).text
    return ItemMatch(ask, strength, tuple(facts), evidence[:3], step)


def _next_step(ask: SkillAsk, skill: SkillFacts | None, context: _Context) -> NextAction:
    """Readiness's action for the skill when the ladder has one; else evidence of a practice the ladder
    records as evidence; else the practice that shows the skill."""
    ladder = next((context.actions[key] for key in _keys(ask.name, skill) if key in context.actions), None)
    if ladder is not None:
        return ladder
    if ask.kind == "practice" and ask.name in context.evidence_kinds:
        return context.evidence_kinds[ask.name]
    if skill is not None and (skill.minutes_total >= SHOWN_MINUTES or skill.shipped_projects):
        # The record shows it in use: what is short is the rating (under 3 caps the match at "some").
        return study_toward(ask.name, skill.level, 3)
    return hours_on(ask.name, skill)


def _keys(name: str, skill: SkillFacts | None) -> frozenset[str]:
    return skill.keys if skill is not None else frozenset({name_key(name)})


def _skill_facts(skill: SkillFacts | None) -> list[str]:
    if skill is None:
        return []
    if skill.level is None:
        facts = ["not rated"]
    elif skill.rated_on is None:
        facts = [f"level {skill.level}"]
    else:
        facts = [f"level {skill.level} (rated {skill.rated_on.isoformat()})"]
    if skill.minutes_total:
        recent = f", {format_hours(skill.minutes_recent)} in 90 days" if skill.minutes_recent else ""
        facts.append(f"{format_hours(skill.minutes_total)} logged{recent}")
    else:
        facts.append("nothing logged")
    if skill.shipped_projects:
        facts.append(f"shipped in {', '.join(skill.shipped_projects)}")
    return facts


def _match_years(ask: YearsAsk, record: RecordFacts, today: date) -> ItemMatch:
    if ask.skills:
        held = [_skill_years(ask, name, record, today) for name in ask.skills]
        pick = max if ask.either else min
        return pick(held, key=lambda item: item.credit)
    started = record.career_started_on
    if started is None:
        return ItemMatch(
            ask,
            Strength.MISSING,
            ("career start not set",),
            next_step="set your career start in the profile",
        )
    years = years_between(started, today)
    if years + 1e-9 >= ask.min_years:
        strength = Strength.STRONG
    elif years >= ask.min_years * 0.75 or ask.min_years - years <= 1:
        strength = Strength.SOME
    else:
        strength = Strength.MISSING
    facts = (f"{years:.1f} years since your career start ({started.isoformat()})",)
    step = ""
    if strength is not Strength.STRONG:
        reached = started + timedelta(days=round(ask.min_years * 365.25))
        step = f"time: {ask.min_years:g} years on {reached.isoformat()}"
    return ItemMatch(ask, strength, facts, (), step)


def _skill_years(ask: YearsAsk, name: str, record: RecordFacts, today: date) -> ItemMatch:
    """Years of one named skill: from its first session or project, never the career's length; strong
    only when the years are there and the record shows real use (level 3, shipped, or ten hours)."""
    skill = record.find_skill(name)
    if skill is None:
        return ItemMatch(
            ask, Strength.MISSING, (f"{name}: not in your record",), next_step=f"start using {name}"
        )
    first = skill.first_used_on
    years = years_between(first, today) if first is not None else 0.0
    hands_on = (skill.level or 0) >= 3 or bool(skill.shipped_projects) or skill.minutes_total >= SHOWN_MINUTES
    enough = first is not None and years + 1e-9 >= ask.min_years
    near = first is not None and (years >= ask.min_years * 0.75 or ask.min_years - years <= 1)
    if enough and hands_on:
        strength = Strength.STRONG
    elif near or hands_on or enough:
        strength = Strength.SOME
    else:
        strength = Strength.MISSING
    used = (
        f"{name} first in use {first.isoformat()} ({years:.1f} years)"
        if first is not None
        else f"no session or project of {name} in your record"
    )
    facts = (used, *_skill_facts(skill))
    steps = []
    if not enough:
        if first is not None:
            reached = first + timedelta(days=round(ask.min_years * 365.25))
            steps.append(f"time: {ask.min_years:g} years of {name} on {reached.isoformat()}")
        else:
            steps.append(f"log your sessions of {name}, or add the projects that used it")
    if not hands_on:
        steps.append(f"use {name} in a project that ships")
    step = "" if strength is Strength.STRONG else "; ".join(steps)
    return ItemMatch(ask, strength, facts, (), step)
