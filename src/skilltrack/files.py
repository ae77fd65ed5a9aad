"""Files a person names on the command line or in the app: a posting or a history to read, a report
or an export to write.

Two rules hold for every one of them. A file that is the record, its ``-wal`` or ``-shm`` (under any
name: a link counts) is refused before it is opened, since opening and closing it from Python would drop
the locks SQLite holds on it (see :mod:`skilltrack.record.opener`); and an output never lands on the
record, one of its backups or any SQLite database. Outputs are written whole or not at all.
"""

import os
import stat
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path
from typing import BinaryIO, TextIO

from skilltrack.domain.errors import InputError
from skilltrack.domain.postings.asks import MAX_POSTING_CHARACTERS
from skilltrack.domain.postings.text import clean_posting_text
from skilltrack.record.backup_names import backups_folder

SQLITE_HEADER = b"SQLite format 3\x00"
MAX_POSTING_BYTES = MAX_POSTING_CHARACTERS * 4 + 3
"""No posting takes more bytes: a character takes at most four in UTF-8, and a byte-order mark three."""


def _record_files(record: Path) -> list[Path]:
    record = record.expanduser().absolute()
    return [record, record.with_name(record.name + "-wal"), record.with_name(record.name + "-shm")]


def is_record_file(path: Path, record: Path) -> bool:
    """Whether ``path`` is the record, its ``-wal`` or ``-shm``: the same path, or the same file under
    another name. Asked of ``stat`` alone: nothing is opened."""
    target = path.expanduser().absolute()
    try:
        resolved = target.resolve()
    except OSError:
        resolved = target
    try:
        found = target.stat()
    except OSError:
        found = None
    for protected in _record_files(record):
        with suppress(OSError):
            if resolved == protected.resolve():
                return True
        if found is not None:
            with suppress(OSError):
                other = protected.stat()
                if (other.st_dev, other.st_ino) == (found.st_dev, found.st_ino):
                    return True
    return False


def refuse_record_files(path: Path, record: Path, *, field: str) -> None:
    """:class:`InputError` when ``path`` is the record's own file (see :func:`is_record_file`)."""
    if is_record_file(path, record):
        raise InputError(field, f"{path} is your record's own file; give another file")


# ── reading ─────────────────────────────────────────────────────────────────────────────────────


@contextmanager
def opened_file(typed: str, *, record: Path, field: str = "file") -> Iterator[BinaryIO]:
    """The file at ``typed`` (``~`` allowed), open for reading a piece at a time, never the record's own."""
    path = Path(typed).expanduser()
    refuse_record_files(path, record, field=field)
    with ExitStack() as stack:
        try:
            handle = stack.enter_context(path.open("rb"))
        except FileNotFoundError:
            raise InputError(field, f"{typed}: there is no such file") from None
        except IsADirectoryError:
            raise InputError(field, f"{typed}: is a folder; give a file") from None
        except OSError as error:
            raise InputError(field, f"{typed}: cannot be read ({error.strerror})") from None
        yield handle


def read_posting_stream(stream: BinaryIO, name: str, *, field: str = "file") -> str:
    """A posting's text from an open binary stream, checked; ``name`` is how the person gave it.

    The read is capped: a larger input is refused by its size without being read whole, and an input
    within the cap is decoded whole, never cut inside a character.
    """
    data = stream.read(MAX_POSTING_BYTES + 1)
    if len(data) > MAX_POSTING_BYTES:
        try:
            size = os.fstat(stream.fileno()).st_size
        except (OSError, ValueError, AttributeError):
            size = 0
        how_big = f"{size:,} bytes" if size > MAX_POSTING_BYTES else f"more than {MAX_POSTING_BYTES:,} bytes"
        raise InputError(
            "posting",
            f"{name}: is {how_big}, so more than {MAX_POSTING_CHARACTERS:,} characters; "
            f"use at most {MAX_POSTING_CHARACTERS:,}",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(field, f"{name}: is not UTF-8 text; save the posting as plain text") from None
    return clean_posting_text(text, field="posting")


def read_posting_file(typed: str, *, record: Path, field: str = "file") -> str:
    """A posting's text from the file at ``typed`` (``~`` allowed), checked; never reads past the cap."""
    if Path(typed).expanduser().is_dir():
        raise InputError(field, f"{typed}: is a folder; give the posting as a text file")
    with opened_file(typed, record=record, field=field) as handle:
        try:
            return read_posting_stream(handle, typed, field=field)
        except OSError as error:
            raise InputError(field, f"{typed}: cannot be read ({error.strerror})") from None


# ── writing ─────────────────────────────────────────────────────────────────────────────────────


def check_output(output: Path, record: Path) -> Path:
    """The absolute path to write ``output`` to; :class:`InputError` (field ``output``) if it is the
    record, its journal, one of its backups, or any SQLite database."""
    target = output.expanduser().absolute()
    if is_record_file(target, record) or backups_folder(record.expanduser().absolute()).resolve() in (
        target.resolve().parents
    ):
        raise InputError("output", f"{output} is your record or one of its backups; write somewhere else")
    if _is_sqlite(target):
        raise InputError("output", f"{output} is an SQLite database; write somewhere else")
    return target


def _is_regular(target: Path) -> bool:
    try:
        return stat.S_ISREG(target.stat().st_mode)
    except OSError:
        return False


def _is_sqlite(target: Path) -> bool:
    """Whether ``target`` is a regular file that starts as an SQLite database does.

    Only regular files are opened: a pipe, a FIFO, a terminal or ``/dev/stdout`` is written to as it is
    (opening one to read would wait for a writer, or take what someone types).
    """
    if not _is_regular(target):
        return False
    try:
        with target.open("rb") as handle:
            return handle.read(16) == SQLITE_HEADER
    except OSError:
        return False


@contextmanager
def atomic_text_file(path: Path) -> Iterator[TextIO]:
    """Write ``path`` whole or not at all: into a temporary file beside it, flushed to disk, then moved
    into place. A file that was there stays whole until the new one replaces it (and the new one keeps
    its permissions); whatever goes wrong on the way (a full disk, an error of the writer), the temporary
    file is removed."""
    path = path.expanduser()
    if path.is_dir():
        raise InputError("output", f"{path} is a folder; give a file name")
    temporary = path.with_name(f".{path.name}.{os.getpid()}-{os.urandom(4).hex()}.tmp")
    try:
        handle = temporary.open("w", encoding="utf-8", newline="")
    except OSError as error:
        raise InputError("output", f"{path} cannot be written ({error.strerror})") from None
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if _is_regular(path):
            with suppress(OSError):
                temporary.chmod(stat.S_IMODE(path.stat().st_mode))
        temporary.replace(path)
        _sync_folder(path.parent)
    except OSError as error:
        raise InputError(
            "output", f"{path} cannot be written ({error.strerror}); it was left as it was"
        ) from None
    finally:
        with suppress(OSError):
            temporary.unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` last through a power cut (where the system lets a folder be synced)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_output(output: Path, text: str, record: Path) -> Path:
    """Write ``text`` to ``output`` (UTF-8) after :func:`check_output`: a file atomically, a pipe,
    FIFO or terminal as it is."""
    target = check_output(output, record)
    if target.exists() and not _is_regular(target):
        try:
            with target.open("w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as error:
            raise InputError("output", f"{output} cannot be written ({error.strerror})") from None
        return target
    with atomic_text_file(target) as handle:
        handle.write(text)
    return target
