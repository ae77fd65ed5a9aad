"""Where skilltrack keeps its files: the platform's user data and config folders, or what the person says.

``--db PATH`` beats ``SKILLTRACK_DB``, which beats the default file in the user data folder. The config
file is ``config.toml`` in the user config folder (``SKILLTRACK_CONFIG`` points elsewhere).
"""

import os
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

# platformdirs and tomllib are imported where used: most commands name their files in the environment
# or the config, or have no config file, and importing both took a tenth of ``skilltrack log``.

APP_NAME = "skilltrack"
DATABASE_FILE = "skilltrack.sqlite3"
CONFIG_KEYS = ("framework", "db")


class ConfigError(ValueError):
    """The config file cannot be used; ``str()`` names the file and the problem."""


def data_folder() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def config_file(environ: Mapping[str, str] = os.environ) -> Path:
    configured = environ.get("SKILLTRACK_CONFIG")
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "config.toml"


class Config(NamedTuple):
    framework: Path | None = None
    db: Path | None = None


def read_config(path: Path) -> Config:
    """Read the config file; a missing file is an empty config."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config()
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot be read ({error})") from None
    import tomllib

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: is not valid TOML ({error})") from None
    unknown = sorted(set(document) - set(CONFIG_KEYS))
    if unknown:
        raise ConfigError(f"{path}: unknown key {unknown[0]!r}; accepted: {', '.join(CONFIG_KEYS)}")
    values: dict[str, Path] = {}
    for key in CONFIG_KEYS:
        if key in document:
            value = document[key]
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(f"{path}: '{key}' must be a path in quotes")
            values[key] = Path(value).expanduser()
    return Config(**values)


def write_config_value(path: Path, key: str, value: str | None) -> None:
    """Set (or, with ``None``, remove) one key, keeping the others."""
    if key not in CONFIG_KEYS:
        raise ConfigError(f"{key!r} is not a config key; accepted: {', '.join(CONFIG_KEYS)}")
    current = read_config(path)
    values = {k: str(v) for k in CONFIG_KEYS if (v := getattr(current, k)) is not None}
    if value is None:
        values.pop(key, None)
    else:
        values[key] = value
    lines = [f"{k} = {_toml_string(v)}" for k, v in values.items()]
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")
    partial.replace(path)


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def database_file(given: Path | None, config: Config, environ: Mapping[str, str] = os.environ) -> Path:
    """The record to open: ``--db``, then ``SKILLTRACK_DB``, then the config, then the default."""
    if given is not None:
        return given.expanduser()
    from_environment = environ.get("SKILLTRACK_DB")
    if from_environment:
        return Path(from_environment).expanduser()
    if config.db is not None:
        return config.db
    return data_folder() / DATABASE_FILE


def framework_file(
    given: Path | None, config: Config, environ: Mapping[str, str] = os.environ
) -> Path | None:
    """A ladder file to use instead of the built-in one, if any was asked for."""
    if given is not None:
        return given.expanduser()
    from_environment = environ.get("SKILLTRACK_FRAMEWORK")
    if from_environment:
        return Path(from_environment).expanduser()
    return config.framework
