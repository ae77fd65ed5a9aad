"""Driving the app for snapshots: every step waits for the workers that load the record to finish."""

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, Protocol

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget

from skilltrack.tui.app import SkilltrackApp

Step = Callable[[Pilot[None]], Awaitable[None]]
"""One thing done to the app: keys, a focus, an action; it must leave the app settled."""

SIZE = (100, 30)

WAITING_GROUPS = frozenset({"delete"})
"""Worker groups whose workers wait on a modal answer: they never finish while the modal is open."""


class SnapCompare(Protocol):
    """The ``snap_compare`` fixture of pytest-textual-snapshot (the package ships no types)."""

    def __call__(
        self,
        app: SkilltrackApp,
        press: Iterable[str] = (),
        terminal_size: tuple[int, int] = (80, 24),
        run_before: Step | None = None,
    ) -> bool: ...


async def settle(pilot: Pilot[None]) -> None:
    """Wait until the app is quiet: no worker running and none started over two rounds of messages and
    refreshes (screens start their loads after a refresh, and a load can start another: a table's
    highlighted row loads the detail pane)."""
    quiet = 0
    for _ in range(100):
        await pilot.pause()
        if pilot.app.return_code is not None:
            raise AssertionError(f"the app stopped (return code {pilot.app.return_code})")
        try:
            await asyncio.wait_for(pilot.app.screen.wait_for_refresh(), timeout=5)
        except TimeoutError:
            raise AssertionError(f"{pilot.app.screen!r} never refreshed (has the app crashed?)") from None
        busy = [
            worker
            for worker in pilot.app.workers
            if not worker.is_finished and worker.group not in WAITING_GROUPS
        ]
        if busy:
            quiet = 0
            await pilot.app.workers.wait_for_complete(busy)
        else:
            quiet += 1
            if quiet == 2:
                return
    raise AssertionError("the app never settled")


async def until_screen(pilot: Pilot[None], screen_type: type[Screen[Any]], *, tries: int = 200) -> None:
    """Wait until a screen of ``screen_type`` is on top (pushed by a worker, at a time of its choosing)."""
    for _ in range(tries):
        if isinstance(pilot.app.screen, screen_type):
            return
        await pilot.pause(0.01)
    raise AssertionError(f"{screen_type.__name__} never showed; on top: {pilot.app.screen!r}")


def press(*keys: str) -> Step:
    """Press ``keys`` one at a time, settling after each."""

    async def step(pilot: Pilot[None]) -> None:
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return step


def type_text(text: str) -> Step:
    return press(*text)


def focus(selector: str) -> Step:
    async def step(pilot: Pilot[None]) -> None:
        pilot.app.screen.query_one(selector).focus()
        await settle(pilot)

    return step


def run_action(action: str) -> Step:
    async def step(pilot: Pilot[None]) -> None:
        await pilot.app.run_action(action)
        await settle(pilot)

    return step


def wait_for(screen_type: type[Screen[Any]]) -> Step:
    async def step(pilot: Pilot[None]) -> None:
        await until_screen(pilot, screen_type)
        await settle(pilot)

    return step


async def relayout(pilot: Pilot[None]) -> None:
    """Restyle and lay every widget out again, so a snapshot shows what the content asks for.

    Works around two races in Textual 8.2.8 that made some runs (more under load) differ:

    - ``Widget.refresh(layout=True)`` bumps the widget's layout counter (part of its box-model cache
      key) only when no layout is pending yet. A record loaded right after the first refresh
      (``RecordScreen.on_screen_resume``) can update a ``Static`` whose earlier layout request is still
      pending; its cached box model, sized for the empty text, is reused, and height-auto panels (the
      dashboard's lower panels at 80×24) stay too short.
    - ``DataTable`` widens its columns on idle without clearing its line cache, so lines drawn with
      the header-only widths can outlive the widening; behind a modal the projects table showed
      ``Checkou`` for ``Checkout gRPC migration``. A CSS refresh clears those caches on every screen.
    """
    pilot.app.refresh_css(animate=False)
    for widget in pilot.app.screen.walk_children(Widget, with_self=True):
        widget.refresh(layout=True)
    await settle(pilot)


def scenario(*steps: Step, theme: str = "textual-dark") -> Step:
    """Set the theme, let the first screen load, then run ``steps`` in order."""

    async def run(pilot: Pilot[None]) -> None:
        pilot.app.theme = theme
        await settle(pilot)
        for step in steps:
            await step(pilot)
        await relayout(pilot)

    return run
