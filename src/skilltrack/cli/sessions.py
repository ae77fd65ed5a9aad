"""Logging learning: ``log``, the timer (``start``, ``stop``, ``cancel``) and ``session list|remove``.

``log`` on a skill the record knows goes through :mod:`skilltrack.db.direct`, without the ORM, so it
takes the same time on a ten-year record as on a new one; the rest imports the ORM when it runs.
"""

import argparse

from skilltrack.cli.context import Context
from skilltrack.db import direct
from skilltrack.domain.dates import parse_clock_time, parse_date, parse_time_zone
from skilltrack.domain.durations import format_minutes, parse_duration
from skilltrack.domain.errors import InputError
from skilltrack.domain.kinds import SESSION_KINDS, normalize_session_kind
from skilltrack.domain.session_draft import SessionDraft


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
    with direct.opened(context.db_path) as record:
        day = None
        if args.date:
            if record is not None:
                with record.reading() as connection:
                    today = direct.today(connection, context.now_utc, context.machine_zone)
            else:
                with context.database.reading() as session:
                    today = context.today(session)
            day = parse_date(args.date, today=today)
        draft = SessionDraft(
            skill=args.skill,
            minutes=minutes,
            kind=kind,
            day=day,
            at=at,
            note=args.note,
            allow_new=args.new,
        )
        logged = None
        if record is not None:
            logged = direct.log_session(
                record, draft, now_utc=context.now_utc, fallback_zone=context.machine_zone
            )
    if logged is None:  # a new record, an older schema, or a skill the record does not know yet
        from skilltrack import actions

        logged = actions.log_session(
            context.database,
            context.framework,
            draft,
            now_utc=context.now_utc,
            fallback_zone=context.machine_zone,
        )
    if logged.notice:
        context.print(f"Note: {logged.notice}.")
    context.print(
        f"Logged {format_minutes(logged.minutes)} of {logged.skill} ({logged.kind}) "
        f"on {logged.local_day:%a %Y-%m-%d}. This week: {format_minutes(logged.week_minutes)}."
    )
    return 0


def run_start(context: Context, args: argparse.Namespace) -> int:
    from skilltrack import actions

    started = actions.start_timer(
        context.database,
        context.framework,
        args.skill,
        kind=parse_session_kind(args.kind),
        now_utc=context.now_utc,
        fallback_zone=context.machine_zone,
        allow_new=args.new,
    )
    if started.notice:
        context.print(f"Note: {started.notice}.")
    context.print(
        f"Started a timer for {started.skill} ({started.kind}) at {started.started_local:%H:%M}. "
        "Stop it with: skilltrack stop"
    )
    return 0


def run_stop(context: Context, args: argparse.Namespace) -> int:
    from skilltrack import actions

    stopped = actions.stop_timer(context.database, now_utc=context.now_utc, note=args.note)
    context.print(
        f"Logged {format_minutes(stopped.minutes)} of {stopped.skill} ({stopped.kind}) "
        f"on {stopped.local_day:%a %Y-%m-%d}."
    )
    return 0


def run_cancel(context: Context, args: argparse.Namespace) -> int:
    from skilltrack import actions

    timer = actions.cancel_timer(context.database)
    elapsed = max(0, round((context.now_utc - timer.started_at_utc).total_seconds() / 60))
    ran = format_minutes(elapsed) if elapsed else "under a minute"
    context.print(f"Cancelled the {timer.skill} timer after {ran}; nothing was logged.")
    return 0


def run_session(context: Context, args: argparse.Namespace) -> int:
    from skilltrack.db import queries, writes
    from skilltrack.db.models import Skill

    if args.action == "remove":
        with context.database.writing() as session:
            removed = writes.remove_session(session, args.id)
            skill = session.get(Skill, removed.skill_id)
        context.print(
            f"Removed the {format_minutes(removed.minutes)} {skill.name if skill else ''} session "
            f"of {removed.local_day.isoformat()}."
        )
        return 0
    if args.limit < 1:
        raise InputError("limit", f"{args.limit} is not accepted; use a whole number from 1")
    with context.database.reading() as session:
        skill_id = None
        if args.skill:
            skill_id = writes.existing_skill(session, args.skill).id
        rows = queries.recent_sessions(session, limit=args.limit, skill_id=skill_id)
    if args.json:
        context.print_json(
            [
                {
                    "id": str(row.uuid),
                    "date": row.local_day.isoformat(),
                    "started_at": row.started_at_utc.isoformat(),
                    "time_zone": row.time_zone,
                    "minutes": row.minutes,
                    "skill": row.skill,
                    "kind": row.kind,
                    "note": row.note,
                }
                for row in rows
            ]
        )
        return 0
    if not rows:
        context.print("No sessions yet. Log one with: skilltrack log SKILL DURATION")
        return 0
    from skilltrack.cli.tables import table

    context.print(
        table(
            ["id", "date", "time", "length", "skill", "kind", "note"],
            [
                [
                    row.uuid.hex[:8],
                    row.local_day.isoformat(),
                    f"{row.started_at_utc.astimezone(parse_time_zone(row.time_zone)):%H:%M}",
                    format_minutes(row.minutes),
                    row.skill,
                    row.kind,
                    row.note,
                ]
                for row in rows
            ],
            right=[3],
        )
    )
    return 0
