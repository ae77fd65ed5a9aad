"""What the app's Pilot tests share: waiting for the workers, reading widgets as text, reading the record."""

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import date
from pathlib import Path
from typing import TypeVar

import pytest
from textual import events
from textual.app import App
from textual.content import Content
from textual.keys import _character_to_key
from textual.notifications import Notification
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input
from textual.worker import Worker, WorkerError, WorkerState

from skilltrack.record.opener import Record, open_record
from skilltrack.record.sessions import SessionRow, recent_sessions
from skilltrack.record.skills import SkillRow, skill_rows
from skilltrack.tui.screens.confirm import ConfirmScreen
from tests.conftest import TODAY

T = TypeVar("T")


@pytest.fixture
def started_empty_db(tmp_path: Path) -> Path:
    """A record with nothing in it yet, started as the first write of the app or a command starts one."""
    path = tmp_path / "empty.sqlite3"
    open_record(path).close()
    return path


SIZE = (100, 30)
"""The terminal size most tests run at."""


async def settle(app: App[None], pilot: Pilot[None]) -> None:
    """Wait until the app is quiet: no worker running, and none started, over two rounds of messages and
    refreshes (a screen starts its load after a refresh, and one load can start another).

    The delete workers (group "delete") are not waited for: they wait for the person's answer in a
    ConfirmScreen, so they finish only once the test answers; see :func:`answer`.
    """
    quiet = 0
    for _ in range(100):
        await pilot.pause()  # handles the pending messages, then runs the screen's after-refresh callbacks
        busy = [worker for worker in app.workers if not worker.is_finished and worker.group != "delete"]
        if busy:
            quiet = 0
            await wait_for_workers(app, busy)
        else:
            quiet += 1
            if quiet == 2:
                return
    raise AssertionError("the app never settled")


async def wait_for_workers(app: App[None], workers: list[Worker[object]] | None = None) -> None:
    """``app.workers.wait_for_complete``, except that a failed or cancelled worker is not an error here
    (the app reports failures itself; an exclusive reload cancels the one before it)."""
    for worker in list(app.workers) if workers is None else workers:
        if worker.state is WorkerState.PENDING:
            continue
        with suppress(WorkerError):
            await worker.wait()


async def ask(app: App[None], pilot: Pilot[None], key: str) -> ConfirmScreen:
    """Press the key that deletes something, and return the ConfirmScreen that asks first."""
    await press(app, pilot, key)
    await wait_until(app, pilot, lambda: isinstance(app.screen, ConfirmScreen))
    assert isinstance(app.screen, ConfirmScreen)
    return app.screen


async def answer(app: App[None], pilot: Pilot[None], *keys: str) -> None:
    """Answer the ConfirmScreen with ``keys`` and wait for the delete (if any) to be done and shown."""
    await pilot.press(*keys)
    await wait_for_workers(app)
    await settle(app, pilot)


async def press(app: App[None], pilot: Pilot[None], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(app, pilot)


async def wait_until(app: App[None], pilot: Pilot[None], ready: Callable[[], bool], rounds: int = 50) -> None:
    """Settle until ``ready()`` holds; fail with a clear message when it never does."""
    for _ in range(rounds):
        if ready():
            return
        await settle(app, pilot)
    assert ready(), "the app never reached the expected state"


def plain(widget: Widget) -> str:
    """The text a Static or Label shows, without markup."""
    rendered = widget.render()
    if isinstance(rendered, Content):
        return rendered.plain
    text = getattr(rendered, "plain", None)
    return text if isinstance(text, str) else str(rendered)


def input_value(widget: Widget, selector: str) -> str:
    return widget.query_one(selector, Input).value


def notifications(app: App[None]) -> list[Notification]:
    return list(app._notifications)


@contextmanager
def record_at(path: Path) -> Iterator[Record]:
    """The record at ``path`` through a connection of its own, as another program would open it."""
    record = open_record(path, create=False)
    try:
        yield record
    finally:
        record.close()


def read(path: Path, query: Callable[[sqlite3.Connection], T]) -> T:
    """Run one read on the record at ``path`` through a connection of its own."""
    with record_at(path) as record, record.reading() as db:
        return query(db)


def write(path: Path, change: Callable[[sqlite3.Connection], T]) -> T:
    """Run one write on the record at ``path`` through a connection of its own."""
    with record_at(path) as record, record.writing() as db:
        return change(db)


def skill_row(path: Path, name: str, today: date = TODAY) -> SkillRow | None:
    rows = read(path, lambda db: skill_rows(db, today=today))
    return next((row for row in rows if row.name == name), None)


def all_sessions(path: Path) -> list[SessionRow]:
    return read(path, lambda db: recent_sessions(db, limit=100_000))


async def type_text(app: App[None], pilot: Pilot[None], text: str) -> None:
    """Type ``text`` into the focused widget as key presses, waiting once at the end (not after each key).

    Only for plain text typed into one widget: a key that moves the focus must go through ``pilot.press``.
    """
    for character in text:
        key = character if character.isalnum() else _character_to_key(character)
        event = events.Key(key, character)
        event.set_sender(app)
        app.post_message(event)
    await pilot.pause()
