"""The team's view: one person's readiness snapshot as a document, and the matrix of a team's snapshots.

A snapshot is what a person chooses to share from their readiness (``skilltrack publish``): their name,
the ladder, the day, their target, per level the percent and what it is made of, and per expectation its
status and the day it was first shown. Nothing of the record itself travels: no note, session, link,
project or evidence title; the expectation titles are the ladder's own words.

Pure functions: the snapshot is built from the readiness ``status`` reads, the document is checked field
by field when it is read back (it comes from someone else's machine), and the matrix is a function of
the snapshots and today.
"""

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from skilltrack.domain.errors import InputError
from skilltrack.domain.framework import Framework
from skilltrack.domain.names import name_key
from skilltrack.domain.progress import Happened, Progress
from skilltrack.domain.readiness import Readiness, Status
from skilltrack.domain.text import clean_text

SNAPSHOT_FORMAT = "skilltrack-readiness"
SNAPSHOT_VERSION = 1
SNAPSHOT_SUFFIX = ".skilltrack-readiness.json"
"""Every snapshot file's name ends so; other files in the folder are not the team's and are left alone."""
STALE_DAYS = 30
"""A snapshot older than this many days is marked stale: it may no longer say where the person is."""
MAX_NAME_LENGTH = 120
MAX_TEXT_LENGTH = 300
MAX_LEVELS = 50
MAX_EXPECTATIONS = 2_000
MAX_PERCENT = 100


class SnapshotError(ValueError):
    """A snapshot document that cannot be read; ``str()`` says which field and what is accepted."""


@dataclass(frozen=True)
class LevelMark:
    """One level's percent and what it is made of, as ``status`` shows them."""

    id: str
    title: str
    percent: int
    shown_percent: int
    met: int
    claimed: int
    partial: int
    missing: int

    @property
    def total(self) -> int:
        return self.met + self.claimed + self.partial + self.missing


@dataclass(frozen=True)
class ExpectationMark:
    id: str
    title: str
    level: str
    status: Status
    first_met_on: date | None = None
    """The first weekly point the record showed it on, when it is met and that is known."""


@dataclass(frozen=True)
class Snapshot:
    name: str
    ladder: str
    taken_on: date
    target_level: str
    target_date: date | None
    levels: tuple[LevelMark, ...]
    expectations: tuple[ExpectationMark, ...]

    def level(self, level_id: str) -> LevelMark | None:
        return next((level for level in self.levels if level.id == level_id), None)

    def status(self, expectation_id: str) -> Status | None:
        return next((e.status for e in self.expectations if e.id == expectation_id), None)

    @property
    def next_level(self) -> LevelMark | None:
        """The first level of the ladder not complete yet (``None``: every level is)."""
        return next((level for level in self.levels if level.percent < MAX_PERCENT), None)


# ── making a snapshot ───────────────────────────────────────────────────────────────────────────


def first_met_days(progress: Progress) -> dict[str, date]:
    """The day each expectation was first shown in ``progress``'s series, for those that were met
    within it (one met before the series began has no known day)."""
    already = {expectation.id for expectation in progress.already_met}
    days: dict[str, date] = {}
    for milestone in progress.milestones:
        expectation_id = milestone.expectation.id
        if milestone.happened is Happened.MET and expectation_id not in already:
            days.setdefault(expectation_id, milestone.day)
    return days


def snapshot_of(
    readiness: Readiness,
    framework: Framework,
    *,
    name: str,
    today: date,
    target_level: str,
    target_date: date | None,
    first_met: Mapping[str, date],
) -> Snapshot:
    """The snapshot of ``readiness`` (the one ``status`` prints) that ``name`` shares."""
    levels = tuple(
        LevelMark(
            id=level.level.id,
            title=level.level.title,
            percent=level.percent,
            shown_percent=level.shown_percent,
            met=level.met,
            claimed=level.count(Status.CLAIMED),
            partial=level.count(Status.PARTIAL),
            missing=level.count(Status.MISSING),
        )
        for level in readiness.levels
    )
    # The top level holds every expectation (levels are cumulative): each is listed once, at its own level.
    results = {result.expectation.id: result for level in readiness.levels for result in level.results}
    expectations = tuple(
        ExpectationMark(
            id=expectation.id,
            title=expectation.title,
            level=expectation.level,
            status=results[expectation.id].status,
            first_met_on=first_met.get(expectation.id)
            if results[expectation.id].status is Status.MET
            else None,
        )
        for expectation in framework.expectations
        if expectation.id in results
    )
    return Snapshot(name, framework.name, today, target_level, target_date, levels, expectations)


def person_slug(name: str) -> str:
    """The file name part a person's snapshot is kept under: ``Ada Lovelace`` → ``ada-lovelace``.

    Letters and digits of any script are kept (``Zoë`` → ``zoë``); anything else becomes one hyphen, so
    that no name can reach outside the folder or hide the file."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    slug = re.sub(r"[^\w]+|_+", "-", folded).strip("-")
    return slug[:80].strip("-") or "person"


def snapshot_file_name(name: str) -> str:
    return f"{person_slug(name)}{SNAPSHOT_SUFFIX}"


# ── the document ────────────────────────────────────────────────────────────────────────────────


def snapshot_document(snapshot: Snapshot) -> dict[str, Any]:
    return {
        "format": SNAPSHOT_FORMAT,
        "version": SNAPSHOT_VERSION,
        "name": snapshot.name,
        "ladder": snapshot.ladder,
        "date": snapshot.taken_on.isoformat(),
        "target": {
            "level": snapshot.target_level,
            "date": snapshot.target_date.isoformat() if snapshot.target_date else None,
        },
        "levels": [
            {
                "id": level.id,
                "title": level.title,
                "percent": level.percent,
                "shown_percent": level.shown_percent,
                "met": level.met,
                "claimed": level.claimed,
                "partial": level.partial,
                "missing": level.missing,
                "total": level.total,
            }
            for level in snapshot.levels
        ],
        "expectations": [
            {
                "id": mark.id,
                "title": mark.title,
                "level": mark.level,
                "status": mark.status.value,
                "first_met_on": mark.first_met_on.isoformat() if mark.first_met_on else None,
            }
            for mark in snapshot.expectations
        ],
    }


def read_snapshot(document: object) -> Snapshot:
    """A snapshot from a parsed document, every field checked; :class:`SnapshotError` names the first
    one that is wrong and what it should be."""
    top = _mapping(document, "the file", "a JSON object")
    if top.get("format") != SNAPSHOT_FORMAT:
        raise SnapshotError(f"format: is not {SNAPSHOT_FORMAT!r}; not a skilltrack readiness snapshot")
    if top.get("version") != SNAPSHOT_VERSION or isinstance(top.get("version"), bool):
        raise SnapshotError(f"version: {top.get('version')!r} is not one this skilltrack reads (it reads 1)")
    name = _text(top.get("name"), "name", MAX_NAME_LENGTH)
    if not name.strip():
        raise SnapshotError("name: is empty")
    target = _mapping(top.get("target"), "target", "an object with level and date")
    levels = tuple(_level(entry, f"levels[{n}]") for n, entry in enumerate(_list(top, "levels", MAX_LEVELS)))
    if not levels:
        raise SnapshotError("levels: is empty; a snapshot lists at least one level")
    expectations = tuple(
        _expectation(entry, f"expectations[{n}]")
        for n, entry in enumerate(_list(top, "expectations", MAX_EXPECTATIONS))
    )
    return Snapshot(
        name=name,
        ladder=_text(top.get("ladder"), "ladder", MAX_TEXT_LENGTH),
        taken_on=_day(top.get("date"), "date"),
        target_level=_text(target.get("level"), "target.level", MAX_TEXT_LENGTH),
        target_date=None if target.get("date") is None else _day(target.get("date"), "target.date"),
        levels=levels,
        expectations=expectations,
    )


def _mapping(value: object, field: str, what: str) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise SnapshotError(f"{field}: is not {what}")
    return value


def _list(top: Mapping[str, object], field: str, most: int) -> list[object]:
    value = top.get(field)
    if not isinstance(value, list):
        raise SnapshotError(f"{field}: is not a list")
    if len(value) > most:
        raise SnapshotError(f"{field}: has {len(value):,} entries; at most {most:,} are read")
    return value


def _text(value: object, field: str, most: int) -> str:
    if not isinstance(value, str):
        raise SnapshotError(f"{field}: is not text")
    try:
        return clean_text(value, field=field, max_length=most)
    except InputError as error:
        raise SnapshotError(str(error)) from None


def _count(value: object, field: str, most: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= most:
        raise SnapshotError(f"{field}: is not a whole number from 0 to {most:,}")
    return value


def _day(value: object, field: str) -> date:
    if not isinstance(value, str):
        raise SnapshotError(f"{field}: is not a date (YYYY-MM-DD)")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise SnapshotError(f"{field}: {value[:40]!r} is not a date (YYYY-MM-DD)") from None
    if len(value) != len("YYYY-MM-DD"):
        raise SnapshotError(f"{field}: {value[:40]!r} is not a date (YYYY-MM-DD)")
    return day


def _level(value: object, field: str) -> LevelMark:
    entry = _mapping(value, field, "an object")
    level = LevelMark(
        id=_text(entry.get("id"), f"{field}.id", MAX_TEXT_LENGTH),
        title=_text(entry.get("title"), f"{field}.title", MAX_TEXT_LENGTH),
        percent=_count(entry.get("percent"), f"{field}.percent", MAX_PERCENT),
        shown_percent=_count(entry.get("shown_percent"), f"{field}.shown_percent", MAX_PERCENT),
        met=_count(entry.get("met"), f"{field}.met", MAX_EXPECTATIONS),
        claimed=_count(entry.get("claimed"), f"{field}.claimed", MAX_EXPECTATIONS),
        partial=_count(entry.get("partial"), f"{field}.partial", MAX_EXPECTATIONS),
        missing=_count(entry.get("missing"), f"{field}.missing", MAX_EXPECTATIONS),
    )
    if not level.id:
        raise SnapshotError(f"{field}.id: is empty")
    return level


def _expectation(value: object, field: str) -> ExpectationMark:
    entry = _mapping(value, field, "an object")
    status = entry.get("status")
    accepted = [status.value for status in Status]
    if status not in accepted:
        raise SnapshotError(f"{field}.status: is not one of {', '.join(accepted)}")
    first = entry.get("first_met_on")
    mark = ExpectationMark(
        id=_text(entry.get("id"), f"{field}.id", MAX_TEXT_LENGTH),
        title=_text(entry.get("title"), f"{field}.title", MAX_TEXT_LENGTH),
        level=_text(entry.get("level"), f"{field}.level", MAX_TEXT_LENGTH),
        status=Status(str(status)),
        first_met_on=None if first is None else _day(first, f"{field}.first_met_on"),
    )
    if not mark.id:
        raise SnapshotError(f"{field}.id: is empty")
    return mark


# ── the matrix ──────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Member:
    """One person of the matrix: their snapshot, where it came from, and how old it is."""

    snapshot: Snapshot
    source: str
    """The file it was read from (its name), for messages."""
    age_days: int

    @property
    def name(self) -> str:
        return self.snapshot.name

    @property
    def stale(self) -> bool:
        return self.age_days > STALE_DAYS


@dataclass(frozen=True)
class Row:
    """One expectation across the team: each member's status (``None``: not in their ladder)."""

    id: str
    title: str
    level: str
    statuses: tuple[Status | None, ...]

    @property
    def nobody_meets(self) -> bool:
        return all(status is not Status.MET for status in self.statuses)


@dataclass(frozen=True)
class LevelRow:
    id: str
    title: str
    percents: tuple[int | None, ...]


@dataclass(frozen=True)
class Matrix:
    today: date
    members: tuple[Member, ...]
    """In name order."""
    levels: tuple[LevelRow, ...]
    rows: tuple[Row, ...]
    """Every expectation any snapshot lists, in the ladder's order (the first snapshot's, then others')."""
    ladders: tuple[str, ...]
    """The ladders the snapshots were taken against: more than one means some rows are not comparable."""
    notes: tuple[str, ...]
    """What the matrix had to decide (a person published twice under two file names)."""

    @property
    def nobody_meets(self) -> tuple[Row, ...]:
        return tuple(row for row in self.rows if row.nobody_meets) if self.members else ()

    @property
    def closest(self) -> tuple[tuple[Member, LevelMark], ...]:
        """Whoever is nearest to completing their next level: the highest percent toward it (ties all
        named), in name order. People who have completed every level are not in the running."""
        heading = [(member, level) for member in self.members if (level := member.snapshot.next_level)]
        if not heading:
            return ()
        best = max(level.percent for _, level in heading)
        return tuple((member, level) for member, level in heading if level.percent == best)


def team_matrix(read: Sequence[tuple[str, Snapshot]], today: date) -> Matrix:
    """The matrix of the snapshots ``read`` (each with the file it came from), as of ``today``.

    Two snapshots under the same name (two file names, a rename) are one person: the newer one counts,
    and a note says which file was left out."""
    chosen: dict[str, tuple[str, Snapshot]] = {}
    notes: list[str] = []
    for source, snapshot in read:
        key = name_key(snapshot.name)
        kept = chosen.get(key)
        if kept is None:
            chosen[key] = (source, snapshot)
            continue
        newer, older = (
            ((source, snapshot), kept)
            if (snapshot.taken_on, source) > (kept[1].taken_on, kept[0])
            else (kept, (source, snapshot))
        )
        chosen[key] = newer
        notes.append(
            f"{older[0]}: left out, {snapshot.name} has a newer snapshot in {newer[0]} "
            f"({newer[1].taken_on.isoformat()})"
        )
    members = tuple(
        Member(snapshot, source, (today - snapshot.taken_on).days)
        for source, snapshot in sorted(chosen.values(), key=lambda item: (name_key(item[1].name), item[0]))
    )
    level_titles: dict[str, str] = {}
    row_heads: dict[str, tuple[str, str]] = {}
    for member in members:
        for level in member.snapshot.levels:
            level_titles.setdefault(level.id, level.title)
        for mark in member.snapshot.expectations:
            row_heads.setdefault(mark.id, (mark.title, mark.level))
    levels = tuple(
        LevelRow(
            level_id,
            title,
            tuple(
                found.percent if (found := member.snapshot.level(level_id)) else None for member in members
            ),
        )
        for level_id, title in level_titles.items()
    )
    rows = tuple(
        Row(expectation_id, title, level, tuple(member.snapshot.status(expectation_id) for member in members))
        for expectation_id, (title, level) in row_heads.items()
    )
    ladders = tuple(dict.fromkeys(member.snapshot.ladder for member in members))
    return Matrix(today, members, levels, rows, ladders, tuple(notes))
