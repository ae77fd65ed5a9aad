"""``skilltrack report --format markdown|html``: the document for an application or a promotion case."""

import contextlib
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from skilltrack.files import check_output
from tests.cli.helpers import Run, one_error_line


@pytest.fixture
def record(run: Run) -> Run:
    """A record with a profile, time, evidence with a link, a mock interview and a story."""
    steps = [
        ("profile", "--set", "name=Ana <Souza>", "--set", "title=Backend Engineer II"),
        ("profile", "--set", "target_date=2027-06-30", "--set", "career_start=2021-02-01"),
        ("log", "Kafka", "3h", "--date", "2026-11-10"),
        ("skill", "rate", "Python", "4"),
        (
            "evidence",
            "add",
            "Outbox design doc",
            "--kind",
            "design-doc",
            "--expectation",
            "senior.design.design-docs",
            "--link",
            "https://docs.example/outbox?v=1&lang=en",
        ),
        ("interview", "add", "system-design", "--minutes", "60", "--score", "4", "--date", "2026-11-20"),
        (
            "story",
            "add",
            "The broker outage",
            "--situation",
            "Kafka lag at peak",
            "--task",
            "Restore ordering",
            "--action",
            "I led the incident and rolled back",
            "--result",
            "Back in 20 minutes",
            "--theme",
            "incident",
        ),
    ]
    for step in steps:
        result = run(*step)
        assert result.code == 0, (step, result.err)
    return run


def test_the_markdown_report_has_every_section(record: Run) -> None:
    result = record("report", "--format", "markdown")

    assert result.code == 0, result.err
    out = result.out
    assert out.startswith("# Senior readiness\n\n**Ana &lt;Souza&gt;, Backend Engineer II**")
    assert "Target level: Senior, by 2027-06-30." in out
    assert "[Outbox design doc](https://docs.example/outbox?v=1&lang=en)" in out
    sections = [line for line in out.splitlines() if line.startswith("## ")]
    assert sections[-4:] == [
        "## Interview readiness",
        "## Story coverage",
        "## Gaps and next steps",
        "## Plan and forecast",
    ]
    assert "| System design | 1 | 4.0 |" in out
    assert "1 story in the bank." in out
    assert "**Forecast:**" in out
    assert "It assumes:" in out


def test_the_html_report_is_one_escaped_document_with_the_persons_links(record: Run) -> None:
    result = record("report", "--format", "html", "--level", "lead")

    assert result.code == 0, result.err
    out = result.out
    assert out.startswith("<!DOCTYPE html>")
    assert out.rstrip().endswith("</html>")
    assert "<h1>Lead readiness</h1>" in out
    assert "Ana &lt;Souza&gt;, Backend Engineer II" in out
    assert "Ana <Souza>" not in out
    assert '<a href="https://docs.example/outbox?v=1&amp;lang=en">Outbox design doc</a>' in out
    for section in ("Where each area stands", "Evidence", "Interview readiness", "Story coverage"):
        assert f"<h2>{section}</h2>" in out
    assert "<h2>Plan toward Lead and forecast</h2>" in out
    assert "@media print" in out


@pytest.mark.parametrize(("fmt", "start"), [("markdown", "# Senior"), ("html", "<!DOCTYPE html>")])
def test_the_report_written_to_a_file_is_what_the_screen_shows(
    record: Run, tmp_path: Path, fmt: str, start: str
) -> None:
    target = tmp_path / f"report.{fmt}"

    result = record("report", "--format", fmt, "-o", str(target))

    assert result.code == 0, result.err
    assert result.out.strip() == f"Wrote {target}"
    written = target.read_text(encoding="utf-8")
    assert written.startswith(start)
    assert written == record("report", "--format", fmt).out


def test_an_html_report_never_lands_on_the_record_or_a_backup(record: Run) -> None:
    database = Path(os.environ["SKILLTRACK_DB"])
    before = database.read_bytes()
    backups = database.parent / "backups"
    backups.mkdir(exist_ok=True)

    for target in (database, database.with_name(database.name + "-wal"), backups / "r.html"):
        result = record("report", "--format", "html", "-o", str(target))
        assert result.code == 2
        assert one_error_line(result).startswith("skilltrack: output:")
    assert database.read_bytes() == before
    assert not (backups / "r.html").exists()


def test_html_is_listed_among_the_formats_when_one_is_refused(run: Run) -> None:
    result = run("report", "--format", "pdf")

    assert result.code == 2
    assert "text, markdown, html, json" in one_error_line(result)


def test_the_markdown_report_keeps_record_text_as_text_and_links_only_web_addresses(run: Run) -> None:
    steps = [
        (
            "profile",
            "--set",
            "name=<script>alert(1)</script>",
            "--set",
            "title=*Lead* [me](https://x.example)",
        ),
        (
            "evidence",
            "add",
            "[x](javascript:alert(3))",
            "--kind",
            "design-doc",
            "--link",
            "javascript:alert(3)",
        ),
        (
            "evidence",
            "add",
            "<img src=x onerror=alert(2)>",
            "--kind",
            "design-doc",
            "--link",
            "https://ok.example/a b",
        ),
    ]
    for step in steps:
        assert run(*step).code == 0
    out = run("report", "--format", "markdown").out

    assert "<script>" not in out and "<img" not in out
    assert "**&lt;script&gt;alert(1)&lt;/script&gt;, \\*Lead\\* \\[me\\](https://x.example)**" in out
    assert "javascript:" not in out.replace("\\[x\\](javascript:alert(3))", "")
    assert "- 2026-11-24 — \\[x\\](javascript:alert(3))" in out
    assert "[&lt;img src=x onerror=alert(2)&gt;](https://ok.example/a%20b)" in out


def _release(fifo: Path) -> None:
    """Let a reader blocked on ``fifo`` go (it sees the end at once), whatever the test found."""
    with contextlib.suppress(OSError):
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))


def test_checking_a_fifo_as_an_output_never_opens_it(tmp_path: Path) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    checked: list[Path] = []
    checker = threading.Thread(
        target=lambda: checked.append(check_output(fifo, tmp_path / "r.db")), daemon=True
    )

    checker.start()
    checker.join(timeout=5)
    try:
        assert not checker.is_alive(), "check_output waited on the FIFO"
        assert checked == [fifo.absolute()]
    finally:
        _release(fifo)


def _skilltrack(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "skilltrack", *args],
        env=env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=30,
        check=False,
    )


def test_a_report_goes_through_a_fifo(record: Run, real_env: dict[str, str], tmp_path: Path) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")), daemon=True)
    reader.start()
    try:
        done = _skilltrack(["report", "--format", "markdown", "-o", str(fifo)], env=real_env, cwd=tmp_path)
        reader.join(timeout=10)
    finally:
        _release(fifo)

    assert done.returncode == 0, done.stderr
    assert received == [record("report", "--format", "markdown").out]


def test_a_report_to_dev_stdout_in_a_pipe_is_written(
    record: Run, real_env: dict[str, str], tmp_path: Path
) -> None:
    done = _skilltrack(["report", "--format", "markdown", "-o", "/dev/stdout"], env=real_env, cwd=tmp_path)

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# Senior readiness")
