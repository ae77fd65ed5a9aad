"""The team's view, opt in: ``publish`` shares this person's readiness snapshot in a team folder, ``team``
shows the matrix of everyone's."""

import argparse
import sys

from skilltrack.cli.context import Context
from skilltrack.domain.errors import InputError


def run_publish(context: Context, args: argparse.Namespace) -> int:
    from skilltrack.domain.progress import progress_of
    from skilltrack.domain.team import first_met_days, snapshot_of
    from skilltrack.record.overview import load_overview
    from skilltrack.record.profile import read_profile
    from skilltrack.record.progress import load_series
    from skilltrack.transfer.team import remember_folder, write_snapshot

    framework = context.framework
    # One read transaction: the readiness is the one `status` prints, the series says when each was met.
    overview, series, person = context.read(
        lambda db, today: (
            load_overview(db, framework=framework, today=today),
            load_series(db, framework=framework, today=today),
            read_profile(db),
        )
    )
    if not person.name.strip():
        raise InputError(
            "name",
            "your profile has no name, and a snapshot is shared under it; "
            'set it with: skilltrack profile --set name="Your Name"',
        )
    top_level = framework.levels[-1].id  # levels are cumulative: the top one holds every expectation
    snapshot = snapshot_of(
        overview.readiness,
        framework,
        name=person.name,
        today=overview.today,
        target_level=overview.target_level,
        target_date=person.target_date,
        first_met=first_met_days(progress_of(top_level, series)),
    )
    written = write_snapshot(args.folder, snapshot, record=context.db_path)
    remember_folder(args.folder, context.environ)
    levels = ", ".join(f"{level.title} {level.percent}%" for level in snapshot.levels)
    context.print(f"Published {person.name}'s readiness ({levels}) to {written}")
    context.print("It holds your name, target, levels and each expectation's status; no notes or links.")
    return 0


def run_team(context: Context, args: argparse.Namespace) -> int:
    from skilltrack.domain.team import team_matrix
    from skilltrack.render.team import matrix_json, matrix_text
    from skilltrack.transfer.team import read_team

    # Today on this machine: the team's view needs no record of one's own.
    today = context.now_utc.astimezone(context.machine_zone).date()
    read = read_team(args.folder, record=context.db_path)
    for warning in read.warnings:
        print(f"skilltrack: warning: {warning}", file=sys.stderr)
    matrix = team_matrix(read.snapshots, today)
    if args.json:
        context.print_json(matrix_json(matrix))
    elif not matrix.members:
        context.print(
            f"No readiness snapshots in {args.folder} yet; each person shares theirs with: "
            f"skilltrack publish {args.folder}"
        )
    else:
        context.out.write(matrix_text(matrix))
    return 0
