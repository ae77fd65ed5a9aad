"""Replicas doing random things and syncing in random orders end the same: hypothesis state machines
with two and three replicas of one record (each a file in a home of its own, one shared folder).

The rules run the real command line (in this process): log sessions, add, rename and remove skills
(sometimes one name on two replicas), give a skill an alias, edit and remove sessions, rate skills, add
and edit projects with skills, add and edit stories under one title on several replicas, change the
profile, and sync a random replica at any point. At the end every replica syncs twice in turn, and then:

- every replica writes the same ``skilltrack export --format json``, byte for byte;
- no session is lost: each one logged and never removed is on every replica, unless a skill it was on
  (or a skill that skill became one with, through a shared name) was removed somewhere;
- none is resurrected: a removed session, skill or project is on no replica;
- ``PRAGMA integrity_check`` is ``ok``, ``skilltrack check`` finds no problem a user cannot make, and
  no name is left held apart (every name key is the key of its name).

Run size: two replicas 40 runs, three replicas 25, two replicas that also rename and remove skills and
give them other skills' names as aliases 25; each run up to 30 steps and a final round of syncs. What
was done (runs, commands, syncs, operations recorded) is printed with ``-s`` as ``convergence: …``
after each test, cumulative over the module.
"""

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule, run_state_machine_as_test

from skilltrack.domain.names import name_key
from skilltrack.record.opener import open_record
from tests.conftest import NOW
from tests.sync.helpers import REFERENCE_PROBLEMS, Replica, make_replicas, sync_all

SKILLS = ("Go", "Rust", "Zorb", "Quux", "Kafka")
NEW_NAMES = (*SKILLS, "Zorbic", "Rusty")
SAFE_ALIASES = ("zb", "qx")
"""Aliases no skill is named, nor has from the ladder."""
PROJECTS = ("Atlas", "Borealis")
STORIES = ("The outage", "The migration")
PROFILE = (("name", "Ann"), ("name", "Bea"), ("title", "Backend engineer"), ("target_level", "staff"))

FIGURES = {"runs": 0, "commands": 0, "syncs": 0, "operations": 0}
"""What the machines did, over every run of this module (printed at the end)."""

PHASES = tuple(Phase) if os.environ.get("SYNC_TEST_SHRINK") else (Phase.explicit, Phase.reuse, Phase.generate)
"""Shrinking a failing run of these machines takes minutes: it runs only with SYNC_TEST_SHRINK=1."""

pick = st.integers(min_value=0, max_value=7)


class _Components:
    """Skills that may have become one row (they shared a name key at some time): a union-find."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def join(self, first: str, second: str) -> None:
        self.parent[self.find(first)] = self.find(second)


class Replicas(RuleBasedStateMachine):
    count = 2
    skills_change_names = False
    """Whether skills are renamed and removed (the rules the known divergence needs; see below)."""

    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="sync-"))
        self.folder = self.root / "shared"
        self.folder.mkdir()
        self.replicas = make_replicas(self.root, self.count)
        self.note = 0
        self.sessions: dict[str, set[str]] = {}
        """Session UUID → every skill UUID it was seen on."""
        self.removed_sessions: set[str] = set()
        self.removed_skills: set[str] = set()
        self.removed_projects: set[str] = set()
        self.shared_names = _Components()
        FIGURES["runs"] += 1

    # -- helpers ---------------------------------------------------------------------------------

    def replica(self, index: int) -> Replica:
        return self.replicas[index % len(self.replicas)]

    def run(self, replica: Replica, *args: str, refusable: bool = True) -> bool:
        FIGURES["commands"] += 1
        result = replica.run(*args)
        assert "Traceback" not in result.err and "unexpected problem" not in result.err, (args, result)
        assert result.code == 0 or (refusable and result.code == 2), (args, result)
        if result.code == 0:
            self.observe(replica)
        return result.code == 0

    def observe(self, replica: Replica) -> None:
        """Note every skill's name key and every session's skill, as this replica has them now."""
        if not replica.db.exists():
            return
        for uuid, key in replica.query("SELECT uuid, name_key FROM skill"):
            self.shared_names.join(f"skill:{uuid}", f"key:{key}")
        for uuid, skill in replica.query(
            "SELECT learning_session.uuid, skill.uuid FROM learning_session "
            "JOIN skill ON skill.id = learning_session.skill_id"
        ):
            self.sessions.setdefault(uuid, set()).add(skill)

    def names(self, replica: Replica, table: str, column: str = "name") -> list[str]:
        if not replica.db.exists():
            return []
        return [str(row[0]) for row in replica.query(f"SELECT {column} FROM {table} ORDER BY {column}")]

    def session_ids(self, replica: Replica) -> list[str]:
        return self.names(replica, "learning_session", "uuid")

    # -- rules -----------------------------------------------------------------------------------

    @initialize()
    def start(self) -> None:
        os.environ["SKILLTRACK_NOW"] = NOW

    @rule(index=pick, skill=st.sampled_from(SKILLS), day=st.integers(1, 20), hour=st.integers(6, 20))
    def log(self, index: int, skill: str, day: int, hour: int) -> None:
        self.note += 1
        replica = self.replica(index)
        self.run(
            replica,
            *("log", skill, "30m", "--date", f"2026-11-{day:02d}", "--at", f"{hour:02d}:00"),
            *("--note", f"n{self.note}", "--new", "--overlap"),
            refusable=False,
        )

    @rule(index=pick, name=st.sampled_from(SKILLS))
    def add_skill(self, index: int, name: str) -> None:
        self.run(self.replica(index), "skill", "add", name)

    @rule(index=pick, which=pick, new=st.sampled_from(NEW_NAMES))
    def rename_skill(self, index: int, which: int, new: str) -> None:
        replica = self.replica(index)
        names = self.names(replica, "skill")
        if names and self.skills_change_names:
            self.run(replica, "skill", "rename", names[which % len(names)], new)

    @rule(index=pick, which=pick, alias=st.sampled_from((*SAFE_ALIASES, "golang", *SKILLS)))
    def add_alias(self, index: int, which: int, alias: str) -> None:
        replica = self.replica(index)
        names = self.names(replica, "skill")
        if not names or (alias not in SAFE_ALIASES and not self.skills_change_names):
            return
        record = open_record(replica.db, create=False)
        try:
            with record.writing() as db:
                key = name_key(alias)
                taken = db.execute(
                    "SELECT 1 FROM skill WHERE name_key = ? "
                    "UNION ALL SELECT 1 FROM skill_alias WHERE alias_key = ?",
                    (key, key),
                ).fetchone()
                if taken is None:
                    db.execute(
                        "INSERT INTO skill_alias (skill_id, alias, alias_key) "
                        "SELECT id, ?, ? FROM skill WHERE name = ?",
                        (alias, key, names[which % len(names)]),
                    )
        finally:
            record.close()
        FIGURES["commands"] += 1

    @rule(index=pick, which=pick, level=st.integers(0, 5))
    def rate_skill(self, index: int, which: int, level: int) -> None:
        replica = self.replica(index)
        names = self.names(replica, "skill")
        if names:
            self.run(replica, "skill", "rate", names[which % len(names)], str(level), "--date", "2026-11-20")

    @rule(index=pick, which=pick)
    def remove_skill(self, index: int, which: int) -> None:
        replica = self.replica(index)
        rows = replica.query("SELECT name, uuid FROM skill ORDER BY name") if replica.db.exists() else []
        if not rows or not self.skills_change_names:
            return
        name, uuid = rows[which % len(rows)]
        self.observe(replica)
        if self.run(replica, "skill", "remove", name, "--yes", refusable=False):
            self.removed_skills.add(uuid)

    @rule(
        index=pick,
        which=pick,
        change=st.sampled_from(
            (
                ("--duration", "45m"),
                ("--duration", "1h"),
                ("--note", "edited"),
                ("--note", "again"),
                ("--kind", "practice"),
                ("--date", "2026-11-21"),
                ("--skill", "Kafka"),
                ("--skill", "Zorb"),
            )
        ),
    )
    def edit_session(self, index: int, which: int, change: tuple[str, str]) -> None:
        replica = self.replica(index)
        ids = self.session_ids(replica)
        if ids:
            self.run(replica, "session", "edit", ids[which % len(ids)][:12], *change, "--new", "--overlap")

    @rule(index=pick, which=pick)
    def remove_session(self, index: int, which: int) -> None:
        replica = self.replica(index)
        ids = self.session_ids(replica)
        if ids:
            uuid = ids[which % len(ids)]
            if self.run(replica, "session", "remove", uuid[:12], refusable=False):
                self.removed_sessions.add(uuid)

    @rule(index=pick, name=st.sampled_from(PROJECTS), skills=st.sets(st.sampled_from(SKILLS), max_size=2))
    def add_project(self, index: int, name: str, skills: set[str]) -> None:
        extra = ("--skills", ",".join(sorted(skills)), "--new") if skills else ()
        self.run(
            self.replica(index), "project", "add", name, "--role", "engineer", "--from", "2026-01-05", *extra
        )

    @rule(
        index=pick,
        which=pick,
        change=st.sampled_from(
            (
                ("--role", "tech lead"),
                ("--production",),
                ("--to", "2026-10-01"),
                ("--skills", "Go,Kafka", "--new"),
                ("--skills", "Rust", "--new"),
                ("--name", "Cygnus"),
                ("--name", "Atlas"),
            )
        ),
    )
    def edit_project(self, index: int, which: int, change: tuple[str, ...]) -> None:
        replica = self.replica(index)
        names = self.names(replica, "project")
        if names and (change[0] != "--name" or self.skills_change_names):
            self.run(replica, "project", "edit", names[which % len(names)], *change)

    @rule(index=pick, which=pick)
    def remove_project(self, index: int, which: int) -> None:
        replica = self.replica(index)
        rows = replica.query("SELECT name, uuid FROM project ORDER BY name") if replica.db.exists() else []
        if rows:
            name, uuid = rows[which % len(rows)]
            if self.run(replica, "project", "remove", name, "--yes", refusable=False):
                self.removed_projects.add(uuid)

    @rule(index=pick, title=st.sampled_from(STORIES), project=st.sampled_from(("", *PROJECTS)))
    def add_story(self, index: int, title: str, project: str) -> None:
        replica = self.replica(index)
        extra = ("--project", project) if project in self.names(replica, "project") else ()
        self.run(
            replica,
            *("story", "add", title, "--situation", "s", "--task", "t", "--action", "a", "--result", "r"),
            *extra,
        )

    @rule(
        index=pick,
        which=pick,
        change=st.sampled_from((("--result", "it held"), ("--project", ""), ("--theme", "incident"))),
    )
    def edit_story(self, index: int, which: int, change: tuple[str, str]) -> None:
        replica = self.replica(index)
        titles = self.names(replica, "story", "title")
        if titles:
            self.run(replica, "story", "edit", titles[which % len(titles)], *change)

    @rule(index=pick, field=st.sampled_from(PROFILE))
    def set_profile(self, index: int, field: tuple[str, str]) -> None:
        self.run(self.replica(index), "profile", "--set", f"{field[0]}={field[1]}")

    @rule(index=pick)
    def sync(self, index: int) -> None:
        FIGURES["syncs"] += 1
        self.replica(index).sync(self.folder)

    # -- the end ----------------------------------------------------------------------------------

    def teardown(self) -> None:
        try:
            self.converged()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def converged(self) -> None:
        if not any(replica.db.exists() for replica in self.replicas):
            return
        sync_all(self.replicas, self.folder)
        FIGURES["syncs"] += 2 * len(self.replicas)
        FIGURES["operations"] += sum(
            int(
                replica.query(
                    "SELECT count(*) FROM sync_operation WHERE replica = (SELECT replica FROM sync_replica)"
                )[0][0]
            )
            for replica in self.replicas
        )
        exports = [replica.export() for replica in self.replicas]
        for replica, exported in zip(self.replicas[1:], exports[1:], strict=True):
            assert exported == exports[0], f"{replica.name} differs from {self.replicas[0].name}"
        doomed = {self.shared_names.find(f"skill:{uuid}") for uuid in self.removed_skills}
        for replica in self.replicas:
            assert replica.integrity() == "ok", replica.name
            for table, key in (("skill", "name_key"), ("project", "name_key"), ("story", "title_key")):
                held = replica.query(f"SELECT uuid FROM {table} WHERE substr({key}, 1, 1) = char(31)")
                assert not held, f"a {table} name left held apart on {replica.name}"
            assert not replica.check_problems() & REFERENCE_PROBLEMS, replica.name
            sessions = replica.uuids("learning_session")
            for uuid, skills in self.sessions.items():
                spared = not any(self.shared_names.find(f"skill:{skill}") in doomed for skill in skills)
                if uuid not in self.removed_sessions and spared:
                    assert uuid in sessions, f"session {uuid[:8]} lost on {replica.name}"
            assert not sessions & self.removed_sessions, f"a removed session is back on {replica.name}"
            assert not replica.uuids("skill") & self.removed_skills, (
                f"a removed skill is back on {replica.name}"
            )
            assert not replica.uuids("project") & self.removed_projects, replica.name


class ThreeReplicas(Replicas):
    count = 3


class RenamingReplicas(Replicas):
    count = 2
    skills_change_names = True


@pytest.fixture(autouse=True)
def figures() -> Iterator[None]:
    yield
    print(
        f"\nconvergence: {FIGURES['runs']} runs, {FIGURES['commands']} commands, {FIGURES['syncs']} syncs, "
        f"{FIGURES['operations']} operations recorded"
    )


def _settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        stateful_step_count=30,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        phases=PHASES,
    )


def test_two_replicas_converge() -> None:
    run_state_machine_as_test(Replicas, settings=_settings(40))


def test_three_replicas_converge() -> None:
    run_state_machine_as_test(ThreeReplicas, settings=_settings(25))


def test_replicas_renaming_and_removing_skills_converge() -> None:
    run_state_machine_as_test(RenamingReplicas, settings=_settings(25))
