"""``skilltrack profile`` (who the record belongs to, and their aim) and ``skilltrack config`` (where
things live)."""

import argparse
import sqlite3
from datetime import date

from skilltrack.cli.context import Context
from skilltrack.domain.errors import InputError
from skilltrack.domain.profile import PROFILE_KEYS, parse_profile_values
from skilltrack.locations import CONFIG_KEYS, config_file, database_file, read_config, write_config_value
from skilltrack.record.profile import Profile, home_zone, read_profile, update_profile


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
    level_ids = [level.id for level in context.framework.levels]
    typed = _profile_pairs(args.set)

    def save(db: sqlite3.Connection, today: date) -> Profile:
        return update_profile(db, changes=parse_profile_values(typed, level_ids, today=today))

    if typed:
        context.write(save)

    def read(db: sqlite3.Connection, today: date) -> tuple[Profile, str]:
        return read_profile(db), home_zone(db, fallback=context.machine_zone).key

    profile, zone = context.read(read)
    values = {
        "name": profile.name,
        "title": profile.title,
        "career_start": profile.career_started_on,
        "target_level": profile.target_level,
        "target_date": profile.target_date,
        "time_zone": profile.time_zone or f"{zone} (from this machine)",
    }
    if args.json:
        context.print_json(values | {"time_zone": profile.time_zone})
        return 0
    if typed:
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
