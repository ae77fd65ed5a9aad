"""The one next action for a gap, worded once: what Readiness, the dashboard's top gaps, ``plan`` and
``jd``'s "practise first" all say about the same skill or evidence.

An action has a kind that tells when it can happen: practice to log (hours a person can plan), a project
to ship, a task that can be planned (a design doc, a review), evidence to record when it happens (an
incident, a mentoring moment: nobody can schedule those), time that passes by itself, or the profile to
fill in. Pure functions of the ladder's rules and the record's facts.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from skilltrack.domain.durations import format_hours, format_minutes
from skilltrack.domain.facts import SkillFacts
from skilltrack.domain.framework import EvidenceKind

SHOWN_MINUTES = 600
"""Ten hours logged on a skill show it in use: a self-rating backed by them is shown, not only claimed."""
HOURS_PER_LEVEL = 20
"""The study time one step of self-rating is taken to need."""
PRACTICE_SESSION_MINUTES = 60
"""The length a practice session (a mock interview, a kata) is taken to have."""


class ActionKind(StrEnum):
    PRACTICE = "practice"
    """Learning time to log: it can go in this week's plan."""
    SHIP = "ship"
    """A project shipped to production: it comes with work, not with study."""
    TASK = "task"
    """Evidence that can be planned: write the design doc, run the review."""
    WHEN_IT_HAPPENS = "when-it-happens"
    """Evidence nobody can schedule (an incident, a mentoring moment): record it when it happens."""
    TIME = "time"
    """Years of experience: they come on a known date whatever one does."""
    PROFILE = "profile"
    """A fact of the profile to fill in (the career start)."""


@dataclass(frozen=True)
class NextAction:
    kind: ActionKind
    text: str
    """The action in words, as every screen and report says it."""
    skill: str | None = None
    """The skill it is about, when it is about one (to log time on it, or rate it)."""
    minutes: int = 0
    """Practice: the learning time it needs."""
    count: int = 0
    """Tasks and evidence: how many pieces are still needed."""
    on: date | None = None
    """Time: the day it comes by itself."""

    @property
    def schedulable(self) -> bool:
        """Whether it can go in a week's plan: practice and planned tasks can, the rest cannot."""
        return self.kind in (ActionKind.PRACTICE, ActionKind.TASK)


def hours_on(
    name: str, skill: SkillFacts | None, *, wanted: int = SHOWN_MINUTES, shipped: bool = True
) -> NextAction:
    """Practice that shows a skill: the hours still missing of ``wanted`` (or a shipped project using it)."""
    logged = skill.minutes_total if skill is not None else 0
    left = max(wanted - logged, 0)
    more = " more" if logged else ""
    text = f"log {format_hours(left) if left >= 60 else format_minutes(left)}{more} of {name}"
    if shipped:
        text += " or use it in a shipped project"
    return NextAction(ActionKind.PRACTICE, text, name, minutes=left)


def study_toward(name: str, level: int | None, wanted: int) -> NextAction:
    """Study that raises a self-rating from ``level`` to ``wanted``, then a new rating."""
    steps = wanted - (level or 0)
    minutes = steps * HOURS_PER_LEVEL * 60
    return NextAction(
        ActionKind.PRACTICE,
        f"study {name} toward level {wanted} (about {format_hours(minutes)}) and rate it again",
        name,
        minutes=minutes,
    )


def practice_sessions(missing: int, kinds: str, on: str, skill: str | None) -> NextAction:
    """Practice sessions of some kinds (mock interviews, katas) still to log."""
    sessions = f"session{'s' if missing != 1 else ''}"
    return NextAction(
        ActionKind.PRACTICE,
        f"log {missing} more {kinds} {sessions}{on}",
        skill,
        minutes=missing * PRACTICE_SESSION_MINUTES,
        count=missing,
    )


def evidence_of(kinds: list[EvidenceKind], missing: int, window_days: int | None) -> NextAction:
    """Evidence still needed: a task to plan, or something to record when it happens."""
    what = " or ".join(kind.title.lower() for kind in kinds)
    if any(not kind.schedulable for kind in kinds):
        window = f" ({missing} more within {window_days} days)" if window_days else f" ({missing} more)"
        return NextAction(ActionKind.WHEN_IT_HAPPENS, f"record {what} when it happens{window}", count=missing)
    pieces = "pieces" if missing != 1 else "piece"
    return NextAction(ActionKind.TASK, f"add {missing} more {pieces} of evidence: {what}", count=missing)
