"""The story bank: every read and write of the ``story`` table, and what the bank does not cover yet.

Titles are unique ignoring case (``title_key``); a story is found by its title or the start of its id.
"""

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from skilltrack.domain.drafts import StoryChanges, StoryDraft
from skilltrack.domain.framework import Framework
from skilltrack.domain.stories import StoryCoverage, story_coverage, title_key
from skilltrack.record import ids
from skilltrack.record.errors import RecordError
from skilltrack.record.projects import find_project
from skilltrack.record.values import new_id, now_stored, read_instant


def load_story_coverage(db: sqlite3.Connection, *, framework: Framework, level_id: str) -> StoryCoverage:
    """Which themes and which of ``level_id``'s story-worthy expectations have no story yet."""
    stories = int(db.execute("SELECT count(*) FROM story").fetchone()[0])
    themes = [
        str(theme)
        for (theme,) in db.execute("SELECT DISTINCT each.value FROM story, json_each(story.themes) AS each")
    ]
    expectations = [
        str(expectation_id)
        for (expectation_id,) in db.execute(
            "SELECT DISTINCT expectation_id FROM story WHERE expectation_id IS NOT NULL"
        )
    ]
    return story_coverage(
        stories=stories,
        themes_told=themes,
        expectations_told=expectations,
        framework=framework,
        level_id=level_id,
    )


@dataclass(frozen=True)
class StoryRow:
    uuid: UUID
    title: str
    situation: str
    task: str
    action: str
    result: str
    project: str | None
    expectation_id: str | None
    themes: tuple[str, ...]
    updated_at_utc: datetime


_COLUMNS = """
    story.uuid, story.title, story.situation, story.task, story.action, story.result, project.name,
    story.expectation_id, story.themes, story.updated_at_utc
    FROM story LEFT JOIN project ON project.id = story.project_id
"""


def _row(values: tuple[object, ...]) -> StoryRow:
    uuid, title, situation, task, action, result, project, expectation_id, themes, updated = values
    try:
        theme_list = json.loads(str(themes or "[]"))
    except ValueError:
        theme_list = []
    return StoryRow(
        uuid=UUID(hex=str(uuid)),
        title=str(title),
        situation=str(situation),
        task=str(task),
        action=str(action),
        result=str(result),
        project=str(project) if project is not None else None,
        expectation_id=str(expectation_id) if expectation_id is not None else None,
        themes=tuple(str(theme) for theme in theme_list) if isinstance(theme_list, list) else (),
        updated_at_utc=read_instant(str(updated)),
    )


def load_stories(db: sqlite3.Connection) -> list[StoryRow]:
    """Every story, by title (there are tens, not thousands)."""
    rows = db.execute(f"SELECT {_COLUMNS} ORDER BY story.title_key").fetchall()
    return [_row(tuple(row)) for row in rows]


def find_story(db: sqlite3.Connection, *, typed: str) -> StoryRow:
    """A story by its title (any case) or by the start of its id (as ``story list`` shows it).

    The id is found by the shared prefix lookup (:mod:`skilltrack.record.ids`), as postings are.
    """
    text = " ".join(typed.split())
    if not text:
        raise RecordError("title: is empty; give a story's title or the id shown by: skilltrack story list")
    row = db.execute(f"SELECT {_COLUMNS} WHERE story.title_key = ?", (title_key(text),)).fetchone()
    if row is not None:
        return _row(tuple(row))
    prefix = ids.id_prefix(text)
    found = ids.rows_with_prefix(db, "story", prefix) if prefix is not None else []
    if len(found) > 1:
        raise RecordError(f"title: more than one story has an id starting with {text!r}; give more of it")
    if found:
        return _row(tuple(db.execute(f"SELECT {_COLUMNS} WHERE story.id = ?", found).fetchone()))
    also = " and no story's id starts with it" if prefix is not None else ""
    raise RecordError(f"title: no story is called {text!r}{also}; see: skilltrack story list")


def _project_id(db: sqlite3.Connection, name: str | None) -> int | None:
    return find_project(db, typed=name).id if name else None


def _refuse_taken(db: sqlite3.Connection, title: str, own_id: int | None = None) -> None:
    row = db.execute("SELECT id, title FROM story WHERE title_key = ?", (title_key(title),)).fetchone()
    if row is not None and row[0] != own_id:
        raise RecordError(f'title: a story is already called "{row[1]}"; choose another title')


def _key(db: sqlite3.Connection, uuid: UUID) -> int:
    row = db.execute("SELECT id FROM story WHERE uuid = ?", (uuid.hex,)).fetchone()
    if row is None:
        raise RecordError("story: it no longer exists; it may have been removed from another window")
    return int(row[0])


def _by_key(db: sqlite3.Connection, key: int) -> StoryRow:
    return _row(tuple(db.execute(f"SELECT {_COLUMNS} WHERE story.id = ?", (key,)).fetchone()))


def add_story(db: sqlite3.Connection, *, draft: StoryDraft) -> StoryRow:
    _refuse_taken(db, draft.title)
    now = now_stored()
    cursor = db.execute(
        "INSERT INTO story (uuid, title, title_key, situation, task, action, result, project_id, "
        "expectation_id, themes, created_at_utc, updated_at_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            new_id(),
            draft.title,
            title_key(draft.title),
            draft.situation,
            draft.task,
            draft.action,
            draft.result,
            _project_id(db, draft.project),
            draft.expectation_id,
            json.dumps(list(draft.themes)),
            now,
            now,
        ),
    )
    return _by_key(db, int(cursor.lastrowid or 0))


def edit_story(db: sqlite3.Connection, *, uuid: UUID, changes: StoryChanges) -> StoryRow:
    key = _key(db, uuid)
    values: dict[str, object] = {}
    if changes.title is not None:
        _refuse_taken(db, changes.title, key)
        values |= {"title": changes.title, "title_key": title_key(changes.title)}
    for part in ("situation", "task", "action", "result"):
        value = getattr(changes, part)
        if value is not None:
            values[part] = value
    if changes.themes is not None:
        values["themes"] = json.dumps(list(changes.themes))
    if changes.project is not None:
        values["project_id"] = _project_id(db, changes.project)
    if changes.expectation_id is not None:
        values["expectation_id"] = changes.expectation_id or None
    values["updated_at_utc"] = now_stored()
    assignments = ", ".join(f"{column} = :{column}" for column in values)
    db.execute(f"UPDATE story SET {assignments} WHERE id = :key", {**values, "key": key})
    return _by_key(db, key)


def remove_story(db: sqlite3.Connection, *, uuid: UUID) -> str:
    """Delete a story; its title."""
    key = _key(db, uuid)
    title = _by_key(db, key).title
    db.execute("DELETE FROM story WHERE id = ?", (key,))
    return title
