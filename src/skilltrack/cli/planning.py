"""``skilltrack plan``: this week's hours on the biggest gaps, and when the level is reached."""

import argparse

from skilltrack import reporting
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
    from skilltrack.cli.reading import read_sql
    from skilltrack.db.report import plan_from

    framework = context.framework
    level_id = parse_level(framework, args.level)
    plan = read_sql(context, lambda connection, today: plan_from(connection, framework, today, level_id))
    if args.json:
        context.print_json(reporting.plan_json(plan))
    else:
        context.out.write(reporting.plan_text(plan))
    return 0
