"""editcheck.toml and ``[tool.editcheck]``: find, read and validate the newsroom's settings.

Looked up from the working directory upward (``editcheck.toml`` first, then a
``pyproject.toml`` with a ``[tool.editcheck]`` table) unless a path is given. Unknown keys
and bad values are errors that name the file and the key, because a silently ignored
setting is a rule an editor believes is on.

    select = ["core/*"]                  # rule ids, globs, or category:NAME
    ignore = ["category:readability"]
    fail-on = "warning"                  # error | warning | info | never
    fail-on-incomplete = true            # a check that timed out or crashed blocks (default)
    plugins-dir = "newsroom-plugins"     # relative to the config file
    disable-plugins = ["acme"]
    max-bytes = 5_000_000
    check-timeout = 2.0                  # seconds per check (default 10); 0 means no limit
    draft-timeout = 60                   # seconds per draft in a --jobs worker, killed past it
    house-style = ["style/newsroom.toml"] # declarative rule files, relative to the config file
    publication = ["Gazette", "The Harbour Gazette"]  # the paper's own names (its promos)
    dismissals = "desk/dismissals.sqlite" # where `serve` keeps editors' dismissals (SQLite)

    [rules."core/long-sentence"]
    severity = "warning"
    max-words = 35
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from editcheck.annotations import Severity
from editcheck.errors import ConfigError

DEFAULT_MAX_BYTES = 10_000_000
# A check still running after this many seconds is stopped and the draft is incomplete:
# no ordinary draft comes near it, and a gate must not wait forever on a runaway check.
DEFAULT_CHECK_TIMEOUT = 10.0
# With worker processes (--jobs), a draft still running after this is killed with its
# worker, even inside C code; the draft is reported as not checked.
DEFAULT_DRAFT_TIMEOUT = 60.0
CONFIG_FILE = "editcheck.toml"
_KEYS = {
    "select",
    "ignore",
    "fail-on",
    "plugins-dir",
    "disable-plugins",
    "max-bytes",
    "check-timeout",
    "rules",
    "house-style",
    "fail-on-incomplete",
    "draft-timeout",
    "publication",
    "dismissals",
}
#: Top-level settings every rule that declares an option of the same name inherits
#: (unless the rule's own table sets it): facts about the newsroom, not about one rule.
SHARED_OPTIONS = ("publication",)


@dataclass(frozen=True, slots=True)
class RuleSettings:
    """A rule's severity override and option values from the config."""

    severity: Severity | None = None
    options: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Config:
    """Validated settings; every field has the default a fresh install runs with."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity | None = Severity.ERROR
    fail_on_incomplete: bool = True
    plugins_dir: Path | None = None
    disable_plugins: tuple[str, ...] = ()
    max_bytes: int = DEFAULT_MAX_BYTES
    check_timeout: float | None = DEFAULT_CHECK_TIMEOUT
    draft_timeout: float | None = DEFAULT_DRAFT_TIMEOUT
    rules: Mapping[str, RuleSettings] = field(default_factory=dict)
    path: Path | None = None
    house_style: tuple[Path, ...] = ()
    publication: tuple[str, ...] = ()
    # The review desk's dismissals database, relative to the config file; None: the
    # service's default (editcheck-dismissals.sqlite in its working directory).
    dismissals: Path | None = None

    def shared_options(self) -> dict[str, Any]:
        """The :data:`SHARED_OPTIONS` this config sets, as rule option values."""
        return {"publication": list(self.publication)} if self.publication else {}

    def with_rule_options(self, rule_id: str, **options: Any) -> Config:
        """A copy with extra options for one rule (used by CLI flags)."""
        current = self.rules.get(rule_id, RuleSettings())
        merged = {**current.options, **options}
        return replace(self, rules={**self.rules, rule_id: replace(current, options=merged)})


def find_config(start: Path | None = None) -> Path | None:
    """The nearest editcheck.toml, or pyproject.toml with [tool.editcheck], upward."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "editcheck" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def load_config(path: str | Path | None = None, *, discover: bool = True) -> Config:
    """Read ``path`` (or the discovered file); no file at all gives the defaults."""
    if path is None:
        found = find_config() if discover else None
        if found is None:
            return Config()
        path = found
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path}: config file not found")
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("editcheck", {})
    return parse_config(data, path)


def parse_config(data: Mapping[str, Any], path: Path | None = None) -> Config:
    """Validate a config mapping (as read from TOML or sent to the service)."""
    where = str(path) if path else "config"
    unknown = set(data) - _KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown key(s): {', '.join(sorted(unknown))}")
    base = path.parent if path else Path.cwd()
    plugins_dir = data.get("plugins-dir")
    return Config(
        select=_str_list(data, "select", where),
        ignore=_str_list(data, "ignore", where),
        fail_on=parse_fail_on(data.get("fail-on", "error"), where),
        fail_on_incomplete=_bool(data.get("fail-on-incomplete", True), "fail-on-incomplete", where),
        plugins_dir=(base / _str(plugins_dir, "plugins-dir", where)) if plugins_dir else None,
        disable_plugins=_str_list(data, "disable-plugins", where),
        max_bytes=_positive_int(data.get("max-bytes", DEFAULT_MAX_BYTES), "max-bytes", where),
        check_timeout=_timeout(data.get("check-timeout", DEFAULT_CHECK_TIMEOUT), where),
        draft_timeout=_timeout(
            data.get("draft-timeout", DEFAULT_DRAFT_TIMEOUT), where, "draft-timeout"
        ),
        rules=_rules(data.get("rules", {}), where),
        path=path,
        house_style=tuple(base / p for p in _str_list(data, "house-style", where)),
        publication=_names(data, "publication", where),
        dismissals=base / _str(data["dismissals"], "dismissals", where)
        if "dismissals" in data
        else None,
    )


def _names(data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    """A list of names, each non-empty once stripped."""
    names = tuple(n.strip() for n in _str_list(data, key, where))
    if any(not n for n in names):
        raise ConfigError(f"{where}: {key} must not hold an empty name")
    return names


def parse_fail_on(value: Any, where: str = "fail-on") -> Severity | None:
    """``error``/``warning``/``info``, or ``never``/``none`` for a report that never fails."""
    if value in ("never", "none"):
        return None
    try:
        return Severity(value)
    except ValueError:
        raise ConfigError(
            f"{where}: fail-on must be one of error, warning, info, never (got {value!r})"
        ) from None


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib  # only when there is a file to read: most runs have none nearby

    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from exc


def _str(value: Any, key: str, where: str) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{where}: {key} must be a string (got {value!r})")
    return value


def _str_list(data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: {key} must be a list of strings (got {value!r})")
    return tuple(value)


def _bool(value: Any, key: str, where: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: {key} must be true or false (got {value!r})")
    return value


def _positive_int(value: Any, key: str, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ConfigError(f"{where}: {key} must be a positive integer (got {value!r})")
    return value


def _timeout(value: Any, where: str, key: str = "check-timeout") -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ConfigError(f"{where}: {key} must be a number of seconds >= 0 (got {value!r})")
    return float(value) or None


def _rules(value: Any, where: str) -> dict[str, RuleSettings]:
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where}: rules must be a table of rule ids")
    rules = {}
    for rule_id, settings in value.items():
        if not isinstance(settings, Mapping):
            raise ConfigError(f"{where}: rules.{rule_id!r} must be a table")
        options = {k: v for k, v in settings.items() if k != "severity"}
        severity = None
        if "severity" in settings:
            try:
                severity = Severity(settings["severity"])
            except ValueError:
                raise ConfigError(
                    f"{where}: rules.{rule_id!r}.severity must be error, warning or info "
                    f"(got {settings['severity']!r})"
                ) from None
        rules[rule_id] = RuleSettings(severity, options)
    return rules
