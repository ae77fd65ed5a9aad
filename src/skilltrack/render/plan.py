"""The plan toward a level as text, JSON and a section of the Markdown report."""

from datetime import timedelta
from typing import Any

from skilltrack.domain.durations import format_minutes
from skilltrack.domain.plan import MIN_HISTORY_WEEKS, Forecast, Plan, PlanItem
from skilltrack.render.markdown import md
from skilltrack.render.terminal import printable


def _item_json(item: PlanItem) -> dict[str, Any]:
    return {
        "expectation": item.result.expectation.id,
        "title": item.title,
        "shape": item.shape.value,
        "status": item.result.status.value,
        "reason": item.result.reason,
        "action": item.how,
        "minutes": item.minutes_this_week or item.minutes_left,
        "minutes_this_week": item.minutes_this_week,
        "minutes_left": item.minutes_left,
        "tasks_left": item.tasks_left,
        "cadence_weeks": item.cadence_weeks or None,
        "ready_on": item.ready_on.isoformat() if item.ready_on else None,
        "unknown_because": item.unknown_because or None,
    }


def forecast_json(forecast: Forecast) -> dict[str, Any]:
    def day(value: Any) -> str | None:
        return value.isoformat() if value else None

    return {
        "reached_on": day(forecast.reached_on),
        "earliest": day(forecast.earliest),
        "latest": day(forecast.latest),
        "target_date": day(forecast.target_date),
        "on_track": forecast.on_track,
        "summary": forecast.summary,
        "left_out": list(forecast.left_out),
        "assumptions": list(forecast.assumptions),
    }


def plan_json(plan: Plan) -> dict[str, Any]:
    return {
        "format": "skilltrack-plan",
        "date": plan.today.isoformat(),
        "level": {"id": plan.level.id, "title": plan.level.title, "percent": plan.percent},
        "week_of": plan.week_of.isoformat(),
        "pace": {
            "average_minutes": plan.pace_minutes if plan.has_pace else None,
            "history_weeks": plan.history_weeks,
            "active_weeks": plan.active_weeks,
            "weeks": [
                {"week_of": (plan.pace_started_on + timedelta(weeks=index)).isoformat(), "minutes": minutes}
                for index, minutes in enumerate(plan.pace_weeks)
            ],
        },
        "logged_this_week_minutes": plan.logged_this_week,
        "this_week": [_item_json(item) for item in plan.this_week],
        "when_it_happens": [_item_json(item) for item in plan.when_it_happens],
        "later": [_item_json(item) for item in plan.later],
        "hours_left_minutes": plan.hours_left,
        "forecast": forecast_json(plan.forecast),
    }


def pace_line(plan: Plan) -> str:
    if plan.history_weeks < MIN_HISTORY_WEEKS:
        weeks = plan.history_weeks
        return (
            f"Pace: too little history yet ({weeks} full week{'s' if weeks != 1 else ''} since your first "
            f"session; a pace needs {MIN_HISTORY_WEEKS})"
        )
    last = plan.week_of - timedelta(days=1)
    weeks = len(plan.pace_weeks)
    pace = format_minutes(plan.pace_minutes) if plan.pace_minutes else "0m"
    said = (
        f"Pace: {pace} a week, the average of the {weeks} full week{'s' if weeks != 1 else ''} "
        f"{plan.pace_started_on.isoformat()} to {last.isoformat()} "
        f"({plan.active_weeks} of {weeks} with learning)"
    )
    if plan.logged_this_week:
        budget = format_minutes(plan.budget_minutes) if plan.budget_minutes else "nothing"
        said += (
            f"; {format_minutes(plan.logged_this_week)} already logged this week, so {budget} is left "
            "to plan this week"
        )
    return said


def _line(item: PlanItem) -> str:
    return f"{item.this_week_label:<7} {item.title} — {item.how}"


def plan_text(plan: Plan) -> str:
    lines = [
        f"Plan toward {plan.level.title} for the week of {plan.week_of.isoformat()} — {plan.percent}% ready",
        "",
        pace_line(plan),
        "",
    ]
    if not plan.items:
        lines += [f"Every {plan.level.title} expectation is shown by your record: nothing to plan.", ""]
    for heading, items, with_time in (
        ("This week", plan.this_week, True),
        ("Record it when it happens", plan.when_it_happens, False),
        ("Later", plan.later, True),
    ):
        if items:
            lines.append(heading)
            lines += [f"  {_line(item)}" if with_time else f"  {item.title} — {item.how}" for item in items]
            lines.append("")
    lines += ["Forecast", f"  {plan.forecast.summary}", "", "  It assumes:"]
    lines.extend(f"  · {assumption}" for assumption in plan.forecast.assumptions)
    return printable("\n".join(lines).rstrip(), multiline=True) + "\n"


def plan_markdown(plan: Plan) -> list[str]:
    """The plan and forecast as a section of the Markdown report."""
    lines = ["## Plan and forecast", "", f"{md(pace_line(plan))}.", ""]
    if plan.this_week:
        lines += [f"This week ({plan.week_of.isoformat()}):", ""]
        lines += [
            f"- {md(item.this_week_label)} — **{md(item.title)}**: {md(item.how)}" for item in plan.this_week
        ]
        lines.append("")
    if plan.when_it_happens:
        lines += ["Record it when it happens:", ""]
        lines += [f"- **{md(item.title)}**: {md(item.how)}" for item in plan.when_it_happens]
        lines.append("")
    if plan.later:
        lines += ["| Later | Gap | What to do | Closed by |", "| --- | --- | --- | --- |"]
        for item in plan.later:
            closed = item.ready_on.isoformat() if item.ready_on else f"no date: {item.unknown_because}"
            lines.append(f"| {md(item.this_week_label)} | {md(item.title)} | {md(item.how)} | {md(closed)} |")
        lines.append("")
    lines += [f"**Forecast:** {md(plan.forecast.summary)}", "", "It assumes:", ""]
    lines.extend(f"- {md(assumption)}" for assumption in plan.forecast.assumptions)
    lines.append("")
    return lines
