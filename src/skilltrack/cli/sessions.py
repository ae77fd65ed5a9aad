"""Logging learning: ``log``, the timer (``start``, ``stop``, ``cancel``) and ``session list|remove``."""

import argparse

from sqlmodel import Session

from skilltrack.cli.context import Context
from skilltrack.cli.tables import table
from skilltrack.db import queries, writes
from skilltrack.db.errors import RecordError
from skilltrack.db.models import Skill
from skilltrack.domain.dates import (
    parse_clock_time,
    parse_date,
    parse_time_zone,
    resolve_session_start,
    week_start,
)
from skilltrack.domain.durations import format_minutes, parse_duration
from skilltrack.domain.errors import InputError
from skilltrack.domain.framework import SESSION_KINDS, normalize_session_kind


def parse_session_kind(text: str) -> str:
    kind = normalize_session_kind(text)
    if kind is None:
        raise InputError("kind", f"{text!r} is not a session kind; use one of {', '.join(SESSION_KINDS)}")
    return kind


def run_log(context: Context, args: argparse.Namespace) -> int:
    # Everything typed is checked before the record is opened: bad input writes nothing.
    minutes = parse_duration(args.duration)
    kind = parse_session_kind(args.kind)
    at = parse_clock_time(args.at) if args.at else None
    with context.database.writing() as session:
        zone = context.zone(session)
        today = context.now_utc.astimezone(zone).date()
        day = parse_date(args.date, today=today) if args.date else None
        start = resolve_session_start(minutes=minutes, now_utc=context.now_utc, zone=zone, day=day, at=at)
        resolved = writes.resolve_skill(session, args.skill, context.framework, allow_new=args.new)
        writes.log_session(session, resolved.skill, start=start, minutes=minutes, kind=kind, note=args.note)
        skill_name = resolved.skill.name
        monday = week_start(today)
        this_week = queries.minutes_between(session, monday, today)
    if resolved.notice:
        context.print(f"Note: {resolved.notice}.")
    context.print(
        f"Logged {format_minutes(minutes)} of {skill_name} ({kind}) on {start.local_day:%a %Y-%m-%d}. "
        f"This week: {format_minutes(this_week) if this_week else '0m'}."
    )
    return 0


def run_start(context: Context, args: argparse.Namespace) -> int:
    kind = parse_session_kind(args.kind)
    with context.database.writing() as session:
        zone = context.zone(session)
        resolved = writes.resolve_skill(session, args.skill, context.framework, allow_new=args.new)
        writes.start_timer(session, resolved.skill, kind=kind, now_utc=context.now_utc, time_zone=zone.key)
        skill_name = resolved.skill.name
    if resolved.notice:
        context.print(f"Note: {resolved.notice}.")
    local = context.now_utc.astimezone(zone)
    context.print(
        f"Started a timer for {skill_name} ({kind}) at {local:%H:%M}. Stop it with: skilltrack stop"
    )
    return 0


def run_stop(context: Context, args: argparse.Namespace) -> int:
    with context.database.writing() as session:
        timer = _running_timer(session)
        zone = parse_time_zone(timer.time_zone)
        local_day = timer.started_at_utc.astimezone(zone).date()
        learning = writes.stop_timer(session, now_utc=context.now_utc, local_day=local_day, note=args.note)
    logged = format_minutes(learning.minutes)
    context.print(f"Logged {logged} of {timer.skill} ({timer.kind}) on {local_day:%a %Y-%m-%d}.")
    return 0


def _running_timer(session: Session) -> queries.TimerRow:
    timer = queries.running_timer(session)
    if timer is None:
        raise RecordError("timer: no timer is running; start one with: skilltrack start SKILL")
    return timer


def run_cancel(context: Context, args: argparse.Namespace) -> int:
    with context.database.writing() as session:
        timer = _running_timer(session)
        writes.cancel_timer(session)
    elapsed = max(0, round((context.now_utc - timer.started_at_utc).total_seconds() / 60))
    ran = format_minutes(elapsed) if elapsed else "under a minute"
    context.print(f"Cancelled the {timer.skill} timer after {ran}; nothing was logged.")
    return 0


def run_session(context: Context, args: argparse.Namespace) -> int:
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
