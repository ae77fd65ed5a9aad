"""Make the README's screenshots: every screen of the app on the demo record, as SVG and PNG, and the
first page of its HTML readiness report as a browser prints it.

    .venv/bin/python scripts/screenshots.py            # writes screenshots/*.svg and *.png
    .venv/bin/python scripts/screenshots.py report-print   # only the ones named

PNG needs rsvg-convert (Debian: librsvg2-bin) with fonts-firacode and fonts-symbola installed; the printed
report (report-print.png) needs chromium and pdftoppm (Debian: chromium, poppler-utils).
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
from skilltrack.record.overview import load_report
from skilltrack.render.report import render_report
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


# Headless Chromium on a machine with no network or display (as tests/render/test_report_in_browser.py).
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
REPORT_PRINT = "report-print"


def report_print(database: Path, folder: Path) -> Path | None:
    """The demo record's HTML report printed to PDF by Chromium, its first page as ``report-print.png``."""
    chromium, pdftoppm = shutil.which("chromium"), shutil.which("pdftoppm")
    if chromium is None or pdftoppm is None:
        print("chromium or pdftoppm not found: no report-print.png", file=sys.stderr)
        return None
    record = open_record(database)
    try:
        with record.reading() as db:
            data = load_report(db, framework=load_builtin_framework(), today=TODAY, level_id=None)
    finally:
        record.close()
    page, pdf = folder / "report.html", folder / "report.pdf"
    page.write_text(render_report(data, "html"), encoding="utf-8")
    subprocess.run(
        [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={folder / 'chromium-profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,  # Chromium logs every D-Bus service it cannot reach
        timeout=120,
    )
    png = OUT / f"{REPORT_PRINT}.png"
    prefix = png.with_suffix("")
    subprocess.run(
        [pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(prefix)], check=True
    )
    return png


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
        if not names or REPORT_PRINT in names:
            printed = report_print(database, Path(folder))
            if printed is not None:
                print(printed)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
