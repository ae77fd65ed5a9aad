"""Logging learning: ``log``, the timer (``start``, ``stop``, ``cancel``) and ``session list|remove``.

``log`` imports only what it uses (checked by ``tests/cli/test_fast_path.py``): it runs in about the time
of a bare Python process writing one row, on a ten-year record as on a new one.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from datetime import date

from skilltrack.cli.context import Context
from skilltrack.domain.dates import parse_clock_time, parse_date, parse_time_zone
from skilltrack.domain.durations import format_minutes, parse_duration
from skilltrack.domain.errors import InputError
from skilltrack.domain.kinds import SESSION_KINDS, normalize_session_kind
from skilltrack.domain.session_draft import SessionDraft
from skilltrack.record.sessions import LoggedSession, OverlapError, SessionState, log_session

TYPE_CHECKING = False  # not typing's: importing typing cost log a few milliseconds
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import TypeVar

    T = TypeVar("T")

KEEP_BOTH = "; to keep both, add --overlap"


def parse_session_kind(text: str) -> str:
    kind = normalize_session_kind(text)
    if kind is None:
        raise InputError("kind", f"{text!r} is not a session kind; use one of {', '.join(SESSION_KINDS)}")
    return kind


def run_log(context: Context, args: argparse.Namespace) -> int:
    # Everything typed is checked before anything is written: bad input writes nothing.
    minutes = parse_duration(args.duration)
    kind = parse_session_kind(args.kind)
    at = parse_clock_time(args.at) if args.at else None

    def log(db: sqlite3.Connection, today: date) -> LoggedSession:
        draft = SessionDraft(
            skill=args.skill,
            minutes=minutes,
            kind=kind,
            day=parse_date(args.date, today=today) if args.date else None,
            at=at,
            note=args.note,
            allow_new=args.new,
        )
        return log_session(
            db,
            draft=draft,
            ladder=context.ladder,
            now_utc=context.now_utc,
            fallback_zone=context.machine_zone,
            allow_overlap=args.overlap,
        )

    logged = write_unless_overlapping(context, log)
    if logged.notice:
        context.print(f"Note: {logged.notice}.")
    if logged.early:
        warn(logged.early)
    context.print(
        f"Logged {format_minutes(logged.minutes)} of {logged.skill} ({logged.kind}) "
        f"on {logged.local_day:%a %Y-%m-%d}. This week: {format_minutes(logged.week_minutes)}."
    )
    # Where it went, after what was logged: the line a person reads first says it worked.
    if logged.moved:
        context.print(f"Note: {logged.moved} (--at).")
    if logged.start_note:
        context.print(f"Note: {logged.start_note}.")
    return 0


def warn(text: str) -> None:
    """A warning about a value kept as typed: on stderr, so that ``--json`` and pipes stay clean."""
    print(f"Warning: {text}.", file=sys.stderr)


def write_unless_overlapping(context: Context, write: Callable[[sqlite3.Connection, date], T]) -> T:
    """``context.write(write)``, an overlap refused with how to keep both sessions anyway."""
    try:
        return context.write(write)
    except OverlapError as error:
        raise InputError(error.field, error.problem + KEEP_BOTH) from None


def run_start(context: Context, args: argparse.Namespace) -> int:
    from skilltrack.record.sessions import start_timer

    kind = parse_session_kind(args.kind)
    started = context.write(
        lambda db, today: start_timer(
            db,
            typed_skill=args.skill,
            kind=kind,
            ladder=context.ladder,
            now_utc=context.now_utc,
            fallback_zone=context.machine_zone,
            allow_new=args.new,
        )
    )
    if started.notice:
        context.print(f"Note: {started.notice}.")
    context.print(
        f"Started a timer for {started.skill} ({started.kind}) at {started.started_local:%H:%M}. "
        "Stop it with: skilltrack stop"
    )
    return 0


def run_stop(context: Context, args: argparse.Namespace) -> int:
    from skilltrack.record.sessions import stop_timer

    stopped = write_unless_overlapping(
        context,
        lambda db, today: stop_timer(db, now_utc=context.now_utc, note=args.note, allow_overlap=args.overlap),
    )
    context.print(
        f"Logged {format_minutes(stopped.minutes)} of {stopped.skill} ({stopped.kind}) "
        f"on {stopped.local_day:%a %Y-%m-%d}."
    )
    return 0


def run_cancel(context: Context, args: argparse.Namespace) -> int:
    from skilltrack.record.sessions import cancel_timer

    timer = context.write(lambda db, today: cancel_timer(db))
    elapsed = max(0, round((context.now_utc - timer.started_at_utc).total_seconds() / 60))
    ran = format_minutes(elapsed) if elapsed else "under a minute"
    context.print(f"Cancelled the {timer.skill} timer after {ran}; nothing was logged.")
    return 0


def run_session(context: Context, args: argparse.Namespace) -> int:
    from skilltrack.cli.tables import print_rows
    from skilltrack.record.sessions import SessionRow, recent_sessions, remove_session
    from skilltrack.record.skills import existing_skill

    if args.action == "edit":
        return _edit_session(context, args)
    if args.action == "remove":
        removed = context.write(lambda db, today: remove_session(db, typed_id=args.id))
        context.print(
            f"Removed the {format_minutes(removed.minutes)} {removed.skill} session "
            f"of {removed.local_day.isoformat()}."
        )
        return 0
    if args.limit < 1:
        raise InputError("limit", f"{args.limit} is not accepted; use a whole number from 1")

    def read(db: sqlite3.Connection, today: date) -> list[SessionRow]:
        skill_id = existing_skill(db, typed=args.skill).id if args.skill else None
        return recent_sessions(db, limit=args.limit, skill_id=skill_id)

    return print_rows(
        context,
        context.read(read),
        as_json=args.json,
        json_row=lambda row: {
            "id": str(row.uuid),
            "date": row.local_day.isoformat(),
            "started_at": row.started_at_utc.isoformat(),
            "time_zone": row.time_zone,
            "minutes": row.minutes,
            "skill": row.skill,
            "kind": row.kind,
            "note": row.note,
        },
        empty="No sessions yet. Log one with: skilltrack log SKILL DURATION",
        headers=["id", "date", "time", "length", "skill", "kind", "note"],
        cells=lambda row: [
            row.uuid.hex[:8],
            row.local_day.isoformat(),
            f"{row.started_at_utc.astimezone(parse_time_zone(row.time_zone)):%H:%M}",
            format_minutes(row.minutes),
            row.skill,
            row.kind,
            row.note,
        ],
        right=[3],
    )


def _edit_session(context: Context, args: argparse.Namespace) -> int:
    from skilltrack.cli.edits import print_edit
    from skilltrack.record.changes import Edited
    from skilltrack.record.sessions import SessionChanges, career_start_warning, edit_session

    # Everything typed is checked before the record is opened; the day needs the record's today.
    changes = SessionChanges(
        skill=args.skill,
        minutes=parse_duration(args.duration) if args.duration is not None else None,
        at=parse_clock_time(args.at) if args.at is not None else None,
        kind=parse_session_kind(args.kind) if args.kind is not None else None,
        note=args.note,
        allow_new=args.new,
    )
    if changes.empty and args.date is None:
        raise InputError(
            "edit", "nothing to change; give --skill, --duration, --date, --at, --kind or --note"
        )

    def change(db: sqlite3.Connection, today: date) -> tuple[Edited[SessionState], str]:
        day = parse_date(args.date, today=today) if args.date is not None else None
        edited = edit_session(
            db,
            typed_id=args.id,
            changes=changes._replace(day=day),
            ladder=context.ladder,
            now_utc=context.now_utc,
            allow_overlap=args.overlap,
        )
        after = edited.after
        if after.local_day == edited.before.local_day:
            return edited, ""
        return edited, career_start_warning(db, day=after.local_day, session_id=after.uuid, done="changed")

    edited, early = write_unless_overlapping(context, change)
    if early:
        warn(early)
    return print_edit(
        context,
        edited,
        what="session",
        label=edited.after.uuid[:8],
        as_json=args.json,
        row_json=_state_json,
        names={"local_day": "date", "started_local": "started_at"},
        labels={"local_day": "day", "started_local": "start", "minutes": "length"},
        formats={"minutes": format_minutes, "started_local": lambda moment: f"{moment:%H:%M}"},
    )


def _state_json(state: SessionState) -> dict[str, object]:
    return {
        "id": state.uuid,
        "date": state.local_day.isoformat(),
        "started_at": state.started_local.isoformat(),
        "minutes": state.minutes,
        "skill": state.skill,
        "kind": state.kind,
        "note": state.note,
    }
