"""A child process for the reliability tests (run as a script, never collected by pytest).

    python writer_process.py PATH COUNT TAG [--wait]

Opens the record at PATH (creating it if missing) and commits COUNT learning sessions of Go, each in
its own ``Record.writing()`` transaction, noted ``TAG-0``, ``TAG-1``, ... After each commit it prints
how many it has committed so far and flushes. With ``--wait`` it first prints ``ready`` and waits for
a line on stdin, so that several children can be released at the same moment.
"""

import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from skilltrack.domain.dates import SessionStart
from skilltrack.guide import load_builtin_framework
from skilltrack.record.opener import open_record
from skilltrack.record.sessions import insert_session
from skilltrack.record.skills import resolve_skill


def main(argv: list[str]) -> int:
    path, count, tag = Path(argv[0]), int(argv[1]), argv[2]
    framework = load_builtin_framework()
    if "--wait" in argv[3:]:
        print("ready", flush=True)
        sys.stdin.readline()
    record = open_record(path)
    try:
        for number in range(count):
            day = date(2026, 1, 1) + timedelta(days=number % 300)
            start = SessionStart(
                started_at_utc=datetime(day.year, day.month, day.day, 12, 0, tzinfo=UTC),
                local_day=day,
                time_zone="UTC",
            )
            with record.writing() as db:
                skill = resolve_skill(db, typed="Go", ladder=lambda: framework).skill
                insert_session(
                    db, skill_id=skill.id, start=start, minutes=5, kind="study", note=f"{tag}-{number}"
                )
            print(number + 1, flush=True)
    finally:
        record.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
