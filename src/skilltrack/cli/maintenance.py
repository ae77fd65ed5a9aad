"""Keeping the record safe from the shell: ``backup``, ``backups``, ``restore`` and ``check``.

``backup``, ``backups`` and ``restore`` never open the record for writing: they must work when the
record is damaged, which is exactly when a backup is needed. Every look at a file goes through SQLite.
"""

import argparse
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from skilltrack.cli.context import Context
from skilltrack.cli.prompts import confirm
from skilltrack.cli.tables import table
from skilltrack.domain.errors import InputError
from skilltrack.record.errors import RecordError

if TYPE_CHECKING:
    from skilltrack.record.backup import CheckedBackup
    from skilltrack.record.check import Finding

TABLE_LABELS = {
    "learning_session": ("session", "sessions"),
    "skill": ("skill", "skills"),
    "skill_rating": ("rating", "ratings"),
    "skill_alias": ("alias", "aliases"),
    "project": ("project", "projects"),
    "project_skill": ("project skill", "project skills"),
    "evidence": ("evidence entry", "evidence entries"),
    "profile": ("profile", "profiles"),
    "running_timer": ("running timer", "running timers"),
    "posting": ("saved posting", "saved postings"),
    "interview_practice": ("mock interview", "mock interviews"),
    "story": ("story", "stories"),
}
"""How each table's rows are named in reports (one, many), in the order they are listed."""


NOT_CONTENT = frozenset({"record_identity", "sync_replica", "sync_operation", "sync_peer", "sync_merge"})
"""Tables that say which record this is and how its copies meet, not what it holds: left out of what a
backup is said to hold."""


def describe_counts(counts: Mapping[str, int]) -> str:
    """``120 sessions, 8 skills, …``: sessions, skills and every other table with rows, in a fixed order."""
    counts = {name: rows for name, rows in counts.items() if name not in NOT_CONTENT}
    order = [name for name in TABLE_LABELS if name in counts] + sorted(set(counts) - set(TABLE_LABELS))
    shown = [name for name in order if counts[name] or name in {"learning_session", "skill"}]
    words = [TABLE_LABELS.get(name, (name, name))[0 if counts[name] == 1 else 1] for name in shown]
    return ", ".join(f"{counts[name]} {word}" for name, word in zip(shown, words, strict=True))


def format_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def _record(context: Context) -> Path:
    """The record's path, checked to be a skilltrack record (without opening it for writing)."""
    from skilltrack.record.connection import identify

    path = context.db_path
    if not path.exists():
        raise RecordError(f"there is no record at {path} yet, so there is nothing to back up")
    identify(path)
    return path


# ── backup ─────────────────────────────────────────────────────────────────────────────────────


def run_backup(context: Context, args: argparse.Namespace) -> int:
    from skilltrack.record.backup import backup_name, copy_to, take_backup
    from skilltrack.record.connection import record_identity

    database = _record(context)
    if args.path is None:
        copy = take_backup(database, "manual", now=context.now_utc)
        assert copy is not None
    else:
        target = Path(args.path).expanduser().absolute()
        if target.is_dir():
            identity = record_identity(database)
            target = target / backup_name(database, "manual", context.now_utc, identity=identity)
        if target.exists():
            raise RecordError(
                f"{target} already exists; give a new file name (a backup never replaces a file)"
            )
        copy = copy_to(database, target)
    context.print(f"Backed up {database}")
    context.print(f"to {copy.path} ({format_size(copy.path.stat().st_size)}).")
    context.print(f"Checked: {describe_counts(copy.counts)}.")
    return 0


# ── backups ────────────────────────────────────────────────────────────────────────────────────


def run_backups(context: Context, args: argparse.Namespace) -> int:
    from skilltrack.record.backup import backups_folder, check_backups, name_identity

    database = context.db_path
    listing = check_backups(database)
    backups = listing.backups
    if args.json:
        context.print_json([_backup_json(backup) for backup in backups])
        return 0
    if listing.unidentified is not None and backups:
        context.print(
            f"The record at {database} cannot be identified ({listing.unidentified}): these are the "
            f"backups of every record named {database.stem}, with the record each is a copy of."
        )
    elif listing.identity is not None and backups:
        context.print(f"Backups of {database} (record {name_identity(listing.identity)}), newest first:")
    if not backups:
        context.print(f"No backups yet in {backups_folder(database)}. Take one with: skilltrack backup")
        return 0
    zone = context.machine_zone
    context.print(
        table(
            ["taken", "size", "kind", "check", "file"],
            [
                [
                    f"{backup.file.taken_at.astimezone(zone):%Y-%m-%d %H:%M %Z}",
                    format_size(backup.file.size),
                    backup.file.kind
                    if backup.file.from_schema is None
                    else f"{backup.file.kind} (schema {backup.file.from_schema})",
                    _check_cell(backup, identified=listing.unidentified is None),
                    str(backup.file.path),
                ]
                for backup in backups
            ],
            right=[1],
        )
    )
    damaged = [backup for backup in backups if backup.problem is not None]
    for backup in damaged:
        context.print(f"Damaged, cannot be restored: {backup.file.path.name}: {backup.problem}.")
    if listing.unidentified is None and any(backup.this_record is None for backup in backups):
        context.print(
            "Record unknown: taken before backups carried their record's identity, so it may be another "
            "record's. If it is this record's: skilltrack restore FILE --other-record"
        )
    return 0


def _check_cell(backup: "CheckedBackup", *, identified: bool) -> str:
    from skilltrack.record.backup import name_identity

    if backup.problem is not None:
        return "damaged"
    if identified:
        return "ok" if backup.this_record else "record unknown"
    return f"record {name_identity(backup.identity)}" if backup.identity else "record unknown"


def _backup_json(backup: "CheckedBackup") -> dict[str, object]:
    file = backup.file
    return {
        "taken_at": file.taken_at.isoformat(),
        "kind": file.kind,
        "size": file.size,
        "path": str(file.path),
        **({"from_schema": file.from_schema} if file.from_schema is not None else {}),
        "record": backup.identity,
        "this_record": backup.this_record,
        "damaged": backup.damaged,
        **({"problem": backup.problem} if backup.problem is not None else {}),
    }


# ── restore ────────────────────────────────────────────────────────────────────────────────────


def run_restore(context: Context, args: argparse.Namespace) -> int:
    from skilltrack.record.backup import examine_backup, name_identity, other_record_refusal, restore_backup
    from skilltrack.record.ddl import SCHEMA_VERSION
    from skilltrack.record.migrations import run_steps

    database = context.db_path
    backup = Path(args.backup).expanduser().absolute()
    if not backup.is_file():  # a mistyped path is bad input (2), not a storage problem (1)
        raise InputError("backup", f"{backup} is not a file; choose one from: skilltrack backups")
    contents = examine_backup(backup)  # refuse a bad backup before asking anything
    if database.exists() and database.samefile(backup):
        raise RecordError(f"{backup} is the record itself; choose a backup (see: skilltrack backups)")
    refused = other_record_refusal(database, contents)
    if refused is not None and not args.other_record:
        raise refused  # a data problem (1): the backup is not known to be this record's
    whose = ""
    if refused is not None:
        whose = (
            f", a backup of another record ({name_identity(contents.identity)})"
            if contents.identity
            else ", a backup of an unknown record"
        )
    question = (
        f"Replace the record at {database} with {backup.name}{whose} ({describe_counts(contents.counts)})? "
        "The current record is kept as a backup"
    )
    if not confirm(context, question, assume_yes=args.yes):
        context.print("Nothing restored.")
        return 0
    restored = restore_backup(
        database, backup, now=context.now_utc, other_record=args.other_record, upgrade=run_steps
    )
    context.print(f"Restored {database} from {backup}:")
    context.print(f"{describe_counts(contents.counts)}.")
    if restored.upgraded:
        context.print(f"Upgraded it from schema {contents.schema} to {SCHEMA_VERSION}.")
    if refused is not None:
        from skilltrack.record.connection import record_identity

        identity = record_identity(database)
        if identity is not None:
            context.print(f"It carries the identity {name_identity(identity)}, so its backups stay its own.")
    if restored.kept is None:
        context.print("There was no record there before.")
    elif restored.damaged:
        context.print(f"The damaged record was moved, untouched, to {restored.kept}.")
    else:
        context.print(f"The record as it was is kept in {restored.kept}.")
    return 0


# ── check ──────────────────────────────────────────────────────────────────────────────────────


def run_check(context: Context, args: argparse.Namespace) -> int:
    from skilltrack.record.backup import take_backup
    from skilltrack.record.check import find_notes, find_problems, fix_record

    record = context.opened(create=False)
    found = context.read(lambda db, today: find_problems(db))
    damaged = any(finding.kind == "integrity" for finding in found)
    expectation_ids = context.framework.expectation_ids
    notes = [] if damaged else context.read(lambda db, today: find_notes(db, expectation_ids))
    fixed = []
    backup = None
    remaining = found
    repairable = [finding for finding in found if finding.fixable]
    if args.fix and repairable:
        copy = take_backup(record.path, "pre-fix", now=context.now_utc)
        assert copy is not None
        backup = copy.path
        fixed = fix_record(record)
        remaining = context.read(lambda db, today: find_problems(db))
    if args.json:
        context.print_json(
            {
                "record": str(record.path),
                "clean": not remaining,
                "problems": [finding.as_json() for finding in remaining],
                "notes": [note.as_json() for note in notes],
                **(
                    {
                        "found": [finding.as_json() for finding in found],
                        "fixed": [item.as_json() for item in fixed],
                        "backup": None if backup is None else str(backup),
                    }
                    if args.fix
                    else {}
                ),
            }
        )
        return 1 if remaining else 0
    if not found:
        context.print(
            f"Checked {record.path}: no problems (integrity, references, sessions, ratings, aliases)."
        )
        _print_notes(context, notes)
        return 0
    if args.fix and fixed:
        context.print(f"Backed up the record to {backup} first.")
        context.print("Fixed, in one transaction:")
        for item in fixed:
            summary = next(finding.summary for finding in found if finding.kind == item.kind)
            context.print(f"  {summary}: {item.rows} {item.action}")
        if not remaining:
            context.print("The record is now sound.")
            _print_notes(context, notes)
            return 0
        context.print("Still to look at:")
    else:
        context.print(f"Checked {record.path}:")
    _print_findings(context, remaining)
    repairable = [finding for finding in remaining if finding.fixable]
    if repairable and not args.fix:
        context.print(
            f"Run skilltrack check --fix to repair {len(repairable)} of these kinds of problem "
            "(a verified backup is taken first)."
        )
    _print_notes(context, notes)
    return 1


def _print_notes(context: Context, notes: Sequence["Finding"]) -> None:
    """Worth knowing, not problems (e.g. stories tied to an expectation the ladder does not have)."""
    for note in notes:
        context.print(f"Note: {note.summary}:")
        context.print("\n".join(f"  · {example}" for example in note.examples))
        if note.count > len(note.examples):
            context.print(f"  · … and {note.count - len(note.examples)} more")
        context.print(f"  {note.remedy}")


def _print_findings(context: Context, findings: Sequence["Finding"]) -> None:
    for finding in findings:
        context.print(f"  {finding.summary}: {finding.count}")
        examples = ", ".join(finding.examples)
        more = ", …" if finding.count > len(finding.examples) else ""
        context.print(f"    e.g. {examples}{more}")
        context.print(f"    {finding.remedy}")
