"""``skilltrack`` with no command, and ``skilltrack --demo``: the full-screen app."""

import argparse
import tempfile
from pathlib import Path

from skilltrack.cli.context import Context


def run_app(context: Context, args: argparse.Namespace) -> int:
    if args.demo:
        return _run_demo(context)
    context.print(
        "The full-screen skilltrack app is not in this version yet. Meanwhile the whole record works\n"
        "from the shell: skilltrack status, skilltrack log SKILL DURATION, skilltrack --help."
    )
    return 0


def _run_demo(context: Context) -> int:
    from skilltrack.cli.readiness import run_status
    from skilltrack.db.engine import open_database
    from skilltrack.demo import populate_demo

    with tempfile.TemporaryDirectory(prefix="skilltrack-demo-") as folder:
        path = Path(folder) / "demo.sqlite3"
        database = open_database(path)
        try:
            with database.reading() as session:
                today = context.today(session)
            populate_demo(database, context.framework, today=today)
        finally:
            database.close()
        demo = Context(
            db_option=path,
            framework_option=context.framework_option,
            environ=context.environ,
            out=context.out,
        )
        try:
            context.print("The demo record (a throwaway copy; nothing of yours is touched):\n")
            return run_status(demo, argparse.Namespace(json=False))
        finally:
            demo.close()
