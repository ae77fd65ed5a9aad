"""``skilltrack`` with no command, and ``skilltrack --demo``: the full-screen app."""

import argparse
import sys
import tempfile
from pathlib import Path

from skilltrack.cli.context import Context
from skilltrack.record.errors import RecordError


def run_app(context: Context, args: argparse.Namespace) -> int:
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        raise RecordError(
            "the app needs a terminal; use a command instead (skilltrack --help), e.g. skilltrack status"
        )
    if args.demo:
        return _run_demo(context)
    # The record is opened by the app, off the UI thread: a file it must refuse is explained on screen,
    # and the app then ends with exit status 1. On a path with no record the app opens on its welcome.
    return _run(context, context.db_path)


def _run(context: Context, path: Path) -> int:
    from skilltrack.tui.app import make_app

    if context.framework_path is not None:
        context.ladder()  # a ladder of one's own is checked now, where its error is one line on the shell
    app = make_app(db=path, ladder=context.ladder)
    app.run()
    if app.problem is not None:
        # Shown on the app's screen already; said once more on the shell, where it stays after the app
        # has gone, with the exit status of any command that cannot use the record.
        raise app.problem
    return app.return_code or 0


def _run_demo(context: Context) -> int:
    from skilltrack.demo import populate_demo
    from skilltrack.record.opener import open_record

    with tempfile.TemporaryDirectory(prefix="skilltrack-demo-") as folder:
        path = Path(folder) / "demo.sqlite3"
        record = open_record(path)
        try:
            with record.reading() as db:
                today = context.today(db)
            populate_demo(record, context.framework, today=today)
        finally:
            record.close()
        return _run(context, path)
