"""``skilltrack skill add|list|show|rate|rename|edit|remove``: skills and tools with their dated ratings."""

import argparse
import sqlite3
from dataclasses import dataclass
from datetime import date

from skilltrack.cli.context import Context
from skilltrack.cli.prompts import confirm
from skilltrack.cli.tables import print_rows
from skilltrack.domain.dates import parse_date
from skilltrack.domain.durations import format_hours, format_minutes
from skilltrack.domain.errors import InputError
from skilltrack.domain.framework import LEVEL_RUBRIC
from skilltrack.record import skills
from skilltrack.record.sessions import SessionRow, recent_sessions


def parse_level(text: str, *, field: str = "level") -> int:
    cleaned = text.strip()
    if cleaned not in {"0", "1", "2", "3", "4", "5"}:
        raise InputError(field, f"{text!r} is not a level; use a whole number from 0 (none) to 5 (authority)")
    return int(cleaned)


def run_skill(context: Context, args: argparse.Namespace) -> int:
    handler = {
        "add": _add,
        "list": _list,
        "show": _show,
        "rate": _rate,
        "rename": _rename,
        "edit": _edit,
        "remove": _remove,
    }[args.action]
    return handler(context, args)


def _add(context: Context, args: argparse.Namespace) -> int:
    level = parse_level(args.level) if args.level is not None else None

    def add(db: sqlite3.Connection, today: date) -> str:
        skill = skills.add_skill(
            db, typed=args.name, framework=context.framework, kind=args.kind, aliases=tuple(args.alias)
        )
        if level is not None:
            skills.rate_skill(db, skill_id=skill.id, level=level, rated_on=today)
        return f"{skill.name} ({skill.kind})"

    added = context.write(add)
    rated = f", rated {level}" if level is not None else ""
    context.print(f"Added {added}{rated}.")
    return 0


def _list(context: Context, args: argparse.Namespace) -> int:
    rows = context.read(lambda db, today: skills.skill_rows(db, today=today))
    return print_rows(
        context,
        rows,
        as_json=args.json,
        json_row=lambda row: {
            "name": row.name,
            "kind": row.kind,
            "aliases": list(row.aliases),
            "level": row.level,
            "rated_on": row.rated_on,
            "minutes_total": row.minutes_total,
            "minutes_last_90_days": row.minutes_recent,
            "sessions": row.sessions,
            "last_practised": row.last_practised,
        },
        empty="No skills yet. Add one with: skilltrack skill add NAME  (or just log a session)",
        headers=["skill", "kind", "level", "hours", "last 90 d", "last practised"],
        cells=lambda row: [
            row.name,
            row.kind,
            "–" if row.level is None else str(row.level),
            format_hours(row.minutes_total),
            format_hours(row.minutes_recent),
            row.last_practised.isoformat() if row.last_practised else "never",
        ],
        right=[2, 3, 4],
    )


@dataclass(frozen=True)
class _Shown:
    row: skills.SkillRow
    ratings: list[skills.RatingRow]
    recent: list[SessionRow]


def _show(context: Context, args: argparse.Namespace) -> int:
    def read(db: sqlite3.Connection, today: date) -> _Shown:
        skill = skills.existing_skill(db, typed=args.name)
        return _Shown(
            skills.skill_row(db, skill_id=skill.id, today=today),
            skills.rating_history(db, skill_id=skill.id),
            recent_sessions(db, limit=10, skill_id=skill.id),
        )

    shown = context.read(read)
    row, ratings, recent = shown.row, shown.ratings, shown.recent
    if args.json:
        context.print_json(
            {
                "name": row.name,
                "kind": row.kind,
                "aliases": list(row.aliases),
                "level": row.level,
                "minutes_total": row.minutes_total,
                "minutes_last_90_days": row.minutes_recent,
                "ratings": [{"date": r.rated_on, "level": r.level, "note": r.note} for r in ratings],
                "recent_sessions": [
                    {"date": s.local_day, "minutes": s.minutes, "kind": s.kind, "note": s.note}
                    for s in recent
                ],
            }
        )
        return 0
    aliases = f" — also {', '.join(row.aliases)}" if row.aliases else ""
    context.print(f"{row.name} ({row.kind}){aliases}")
    level = "not rated" if row.level is None else f"{row.level}: {LEVEL_RUBRIC[row.level]}"
    context.print(f"Level {level}")
    context.print(
        f"{format_hours(row.minutes_total)} in {row.sessions} sessions; "
        f"{format_hours(row.minutes_recent)} in the last 90 days"
    )
    if ratings:
        context.print("\nRatings")
        for rating in ratings:
            note = f"  {rating.note}" if rating.note else ""
            context.print(f"  {rating.rated_on.isoformat()}  {rating.level}{note}")
    if recent:
        context.print("\nRecent sessions")
        for item in recent:
            note = f"  {item.note}" if item.note else ""
            context.print(
                f"  {item.local_day.isoformat()}  {format_minutes(item.minutes):>6}  {item.kind}{note}"
            )
    return 0


def _rate(context: Context, args: argparse.Namespace) -> int:
    level = parse_level(args.level)

    def rate(db: sqlite3.Connection, today: date) -> tuple[skills.ResolvedSkill, date]:
        rated_on = parse_date(args.date, today=today) if args.date else today
        resolved = skills.rate_named_skill(
            db, typed=args.name, level=level, rated_on=rated_on, note=args.note, ladder=context.ladder
        )
        return resolved, rated_on

    resolved, rated_on = context.write(rate)
    if resolved.notice:
        context.print(f"Note: {resolved.notice}.")
    context.print(f"Rated {resolved.skill.name} {level} ({LEVEL_RUBRIC[level]}) on {rated_on.isoformat()}.")
    return 0


def _rename(context: Context, args: argparse.Namespace) -> int:
    def rename(db: sqlite3.Connection, today: date) -> tuple[str, str]:
        skill = skills.existing_skill(db, typed=args.name)
        return skill.name, skills.rename_skill(db, skill_id=skill.id, new_name=args.new_name).name

    old, new = context.write(rename)
    context.print(f"Renamed {old} to {new}.")
    return 0


def _edit(context: Context, args: argparse.Namespace) -> int:
    def edit(db: sqlite3.Connection, today: date) -> str:
        skill = skills.existing_skill(db, typed=args.name)
        skills.set_skill_kind(db, skill_id=skill.id, kind=args.kind)
        return skill.name

    name = context.write(edit)
    context.print(f"{name} is now of kind {args.kind}.")
    return 0


def _remove(context: Context, args: argparse.Namespace) -> int:
    def impact(db: sqlite3.Connection, today: date) -> tuple[str, skills.SkillImpact]:
        skill = skills.existing_skill(db, typed=args.name)
        return skill.name, skills.skill_impact(db, skill_id=skill.id)

    name, found = context.read(impact)
    if not found.empty and not confirm(
        context, f"Remove {name} with {found.describe()}?", assume_yes=args.yes
    ):
        context.print("Nothing removed.")
        return 0
    removed = context.write(
        lambda db, today: skills.remove_skill(db, skill_id=skills.existing_skill(db, typed=args.name).id)
    )
    gone = f" with {removed.describe()}" if not removed.empty else ""
    context.print(f"Removed {name}{gone}.")
    return 0
