"""Hypothesis: whatever file is imported, the command succeeds or refuses (exit 0 or 2), never crashes,
and never imports half: the record either stays exactly as it was or gains exactly what a dry run of
the same file said it would add (and, for a valid generated file, exactly its sessions)."""

import json
import re
import shutil
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skilltrack.cli import main
from skilltrack.domain.errors import InputError
from skilltrack.domain.postings.text import clean_posting_text
from skilltrack.domain.stories import clean_part
from skilltrack.domain.text import clean_note
from skilltrack.transfer.document import SECTIONS
from tests.conftest import NOW
from tests.transfer.helpers import record_with_sessions, row_counts

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
NOW_EPOCH = 1795545000  # 2026-11-24T18:30:00Z, the tests' fixed now
DAY = 86400

pytestmark = pytest.mark.usefixtures("fixed_clock")


@pytest.fixture
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SKILLTRACK_NOW", NOW)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A record with a few sessions, made once; each example imports into its own copy."""
    return record_with_sessions(
        tmp_path_factory.mktemp("template") / "record.sqlite3", dict.fromkeys(range(1, 4), "")
    )


def added(out: str) -> int:
    match = re.search(r"(?:Imported|would import) (\d+) session", out) or re.search(
        r"^sessions\s+(\d+)\s+\d+$", out, re.MULTILINE
    )
    assert match is not None, out
    return int(match.group(1))


def import_checked(capsys: pytest.CaptureFixture[str], template: Path, text: str | bytes) -> int | None:
    """Import ``text`` into a fresh copy of the template; the number of sessions added, or None if refused.

    Exit 0 or 2 only, one line on a refusal, no traceback; refused: every table exactly as it was;
    accepted: exactly the sessions the import reported (counted before anything was written) more.
    """
    with tempfile.TemporaryDirectory(prefix="skilltrack-import-fuzz-") as folder:
        record = Path(folder) / "record.sqlite3"
        shutil.copyfile(template, record)
        path = Path(folder) / "import-file"
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
        before = row_counts(record)
        capsys.readouterr()
        code = main(["--db", str(record), "import", str(path)])
        out, err = capsys.readouterr()
        assert code in (0, 2), err
        assert "Traceback" not in err and "unexpected problem" not in err, err
        after = row_counts(record)
        if code == 2:
            assert len(err.strip().splitlines()) == 1, err
            assert out == ""
            assert after == before
            return None
        count = added(out)
        assert after["learning_session"] == before["learning_session"] + count
        # A skilltrack export's other new rows: exactly what the summary said (counted before writing).
        for label, table in (
            ("saved postings", "posting"),
            ("mock interviews", "interview_practice"),
            ("stories", "story"),
        ):
            match = re.search(rf"^{label}\s+(\d+)\s+\d+$", out, re.MULTILINE)
            assert after[table] == before[table] + (int(match.group(1)) if match else 0), (table, out)
        return count


# --- random JSON ------------------------------------------------------------------------------------

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
    | st.sampled_from(["20261102T190000Z", "2026-11-02T19:00:00+00:00", "go", "study", "2026-11-02"])
)
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=8), children, max_size=5)
    ),
    max_leaves=20,
)
FIELDS = [
    "id",
    "project",
    "start",
    "stop",
    "end",
    "tags",
    "annotation",
    "uuid",
    "skill_uuid",
    "minutes",
    "kind",
    "session_uuid",
    "round",
    "score",
    "rubric",
    "title",
    "status",
    "themes",
]
records = st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=6)
shaped = st.one_of(
    json_values,
    st.lists(json_values, max_size=4),
    st.lists(st.lists(json_values, max_size=7), max_size=4),
    st.lists(records, max_size=4),
    st.builds(
        lambda sections: {"format": "skilltrack", "schema_version": 2, **sections},
        st.dictionaries(
            st.sampled_from(SECTIONS),
            st.lists(records, max_size=3) | json_values,
            max_size=4,
        ),
    ),
)


@FUZZ
@given(content=shaped.map(json.dumps) | st.text(max_size=200) | st.binary(max_size=200))
def test_random_files_never_crash_nor_import_half(
    capsys: pytest.CaptureFixture[str], template: Path, content: str | bytes
) -> None:
    import_checked(capsys, template, content)


# --- mutated valid files ----------------------------------------------------------------------------

PROJECTS = ["go", "golang", "postgres", "kafka", "k8s", "system-design", "Redis", "side-project", "new thing"]
TAGS = ["study", "practice", "reading", "mock interview", "build", "indexes", "tracing", "grpc"]
SKILL_TAGS = ["go", "kafka", "postgres", "k8s", "terraform"]


@st.composite
def watson_frames(draw: st.DrawFn) -> list[list[object]]:
    """Valid frames: distinct ids, each on its own day (so none is a duplicate of another)."""
    days = draw(st.lists(st.integers(min_value=1, max_value=3000), unique=True, max_size=8))
    frames: list[list[object]] = []
    for number, day in enumerate(days):
        start = NOW_EPOCH - day * DAY + draw(st.integers(min_value=0, max_value=DAY // 2))
        stop = start + draw(st.integers(min_value=0, max_value=DAY))
        tags = draw(st.lists(st.sampled_from(TAGS), max_size=3))
        frames.append([start, stop, draw(st.sampled_from(PROJECTS)), f"{number:x}{day:08x}", tags, stop])
    return frames


@st.composite
def timew_intervals(draw: st.DrawFn) -> list[dict[str, object]]:
    days = draw(st.lists(st.integers(min_value=1, max_value=3000), unique=True, max_size=8))
    intervals: list[dict[str, object]] = []
    for number, day in enumerate(days):
        start = NOW_EPOCH - day * DAY + draw(st.integers(min_value=0, max_value=DAY // 2))
        stop = start + draw(st.integers(min_value=0, max_value=DAY))
        tags = sorted({draw(st.sampled_from(SKILL_TAGS)), *draw(st.lists(st.sampled_from(TAGS), max_size=3))})
        item: dict[str, object] = {"id": number + 1, "start": timew(start), "end": timew(stop), "tags": tags}
        if draw(st.booleans()):
            item["annotation"] = draw(accepted(clean_note, st.text(max_size=20)))
        intervals.append(item)
    return intervals


def timew(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y%m%dT%H%M%SZ")


def iso(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat()


def accepted(clean: Callable[[str], str], texts: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Texts as typed that the record accepts (``clean`` does not refuse them): a valid file holds only
    what the record could have written."""

    def keeps(text: str) -> bool:
        try:
            clean(text)
        except InputError:
            return False
        return True

    return texts.filter(keeps)


@st.composite
def record_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A valid skilltrack export: two skills (one the template's Go, under another id), sessions on
    distinct days, a rating, a project with evidence."""
    ids = iter(draw(st.lists(st.uuids(version=4), min_size=40, max_size=40, unique=True)))
    created = iso(NOW_EPOCH - 100 * DAY)
    skills = [
        {"uuid": str(next(ids)), "name": name, "kind": kind, "aliases": aliases, "created_at": created}
        for name, kind, aliases in (("Go", "language", ["golang"]), ("Event sourcing", "practice", ["ES"]))
    ]
    days = draw(st.lists(st.integers(min_value=1, max_value=3000), unique=True, max_size=6))
    sessions = [
        {
            "uuid": str(next(ids)),
            "skill_uuid": skills[day % 2]["uuid"],
            "started_at": iso(NOW_EPOCH - day * DAY),
            "time_zone": "UTC",
            "local_day": datetime.fromtimestamp(NOW_EPOCH - day * DAY, UTC).date().isoformat(),
            "minutes": draw(st.integers(min_value=1, max_value=1440)),
            "kind": draw(st.sampled_from(["study", "practice", "mock-interview"])),
            "note": draw(accepted(clean_note, st.text(max_size=10))),
            "created_at": created,
        }
        for day in days
    ]
    project = {
        "uuid": str(next(ids)),
        "name": "Ledger",
        "role": "tech lead",
        "started_on": "2025-01-01",
        "ended_on": None,
        "in_production": True,
        "impact": "",
        "links": [],
        "skill_uuids": [skills[0]["uuid"]],
        "created_at": created,
    }
    interviews = [
        {
            "uuid": str(next(ids)),
            "session_uuid": learning["uuid"],
            "round": draw(st.sampled_from(["system-design", "coding", "debugging", "behavioural"])),
            "score": draw(st.integers(min_value=1, max_value=5)),
            "rubric": draw(
                st.dictionaries(st.sampled_from(["api", "trade-offs"]), st.integers(1, 5), max_size=2)
            ),
            "created_at": created,
        }
        for learning in sessions
        if learning["kind"] == "mock-interview"
    ]
    postings = [
        {
            "uuid": str(next(ids)),
            "company": "Example",
            "title": draw(st.sampled_from(["Senior Backend Engineer", "Staff engineer ✓"])),
            "link": "",
            "posted_on": "2026-11-02",
            "status": draw(st.sampled_from(["considering", "applied", "offer"])),
            "status_changed_on": "2026-11-03",
            "text": draw(accepted(clean_posting_text, st.text(max_size=20).map("Go ".__add__))),
            "match_at_save": draw(st.integers(min_value=0, max_value=100)),
            "created_at": created,
        }
        for _ in range(draw(st.integers(min_value=0, max_value=2)))
    ]
    stories = [
        {
            "uuid": str(next(ids)),
            "title": title,
            "situation": "s",
            "task": "t",
            "action": "a",
            "result": draw(accepted(lambda text: clean_part(text, "result"), st.text(max_size=10))),
            "project_uuid": draw(st.sampled_from([None, project["uuid"]])),
            "expectation_id": draw(st.sampled_from([None, "senior.design.design-docs", "gone.expectation"])),
            "themes": draw(st.lists(st.sampled_from(["trade-off", "conflict"]), max_size=2)),
            "created_at": created,
            "updated_at": created,
        }
        for title in draw(
            st.lists(st.sampled_from(["Outbox", "On-call", "Mentoring"]), unique=True, max_size=2)
        )
    ]
    return {
        "format": "skilltrack",
        "schema_version": 2,
        "postings": postings,
        "interviews": interviews,
        "stories": stories,
        "profile": None,
        "skills": skills,
        "ratings": [
            {
                "uuid": str(next(ids)),
                "skill_uuid": skills[1]["uuid"],
                "level": 3,
                "rated_on": "2026-11-01",
                "note": "",
                "created_at": created,
            }
        ],
        "projects": [project],
        "sessions": sessions,
        "evidence": [
            {
                "uuid": str(next(ids)),
                "kind": "design-doc",
                "expectation_id": None,
                "occurred_on": "2026-11-02",
                "title": "Outbox",
                "project_uuid": project["uuid"],
                "link": "",
                "note": "",
                "created_at": created,
            }
        ],
        "timer": None,
    }


def mutate(data: st.DataObject, items: list[Any], whole: object | None = None) -> str:
    """One of: nothing, a cut, a field replaced or removed, start and stop swapped, a start in the future,
    a duplicated record, or a character changed in the text. ``items`` is the list of records changed,
    ``whole`` what is written (``items`` itself unless they are one section of a skilltrack export)."""
    choice = data.draw(
        st.sampled_from(["none", "cut", "replace", "remove", "swap", "future", "duplicate", "byte"])
    )
    if choice in ("replace", "remove", "swap", "future", "duplicate") and items:
        index = data.draw(st.integers(min_value=0, max_value=len(items) - 1))
        item = items[index]
        keys: list[Any] = list(range(len(item))) if isinstance(item, list) else list(item)
        key = data.draw(st.sampled_from(keys))
        if choice == "replace":
            item[key] = data.draw(json_values)
        elif choice == "remove":
            if isinstance(item, list):
                del item[key:]
            else:
                del item[key]
        elif choice == "swap":
            if isinstance(item, list):
                item[0], item[1] = item[1], item[0]
            elif "start" in item and "end" in item:
                item["start"], item["end"] = item["end"], item["start"]
        elif choice == "future":
            later = NOW_EPOCH + data.draw(st.integers(min_value=1, max_value=10 * DAY))
            if isinstance(item, list):
                item[0] = later
            elif "started_at" in item:
                item["started_at"] = iso(later)
            else:
                item["start"] = timew(later)
        else:
            items.append(json.loads(json.dumps(item)))
    text = json.dumps(items if whole is None else whole)
    if choice == "cut":
        text = text[: data.draw(st.integers(min_value=0, max_value=len(text)))]
    elif choice == "byte":
        position = data.draw(st.integers(min_value=0, max_value=len(text)))
        text = text[:position] + data.draw(st.characters(codec="utf-8")) + text[position + 1 :]
    return text


@FUZZ
@given(data=st.data(), tool=st.sampled_from(["watson", "timewarrior", "skilltrack"]))
def test_mutated_files_never_crash_nor_import_half(
    capsys: pytest.CaptureFixture[str], template: Path, data: st.DataObject, tool: str
) -> None:
    """Valid Watson frames, Timewarrior exports and skilltrack exports, each changed in one way (or not)."""
    if tool == "skilltrack":
        whole: Any = data.draw(record_documents())
        section = data.draw(
            st.sampled_from(
                ["skills", "ratings", "projects", "sessions", "evidence", "postings", "interviews", "stories"]
            )
        )
        items: list[Any] = whole[section]
        sessions = len(whole["sessions"])
    else:
        whole = items = data.draw(watson_frames() if tool == "watson" else timew_intervals())
        sessions = len(items)
    original = json.dumps(whole)
    text = mutate(data, items, whole)
    result = import_checked(capsys, template, text)
    if text == original:
        # Untouched (or a value replaced by an equal one): a valid file imports every session.
        assert result == sessions
