"""The HTML readiness report as a browser prints it: ``skilltrack report --format html`` on the demo record,
printed to PDF by headless Chromium, read back with poppler's ``pdftotext -layout``.

What a string test of the HTML cannot see: that the marks survive a real font, that the print stylesheet
leaves the summary, the claims and every area on the pages, and that no markup or escaped entity is
printed as text. CI installs ``chromium`` and ``poppler-utils`` (``.ci/run``); elsewhere the test skips.
"""

import io
import os
import re
import shutil
import signal
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from skilltrack.cli import main
from skilltrack.demo import populate_demo
from skilltrack.domain.framework import Framework
from skilltrack.domain.readiness import Status
from skilltrack.domain.report import ReportData
from skilltrack.record.opener import Record
from skilltrack.record.overview import load_report
from skilltrack.render.readiness import STATUS_MARKS
from tests.conftest import NOW, TODAY

# Chromium on a machine with no network and no display: no sandbox (CI runs as root), no GPU, nothing
# fetched in the background, and a new empty profile each time.
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
PRINT_SECONDS = 120
TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
ENTITY = re.compile(r"&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);")
STREAM = re.compile(rb"stream\r?\n")
CMAP_CHAR = re.compile(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
CMAP_RANGE = re.compile(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])")


def tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian: apt-get install {package}; .ci/run installs it)")
    return path


def print_to_pdf(chromium: str, page: Path, pdf: Path, profile: Path) -> None:
    """``page`` printed by headless Chromium to ``pdf``, without the browser's date and URL lines."""
    command = [
        chromium,
        *CHROMIUM_FLAGS,
        f"--user-data-dir={profile}",
        "--no-pdf-header-footer",
        f"--print-to-pdf={pdf}",
        page.as_uri(),
    ]
    # Its own process group, so a browser that hangs is ended with every helper process it started.
    browser = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = browser.communicate(timeout=PRINT_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(browser.pid, signal.SIGKILL)
        browser.communicate()
        pytest.fail(f"chromium did not print {page.name} within {PRINT_SECONDS} s")
    assert browser.returncode == 0, f"chromium exited with {browser.returncode}:\n{out}\n{err}"
    assert pdf.is_file(), f"chromium wrote no PDF:\n{out}\n{err}"


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(
        [tool("pdfinfo", "poppler-utils"), str(pdf)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    found = re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE)
    assert found is not None, info
    return int(found.group(1))


def pdf_text(pdftotext: str, pdf: Path) -> str:
    """The printed text, each page laid out as it stands on the page (pages end with a form feed)."""
    completed = subprocess.run(
        [pdftotext, "-layout", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        check=True,
        timeout=60,
    )
    return completed.stdout.decode("utf-8")


def drawn_characters(pdf: bytes) -> set[str]:
    """The characters some font of ``pdf`` draws with a glyph of its own: what its ToUnicode maps name.

    A character no installed font has is drawn as glyph 0, an empty box; Chromium then names it in an
    ``/ActualText`` span, so pdftotext still extracts it and only the fonts' maps tell it is missing.
    """
    drawn: set[str] = set()
    for start in STREAM.finditer(pdf):
        try:  # zlib stops at the stream's end; streams that are not Flate (none of Chromium's) are skipped
            content = zlib.decompressobj().decompress(pdf[start.end() :])
        except zlib.error:
            continue
        if b"begincmap" not in content:
            continue
        cmap = content.decode("latin-1")
        for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.DOTALL):
            drawn.update(_utf16(target) for glyph, target in CMAP_CHAR.findall(block) if int(glyph, 16))
        for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.DOTALL):
            for low, high, targets in CMAP_RANGE.findall(block):
                if targets.startswith("["):
                    drawn.update(_utf16(target) for target in re.findall(r"<([0-9A-Fa-f]+)>", targets))
                    continue
                first = _utf16(targets.strip("<>"))
                if len(first) != 1:  # a ligature's letters: only the first glyph of the range
                    drawn.add(first)
                    continue
                span = range(int(high, 16) - int(low, 16) + 1)
                drawn.update(chr(ord(first) + offset) for offset in span)
    return drawn


def _utf16(hex_text: str) -> str:
    return bytes.fromhex(hex_text).decode("utf-16-be", errors="replace")


def flat(text: str) -> str:
    """``text`` with every run of spaces, line ends and page breaks as one space: wrapped lines joined."""
    return " ".join(text.split())


def write_report(output: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """``skilltrack report --format html -o OUTPUT`` for the target level, at the fixed instant NOW."""
    monkeypatch.setenv("SKILLTRACK_NOW", NOW)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    capsys.readouterr()
    code = main(["report", "--format", "html", "-o", str(output)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert output.is_file(), captured.out


@pytest.fixture
def demo(record: Record, framework: Framework) -> ReportData:
    """The demo record on the isolated record file, and the report data the expected figures come from."""
    populate_demo(record, framework, today=TODAY)
    with record.reading() as db:
        return load_report(db, framework=framework, today=TODAY, level_id=None)


def test_the_printed_report_holds_the_summary_areas_marks_claims_and_levels(
    demo: ReportData,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    chromium = tool("chromium", "chromium")
    pdftotext = tool("pdftotext", "poppler-utils")
    level = demo.level
    claimed = level.results_of(Status.CLAIMED)
    # What the checks below are about has to be in the record to be checked at all.
    assert level.level.id == demo.target_level
    assert claimed, "the demo record has no claimed expectation at its target level"
    assert level.met, "the demo record shows no expectation of its target level"

    page = tmp_path / "report.html"
    pdf = tmp_path / "out.pdf"
    write_report(page, monkeypatch, capsys)
    print_to_pdf(chromium, page, pdf, tmp_path / "chromium-profile")

    assert pdf.read_bytes().startswith(b"%PDF-")
    assert pdf_pages(pdf) >= 1
    laid_out = pdf_text(pdftotext, pdf)
    text = flat(laid_out)

    # Nothing printed as markup or as an escaped entity.
    assert TAG.search(laid_out) is None, TAG.search(laid_out)
    assert "&amp;" not in text
    assert ENTITY.search(text) is None, ENTITY.search(text)

    # The summary: the level, the person, the day, the percent and what it is made of.
    title = level.level.title
    assert text.startswith(f"{title} readiness {demo.who} "), text[:200]
    assert f"{demo.framework.name} · {TODAY.isoformat()}" in text
    assert (
        f"{level.percent}% ready for {title}: {level.counts}; {level.shown_percent}% is shown by the "
        "record alone." in text
    )

    # Every mark of a status the level has, printed with a real glyph: extracted text alone would pass
    # an empty box (see drawn_characters). DejaVu Sans has all four; Chromium's Liberation fonts none.
    drawn = drawn_characters(pdf.read_bytes())
    for status, mark in STATUS_MARKS.items():
        if level.count(status):
            assert mark in text, f"{mark} ({status.value}) is not in the printed text"
            assert mark in drawn, (
                f"{mark} ({status.value}) printed as an empty box: install fonts-dejavu-core"
            )
    assert STATUS_MARKS[Status.MET] in text
    assert STATUS_MARKS[Status.CLAIMED] in text

    # The levels table, its Shown column included, one line a level.
    assert re.search(r"^\s*Level\s+Ready\s+Shown\s+Met\s+Partial\s+Claimed\s*$", laid_out, re.MULTILINE)
    for other in demo.readiness.levels:
        mine = r" \(target\)" if other.level.id == demo.target_level else ""
        partial, claims_here = other.count(Status.PARTIAL), other.count(Status.CLAIMED)
        row = (
            rf"^\s*{re.escape(other.level.title)}{mine}\s+{other.percent}%\s+{other.shown_percent}%\s+"
            rf"{other.met} of {other.total}\s+{partial}\s+{claims_here}\s*$"
        )
        assert re.search(row, laid_out, re.MULTILINE), f"no row for {other.level.title}: {row}"

    # "Claimed, not shown yet", before the areas, with each claimed expectation marked ◇.
    assert "Claimed, not shown yet" in text
    claims = text.split("Claimed, not shown yet", 1)[1].split("Where each area stands", 1)[0]
    for result in claimed:
        assert f"{STATUS_MARKS[Status.CLAIMED]} {result.expectation.title}" in claims

    # A heading for every area the level has expectations in, with how many of them the record shows.
    assert "Where each area stands" in text
    areas = text.split("Where each area stands", 1)[1]
    in_level = {result.expectation.area for result in level.results}
    assert in_level
    for area in demo.framework.areas:
        if area.id not in in_level:
            continue
        results = [result for result in level.results if result.expectation.area == area.id]
        met = sum(result.status is Status.MET for result in results)
        assert f"{area.title} {met} of {len(results)} met" in areas, area.title
