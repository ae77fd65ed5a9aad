"""A weekly plan and a forecast: the hours a person really has, spent on what moves the level most.

Pure: from the level's readiness (each gap with its one next action, :mod:`skilltrack.domain.actions`),
the minutes logged in each full week since the record's first session (the last eight at most) and so
far this week, today and the profile's target date (which belongs to the target level alone).

Each gap takes the shape of its action:

- hours: practice to log (hands-on hours, study toward a rating, practice sessions, the hours that show a
  claimed rating): they share the week's learning time, the gap that moves the level most first;
- tasks: evidence that can be planned (a design doc, a review), one at a suggested cadence;
- when it happens: evidence nobody can schedule (an incident, a mentoring moment) and projects that ship
  with work: recorded when they happen, never put in a week;
- time: years of experience, which come on a known date whatever one does.

This week's plan is at most :data:`THIS_WEEK_ACTIONS` actions, each with its hours. The forecast projects
the pace forward as a range (a slower and a faster week), says what it leaves out, and says in words
everything it assumes; under :data:`MIN_HISTORY_WEEKS` weeks of history it gives no date at all.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from skilltrack.domain.actions import ActionKind
from skilltrack.domain.dates import week_start
from skilltrack.domain.durations import format_hours, format_minutes
from skilltrack.domain.framework import EvidenceRule, Framework, Level
from skilltrack.domain.readiness import ExpectationResult, LevelReadiness

PACE_WEEKS = 8
"""The pace is the average of at most this many full weeks (Monday to Sunday, before this one)."""
MIN_HISTORY_WEEKS = 3
"""Fewer full weeks since the first session than this is too little history for a forecast."""
THIS_WEEK_ACTIONS = 3
"""This week's plan names at most this many actions."""
STARTER_MINUTES = 60
"""With no pace yet, a practice action starts with an hour this week."""
TASK_MINUTES = 90
"""The time a planned piece of evidence (a design doc, a review) is taken to need."""
DEFAULT_CADENCE_WEEKS = 2
"""One piece of evidence every this many weeks, unless a window or the target date asks for more."""
MAX_WEEKLY_MINUTES = 40 * 60
"""The most learning time a week the forecast will ask for (a full working week); past it a target
date is not reachable by hours."""


class Shape(StrEnum):
    HOURS = "hours"
    TASK = "task"
    WHEN_IT_HAPPENS = "when it happens"
    TIME = "time"


_SHAPES = {
    ActionKind.PRACTICE: Shape.HOURS,
    ActionKind.TASK: Shape.TASK,
    ActionKind.PROFILE: Shape.TASK,
    ActionKind.WHEN_IT_HAPPENS: Shape.WHEN_IT_HAPPENS,
    ActionKind.SHIP: Shape.WHEN_IT_HAPPENS,
    ActionKind.TIME: Shape.TIME,
}


@dataclass(frozen=True)
class PlanFacts:
    """What storage tells the plan besides readiness."""

    weekly_minutes: tuple[int, ...]
    """Minutes in each full week since the record's first session, the last :data:`PACE_WEEKS` at most,
    oldest first."""
    history_weeks: int = 0
    """Full weeks since the week of the first session (before this one)."""
    target_date: date | None = None
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
    """The action in words, as every screen says it."""
    minutes_left: int = 0
    """Hours-shaped: the learning time still needed; tasks: the time the next one takes."""
    minutes_this_week: int = 0
    tasks_left: int = 0
    cadence_weeks: int = 0
    ready_on: date | None = None
    """When this gap closes at the pace; ``None`` when that cannot be told."""
    unknown_because: str = ""
    """Why ``ready_on`` is ``None``."""

    @property
    def title(self) -> str:
        return self.result.expectation.title

    @property
    def gain(self) -> float:
        """How much closing it moves the level: its weighted open share."""
        return self.result.gap

    @property
    def this_week_label(self) -> str:
        """The plan's "this week" cell: the hours given, ``later``, or the shape."""
        if self.minutes_this_week:
            return format_minutes(self.minutes_this_week)
        return "later" if self.shape is Shape.HOURS else self.shape.value


@dataclass(frozen=True)
class Forecast:
    reached_on: date | None
    """The day everything that can be planned is done, at the pace; ``None`` when it cannot be told."""
    earliest: date | None
    """At a faster week's pace (the busier half of the weeks)."""
    latest: date | None
    """At a slower week's pace (the quieter half)."""
    target_date: date | None
    on_track: bool | None
    """``None`` without a target date or a forecast date."""
    summary: str
    assumptions: tuple[str, ...]
    left_out: tuple[str, ...] = ()
    """What the dates cannot include: what happens when it happens (an incident, a shipped project)."""

    @property
    def range_text(self) -> str:
        """``between 2027-03-12 and 2027-04-30`` (or ``around`` one day), empty without a date; ``from
        2027-03-12 on`` when the quieter half of the weeks logged nothing (no latest day)."""
        if self.earliest is None:
            return ""
        if self.latest is None:
            return f"from {self.earliest.isoformat()} on"
        if self.earliest == self.latest:
            return f"around {self.earliest.isoformat()}"
        return f"between {self.earliest.isoformat()} and {self.latest.isoformat()}"


@dataclass(frozen=True)
class Plan:
    level: Level
    percent: int
    today: date
    week_of: date
    """The Monday of the week planned (this week)."""
    pace_weeks: tuple[int, ...]
    """Minutes in each of the full weeks the pace is taken from, oldest first."""
    history_weeks: int
    items: tuple[PlanItem, ...]
    """Every gap, with its shape and the time it takes, the one that moves the level most first."""
    forecast: Forecast
    logged_this_week: int = 0
    """Minutes already logged this week, taken out of the week's budget."""

    @property
    def has_pace(self) -> bool:
        return self.history_weeks >= MIN_HISTORY_WEEKS and self.pace_minutes > 0

    @property
    def pace_minutes(self) -> int:
        """The average minutes a week, rounded to the minute."""
        return round(sum(self.pace_weeks) / len(self.pace_weeks)) if self.pace_weeks else 0

    @property
    def budget_minutes(self) -> int:
        """This week's learning time to give out: the pace less what is already logged this week."""
        return max(self.pace_minutes - self.logged_this_week, 0)

    @property
    def active_weeks(self) -> int:
        return sum(minutes > 0 for minutes in self.pace_weeks)

    @property
    def this_week(self) -> tuple[PlanItem, ...]:
        """At most :data:`THIS_WEEK_ACTIONS` actions for this week, each with its time."""
        return tuple(item for item in self.items if item.minutes_this_week)

    @property
    def when_it_happens(self) -> tuple[PlanItem, ...]:
        """What to record when it happens: never in a week's plan."""
        return tuple(item for item in self.items if item.shape is Shape.WHEN_IT_HAPPENS)

    @property
    def later(self) -> tuple[PlanItem, ...]:
        """Everything else that can be planned, or that comes with time."""
        now = set(map(id, self.this_week))
        return tuple(
            item for item in self.items if id(item) not in now and item.shape is not Shape.WHEN_IT_HAPPENS
        )

    @property
    def hours_left(self) -> int:
        """Minutes the hours-shaped gaps still need, in all (one action closing two gaps counts once)."""
        return sum(_distinct_minutes(self.items))

    @property
    def pace_started_on(self) -> date:
        return self.week_of - timedelta(weeks=len(self.pace_weeks))


def build_plan(level: LevelReadiness, framework: Framework, facts: PlanFacts, today: date) -> Plan:
    monday = week_start(today)
    pace_weeks = tuple(max(minutes, 0) for minutes in facts.weekly_minutes[-PACE_WEEKS:])
    enough_history = facts.history_weeks >= MIN_HISTORY_WEEKS
    paces = _paces(pace_weeks) if enough_history else None
    logged = max(facts.minutes_this_week, 0)
    other_level = facts.target_date is not None and facts.target_level not in (None, level.level.id)
    target = None if other_level else facts.target_date
    items = sorted((_item(result, target, today) for result in level.gaps), key=lambda item: -item.gain)
    items = _this_week(items, paces[1] if paces else 0, logged)
    items = _dated(items, paces[1] if paces else 0.0, today)
    forecast = _forecast(level.level, items, facts, target, paces, today, len(pace_weeks))
    if other_level:
        forecast = _for_another_level(forecast, level.level, framework, facts.target_level)
    return Plan(
        level.level,
        level.percent,
        today,
        monday,
        pace_weeks,
        facts.history_weeks,
        tuple(items),
        forecast,
        logged,
    )


def _paces(weeks: Sequence[int]) -> tuple[float, float, float] | None:
    """(slower, average, faster) minutes a week: the quieter half's mean, the mean, the busier half's."""
    if not weeks or not any(weeks):
        return None
    ordered = sorted(weeks)
    half = max(len(ordered) // 2, 1)
    slow = sum(ordered[:half]) / half
    fast = sum(ordered[-half:]) / half
    return slow, sum(ordered) / len(ordered), fast


def _item(result: ExpectationResult, target: date | None, today: date) -> PlanItem:
    action = result.action
    assert action is not None  # every gap has its next action
    shape = _SHAPES[action.kind]
    if shape is Shape.HOURS:
        return PlanItem(result, shape, action.text, minutes_left=max(action.minutes, 1))
    if shape is Shape.TASK:
        missing = max(action.count, 1)
        rule = result.expectation.rule
        window = rule.within_days if isinstance(rule, EvidenceRule) else None
        cadence = _cadence(missing, window, target, today)
        last_due = week_start(today) + timedelta(weeks=cadence * (missing - 1), days=6)
        every = "" if missing == 1 else f" (one every {cadence} week{'s' if cadence != 1 else ''})"
        return PlanItem(
            result,
            shape,
            f"{action.text}{every}",
            minutes_left=TASK_MINUTES,
            tasks_left=missing,
            cadence_weeks=cadence,
            ready_on=max(last_due, today),
        )
    if shape is Shape.TIME:
        return PlanItem(result, shape, action.text, ready_on=max(action.on, today) if action.on else None)
    return PlanItem(result, shape, action.text, unknown_because="it happens when it happens")


def _distinct_minutes(items: Sequence[PlanItem]) -> list[int]:
    """The hours-shaped gaps' minutes, an action that closes several gaps counted once."""
    return list({item.how: item.minutes_left for item in items if item.shape is Shape.HOURS}.values())


def _this_week(items: list[PlanItem], pace: float, logged: int) -> list[PlanItem]:
    """Give this week's time to the first :data:`THIS_WEEK_ACTIONS` actions that can be planned."""
    budget = max(round(pace) - logged, 0) if pace else STARTER_MINUTES * THIS_WEEK_ACTIONS
    chosen = 0
    planned = []
    said: set[str] = set()
    for item in items:
        given = 0
        action = item.result.action
        plannable = action is not None and action.schedulable and item.how not in said
        if chosen < THIS_WEEK_ACTIONS and budget > 0 and plannable:
            wanted = item.minutes_left if pace else min(item.minutes_left, STARTER_MINUTES)
            given = min(wanted, budget)
        if given:
            budget -= given
            chosen += 1
            said.add(item.how)
            item = replace(item, minutes_this_week=given)
        planned.append(item)
    return planned


def _dated(items: list[PlanItem], pace: float, today: date) -> list[PlanItem]:
    """Each hours-shaped gap's day at the pace, the hours going to the gaps in order."""
    spent = 0
    dated = []
    counted: set[str] = set()
    for item in items:
        if item.shape is Shape.HOURS:
            spent += 0 if item.how in counted else item.minutes_left
            counted.add(item.how)
            if pace > 0:
                item = replace(item, ready_on=today + timedelta(days=math.ceil(spent / pace * 7)))
            else:
                item = replace(item, unknown_because="there is no pace yet")
        dated.append(item)
    return dated


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


def _for_another_level(
    forecast: Forecast, level: Level, framework: Framework, target_level: str | None
) -> Forecast:
    """The forecast of a level the target date was not set for: it says so, and has no target."""
    owner = next((lv.title for lv in framework.levels if lv.id == target_level), target_level)
    summary = forecast.summary.replace(" No target date is set (profile: target_date).", "")
    summary += f" There is no target date for {level.title}: yours is set for {owner}."
    return replace(forecast, summary=summary)


def _done_on(items: Sequence[PlanItem], pace: float, today: date) -> date | None:
    """The day every plannable gap is closed at ``pace``: the hours one after another, the tasks at
    their cadence, the years on their day."""
    if pace <= 0:
        return None
    hours = sum(_distinct_minutes(items))
    days = [today + timedelta(days=math.ceil(hours / pace * 7))] if hours else [today]
    days += [item.ready_on for item in items if item.shape is not Shape.HOURS and item.ready_on]
    return max(days)


def _forecast(
    level: Level,
    items: Sequence[PlanItem],
    facts: PlanFacts,
    target: date | None,
    paces: tuple[float, float, float] | None,
    today: date,
    weeks: int,
) -> Forecast:
    title = level.title
    assumptions = _assumptions(items, paces, today, weeks, facts.history_weeks)
    left_out = tuple(dict.fromkeys(item.how for item in items if item.shape is Shape.WHEN_IT_HAPPENS))
    if not items:
        summary = f"{title} is reached: every expectation is shown by your record."
        return Forecast(today, today, today, target, None if target is None else True, summary, assumptions)
    plannable = [item for item in items if item.shape is not Shape.WHEN_IT_HAPPENS]
    if facts.history_weeks < MIN_HISTORY_WEEKS:
        had = facts.history_weeks
        summary = (
            f"Too little history yet for a date: {had} full week{'s' if had != 1 else ''} of learning since "
            f"your first session, and a forecast needs {MIN_HISTORY_WEEKS}."
        )
        return Forecast(None, None, None, target, None, _with_target(summary, target), assumptions, left_out)
    if paces is None:
        summary = f"No date for {title} yet: no learning was logged in the last {weeks} full weeks."
        return Forecast(None, None, None, target, None, _with_target(summary, target), assumptions, left_out)
    slow, average, fast = paces
    reached, earliest, latest = (_done_on(plannable, pace, today) for pace in (average, fast, slow))
    forecast = Forecast(reached, earliest, latest, target, None, "", assumptions, left_out)
    summary = f"{title} {forecast.range_text} at your pace (about {format_minutes(round(average))} a week)"
    if left_out:
        summary += f", when what cannot be planned has happened too ({len(left_out)} left out)"
    if target is None:
        summary += ". No target date is set (profile: target_date)."
        return replace(forecast, summary=summary)
    on_track = reached is not None and reached <= target
    if on_track:
        summary += f": on track for your target of {target.isoformat()}."
    else:
        assert reached is not None
        late = math.ceil((reached - target).days / 7)
        summary += f": behind your target of {target.isoformat()} by {late} week{'s' if late != 1 else ''}."
        summary += _needed_pace(plannable, target, today)
    return replace(forecast, on_track=on_track, summary=summary)


def _with_target(summary: str, target: date | None) -> str:
    return summary if target is None else f"{summary} Your target date is {target.isoformat()}."


def _needed_pace(items: Sequence[PlanItem], target: date, today: date) -> str:
    """What would close the gap to the target: a weekly pace when one is humanly possible, and, in one
    sentence, what no number of hours closes by then."""
    if target <= today:
        return " The target date has passed; set a new one in the profile."
    said = ""
    minutes = sum(_distinct_minutes(items))
    if minutes:
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


def _assumptions(
    items: Sequence[PlanItem], paces: tuple[float, float, float] | None, today: date, weeks: int, history: int
) -> tuple[str, ...]:
    monday = week_start(today)
    first = monday - timedelta(weeks=weeks)
    said = []
    if history < MIN_HISTORY_WEEKS:
        said.append(
            f"A pace needs {MIN_HISTORY_WEEKS} full weeks since your first session; until then this week's "
            f"plan starts each practice with {format_minutes(STARTER_MINUTES)}."
        )
    elif paces is not None:
        slow, average, fast = paces
        said.append(
            f"Your pace is the average of the {weeks} full week{'s' if weeks != 1 else ''} from "
            f"{first.isoformat()} to {(monday - timedelta(days=1)).isoformat()}: about "
            f"{format_minutes(round(average))} a week; the range takes the quieter half of those weeks "
            f"({format_minutes(round(slow))}) and the busier half ({format_minutes(round(fast))})."
        )
    shapes = {item.shape for item in items}
    if Shape.HOURS in shapes:
        said.append(
            "The week's time goes to the gaps that move the level most, the hours of each one after another."
        )
    if any(item.result.claims > item.result.shown for item in items):
        said.append(
            "A self-rating counts half until the record shows it: showing it takes the hours in the plan "
            "(or a shipped project, or evidence)."
        )
    if Shape.TASK in shapes:
        said.append(
            "Evidence that can be planned is a task at the cadence suggested (one every "
            f"{DEFAULT_CADENCE_WEEKS} weeks, closer when a window or the target date needs it), about "
            f"{format_minutes(TASK_MINUTES)} each."
        )
    if Shape.WHEN_IT_HAPPENS in shapes:
        said.append(
            "What nobody can schedule (an incident, a mentoring moment, a project shipping) is left out of "
            "the dates: record it when it happens."
        )
    if Shape.TIME in shapes:
        said.append("Years of experience come with time alone: your career start plus the years asked.")
    if items:
        said.append("Nothing already counted drops out of its time window on the way.")
    return tuple(said)
