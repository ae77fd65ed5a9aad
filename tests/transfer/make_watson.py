"""Generate a Watson frames file of any size, shaped like the real one in ``samples/watson-frames.json``.

Used by the tests (5,000 frames) and by hand to time a big import::

    python tests/transfer/make_watson.py /tmp/frames.json 100000
    time skilltrack import /tmp/frames.json
"""

import json
import random
import sys
from datetime import UTC, datetime
from pathlib import Path

PROJECTS = ("go", "golang", "postgres", "kafka", "k8s", "system-design", "redis", "side-project", "debugging")
"""Projects as people name them: ladder aliases, canonical names and one that is new to the ladder."""
TAGS = ("study", "practice", "reading", "build", "course", "mock-interview", "indexes", "tracing", "grpc")
LATEST_START = datetime(2026, 11, 20, 7, 0, tzinfo=UTC)
"""The last frame starts here (before the tests' fixed now, 2026-11-24); the others an hour apart, earlier."""


def watson_frames(count: int, *, seed: int = 0) -> list[list[object]]:
    """``count`` distinct frames, oldest first, an hour apart, each 5 to 55 minutes long."""
    chooser = random.Random(seed)
    last = int(LATEST_START.timestamp())
    frames: list[list[object]] = []
    for number in range(count):
        start = last - (count - 1 - number) * 3600
        stop = start + chooser.randrange(5, 56) * 60
        tags = chooser.sample(TAGS, chooser.randrange(0, 3))
        frame_id = f"{chooser.getrandbits(128):032x}"
        frames.append([start, stop, chooser.choice(PROJECTS), frame_id, tags, stop + 60])
    return frames


def write_watson_frames(path: Path, count: int, *, seed: int = 0) -> Path:
    """Write the frames as Watson does (a JSON list, indented by one space)."""
    path.write_text(json.dumps(watson_frames(count, seed=seed), indent=1), encoding="utf-8")
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("frames.json")
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    write_watson_frames(target, size)
    print(f"wrote {size} frames to {target}")
