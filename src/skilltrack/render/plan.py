"""The plan toward a level as text, JSON and a section of the Markdown report."""

from datetime import timedelta
from typing import Any

from skilltrack.domain.durations import format_minutes
from skilltrack.domain.plan import Plan, PlanItem
from skilltrack.render.markdown import md


def plan_json(plan: Plan) -> dict[str, Any]:
    return {
        "format": "skilltrack-plan",
        "date": plan.today.isoformat(),
        "level": {"id": plan.level.id, "title": plan.level.title, "percent": plan.percent},
        "week_of": plan.week_of.isoformat(),
        "pace": {
            "average_minutes": plan.pace_minutes,
            "active_weeks": plan.active_weeks,
            "weeks": [
                {"week_of": (plan.pace_started_on + timedelta(weeks=index)).isoformat(), "minutes": minutes}
                for index, minutes in enumerate(plan.pace_weeks)
            ],
        },
        "logged_this_week_minutes": plan.logged_this_week,
        "budget_minutes": plan.budget_minutes,
        "this_week_minutes": sum(item.minutes_this_week for item in plan.items),
        "hours_left_minutes": plan.hours_left,
        "items": [
            {
                "expectation": item.result.expectation.id,
                "title": item.title,
                "shape": item.shape.value,
                "reason": item.result.reason,
                "next_step": item.result.next_step or None,
                "plan": item.how,
                "minutes_left": item.minutes_left,
                "minutes_this_week": item.minutes_this_week,
                "tasks_left": item.tasks_left,
                "cadence_weeks": item.cadence_weeks or None,
                "ready_on": item.ready_on.isoformat() if item.ready_on else None,
                "unknown_because": item.unknown_because or None,
            }
            for item in plan.items
        ],
        "forecast": {
            "reached_on": plan.forecast.reached_on.isoformat() if plan.forecast.reached_on else None,
            "target_date": plan.forecast.target_date.isoformat() if plan.forecast.target_date else None,
            "on_track": plan.forecast.on_track,
            "summary": plan.forecast.summary,
            "assumptions": list(plan.forecast.assumptions),
        },
    }


def pace_line(plan: Plan) -> str:
    last = plan.week_of - timedelta(days=1)
    weeks = len(plan.pace_weeks)
    pace = format_minutes(plan.pace_minutes) if plan.pace_minutes else "0m"
    said = (
        f"Pace: {pace} a week, the average of the {weeks} full weeks {plan.pace_started_on.isoformat()} "
        f"to {last.isoformat()} ({plan.active_weeks} of {weeks} with learning)"
    )
    if plan.logged_this_week:
        budget = format_minutes(plan.budget_minutes) if plan.budget_minutes else "nothing"
        said += (
            f"; {format_minutes(plan.logged_this_week)} already logged this week, so {budget} is left "
            "to plan this week"
        )
    return said


def _plan_item_line(item: PlanItem) -> str:
    return f"{item.this_week_label:<7} {item.title} — {item.how}"


def plan_text(plan: Plan) -> str:
    lines = [
        f"Plan toward {plan.level.title} for the week of {plan.week_of.isoformat()} — {plan.percent}% ready",
        "",
        pace_line(plan),
        "",
    ]
    if not plan.items:
        lines += [f"Every {plan.level.title} expectation is met: nothing to plan.", ""]
    else:
        now = plan.this_week
        lines.append("This week")
        lines.extend(f"  {_plan_item_line(item)}" for item in now)
        later = [item for item in plan.items if item not in now]
        if later:
            lines += ["", "Later"]
            lines.extend(f"  {_plan_item_line(item)}" for item in later)
        lines.append("")
    lines += ["Forecast", f"  {plan.forecast.summary}", "", "  It assumes:"]
    lines.extend(f"  · {assumption}" for assumption in plan.forecast.assumptions)
    return "\n".join(lines).rstrip() + "\n"


def plan_markdown(plan: Plan) -> list[str]:
    """The plan and forecast as a section of the Markdown report."""
    lines = ["## Plan and forecast", "", f"{md(pace_line(plan))}.", ""]
    if plan.items:
        lines += [
            f"Week of {plan.week_of.isoformat()}:",
            "",
            "| This week | Gap | What to do | Closed by |",
            "| --- | --- | --- | --- |",
        ]
        for item in plan.items:
            closed = item.ready_on.isoformat() if item.ready_on else f"no date: {item.unknown_because}"
            lines.append(f"| {item.this_week_label} | {md(item.title)} | {md(item.how)} | {md(closed)} |")
        lines.append("")
    lines += [f"**Forecast:** {md(plan.forecast.summary)}", "", "It assumes:", ""]
    lines.extend(f"- {md(assumption)}" for assumption in plan.forecast.assumptions)
    lines.append("")
    return lines
