"""The one rule for files skilltrack writes on request (``-o FILE``, the app's report export).

A report or an export must never land on the record, its journal, one of its backups, or any SQLite
database: the person asked for a document, not to lose their history.
"""

from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"


def check_output(output: Path, record: Path) -> Path:
    """The absolute path to write ``output`` to; :class:`InputError` (field ``output``) if it is protected."""
    from skilltrack.db.backup import backups_folder
    from skilltrack.domain.errors import InputError

    target = output.expanduser().absolute()
    record = record.expanduser().absolute()
    protected = {record, record.with_name(record.name + "-wal"), record.with_name(record.name + "-shm")}
    if (
        target.resolve() in {path.resolve() for path in protected}
        or backups_folder(record).resolve() in target.resolve().parents
    ):
        raise InputError("output", f"{output} is your record or one of its backups; write somewhere else")
    if _is_sqlite(target):
        raise InputError("output", f"{output} is an SQLite database; write somewhere else")
    return target


def _is_sqlite(target: Path) -> bool:
    """Whether ``target`` is a regular file that starts as an SQLite database does.

    Only regular files are opened: a pipe, a FIFO, a terminal or ``/dev/stdout`` is written to as it is
    (opening one to read would wait for a writer, or take what someone types).
    """
    import stat

    try:
        if not stat.S_ISREG(target.stat().st_mode):
            return False
        with target.open("rb") as handle:
            return handle.read(16) == SQLITE_HEADER
    except OSError:
        return False


def write_output(output: Path, text: str, record: Path) -> Path:
    """Write ``text`` to ``output`` (UTF-8) after :func:`check_output`; a failure is one line naming it."""
    from skilltrack.locations import ConfigError

    target = check_output(output, record)
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"{output}: cannot be written ({error.strerror})") from None
    return target
