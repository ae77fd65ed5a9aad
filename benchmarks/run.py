"""How skilltrack feels at any history size: the command line and the app on records of ~0, 10,000 and
100,000 sessions over ten years (200 skills, 50 projects, 2,000 evidence entries).

    .venv/bin/python -m benchmarks.run [--quick] [--million] [--runs N] [--out benchmarks/results.md]

Each command runs in a fresh process through the real ``skilltrack`` entry point; its wall time is
measured from launch to exit and its peak memory read from the child's resource usage. ``log`` is measured
next to its floor (``benchmarks/log_floor.py``: a bare Python process doing the same write with the same
pragmas), in the same run. The app runs
in a real terminal (tmux, 100×30): the time until its first frame (the footer's "Quit") and until the
dashboard shows the record ("· best", the streak line that is only drawn from the record), next to a
minimal Textual app measured the same way in the same run, as the floor. Imports of 100,000 sessions
(a skilltrack export and a Watson frames file) go into a fresh copy of the near-empty record.
``sync`` is measured on each record: its first sync into an empty folder, a sync with nothing new,
and a new record receiving everything from the folder. ``--million`` adds a record of 1,000,000
sessions (``log``, ``status`` and the import of its export, whose memory must stay bounded); building
it takes a few minutes the first time each day.

Records are built once per size and day (a record made by skilltrack, filled with plain SQL inserts)
and kept in a cache folder; every run works on a copy. ``--quick``: 3 runs, the ~0 and 100,000 records.
"""

import argparse
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from benchmarks.first_frame import time_until, tmux
from skilltrack.domain.framework import SESSION_KINDS, Framework
from skilltrack.domain.names import name_key
from skilltrack.guide import load_builtin_framework
from skilltrack.record.ddl import SCHEMA_VERSION

HERE = Path(__file__).resolve().parent
SIZES = (0, 10_000, 100_000)
QUICK_SIZES = (0, 100_000)
IMPORT_SIZE = 100_000
MILLION = 1_000_000
SKILLS, PROJECTS, EVIDENCE, YEARS = 200, 50, 2_000, 10
FILLED_MARK = "· best"
"""Drawn by the dashboard's rhythm panel only once the record has been read."""
IGNORED_ENVIRONMENT = ("NO_COLOR", "TEXTUAL_THEME")
"""Not passed on: they change the app's colours and theme."""
BUILD_VERSION = 3
"""Bump when the records built here change shape, so that cached ones are built again."""


# ── building the records ─────────────────────────────────────────────────────────────────────────


def _uuid(chooser: random.Random) -> str:
    return f"{chooser.getrandbits(128):032x}"


def _instant(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def _skill_names(framework: Framework) -> list[tuple[str, str, tuple[str, ...]]]:
    """200 skills: the ladder's own terms first (so readiness has something to weigh), then others."""
    names = [(term.name, term.kind, term.aliases) for term in framework.skills][:SKILLS]
    names += [(f"Skill {number:03d}", "other", ()) for number in range(len(names), SKILLS)]
    return names


def build_record(path: Path, sessions: int, framework: Framework, today: date, env: dict[str, str]) -> None:
    """A record made by skilltrack itself (setting a name starts one), then filled in one transaction of
    plain inserts (recorded for sync by the record's own triggers, as a record written by hand is)."""
    subprocess.run(
        [skilltrack_command(), "profile", "--set", "name=Bench", "--db", str(path)],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    chooser = random.Random(sessions)
    now = datetime.now(UTC)
    first_day = today - timedelta(days=365 * YEARS)
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(
            "UPDATE profile SET title = 'Backend engineer', career_started_on = ?, target_level = ?, "
            "target_date = NULL, time_zone = NULL, updated_at_utc = ? WHERE id = 1",
            (
                (first_day - timedelta(days=730)).isoformat(),
                framework.levels[1].id,
                _instant(now),
            ),
        )
        taken: set[str] = set()
        skill_ids = []
        for number, (name, kind, aliases) in enumerate(_skill_names(framework), start=1):
            taken.add(name_key(name))
            connection.execute(
                "INSERT INTO skill (id, uuid, name, name_key, kind, created_at_utc) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (number, _uuid(chooser), name, name_key(name), kind, _instant(now)),
            )
            skill_ids.append(number)
            for alias in aliases:
                if name_key(alias) not in taken:
                    taken.add(name_key(alias))
                    connection.execute(
                        "INSERT INTO skill_alias (skill_id, alias, alias_key) VALUES (?, ?, ?)",
                        (number, alias, name_key(alias)),
                    )
            for rated in range(chooser.randrange(0, 3)):
                connection.execute(
                    "INSERT INTO skill_rating (uuid, skill_id, level, rated_on, note, created_at_utc) "
                    "VALUES (?, ?, ?, ?, '', ?)",
                    (
                        _uuid(chooser),
                        number,
                        chooser.randrange(1, 6),
                        (today - timedelta(days=400 * (2 - rated))).isoformat(),
                        _instant(now),
                    ),
                )
        for number in range(1, PROJECTS + 1):
            started = first_day + timedelta(days=number * 70)
            ended = started + timedelta(days=200) if number < PROJECTS - 3 else None
            connection.execute(
                "INSERT INTO project (id, uuid, name, name_key, role, started_on, ended_on, in_production, "
                "impact, links, created_at_utc) "
                "VALUES (?, ?, ?, ?, 'backend engineer', ?, ?, ?, '', '[]', ?)",
                (
                    number,
                    _uuid(chooser),
                    f"Project {number:02d}",
                    f"project {number:02d}",
                    started.isoformat(),
                    ended.isoformat() if ended else None,
                    number % 2,
                    _instant(now),
                ),
            )
            for skill_id in chooser.sample(skill_ids, 4):
                connection.execute(
                    "INSERT INTO project_skill (project_id, skill_id) VALUES (?, ?)", (number, skill_id)
                )
        kinds = [kind.id for kind in framework.evidence_kinds]
        expectations = [expectation.id for expectation in framework.expectations]
        connection.executemany(
            "INSERT INTO evidence (uuid, kind, expectation_id, occurred_on, title, project_id, link, note, "
            "created_at_utc) VALUES (?, ?, ?, ?, ?, ?, '', '', ?)",
            (
                (
                    _uuid(chooser),
                    chooser.choice(kinds),
                    chooser.choice(expectations) if number % 3 else None,
                    (first_day + timedelta(days=chooser.randrange(365 * YEARS + 1))).isoformat(),
                    f"Evidence {number}",
                    chooser.randrange(1, PROJECTS + 1) if number % 2 else None,
                    _instant(now),
                )
                for number in range(EVIDENCE)
            ),
        )
        connection.executemany(
            "INSERT INTO learning_session (uuid, skill_id, started_at_utc, time_zone, local_day, minutes, "
            "kind, note, created_at_utc) VALUES (?, ?, ?, 'UTC', ?, ?, ?, '', ?)",
            _sessions(sessions, chooser, skill_ids, first_day, today),
        )
        connection.execute("COMMIT")
    finally:
        connection.close()


def _sessions(
    count: int, chooser: random.Random, skill_ids: list[int], first_day: date, today: date
) -> list[tuple[object, ...]]:
    """``count`` sessions spread over the ten years up to yesterday, several a day when there are many."""
    span = (today - first_day).days
    favourites = skill_ids[:40]
    rows: list[tuple[object, ...]] = []
    for number in range(count):
        day = first_day + timedelta(days=number * span // count)
        slot = number - (day - first_day).days * count // span
        start = datetime(day.year, day.month, day.day, 6, tzinfo=UTC) + timedelta(minutes=40 * (slot % 30))
        skill = chooser.choice(favourites) if chooser.random() < 0.8 else chooser.choice(skill_ids)
        stamp = _instant(start)
        rows.append(
            (
                _uuid(chooser),
                skill,
                stamp,
                day.isoformat(),
                chooser.randrange(10, 40),
                chooser.choice(SESSION_KINDS),
                stamp,
            )
        )
    return rows


def write_watson_frames(path: Path, count: int, today: date) -> None:
    """A Watson ``frames`` file: ``[start, stop, project, id, [tags], updated_at]``, an hour apart."""
    chooser = random.Random(count)
    last = int(datetime(today.year, today.month, today.day, tzinfo=UTC).timestamp()) - 86_400
    projects = ("go", "postgres", "kafka", "k8s", "system-design", "redis", "side-project")
    tags = ("study", "practice", "reading", "build", "indexes", "tracing")
    frames = []
    for number in range(count):
        start = last - (count - 1 - number) * 3600
        stop = start + chooser.randrange(5, 56) * 60
        frames.append(
            [start, stop, chooser.choice(projects), _uuid(chooser), chooser.sample(tags, 2), stop + 60]
        )
    path.write_text(json.dumps(frames, indent=1), encoding="utf-8")


def skilltrack_command() -> str:
    found = shutil.which("skilltrack", path=str(Path(sys.executable).parent))
    if found is None:
        sys.exit("the skilltrack command is not installed beside this Python (uv sync, or pip install -e .)")
    return found


def cached_records(
    cache: Path, sizes: tuple[int, ...], env: dict[str, str], *, frames: bool = True
) -> dict[int, Path]:
    """The records of ``sizes`` (and, with ``frames``, the empty one and a Watson file under ``-1``)."""
    framework = load_builtin_framework()
    today = date.today()
    cache.mkdir(parents=True, exist_ok=True)
    records = {}
    for size in sorted({*sizes, 0} if frames else set(sizes)):
        path = cache / f"record-{size}-{today}-s{SCHEMA_VERSION}-b{BUILD_VERSION}.sqlite3"
        if not path.exists():
            started = time.perf_counter()
            building = path.with_suffix(".building")
            building.unlink(missing_ok=True)
            shutil.rmtree(building.parent / "backups", ignore_errors=True)
            build_record(building, size, framework, today, env)
            building.rename(path)
            print(
                f"built the {size:,}-session record in {time.perf_counter() - started:.1f} s", file=sys.stderr
            )
        records[size] = path
    if frames:
        watson = cache / f"watson-{IMPORT_SIZE}-{today}.json"
        if not watson.exists():
            write_watson_frames(watson, IMPORT_SIZE, today)
        records[-1] = watson
    return records


# ── measuring ───────────────────────────────────────────────────────────────────────────────────


@dataclass
class Measure:
    seconds: list[float] = field(default_factory=list)
    peak_kib: list[int] = field(default_factory=list)

    def time_cell(self) -> str:
        if not self.seconds:
            return "–"
        ms = [value * 1000 for value in self.seconds]
        return f"{statistics.median(ms):.0f} ({min(ms):.0f}–{max(ms):.0f})"

    def memory_cell(self) -> str:
        return f"{statistics.median(self.peak_kib) / 1024:.0f}" if self.peak_kib else "–"

    @property
    def median_ms(self) -> float:
        return statistics.median(self.seconds) * 1000

    @property
    def median_mib(self) -> float:
        return statistics.median(self.peak_kib) / 1024


def run_once(command: list[str], env: dict[str, str], measure: Measure | None) -> None:
    """Run ``command`` through benchmarks.peak (see there why) and note its time and peak memory."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "peak"
        wrapped = [sys.executable, str(HERE / "peak.py"), str(out), *command]
        done = subprocess.run(
            wrapped, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
        )
        if done.returncode:
            message = done.stderr.decode(errors="replace").strip()
            raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}): {message}")
        seconds, peak = out.read_text().split()
    if measure is not None:
        measure.seconds.append(float(seconds))
        measure.peak_kib.append(int(peak))


def measure_command(command: list[str], env: dict[str, str], runs: int, fresh: Path | None = None) -> Measure:
    """``runs`` timed runs after one untimed warm-up; ``fresh`` is copied over the record before each."""
    measure = Measure()
    for run in range(runs + 1):
        if fresh is not None:
            record = Path(env["SKILLTRACK_DB"])
            for leftover in (record, Path(f"{record}-wal"), Path(f"{record}-shm")):
                leftover.unlink(missing_ok=True)
            shutil.copyfile(fresh, record)
        run_once(command, env, measure if run else None)
    return measure


def measure_sync(
    rows: dict[str, dict[int, Measure]],
    skilltrack: str,
    env: dict[str, str],
    work: Path,
    size: int,
    runs: int,
) -> None:
    """``sync`` of the record of ``size`` sessions: its first sync into an empty folder (it sends every
    operation), a quiet one (nothing new on either side), and a new record on a second machine receiving
    it all. Each first sync starts from a fresh copy, each receipt from no record at all."""
    record = Path(env["SKILLTRACK_DB"])
    pristine = work / f"sync-pristine-{size}.sqlite3"
    shutil.copyfile(record, pristine)
    folder = work / f"sync-{size}"
    first = Measure()
    for run in range(runs + 1):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        _fresh(record, pristine)
        run_once([skilltrack, "sync", str(folder)], env, first if run else None)
    rows.setdefault("sync: first (sends every change)", {})[size] = first
    quiet = measure_command([skilltrack, "sync", str(folder)], env, runs)
    rows.setdefault("sync: nothing new", {})[size] = quiet
    receiver = work / f"sync-receiver-{size}.sqlite3"
    at = {**env, "SKILLTRACK_DB": str(receiver)}
    received = Measure()
    for run in range(min(runs, 3) + 1):
        for leftover in (receiver, Path(f"{receiver}-wal"), Path(f"{receiver}-shm")):
            leftover.unlink(missing_ok=True)
        run_once([skilltrack, "sync", str(folder)], at, received if run else None)
        replica = _replica_of(receiver)
        for own in folder.glob(f"*{replica}*"):  # the next run starts as the first did
            own.unlink()
    rows.setdefault("sync: a new record receives it all", {})[size] = received


def _fresh(record: Path, pristine: Path) -> None:
    for leftover in (record, Path(f"{record}-wal"), Path(f"{record}-shm")):
        leftover.unlink(missing_ok=True)
    shutil.copyfile(pristine, record)


def _replica_of(record: Path) -> str:
    connection = sqlite3.connect(f"file:{record}?mode=ro", uri=True)
    try:
        return str(connection.execute("SELECT replica FROM sync_replica").fetchone()[0])
    finally:
        connection.close()


def measure_app(command: list[str], env: dict[str, str], runs: int, marks: list[str]) -> list[Measure]:
    """Time to each mark on a real terminal, then peak memory in runs wrapped by benchmarks.peak."""
    measures = [Measure() for _ in marks]
    time_until(command, env, marks)  # warm-up: the first launch reads from a cold disk cache
    for _ in range(runs):
        for measure, seconds in zip(measures, time_until(command, env, marks), strict=True):
            measure.seconds.append(seconds)
    with tempfile.TemporaryDirectory() as folder:
        for run in range(min(runs, 3)):
            out = Path(folder) / f"peak-{run}"
            time_until([sys.executable, str(HERE / "peak.py"), str(out), *command], env, marks, wait_for=out)
            measures[-1].peak_kib.append(int(out.read_text().split()[1]))
    return measures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="3 runs, the ~0 and 100,000 records only")
    parser.add_argument("--million", action="store_true", help="also log, status and import at 1,000,000")
    parser.add_argument("--runs", type=int, help="timed runs per measure (default 7, quick 3)")
    parser.add_argument("--out", type=Path, default=HERE / "results.md", help="where to write the table")
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "skilltrack-bench", help="built records"
    )
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        sys.exit("tmux is needed to measure the app in a real terminal")
    runs = args.runs or (3 if args.quick else 7)
    sizes = QUICK_SIZES if args.quick else SIZES
    skilltrack = skilltrack_command()
    rows: dict[str, dict[int, Measure]] = {}
    with tempfile.TemporaryDirectory(prefix="skilltrack-bench-") as work_folder:
        work = Path(work_folder)
        env = {
            **{key: value for key, value in os.environ.items() if key not in IGNORED_ENVIRONMENT},
            "SKILLTRACK_CONFIG": str(work / "config.toml"),
            "TERM": "xterm-256color",
            # Compiled modules are kept, as after an install (pip compiles them; Python writes them on first
            # use), in the work folder so that nothing is written into the tree. Empty, not unset: the app
            # runs under tmux, whose server passes on its own environment.
            "PYTHONDONTWRITEBYTECODE": "",
            "PYTHONPYCACHEPREFIX": str(work / "pycache"),
        }
        records = cached_records(args.cache, sizes, env)
        for size in sizes:
            print(f"measuring the {size:,}-session record…", file=sys.stderr)
            record = work / f"record-{size}.sqlite3"
            shutil.copyfile(records[size], record)
            at = {**env, "SKILLTRACK_DB": str(record)}
            run_once([skilltrack, "status"], at, None)  # makes today's automatic backup, untimed
            skill = load_builtin_framework().skills[0].name
            rows.setdefault("log: floor (bare Python, same write)", {})[size] = measure_command(
                [sys.executable, str(HERE / "log_floor.py"), str(record), name_key(skill)], at, runs
            )
            rows.setdefault("log", {})[size] = measure_command(
                [skilltrack, "log", skill, "25m", "--note", "benchmark"], at, runs
            )
            rows.setdefault("status", {})[size] = measure_command([skilltrack, "status"], at, runs)
            rows.setdefault("report", {})[size] = measure_command([skilltrack, "report"], at, runs)
            progress = [skilltrack, "progress"]
            rows.setdefault("progress (52 weeks)", {})[size] = measure_command(progress, at, runs)
            exported = work / f"export-{size}.json"
            rows.setdefault("export (json)", {})[size] = measure_command(
                [skilltrack, "export", "--format", "json", "-o", str(exported)], at, runs
            )
            measure_sync(rows, skilltrack, at, work, size, runs)
            (minimal,) = measure_app([sys.executable, str(HERE / "minimal_app.py")], at, runs, ["Quit"])
            first, filled = measure_app([skilltrack], at, runs, ["Quit", FILLED_MARK])
            rows.setdefault("minimal Textual app: first frame", {})[size] = minimal
            rows.setdefault("app: first frame", {})[size] = first
            rows.setdefault("app: dashboard filled", {})[size] = filled
        print("measuring imports…", file=sys.stderr)
        target = work / "import-target.sqlite3"
        at = {**env, "SKILLTRACK_DB": str(target)}
        exported = work / "import-source.json"
        big = work / "big.sqlite3"
        shutil.copyfile(records[max(sizes)], big)
        run_once(
            [skilltrack, "export", "--format", "json", "-o", str(exported)],
            {**env, "SKILLTRACK_DB": str(big)},
            None,
        )
        import_runs = max(3, min(runs, 5))
        rows.setdefault("import 100,000 (skilltrack json)", {})[IMPORT_SIZE] = measure_command(
            [skilltrack, "import", str(exported)], at, import_runs, fresh=records[0]
        )
        rows.setdefault("import 100,000 (Watson frames)", {})[IMPORT_SIZE] = measure_command(
            [skilltrack, "import", "--from", "watson", str(records[-1])], at, import_runs, fresh=records[0]
        )
        if args.million:
            measure_million(rows, skilltrack, env, work, args.cache, records[0])
    tmux("kill-server")
    text = render(rows, sizes, runs)
    args.out.write_text(text, encoding="utf-8")
    print(text)


def measure_million(
    rows: dict[str, dict[int, Measure]],
    skilltrack: str,
    env: dict[str, str],
    work: Path,
    cache: Path,
    empty: Path,
) -> None:
    """``log`` and ``status`` on a record of 1,000,000 sessions, and the import of its export (3 runs)."""
    print("measuring the 1,000,000-session record…", file=sys.stderr)
    (built,) = cached_records(cache, (MILLION,), env, frames=False).values()
    record = work / "record-million.sqlite3"
    shutil.copyfile(built, record)
    at = {**env, "SKILLTRACK_DB": str(record)}
    run_once([skilltrack, "status"], at, None)
    skill = load_builtin_framework().skills[0].name
    rows.setdefault("log", {})[MILLION] = measure_command([skilltrack, "log", skill, "25m"], at, 3)
    rows.setdefault("status", {})[MILLION] = measure_command([skilltrack, "status"], at, 3)
    exported = work / "million.json"
    run_once([skilltrack, "export", "--format", "json", "-o", str(exported)], at, None)
    target = {**env, "SKILLTRACK_DB": str(work / "million-target.sqlite3")}
    rows.setdefault("import 1,000,000 (skilltrack json)", {})[MILLION] = measure_command(
        [skilltrack, "import", str(exported)], target, 3, fresh=empty
    )


def render(rows: dict[str, dict[int, Measure]], sizes: tuple[int, ...], runs: int) -> str:
    columns = sorted({*sizes, IMPORT_SIZE, *(size for by_size in rows.values() for size in by_size)})
    head = ["measure", *(f"{size:,} sessions" if size else "~0 sessions" for size in columns)]
    lines = [
        "# skilltrack benchmark",
        "",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {_commit()} · Python {platform.python_version()} · "
        f"{os.cpu_count()} cores · load {os.getloadavg()[0]:.2f} at the end · "
        f"median (min–max) of {runs} runs, ms; imports of {max(3, min(runs, 5))} runs · "
        "bytecode cached, as after an install",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    for name, by_size in rows.items():
        lines.append(
            f"| {name} | "
            + " | ".join(by_size[size].time_cell() if size in by_size else "" for size in columns)
            + " |"
        )
    lines += ["", "Peak memory (MiB, median):", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, by_size in rows.items():
        if any(measure.peak_kib for measure in by_size.values()):
            lines.append(
                f"| {name.replace(': first frame', '').replace(': dashboard filled', '')} | "
                + " | ".join(by_size[size].memory_cell() if size in by_size else "" for size in columns)
                + " |"
            )
    lines += ["", "Targets:", ""] + [f"- {line}" for line in targets(rows, sizes)]
    return "\n".join(lines) + "\n"


def targets(rows: dict[str, dict[int, Measure]], sizes: tuple[int, ...]) -> list[str]:
    """The targets of "One way to the record", each met or MISSED with its figures."""
    big, small = max(sizes), min(sizes)
    found = []

    def check(ok: bool, text: str) -> None:
        found.append(f"{'met' if ok else 'MISSED'}: {text}")

    floor = rows["log: floor (bare Python, same write)"][small].median_ms
    log_big, log_small = rows["log"][big].median_ms, rows["log"][small].median_ms
    check(log_small <= 2 * floor, f"log {log_small:.0f} ms ≤ 2 × its floor {floor:.0f} ms")
    check(
        log_big <= 1.1 * log_small, f"log at {big:,} {log_big:.0f} ms ≤ 1.1 × near-empty {log_small:.0f} ms"
    )
    for name in ("status", "report"):
        value = rows[name][big].median_ms
        check(value <= 150, f"{name} at {big:,} {value:.0f} ms ≤ 150 ms")
    progress = rows["progress (52 weeks)"][big].median_ms
    check(progress <= 500, f"progress (52 weeks) at {big:,} {progress:.0f} ms ≤ 500 ms")
    for size in sizes:
        minimal = rows["minimal Textual app: first frame"][size].median_ms
        frame = rows["app: first frame"][size].median_ms
        check(
            frame <= 1.15 * minimal,
            f"app first frame at {size:,} {frame:.0f} ms ≤ 1.15 × minimal {minimal:.0f} ms",
        )
    filled = rows["app: dashboard filled"][big].median_ms - rows["app: first frame"][big].median_ms
    check(filled <= 300, f"dashboard filled {filled:.0f} ms after the first frame at {big:,} (≤ 300 ms)")
    for name in ("import 100,000 (skilltrack json)", "import 100,000 (Watson frames)"):
        measure = rows[name][IMPORT_SIZE]
        seconds = measure.median_ms / 1000
        check(seconds <= 2.5, f"{name} {seconds:.2f} s ≤ 2.5 s")
        check(measure.median_mib <= 120, f"{name} peak {measure.median_mib:.0f} MiB ≤ 120 MiB")
    exported = rows["export (json)"][big].median_ms / 1000
    check(exported <= 1.0, f"export (json) at {big:,} {exported:.2f} s ≤ 1.0 s")
    quiet = rows["sync: nothing new"][big].median_ms / 1000
    check(quiet <= 0.5, f"sync with nothing new at {big:,} {quiet:.2f} s ≤ 0.5 s")
    if MILLION in rows["log"]:
        for name in ("log", "status"):
            at_million, at_big = rows[name][MILLION].median_ms, rows[name][big].median_ms
            check(
                at_million <= 1.1 * at_big,
                f"{name} at 1,000,000 {at_million:.0f} ms ≤ 1.1 × at {big:,} {at_big:.0f} ms",
            )
        peak = rows["import 1,000,000 (skilltrack json)"][MILLION].median_mib
        check(peak <= 150, f"import 1,000,000 peak {peak:.0f} MiB ≤ 150 MiB")
    return found


def _commit() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True, text=True, check=False
    )
    return f"commit {done.stdout.strip()}" if done.returncode == 0 else "no commit"


if __name__ == "__main__":
    main()
