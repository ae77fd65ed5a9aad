"""``export`` (the record as JSON, or the sessions as CSV) and ``import`` (ours, Watson, Timewarrior)."""

import argparse
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import BinaryIO

from skilltrack.cli.context import Context
from skilltrack.cli.tables import table
from skilltrack.domain.durations import format_hours, format_minutes
from skilltrack.domain.errors import InputError
from skilltrack.domain.names import name_key
from skilltrack.files import atomic_text_file, opened_file
from skilltrack.record.opener import Record
from skilltrack.transfer.export import Exported, write_csv, write_json
from skilltrack.transfer.fields import shown
from skilltrack.transfer.formats import parse_source
from skilltrack.transfer.importing import (
    Count,
    Overlaps,
    RecordImport,
    SessionImport,
    import_file,
    scratch_record,
)
from skilltrack.transfer.mapping import parse_maps

EXPORT_FORMATS = ("json", "csv")


def run_export(context: Context, args: argparse.Namespace) -> int:
    chosen = str(args.format).strip().lower()
    if chosen not in EXPORT_FORMATS:
        raise InputError("format", f"{shown(args.format)} is not accepted; use json (everything) or csv")
    write = write_json if chosen == "json" else write_csv
    output: Path | None = None if args.output is None else context.check_output(args.output)
    with context.opened(create=False).reading() as db:
        if output is None:
            write(db, context.out)
            return 0
        with atomic_text_file(output) as handle:
            exported = write(db, handle)
    context.print(f"Exported {_exported(exported, chosen)} to {output}.")
    return 0


def _exported(exported: Exported, chosen: str) -> str:
    sessions = _plural(exported.sessions, "session")
    if chosen == "csv":
        return sessions
    return (
        f"the whole record ({sessions}, {_plural(exported.skills, 'skill')}, "
        f"{_plural(exported.ratings, 'rating')}, {_plural(exported.projects, 'project')}, "
        f"{_plural(exported.evidence, 'evidence entry', 'evidence entries')}, "
        f"{_plural(exported.postings, 'saved posting')}, {_plural(exported.interviews, 'mock interview')}, "
        f"{_plural(exported.stories, 'story', 'stories')})"
    )


def _show_overlaps(context: Context, overlaps: Overlaps, named: Callable[[int], str]) -> None:
    """Sessions of the file that share time with sessions already in the record."""
    if not overlaps.count:
        return
    some = _plural(overlaps.count, "session")
    overlap = "overlaps" if overlaps.count == 1 else "overlap"
    if overlaps.kept:
        context.print(f"{some} of the file {overlap} sessions already in the record; kept (--keep-overlaps):")
    else:
        context.print(
            f"Left out {some} that {overlap} sessions already in the record "
            "(whatever their skill; to add them anyway: --keep-overlaps):"
        )
    for place, start, minutes in overlaps.first:
        context.print(f"  {named(place)}: {format_minutes(minutes)} from {start[:16]} UTC")
    if overlaps.count > len(overlaps.first):
        context.print(f"  and {overlaps.count - len(overlaps.first)} more")


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


@contextmanager
def opened_input(name: str, record: Path) -> Iterator[BinaryIO]:
    """The file to import, open for reading, never the record's own (see :mod:`skilltrack.files`);
    ``-`` is standard input, kept in a temporary file, since the start of a file is read twice."""
    with ExitStack() as stack:
        if name == "-":
            stream = stack.enter_context(tempfile.TemporaryFile())
            buffer = getattr(sys.stdin, "buffer", None)
            if buffer is not None:
                shutil.copyfileobj(buffer, stream)
            else:
                stream.write(sys.stdin.read().encode("utf-8", "surrogateescape"))
            stream.seek(0)
            yield stream
            return
        yield stack.enter_context(opened_file(name, record=record))


def run_import(context: Context, args: argparse.Namespace) -> int:
    # Options first, then the whole file read and checked, then one transaction (or none: --dry-run).
    source = parse_source(args.source)
    overrides = parse_maps(args.map)
    with opened_input(args.file, context.db_path) as stream:

        def import_into(record: Record, *, dry_run: bool) -> SessionImport | RecordImport:
            return import_file(
                record,
                context.framework,
                stream,
                source=source,
                overrides=overrides,
                dry_run=dry_run,
                now_utc=context.now_utc,
                machine_zone=context.machine_zone,
                keep_overlaps=args.keep_overlaps,
            )

        if context.db_path.exists():
            result = import_into(context.record, dry_run=args.dry_run)
        else:
            # No record yet: the file is tried on a throwaway empty one first, so that a dry run or a
            # refused file makes none; only a file that imports whole starts the record.
            with scratch_record() as scratch:
                result = import_into(scratch, dry_run=True)
            if args.dry_run:
                where = context.db_path
                context.print(f"There is no record at {where} yet; this is what a new one would get.")
            else:
                stream.seek(0)
                result = import_into(context.record, dry_run=False)
    if isinstance(result, SessionImport):
        _show_sessions(context, result, overrides)
    else:
        _show_record(context, result)
    return 0


def _show_sessions(context: Context, result: SessionImport, overrides: dict[str, str]) -> None:
    context.print(f"Reading {result.source}.")
    if result.mapping:
        context.print("Skills:")
        width = max(len(name) for name, _ in result.mapping)
        for name, target in result.mapping:
            how = "  (--map)" if name_key(name) in overrides else ""
            context.print(f"  {name.ljust(width)} → {target.describe()}{how}")
    if result.kinds:
        context.print("Kinds:")
        width = max(len(tag) for tag, _ in result.kinds)
        for tag, kind in result.kinds:
            context.print(f"  {tag.ljust(width)} → {kind}")
    if result.noted:
        context.print(f"Kept in the notes (neither skill nor kind): {', '.join(result.noted)}")
    for tag, skill in result.close:
        context.print(f'  "{tag}" is close to {skill}; to take it as the skill: --map "{tag}={skill}"')
    for skipped in result.skipped:
        context.print(f"Skipped {skipped.record}: {skipped.reason}.")
    _show_overlaps(context, result.overlaps, lambda place: f"{result.record_kind} {place}")
    hours = format_hours(result.minutes)
    duplicates = _plural(result.duplicates, "duplicate")
    sessions = _plural(result.added, "session")
    if result.written:
        context.print(f"Imported {sessions} ({hours}); {duplicates} skipped.")
    else:
        context.print(
            f"Dry run: would import {sessions} ({hours}); {duplicates} skipped. Nothing was written."
        )
    if result.by_skill:
        rows = [
            [name, str(tally.sessions), format_hours(tally.minutes)]
            for name, tally in sorted(result.by_skill.items(), key=lambda item: name_key(item[0]))
        ]
        context.print(table(["skill", "sessions", "hours"], rows, right=[1, 2]))


def _show_record(context: Context, result: RecordImport) -> None:
    context.print("Reading a skilltrack export.")
    counts: list[tuple[str, Count]] = [
        ("skills", result.skills),
        ("ratings", result.ratings),
        ("projects", result.projects),
        ("sessions", result.sessions),
        ("evidence", result.evidence),
        ("saved postings", result.postings),
        ("mock interviews", result.interviews),
        ("stories", result.stories),
    ]
    rows = [[what, str(count.added), str(count.present)] for what, count in counts]
    context.print(table(["", "new", "already there"], rows, right=[1, 2]))
    for theirs, ours in result.merged_skills:
        context.print(f"  {theirs} → {ours} (the record already has it)")
    _show_overlaps(context, result.overlaps, lambda place: f"sessions[{place}]")
    profile = {
        "added": "added",
        "present": "already there",
        "kept": "the record's own profile was kept; the file's was not imported",
        "none": "none in the file",
    }[result.profile]
    context.print(f"Profile: {profile}.")
    if result.timer != "none":
        timer = "added" if result.timer == "added" else "a timer is already running here; the file's was not"
        context.print(f"Running timer: {timer}.")
    added = sum(count.added for _, count in counts)
    if result.written:
        context.print(f"Imported {_plural(added, 'new entry', 'new entries')}.")
    else:
        context.print(
            f"Dry run: would import {_plural(added, 'new entry', 'new entries')}. Nothing was written."
        )
