"""Make the README's screenshots: every screen of the app on the demo record, as SVG and PNG.

    .venv/bin/python scripts/screenshots.py            # writes screenshots/*.svg and *.png

PNG needs rsvg-convert (Debian: librsvg2-bin) with fonts-firacode and fonts-symbola installed.
"""

import asyncio
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path

from textual.pilot import Pilot
from textual.widget import Widget

from skilltrack.demo import populate_demo
from skilltrack.guide import load_builtin_framework
from skilltrack.record.opener import open_record
from skilltrack.tui.app import SkilltrackApp, make_app

TODAY = date(2026, 11, 24)
OUT = Path(__file__).resolve().parent.parent / "screenshots"

Steps = Callable[[Pilot[None]], Awaitable[None]]


async def press(pilot: Pilot[None], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


async def settle(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def redraw(pilot: Pilot[None]) -> None:
    """Style and lay out every widget again before the shot, as the snapshot tests do (their ``relayout``
    says why): a table can keep lines drawn before it widened its columns to their content."""
    pilot.app.refresh_css(animate=False)
    for widget in pilot.app.screen.walk_children(Widget, with_self=True):
        widget.refresh(layout=True)
    await settle(pilot)


SHOTS: dict[str, tuple[tuple[int, int], str, Steps]] = {
    "dashboard": ((100, 30), "textual-dark", lambda pilot: settle(pilot)),
    "dashboard-light": ((100, 30), "textual-light", lambda pilot: settle(pilot)),
    "dashboard-80x24": ((80, 24), "textual-dark", lambda pilot: settle(pilot)),
    "skills": ((100, 30), "textual-dark", lambda pilot: press(pilot, "s")),
    "projects": ((100, 30), "textual-dark", lambda pilot: press(pilot, "p")),
    "evidence": ((100, 30), "textual-dark", lambda pilot: press(pilot, "e")),
    "readiness": ((100, 30), "textual-dark", lambda pilot: press(pilot, "r", "down", "down")),
    "log-session": ((100, 30), "textual-dark", lambda pilot: press(pilot, "l", *"kafka", "tab", *"45m")),
    "dashboard-plan": ((100, 36), "textual-dark", lambda pilot: settle(pilot)),
    "postings": ((100, 30), "textual-dark", lambda pilot: press(pilot, "j")),
    "interviews": ((100, 30), "textual-dark", lambda pilot: press(pilot, "i")),
    "stories": ((100, 30), "textual-dark", lambda pilot: press(pilot, "b")),
}


async def shoot(name: str, size: tuple[int, int], theme: str, steps: Steps, database: Path) -> Path:
    app: SkilltrackApp = make_app(db=database, ladder=load_builtin_framework, today=TODAY)
    async with app.run_test(size=size) as pilot:
        app.theme = theme
        await settle(pilot)
        await steps(pilot)
        await redraw(pilot)
        return Path(app.save_screenshot(filename=f"{name}.svg", path=str(OUT)))


def to_png(svg: Path) -> None:
    if shutil.which("rsvg-convert") is None:
        print("rsvg-convert not found: SVG only", file=sys.stderr)
        return
    text = svg.read_text(encoding="utf-8")
    if 'xml:space="preserve"' not in text:
        text = text.replace("<svg ", '<svg xml:space="preserve" ', 1)
        svg.write_text(text, encoding="utf-8")
    subprocess.run(["rsvg-convert", "-z", "1.5", str(svg), "-o", str(svg.with_suffix(".png"))], check=True)


async def main(names: list[str]) -> None:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "demo.sqlite3"
        record = open_record(database)
        populate_demo(record, load_builtin_framework(), today=TODAY)
        record.close()
        for name, (size, theme, steps) in SHOTS.items():
            if names and name not in names:
                continue
            svg = await shoot(name, size, theme, steps, database)
            to_png(svg)
            print(svg.with_suffix(".png"))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
