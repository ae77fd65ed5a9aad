"""Editing the record from the shell: ``skill``, ``project``, ``evidence``, ``profile`` and ``config``."""

import argparse
import sys
from datetime import date

from skilltrack import actions
from skilltrack.cli.context import Context
from skilltrack.cli.tables import table
from skilltrack.db import queries, writes
from skilltrack.db.errors import RecordError
from skilltrack.domain.dates import parse_date
from skilltrack.domain.drafts import EvidenceDraft, ProjectDraft
from skilltrack.domain.durations import format_hours, format_minutes
from skilltrack.domain.errors import InputError
from skilltrack.domain.framework import LEVEL_RUBRIC
from skilltrack.domain.names import clean_name
from skilltrack.domain.profile import PROFILE_KEYS
from skilltrack.locations import CONFIG_KEYS, config_file, database_file, read_config, write_config_value


def parse_level(text: str, *, field: str = "level") -> int:
    cleaned = text.strip()
    if cleaned not in {"0", "1", "2", "3", "4", "5"}:
        raise InputError(field, f"{text!r} is not a level; use a whole number from 0 (none) to 5 (authority)")
    return int(cleaned)


def confirm(context: Context, question: str, *, assume_yes: bool) -> bool:
    """Ask on the terminal; with no terminal to ask on, refuse unless --yes was given."""
    if assume_yes:
        return True
    if not sys.stdin.isatty():
        raise RecordError(f"{question.rstrip('?')} — run again with --yes to confirm")
    context.print(f"{question} [y/N] ")
    return sys.stdin.readline().strip().lower() in {"y", "yes"}


def _read_today(context: Context) -> date:
    """Today in the record's home zone, read before a write so that its dates are checked first."""
    with context.database.reading() as session:
        return context.today(session)


# ── skills ─────────────────────────────────────────────────────────────────────────────────────


def run_skill(context: Context, args: argparse.Namespace) -> int:
    handler = {
        "add": _skill_add,
        "list": _skill_list,
        "show": _skill_show,
        "rate": _skill_rate,
        "rename": _skill_rename,
        "edit": _skill_edit,
        "remove": _skill_remove,
    }[args.action]
    return handler(context, args)


def _skill_add(context: Context, args: argparse.Namespace) -> int:
    level = parse_level(args.level) if args.level is not None else None
    with context.database.writing() as session:
        skill = writes.add_skill(
            session, args.name, context.framework, kind=args.kind, aliases=tuple(args.alias)
        )
        if level is not None:
            writes.rate_skill(session, skill, level=level, rated_on=context.today(session))
        name, kind = skill.name, skill.kind
    rated = f", rated {level}" if level is not None else ""
    context.print(f"Added {name} ({kind}){rated}.")
    return 0


def _skill_list(context: Context, args: argparse.Namespace) -> int:
    with context.database.reading() as session:
        rows = queries.skill_rows(session, context.today(session))
    if args.json:
        context.print_json(
            [
                {
                    "name": row.name,
                    "kind": row.kind,
                    "aliases": list(row.aliases),
                    "level": row.level,
                    "rated_on": row.rated_on,
                    "minutes_total": row.minutes_total,
                    "minutes_last_90_days": row.minutes_recent,
                    "sessions": row.sessions,
                    "last_practised": row.last_practised,
                }
                for row in rows
            ]
        )
        return 0
    if not rows:
        context.print("No skills yet. Add one with: skilltrack skill add NAME  (or just log a session)")
        return 0
    context.print(
        table(
            ["skill", "kind", "level", "hours", "last 90 d", "last practised"],
            [
                [
                    row.name,
                    row.kind,
                    "–" if row.level is None else str(row.level),
                    format_hours(row.minutes_total),
                    format_hours(row.minutes_recent),
                    row.last_practised.isoformat() if row.last_practised else "never",
                ]
                for row in rows
            ],
            right=[2, 3, 4],
        )
    )
    return 0


def _skill_show(context: Context, args: argparse.Namespace) -> int:
    with context.database.reading() as session:
        skill = writes.existing_skill(session, args.name)
        assert skill.id is not None
        row = next(r for r in queries.skill_rows(session, context.today(session)) if r.id == skill.id)
        ratings = queries.rating_history(session, skill.id)
        recent = queries.recent_sessions(session, limit=10, skill_id=skill.id)
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


def _skill_rate(context: Context, args: argparse.Namespace) -> int:
    level = parse_level(args.level)
    with context.database.reading() as session:
        today = context.today(session)
    rated_on = parse_date(args.date, today=today) if args.date else today
    rated = actions.rate_skill(
        context.database, context.framework, args.name, level=level, rated_on=rated_on, note=args.note
    )
    if rated.notice:
        context.print(f"Note: {rated.notice}.")
    context.print(f"Rated {rated.skill} {level} ({LEVEL_RUBRIC[level]}) on {rated_on.isoformat()}.")
    return 0


def _skill_rename(context: Context, args: argparse.Namespace) -> int:
    with context.database.writing() as session:
        skill = writes.existing_skill(session, args.name)
        old = skill.name
        writes.rename_skill(session, skill, args.new_name)
        new = skill.name
    context.print(f"Renamed {old} to {new}.")
    return 0


def _skill_edit(context: Context, args: argparse.Namespace) -> int:
    with context.database.writing() as session:
        skill = writes.existing_skill(session, args.name)
        writes.set_skill_kind(session, skill, args.kind)
        name = skill.name
    context.print(f"{name} is now of kind {args.kind}.")
    return 0


def _skill_remove(context: Context, args: argparse.Namespace) -> int:
    with context.database.reading() as session:
        skill = writes.existing_skill(session, args.name)
        impact = writes.skill_impact(session, skill)
        name = skill.name
    if not impact.empty and not confirm(
        context, f"Remove {name} with {impact.describe()}?", assume_yes=args.yes
    ):
        context.print("Nothing removed.")
        return 0
    with context.database.writing() as session:
        removed = writes.remove_skill(session, writes.existing_skill(session, args.name))
    gone = f" with {removed.describe()}" if not removed.empty else ""
    context.print(f"Removed {name}{gone}.")
    return 0


# ── projects ───────────────────────────────────────────────────────────────────────────────────


def run_project(context: Context, args: argparse.Namespace) -> int:
    if args.action == "add":
        return _project_add(context, args)
    if args.action == "remove":
        return _project_remove(context, args)
    return _project_list(context, args)


def _project_add(context: Context, args: argparse.Namespace) -> int:
    clean_name(args.name, field="name")
    today = _read_today(context)
    draft = ProjectDraft(
        name=args.name,
        role=args.role,
        started_on=parse_date(args.started, today=today, field="from"),
        ended_on=parse_date(args.ended, today=today, field="to") if args.ended else None,
        in_production=args.production,
        skills=tuple(name for name in (part.strip() for part in args.skills.split(",")) if name),
        impact=args.impact,
        links=tuple(args.link),
    )
    added = actions.add_project(context.database, context.framework, draft, allow_new=args.new)
    for notice in added.notices:
        context.print(f"Note: {notice}.")
    shipped = "shipped to production" if args.production else "not shipped to production"
    context.print(f"Added project {added.name} ({shipped}, {added.skills} skills).")
    return 0


def _project_list(context: Context, args: argparse.Namespace) -> int:
    with context.database.reading() as session:
        rows = queries.project_rows(session)
    if args.json:
        context.print_json(
            [
                {
                    "id": str(row.uuid),
                    "name": row.name,
                    "role": row.role,
                    "from": row.started_on,
                    "to": row.ended_on,
                    "production": row.in_production,
                    "impact": row.impact,
                    "links": list(row.links),
                    "skills": list(row.skills),
                }
                for row in rows
            ]
        )
        return 0
    if not rows:
        context.print("No projects yet. Add one with: skilltrack project add NAME --role R --from DATE")
        return 0
    context.print(
        table(
            ["project", "role", "from", "to", "prod", "skills"],
            [
                [
                    row.name,
                    row.role,
                    row.started_on.isoformat(),
                    row.ended_on.isoformat() if row.ended_on else "ongoing",
                    "yes" if row.in_production else "no",
                    ", ".join(row.skills),
                ]
                for row in rows
            ],
        )
    )
    return 0


def _project_remove(context: Context, args: argparse.Namespace) -> int:
    with context.database.reading() as session:
        name = writes.find_project(session, args.name).name
    if not confirm(context, f"Remove project {name}? Evidence tied to it is kept.", assume_yes=args.yes):
        context.print("Nothing removed.")
        return 0
    with context.database.writing() as session:
        untied = writes.remove_project(session, writes.find_project(session, args.name))
    kept = f"; {untied} evidence entries kept, no longer tied to it" if untied else ""
    context.print(f"Removed project {name}{kept}.")
    return 0


# ── evidence ───────────────────────────────────────────────────────────────────────────────────


def run_evidence(context: Context, args: argparse.Namespace) -> int:
    if args.action == "kinds":
        context.print(
            table(
                ["kind", "what it is"],
                [[kind.id, f"{kind.title}: {kind.hint}"] for kind in context.framework.evidence_kinds],
            )
        )
        return 0
    if args.action == "add":
        return _evidence_add(context, args)
    if args.action == "remove":
        with context.database.writing() as session:
            removed = writes.remove_evidence(session, args.id)
        context.print(f"Removed evidence: {removed.title}.")
        return 0
    return _evidence_list(context, args)


def _evidence_add(context: Context, args: argparse.Namespace) -> int:
    today = _read_today(context)
    draft = EvidenceDraft(
        kind=args.kind,
        title=args.title,
        occurred_on=parse_date(args.date, today=today) if args.date else today,
        expectation_id=args.expectation,
        project=args.project,
        link=args.link,
        note=args.note,
    )
    added = actions.add_evidence(context.database, context.framework, draft)
    context.print(
        f"Added {args.kind} evidence {added.short_id} on {draft.occurred_on.isoformat()}: {added.title}"
    )
    return 0


def _evidence_list(context: Context, args: argparse.Namespace) -> int:
    with context.database.reading() as session:
        rows = queries.evidence_rows(session, kind=args.kind)
    if args.json:
        context.print_json(
            [
                {
                    "id": str(row.uuid),
                    "kind": row.kind,
                    "title": row.title,
                    "date": row.occurred_on,
                    "expectation": row.expectation_id,
                    "project": row.project,
                    "link": row.link,
                    "note": row.note,
                }
                for row in rows
            ]
        )
        return 0
    if not rows:
        context.print("No evidence yet. Add some with: skilltrack evidence add TITLE --kind KIND")
        return 0
    context.print(
        table(
            ["id", "date", "kind", "title", "project"],
            [
                [row.uuid.hex[:8], row.occurred_on.isoformat(), row.kind, row.title, row.project or ""]
                for row in rows
            ],
        )
    )
    return 0


# ── profile and config ─────────────────────────────────────────────────────────────────────────


def _profile_pairs(pairs: list[str]) -> dict[str, str]:
    values = {}
    for pair in pairs:
        key, separator, value = pair.partition("=")
        key = key.strip().replace("-", "_")
        if not separator or key not in PROFILE_KEYS:
            raise InputError("set", f"{pair!r} is not KEY=VALUE with a key of {', '.join(PROFILE_KEYS)}")
        values[key] = value.strip()
    return values


def run_profile(context: Context, args: argparse.Namespace) -> int:
    if args.set:
        with context.database.reading() as session:
            today = context.today(session)
        actions.save_profile(context.database, context.framework, _profile_pairs(args.set), today=today)
    with context.database.reading() as session:
        profile = queries.get_profile(session)
        zone = context.zone(session)
    values = {
        "name": profile.name,
        "title": profile.title,
        "career_start": profile.career_started_on,
        "target_level": profile.target_level,
        "target_date": profile.target_date,
        "time_zone": profile.time_zone or f"{zone.key} (from this machine)",
    }
    if args.json:
        context.print_json(values | {"time_zone": profile.time_zone})
        return 0
    if args.set:
        context.print("Profile saved.")
    for key, value in values.items():
        context.print(f"{key.replace('_', ' '):<13} {value if value not in (None, '') else '–'}")
    return 0


def run_config(context: Context, args: argparse.Namespace) -> int:
    path = config_file(context.environ)
    for pair in args.set:
        key, separator, value = pair.partition("=")
        if not separator or key.strip() not in CONFIG_KEYS or not value.strip():
            raise InputError("set", f"{pair!r} is not KEY=VALUE with a key of {', '.join(CONFIG_KEYS)}")
        if key.strip() == "framework":
            from pathlib import Path

            from skilltrack.guide import load_framework

            load_framework(Path(value.strip()).expanduser())  # refuse a ladder that does not validate
        write_config_value(path, key.strip(), value.strip())
    for key in args.unset:
        write_config_value(path, key.strip(), None)
    config = read_config(path)
    context.print(f"config file   {path}")
    context.print(f"record        {database_file(context.db_option, config, context.environ)}")
    context.print(f"ladder        {config.framework or 'built-in'}")
    return 0
