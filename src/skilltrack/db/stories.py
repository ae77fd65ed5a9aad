"""The story bank in the record: coverage, the list and one story (plain SQL), and the writes.

The reads take a plain ``sqlite3.Connection`` and do not import the ORM; the writes import it only
when called, and each is one transaction. Titles are unique ignoring case (``title_key``).
"""

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from uuid import UUID

from skilltrack.db import ids
from skilltrack.db.errors import RecordError
from skilltrack.domain.stories import StoryCoverage, story_coverage, title_key

if TYPE_CHECKING:
    from sqlmodel import Session

    from skilltrack.db.engine import Database
    from skilltrack.db.models import Story
    from skilltrack.domain.framework import Framework


def load_story_coverage(
    connection: sqlite3.Connection, framework: "Framework", level_id: str
) -> StoryCoverage:
    """Which themes and which of ``level_id``'s story-worthy expectations have no story yet."""
    stories = int(connection.execute("SELECT count(*) FROM story").fetchone()[0])
    themes = [
        str(theme)
        for (theme,) in connection.execute(
            "SELECT DISTINCT each.value FROM story, json_each(story.themes) AS each"
        )
    ]
    expectations = [
        str(expectation_id)
        for (expectation_id,) in connection.execute(
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


def story_level(connection: sqlite3.Connection, framework: "Framework") -> str:
    """The level coverage is held against: the profile's target level, else the ladder's first."""
    row = connection.execute("SELECT target_level FROM profile WHERE id = 1").fetchone()
    ids = [level.id for level in framework.levels]
    if row is not None and row[0] in ids:
        return str(row[0])
    return ids[0]


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
        updated_at_utc=datetime.fromisoformat(str(updated)).replace(tzinfo=UTC),
    )


def load_stories(connection: sqlite3.Connection) -> list[StoryRow]:
    """Every story, by title (there are tens, not thousands)."""
    rows = connection.execute(f"SELECT {_COLUMNS} ORDER BY story.title_key").fetchall()
    return [_row(tuple(row)) for row in rows]


def find_story(connection: sqlite3.Connection, typed: str) -> StoryRow:
    """A story by its title (any case) or by the start of its id (as ``story list`` shows it).

    The id is found by the shared prefix lookup (:mod:`skilltrack.db.ids`), as postings are.
    """
    text = " ".join(typed.split())
    if not text:
        raise RecordError("title: is empty; give a story's title or the id shown by: skilltrack story list")
    row = connection.execute(f"SELECT {_COLUMNS} WHERE story.title_key = ?", (title_key(text),)).fetchone()
    if row is not None:
        return _row(tuple(row))
    prefix = ids.id_prefix(text)
    found = ids.rows_with_prefix(connection, "story", prefix) if prefix is not None else []
    if len(found) > 1:
        raise RecordError(f"title: more than one story has an id starting with {text!r}; give more of it")
    if found:
        return _row(tuple(connection.execute(f"SELECT {_COLUMNS} WHERE story.id = ?", found).fetchone()))
    also = " and no story's id starts with it" if prefix is not None else ""
    raise RecordError(f"title: no story is called {text!r}{also}; see: skilltrack story list")


@dataclass(frozen=True)
class StoryDraft:
    """A story as typed, already cleaned by :mod:`skilltrack.domain.stories`."""

    title: str
    situation: str
    task: str
    action: str
    result: str
    themes: tuple[str, ...]
    project: str | None = None
    expectation_id: str | None = None


@dataclass(frozen=True)
class StoryChanges:
    """What ``story edit`` changes; ``None`` leaves a field as it is, ``""`` clears project/expectation."""

    title: str | None = None
    situation: str | None = None
    task: str | None = None
    action: str | None = None
    result: str | None = None
    themes: tuple[str, ...] | None = None
    project: str | None = None
    expectation_id: str | None = None

    @property
    def empty(self) -> bool:
        return all(getattr(self, name) is None for name in self.__dataclass_fields__)


def _project_id(session: "Session", name: str | None) -> int | None:
    from skilltrack.db import writes

    if not name:
        return None
    return writes.find_project(session, name).id


def _refuse_taken(session: "Session", title: str, own_id: int | None = None) -> None:
    from sqlmodel import select

    from skilltrack.db.models import Story

    taken = session.exec(select(Story).where(Story.title_key == title_key(title))).first()
    if taken is not None and taken.id != own_id:
        raise RecordError(f'title: a story is already called "{taken.title}"; choose another title')


def add_story(database: "Database", draft: StoryDraft) -> StoryRow:
    from skilltrack.db.models import Story

    with database.writing() as session:
        _refuse_taken(session, draft.title)
        story = Story(
            title=draft.title,
            title_key=title_key(draft.title),
            situation=draft.situation,
            task=draft.task,
            action=draft.action,
            result=draft.result,
            project_id=_project_id(session, draft.project),
            expectation_id=draft.expectation_id,
            themes=list(draft.themes),
        )
        session.add(story)
        session.flush()
        return _as_row(session, story)


def _story(session: "Session", uuid: UUID) -> "Story":
    from sqlmodel import select

    from skilltrack.db.models import Story

    story = session.exec(select(Story).where(Story.uuid == uuid)).first()
    if story is None:
        raise RecordError("story: it no longer exists; it may have been removed from another window")
    return story


def edit_story(database: "Database", uuid: UUID, changes: StoryChanges) -> StoryRow:
    from skilltrack.db.models import utc_now

    with database.writing() as session:
        story = _story(session, uuid)
        if changes.title is not None:
            _refuse_taken(session, changes.title, story.id)
            story.title, story.title_key = changes.title, title_key(changes.title)
        for part in ("situation", "task", "action", "result"):
            value = getattr(changes, part)
            if value is not None:
                setattr(story, part, value)
        if changes.themes is not None:
            story.themes = list(changes.themes)
        if changes.project is not None:
            story.project_id = _project_id(session, changes.project)
        if changes.expectation_id is not None:
            story.expectation_id = changes.expectation_id or None
        story.updated_at_utc = utc_now()
        session.add(story)
        session.flush()
        return _as_row(session, story)


def remove_story(database: "Database", uuid: UUID) -> str:
    with database.writing() as session:
        story = _story(session, uuid)
        title = story.title
        session.delete(story)
        return title


def _as_row(session: "Session", story: "Story") -> StoryRow:
    from skilltrack.db.models import Project

    project = session.get(Project, story.project_id) if story.project_id is not None else None
    return StoryRow(
        uuid=story.uuid,
        title=story.title,
        situation=story.situation,
        task=story.task,
        action=story.action,
        result=story.result,
        project=project.name if project else None,
        expectation_id=story.expectation_id,
        themes=tuple(story.themes),
        updated_at_utc=story.updated_at_utc,
    )
