"""A weekly plan and a forecast: the hours a person really has, spent on a level's biggest gaps.

Pure: from the level's readiness (gaps biggest first), the minutes logged in each of the last full
weeks and so far this week, today and the profile's target date (which belongs to the target level
alone). Gaps are of three shapes:

- hours: closed by learning time (hands-on hours, practice sessions, study toward a self-rating);
  they get this week's hours (the pace less what is already logged this week), biggest gap first;
- tasks: evidence, which hours cannot buy; each becomes a task at a suggested cadence;
- time: years of experience, which come on a known date whatever one does.

The forecast projects the current pace forward and says, in words, everything it assumes.
"""

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum

from skilltrack.domain.dates import week_start, years_between
from skilltrack.domain.durations import format_hours, format_minutes
from skilltrack.domain.facts import SkillFacts
from skilltrack.domain.framework import (
    EvidenceRule,
    ExperienceRule,
    Framework,
    HandsOnRule,
    Level,
    PracticeRule,
    SkillLevelRule,
)
from skilltrack.domain.names import name_key
from skilltrack.domain.readiness import ExpectationResult, LevelReadiness

PACE_WEEKS = 8
"""How many full weeks (Monday to Sunday, before this one) the pace is the average of."""
HOURS_PER_LEVEL = 20
"""The study time one step of self-rating is taken to need."""
PRACTICE_SESSION_MINUTES = 60
"""The length a practice session (a mock interview, a kata) is taken to have."""
DEFAULT_CADENCE_WEEKS = 2
"""One piece of evidence every this many weeks, unless a window or the target date asks for more."""
MAX_WEEKLY_MINUTES = 40 * 60
"""The most learning time a week the forecast will ask for (a full working week); past it a target
date is not reachable by hours."""


class Shape(StrEnum):
    HOURS = "hours"
    TASK = "task"
    TIME = "time"


@dataclass(frozen=True)
class SkillProgress:
    """What a hands-on gap needs to know of one skill in the record."""

    minutes: int = 0
    level: int | None = None
    shipped: bool = False
    """Used in a project shipped to production."""


def skill_progress(skills: Iterable[SkillFacts]) -> dict[str, SkillProgress]:
    """Each skill's progress under its name key and each alias key, from the record's skills."""
    return {
        key: SkillProgress(skill.minutes_total, skill.level, bool(skill.shipped_projects))
        for skill in skills
        for key in skill.keys
    }


@dataclass(frozen=True)
class PlanFacts:
    """What storage tells the plan besides readiness."""

    weekly_minutes: tuple[int, ...]
    """Minutes logged in each of the last full weeks, oldest first (``PACE_WEEKS`` of them)."""
    target_date: date | None = None
    career_started_on: date | None = None
    skills: Mapping[str, SkillProgress] = field(default_factory=dict)
    """Each skill of the record, under each of its name and alias keys."""
    target_level: str | None = None
    """The level the target date is set for; a plan for another level has no target date.
    ``None``: the date is for whichever level is planned."""
    minutes_this_week: int = 0
    """Minutes already logged this week (Monday to today): they come out of this week's budget."""


@dataclass(frozen=True)
class PlanItem:
    result: ExpectationResult
    shape: Shape
    how: str
    """What to do about it, in words: the hours this week, or the task and its cadence."""
    minutes_left: int = 0
    """Hours-shaped: the learning time still needed, estimated."""
    minutes_this_week: int = 0
    tasks_left: int = 0
    cadence_weeks: int = 0
    ready_on: date | None = None
    """When this gap closes at the current pace; ``None`` when that cannot be told."""
    unknown_because: str = ""
    """Why ``ready_on`` is ``None``."""

    @property
    def title(self) -> str:
        return self.result.expectation.title

    @property
    def this_week_label(self) -> str:
        """The plan's "this week" cell: the hours given, ``later``, or the shape (``task``, ``time``)."""
        if self.shape is Shape.HOURS:
            return format_minutes(self.minutes_this_week) if self.minutes_this_week else "later"
        return self.shape.value


@dataclass(frozen=True)
class Forecast:
    reached_on: date | None
    """The day the level is reached at the current pace; ``None`` when it cannot be told."""
    target_date: date | None
    on_track: bool | None
    """``None`` without a target date or a forecast date."""
    summary: str
    assumptions: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    level: Level
    percent: int
    today: date
    week_of: date
    """The Monday of the week planned (this week)."""
    pace_weeks: tuple[int, ...]
    """Minutes in each of the full weeks the pace is taken from, oldest first."""
    items: tuple[PlanItem, ...]
    forecast: Forecast
    logged_this_week: int = 0
    """Minutes already logged this week, taken out of the week's budget."""

    @property
    def budget_minutes(self) -> int:
        """This week's learning time to give out: the pace less what is already logged this week."""
        return max(self.pace_minutes - self.logged_this_week, 0)

    @property
    def pace_minutes(self) -> int:
        """The average minutes a week, rounded to the minute."""
        return round(sum(self.pace_weeks) / len(self.pace_weeks)) if self.pace_weeks else 0

    @property
    def active_weeks(self) -> int:
        return sum(minutes > 0 for minutes in self.pace_weeks)

    @property
    def this_week(self) -> tuple[PlanItem, ...]:
        """What to do this week: the hours given out, then every task (the first of each is due now)."""
        return tuple(
            item
            for item in self.items
            if item.minutes_this_week or (item.shape is Shape.TASK and item.tasks_left)
        )

    @property
    def hours_left(self) -> int:
        """Minutes the hours-shaped gaps still need, in all."""
        return sum(item.minutes_left for item in self.items if item.shape is Shape.HOURS)

    @property
    def pace_started_on(self) -> date:
        return self.week_of - timedelta(weeks=len(self.pace_weeks))


def build_plan(level: LevelReadiness, framework: Framework, facts: PlanFacts, today: date) -> Plan:
    monday = week_start(today)
    pace_weeks = tuple(max(minutes, 0) for minutes in facts.weekly_minutes)
    pace = sum(pace_weeks) / len(pace_weeks) if pace_weeks else 0.0
    logged = max(facts.minutes_this_week, 0)
    budget = max(round(pace) - logged, 0)
    other_level = facts.target_date is not None and facts.target_level not in (None, level.level.id)
    if other_level:  # the date was set for the target level, not this one
        facts = replace(facts, target_date=None)
    items: list[PlanItem] = []
    spent_before = 0  # hours-shaped minutes planned ahead of the current item, for its date
    given_before = 0  # this week's minutes given to the items above
    for result in level.gaps:
        item = _item(result, framework, facts, today)
        if item.shape is Shape.HOURS:
            given = min(item.minutes_left, budget)
            budget -= given
            spent_before += item.minutes_left
            ready_on, unknown = _at_pace(spent_before, pace, today)
            why_none = _why_no_hours(pace, logged, given_before)
            item = _with_hours(item, given, why_none, ready_on, unknown)
            given_before += given
        items.append(item)
    plan_items = tuple(items)
    forecast = _forecast(level, plan_items, facts, pace, today, len(pace_weeks))
    if other_level:
        forecast = _for_another_level(forecast, level.level, framework, facts.target_level)
    return Plan(level.level, level.percent, today, monday, pace_weeks, plan_items, forecast, logged)


def _for_another_level(
    forecast: Forecast, level: Level, framework: Framework, target_level: str | None
) -> Forecast:
    """The forecast of a level the target date was not set for: it says so, and has no target."""
    owner = next((lv.title for lv in framework.levels if lv.id == target_level), target_level)
    summary = forecast.summary.replace("; no target date is set (profile: target_date).", ".")
    summary += f" There is no target date for {level.title}: yours is set for {owner}."
    return replace(forecast, summary=summary)


def _why_no_hours(pace: float, logged: int, given_before: int) -> str:
    """Why a gap gets no hours this week, in words, for a gap that gets none."""
    if round(pace) <= 0:
        return "log some time this week: the plan starts from your pace, and you have none yet"
    if given_before == 0 and logged >= round(pace):
        return f"after this week: your pace ({format_minutes(round(pace))}) is already logged this week"
    return "after the gaps above"


def _with_hours(item: PlanItem, given: int, why_none: str, ready_on: date | None, unknown: str) -> PlanItem:
    left = format_hours(item.minutes_left)
    if given:
        how = f"{format_minutes(given)} this week ({left} left): {item.result.next_step}"
    else:
        how = f"{why_none} ({left} left): {item.result.next_step}"
    return PlanItem(
        item.result,
        Shape.HOURS,
        how,
        minutes_left=item.minutes_left,
        minutes_this_week=given,
        ready_on=ready_on,
        unknown_because=unknown,
    )


def _at_pace(minutes: int, pace: float, today: date) -> tuple[date | None, str]:
    if pace <= 0:
        return None, f"no learning was logged in the last {PACE_WEEKS} full weeks, so there is no pace"
    return today + timedelta(days=math.ceil(minutes / pace * 7)), ""


def _item(result: ExpectationResult, framework: Framework, facts: PlanFacts, today: date) -> PlanItem:
    rule = result.expectation.rule
    open_share = 1 - result.fraction
    match rule:
        case HandsOnRule():
            minutes = _hands_on_minutes(rule, framework, facts.skills)
            return PlanItem(result, Shape.HOURS, "", minutes_left=minutes or round(open_share * 60))
        case SkillLevelRule():
            steps = open_share * rule.min_level * rule.count
            return PlanItem(result, Shape.HOURS, "", minutes_left=max(round(steps * HOURS_PER_LEVEL * 60), 1))
        case PracticeRule():
            sessions = max(round(open_share * rule.min_sessions), 1)
            return PlanItem(result, Shape.HOURS, "", minutes_left=sessions * PRACTICE_SESSION_MINUTES)
        case EvidenceRule():
            missing = max(round(open_share * rule.min_count), 1)
            cadence = _cadence(missing, rule.within_days, facts.target_date, today)
            return _task(result, missing, cadence, today)
        case ExperienceRule():
            return _experience(result, rule, facts, today)
    raise TypeError(f"no plan for a rule of kind {rule.kind!r}")  # pragma: no cover - the union is closed


def _hands_on_minutes(rule: HandsOnRule, framework: Framework, skills: Mapping[str, SkillProgress]) -> int:
    """The hours the ladder asks, less what is logged, on the skills closest to done.

    A skill rated at the rule's level (or shipped, when the rule counts that) needs no more hours.
    """
    wanted = round(rule.min_hours * 60)
    left = []
    for name in rule.skills:
        found = [skills[key] for key in _keys(name, framework) if key in skills]
        skill = max(found, key=lambda progress: progress.minutes, default=SkillProgress())
        done = (skill.level or 0) >= rule.min_level or (rule.shipped_project and skill.shipped)
        left.append(0 if done else max(wanted - skill.minutes, 0))
    return sum(sorted(left)[: rule.count])


def _keys(name: str, framework: Framework) -> frozenset[str]:
    term = framework.term(name)
    return term.keys if term else frozenset({name_key(name)})


def _cadence(missing: int, within_days: int | None, target_date: date | None, today: date) -> int:
    """Weeks between two pieces of evidence: every two, closer if the window or the target needs it."""
    cadence = DEFAULT_CADENCE_WEEKS
    if within_days:
        cadence = min(cadence, max(within_days // 7 // missing, 1))
    if target_date is not None:
        weeks_left = (target_date - week_start(today)).days // 7
        if cadence * (missing - 1) + 1 > weeks_left:
            cadence = 1
    return cadence


def _task(result: ExpectationResult, missing: int, cadence: int, today: date) -> PlanItem:
    last_due = week_start(today) + timedelta(weeks=cadence * (missing - 1), days=6)
    if missing == 1:
        how = f"a task for this week: {result.next_step}"
    else:
        every = "every week" if cadence == 1 else f"every {cadence} weeks"
        how = f"{missing} tasks, one {every}, the first this week: {result.next_step}"
    return PlanItem(
        result, Shape.TASK, how, tasks_left=missing, cadence_weeks=cadence, ready_on=max(last_due, today)
    )


def _experience(result: ExpectationResult, rule: ExperienceRule, facts: PlanFacts, today: date) -> PlanItem:
    if facts.career_started_on is None:
        return PlanItem(
            result,
            Shape.TASK,
            "a task for this week: set your career start in the profile",
            tasks_left=1,
            unknown_because="your career start is not set, so the years cannot be counted",
        )
    years_on = facts.career_started_on + timedelta(days=round(rule.min_years * 365.25))
    years = years_between(facts.career_started_on, today)
    by_years = min(years / rule.min_years, 1.0) if rule.min_years else 1.0
    # The rule's fraction is the mean of the years part and the shipped part: what is left is shipping.
    if 2 * result.fraction - by_years < 0.999:
        return PlanItem(
            result,
            Shape.TASK,
            "when it ships: add a project shipped to production",
            tasks_left=1,
            unknown_because="it needs a project shipped to production, which hours cannot buy",
        )
    return PlanItem(
        result,
        Shape.TIME,
        f"time alone: {rule.min_years:g} years of experience on {years_on.isoformat()}",
        ready_on=max(years_on, today),
    )


def _forecast(
    level: LevelReadiness,
    items: Sequence[PlanItem],
    facts: PlanFacts,
    pace: float,
    today: date,
    weeks: int,
) -> Forecast:
    title = level.level.title
    target = facts.target_date
    assumptions = _assumptions(items, pace, today, weeks)
    if not items:
        on_track = None if target is None else True
        summary = f"{title} is reached: every expectation is met."
        return Forecast(today, target, on_track, summary, assumptions)
    unknown = [item.unknown_because for item in items if item.ready_on is None]
    if unknown:
        reasons = "; ".join(dict.fromkeys(unknown))
        summary = f"No date for {title} yet: {reasons}."
        if target is not None:
            summary += f" Your target date is {target.isoformat()}."
        return Forecast(None, target, None, summary, assumptions)
    reached = max(item.ready_on for item in items if item.ready_on is not None)
    summary = f"{title} around {reached.isoformat()} at the current pace"
    if target is None:
        summary += "; no target date is set (profile: target_date)."
        return Forecast(reached, None, None, summary, assumptions)
    on_track = reached <= target
    if on_track:
        spare = (target - reached).days // 7
        summary += f": on track for your target of {target.isoformat()}"
        summary += f", {spare} week{'s' if spare != 1 else ''} to spare." if spare else "."
    else:
        late = math.ceil((reached - target).days / 7)
        summary += f": behind your target of {target.isoformat()} by {late} week{'s' if late != 1 else ''}."
        summary += _needed_pace(items, target, today)
    return Forecast(reached, target, on_track, summary, assumptions)


def _needed_pace(items: Sequence[PlanItem], target: date, today: date) -> str:
    """What would close the gap to the target: a weekly pace when one is humanly possible, and,
    in one sentence, what no number of hours closes by then."""
    if target <= today:
        return " The target date has passed; set a new one in the profile."
    said = ""
    hours = [item for item in items if item.shape is Shape.HOURS]
    if any(item.ready_on is not None and item.ready_on > target for item in hours):
        minutes = sum(item.minutes_left for item in hours)
        needed = math.ceil(minutes * 7 / (target - today).days)
        if needed <= MAX_WEEKLY_MINUTES:
            said += f" The hours would fit at about {format_minutes(needed)} a week."
        else:
            said += (
                f" The {format_hours(minutes)} of learning left is not reachable by {target.isoformat()} "
                f"at any pace: it would take more than {format_hours(MAX_WEEKLY_MINUTES)} a week."
            )
    late = [
        item
        for item in items
        if item.shape is not Shape.HOURS and item.ready_on is not None and item.ready_on > target
    ]
    if late:
        names = [f"“{item.title}”" for item in late]
        named = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
        if len(names) > 3:
            named = f"{', '.join(names[:3])} and {len(names) - 3} more"
        last = max(item.ready_on for item in late if item.ready_on is not None)
        said += (
            f" Hours cannot close {named} by then: {'it closes' if len(late) == 1 else 'the last closes'}"
            f" on {last.isoformat()} at the earliest."
        )
    return said


def _assumptions(items: Sequence[PlanItem], pace: float, today: date, weeks: int) -> tuple[str, ...]:
    monday = week_start(today)
    first = monday - timedelta(weeks=weeks)
    said = [
        f"Your pace is the average of the {weeks} full weeks from {first.isoformat()} to "
        f"{(monday - timedelta(days=1)).isoformat()}: {format_minutes(round(pace)) if pace >= 0.5 else '0m'}"
        " a week.",
    ]
    shapes = {item.shape for item in items}
    rules = {type(item.result.expectation.rule) for item in items}
    if Shape.HOURS in shapes:
        said.append("The hours go to the biggest gaps first, one after another, and keep going at that pace.")
    if HandsOnRule in rules:
        said.append(
            "A hands-on gap is closed by logging the hours the ladder asks on a skill; "
            "a rating at its level or a shipped project would close it sooner."
        )
    if SkillLevelRule in rules:
        said.append(
            f"One step of self-rating is taken as about {HOURS_PER_LEVEL} h of deliberate study. "
            "Hours do not raise a rating by themselves: rate yourself again when you work at that depth."
        )
    if PracticeRule in rules:
        said.append(f"A practice session is taken as about {PRACTICE_SESSION_MINUTES} minutes.")
    if Shape.TASK in shapes:
        said.append(
            "Evidence cannot be bought with hours: each evidence gap is a task at the cadence suggested "
            f"(one every {DEFAULT_CADENCE_WEEKS} weeks, closer when a window or the target date needs it), "
            "and the forecast assumes you keep to it."
        )
    if Shape.TIME in shapes:
        said.append("Years of experience come with time alone: your career start plus the years asked.")
    if items:
        said.append("Nothing already counted drops out of its time window on the way.")
    return tuple(said)
