"""Reading the record against the ladder: ``status``, ``report`` and ``guide``."""

import argparse
from pathlib import Path
from typing import Any

from skilltrack.cli.context import Context
from skilltrack.domain.durations import format_minutes
from skilltrack.domain.errors import InputError
from skilltrack.record.overview import Overview, load_overview
from skilltrack.render import report as reporting
from skilltrack.render.plan import forecast_json
from skilltrack.render.readiness import target_line


def run_status(context: Context, args: argparse.Namespace) -> int:
    framework = context.framework
    overview = context.read(lambda db, today: load_overview(db, framework=framework, today=today))
    target = overview.target
    gaps = target.gaps[:3]
    if args.json:
        context.print_json(_status_json(context, overview, gaps))
        return 0
    for level in overview.readiness.levels:
        context.print(reporting.level_line(level, target=level.level.id == overview.target_level))
    context.print(f"Target     {target_line(target.level.title, overview.plan.forecast, overview.today)}")
    context.print()
    change = overview.this_week_minutes - overview.last_week_minutes
    sign = "+" if change >= 0 else "−"
    context.print(
        f"This week  {format_minutes(overview.this_week_minutes) if overview.this_week_minutes else '0m'}"
        f"   last week {format_minutes(overview.last_week_minutes) if overview.last_week_minutes else '0m'}"
        f"   ({sign}{format_minutes(abs(change)) if change else '0m'})"
    )
    streak = overview.streak_days
    context.print(f"Streak     {streak} day{'s' if streak != 1 else ''}")
    if overview.timer:
        elapsed = max(0, round((context.now_utc - overview.timer.started_at_utc).total_seconds() / 60))
        running = format_minutes(elapsed) if elapsed else "under a minute"
        context.print(f"Timer      {overview.timer.skill} ({overview.timer.kind}), running {running}")
    context.print()
    if not gaps:
        context.print(f"Every {target.level.title} expectation is shown by your record.")
        return 0
    context.print(f"Top gaps toward {target.level.title}")
    for number, result in enumerate(gaps, start=1):
        context.print(f"  {number}. {result.expectation.title} — {result.reason}")
        if result.next_step:
            context.print(f"     → {result.next_step}")
    return 0


def _status_json(context: Context, overview: Overview, gaps: Any) -> dict[str, Any]:
    return {
        "date": overview.today.isoformat(),
        "target_level": overview.target_level,
        "levels": [
            reporting.level_json(level, target=level.level.id == overview.target_level)
            for level in overview.readiness.levels
        ],
        "this_week_minutes": overview.this_week_minutes,
        "last_week_minutes": overview.last_week_minutes,
        "streak_days": overview.streak_days,
        "timer": None
        if overview.timer is None
        else {
            "skill": overview.timer.skill,
            "kind": overview.timer.kind,
            "started_at": overview.timer.started_at_utc.isoformat(),
        },
        "top_gaps": [reporting.result_json(result) for result in gaps],
        "forecast": forecast_json(overview.plan.forecast),
    }


def run_report(context: Context, args: argparse.Namespace) -> int:
    from skilltrack.cli.planning import parse_level
    from skilltrack.record.overview import load_report

    if args.format not in reporting.FORMATS:
        raise InputError(
            "format", f"{args.format!r} is not accepted; use one of {', '.join(reporting.FORMATS)}"
        )
    framework = context.framework
    level_id = parse_level(framework, args.level)
    data = context.read(
        lambda db, today: load_report(db, framework=framework, today=today, level_id=level_id)
    )
    _emit(context, reporting.render_report(data, args.format), args.output)
    return 0


def _emit(context: Context, text: str, output: Path | None) -> None:
    if output is None:
        context.out.write(text)
        return
    from skilltrack.files import write_output

    written = write_output(output, text, context.db_path)
    context.print(f"Wrote {written}")


def run_guide(context: Context, args: argparse.Namespace) -> int:
    from skilltrack.render.guide import guide_json, guide_text

    if args.format not in ("text", "json"):
        raise InputError("format", f"{args.format!r} is not accepted; use text or json")
    if args.format == "json":
        context.print_json(guide_json(context.framework))
    else:
        context.out.write(guide_text(context.framework))
    return 0
