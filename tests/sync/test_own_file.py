"""This replica's own file in the sync folder: a line cut short by a killed sync is cut off, and only
that line, however long the lines before it are (a saved posting's text makes long ones)."""

import json
from pathlib import Path

from skilltrack.transfer.sync import _own_last_clock

REPLICA = "a" * 32


def clock(number: int) -> str:
    return f"{number:015d}-000000000-{REPLICA}"


def line(number: int, size: int) -> bytes:
    operation = {"clock": clock(number), "entity": "posting", "row": "b" * 32, "field": "text"}
    return (json.dumps({**operation, "action": "update", "value": "x" * size}) + "\n").encode()


def test_a_cut_line_goes_and_complete_ones_stay_even_when_longer_than_the_read_window(tmp_path: Path) -> None:
    own = tmp_path / f"skilltrack-{REPLICA}.ops.jsonl"
    complete = line(1, 10) + line(2, 200_000)
    own.write_bytes(complete + line(3, 150_000)[:-40])  # the third was cut short by a kill

    assert _own_last_clock(own) == clock(2)
    assert own.read_bytes() == complete


def test_a_whole_file_is_left_as_it_is(tmp_path: Path) -> None:
    own = tmp_path / f"skilltrack-{REPLICA}.ops.jsonl"
    whole = line(1, 10) + line(2, 90_000)
    own.write_bytes(whole)

    assert _own_last_clock(own) == clock(2)
    assert own.read_bytes() == whole
