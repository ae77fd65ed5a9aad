"""Reading a job posting's text from a file or standard input, for the command line and the app alike.

The read is capped: no posting can be longer than :data:`MAX_POSTING_BYTES` (every character takes at most
four bytes in UTF-8, and a byte-order mark three), so a larger input is refused by its size without being
read whole, and an input within the cap is decoded whole, never cut inside a character.
"""

import os
from pathlib import Path
from typing import BinaryIO

from skilltrack.domain.errors import InputError
from skilltrack.domain.postings import MAX_POSTING_CHARACTERS, clean_posting_text

MAX_POSTING_BYTES = MAX_POSTING_CHARACTERS * 4 + 3


def read_posting_stream(stream: BinaryIO, name: str, *, field: str = "file") -> str:
    """The posting's text from an open binary stream, checked; ``name`` is how the user gave it."""
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


def read_posting_path(typed: str, *, field: str = "file") -> str:
    """The posting's text from the file at ``typed`` (``~`` allowed), checked; never reads past the cap."""
    path = Path(typed).expanduser()
    try:
        with path.open("rb") as handle:
            return read_posting_stream(handle, typed, field=field)
    except FileNotFoundError:
        raise InputError(field, f"{typed}: there is no such file") from None
    except IsADirectoryError:
        raise InputError(field, f"{typed}: is a folder; give the posting as a text file") from None
    except OSError as error:
        raise InputError(field, f"{typed}: cannot be read ({error.strerror})") from None
