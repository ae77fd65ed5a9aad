"""``skilltrack plan`` (this week's hours on what moves the level most, and when it is reached) and
``skilltrack progress`` (readiness week by week)."""

import argparse

from skilltrack.cli.context import Context
from skilltrack.domain.errors import InputError
from skilltrack.domain.framework import Framework


def parse_level(framework: Framework, typed: str | None) -> str | None:
    """The level id typed (any case), ``None`` for the target level; bad input names the field."""
    if typed is None:
        return None
    level_ids = [level.id for level in framework.levels]
    chosen = typed.strip().lower()
    if chosen not in level_ids:
        raise InputError("level", f"{typed!r} is not a level; use one of {', '.join(level_ids)}")
    return chosen


def run_plan(context: Context, args: argparse.Namespace) -> int:
    from skilltrack.record.overview import load_plan
    from skilltrack.render.plan import plan_json, plan_text

    framework = context.framework
    level_id = parse_level(framework, args.level)
    plan = context.read(lambda db, today: load_plan(db, framework=framework, today=today, level_id=level_id))
    if args.json:
        context.print_json(plan_json(plan))
    else:
        context.out.write(plan_text(plan))
    return 0


def run_progress(context: Context, args: argparse.Namespace) -> int:
    from skilltrack.record.progress import load_progress
    from skilltrack.render.progress import progress_json, progress_text

    framework = context.framework
    level_id = parse_level(framework, args.level)
    weeks = parse_weeks(args.weeks)
    progress = context.read(
        lambda db, today: load_progress(db, framework=framework, today=today, level_id=level_id, weeks=weeks)
    )
    if args.json:
        context.print_json(progress_json(progress))
    else:
        context.out.write(progress_text(progress))
    return 0


def parse_weeks(typed: str) -> int:
    cleaned = typed.strip()
    if not cleaned.isdigit() or not 1 <= int(cleaned) <= 520:
        raise InputError("weeks", f"{typed!r} is not accepted; use a whole number of weeks from 1 to 520")
    return int(cleaned)
