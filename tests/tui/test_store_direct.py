"""The app's store reads the dashboard through the direct path, and leaves what it cannot open to the ORM."""

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from skilltrack.db.engine import Database
from skilltrack.demo import populate_demo
from skilltrack.domain.framework import Framework
from skilltrack.tui.store import Store
from tests.conftest import TODAY

PROBE = """
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo
from skilltrack.guide import load_builtin_framework
from skilltrack.tui.store import Store
now = lambda: datetime.now(UTC)
store = Store(Path(sys.argv[1]), load_builtin_framework(), now=now, machine_zone=ZoneInfo("UTC"))
dashboard = store.dashboard()
store.overview()
store.close()
heavy = {name.split(".")[0] for name in sys.modules} & {"sqlalchemy", "sqlmodel"}
print(len(dashboard.recent), sorted(heavy))
"""


def fixed_store(path: Path, framework: Framework) -> Store:
    now = datetime(2026, 11, 24, 18, 30, tzinfo=UTC)
    return Store(path, framework, now=lambda: now, machine_zone=ZoneInfo("UTC"))


def test_the_dashboard_is_read_without_the_orm(db: Database, framework: Framework, tmp_path: Path) -> None:
    populate_demo(db, framework, today=TODAY)
    db.close()
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(db.path)], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "8 []"


def test_a_new_record_is_created_by_the_orm_then_read_directly(framework: Framework, tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    store = fixed_store(path, framework)
    try:
        first = store.dashboard()  # the ORM path creates the record
        assert path.exists() and first.recent == []
        assert store.is_open
        second = store.dashboard()
        assert store._direct is not None
        assert second == first
    finally:
        store.close()
