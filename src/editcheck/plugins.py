"""Find, load and list plugins; the only module that touches pluggy's hook calls.

Built-in checks are entry points in editcheck's own packaging, loaded exactly like a
third-party plugin. Each entry point and each ``*.py`` file of a plugins folder is loaded
on its own, so one broken plugin is reported by name and the rest still load.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pluggy

from editcheck import hookspecs
from editcheck.checkapi import Check, Rule
from editcheck.errors import PluginError, SelectorError
from editcheck.formats.base import Formatter
from editcheck.selectors import closest

ENTRY_POINT_GROUP = "editcheck"
AUTOLOAD_ENV = "EDITCHECK_DISABLE_PLUGIN_AUTOLOAD"


@dataclass(frozen=True, slots=True)
class PluginInfo:
    """A loaded plugin: its name, where it came from, and what it declared."""

    name: str
    origin: str  # "builtin", "entry-point" or "plugins-dir"
    version: str | None
    checks: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    formatters: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "origin": self.origin,
            "version": self.version,
            "checks": list(self.checks),
            "rules": list(self.rules),
            "formatters": list(self.formatters),
        }


@dataclass(frozen=True, slots=True)
class PluginFailure:
    """A plugin that could not be loaded or declared something invalid."""

    name: str
    message: str

    def __str__(self) -> str:
        return f"{self.name}: {self.message}"


@dataclass
class PluginSet:
    """The loaded plugins, their checks and formatters, and the plugins that failed."""

    plugins: list[PluginInfo] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    formatters: dict[str, Formatter] = field(default_factory=dict)
    failures: list[PluginFailure] = field(default_factory=list)

    @property
    def rules(self) -> list[Rule]:
        """Every declared rule, sorted by id."""
        return sorted((r for c in self.checks for r in c.rules), key=lambda r: r.id)


def load_plugins(
    *,
    blocked: Iterable[str] = (),
    plugins_dir: str | Path | None = None,
    autoload: bool | None = None,
    house_style: Iterable[str | Path] = (),
) -> PluginSet:
    """Load built-in and third-party plugins into a fresh plugin manager.

    ``blocked`` names plugins not to load (``-p no:NAME``). With ``autoload`` false (or
    ``EDITCHECK_DISABLE_PLUGIN_AUTOLOAD=1``) only editcheck's own entry points load,
    plus the plugins folder, which is always an explicit choice. ``house_style`` files
    (named in the config) load as one more plugin, ``house-style``; unlike a plugin's
    own files, an invalid one raises, since the newsroom asked for it by name.
    """
    if autoload is None:
        autoload = os.environ.get(AUTOLOAD_ENV, "") in ("", "0")
    blocked_names = set(blocked)
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    result = PluginSet()
    loaded: list[tuple[str, str, str | None, object]] = []
    entry_points = _entry_points()
    local_files = sorted(Path(plugins_dir).glob("*.py")) if plugins_dir is not None else []
    _require_known(
        blocked_names, [ep.name for ep, _ in entry_points] + [p.stem for p in local_files]
    )
    for ep, (dist, version) in entry_points:
        origin = "builtin" if dist == "editcheck" else "entry-point"
        if ep.name in blocked_names or (origin != "builtin" and not autoload):
            continue
        _try_register(
            pm,
            ep.name,
            lambda ep=ep: ep.load(),
            origin,
            version,
            loaded,
            result,
        )
    if plugins_dir is not None:
        for path in local_files:
            if path.stem in blocked_names or path.stem.startswith("_"):
                continue
            _try_register(
                pm,
                path.stem,
                lambda path=path: _import_file(path),
                "plugins-dir",
                None,
                loaded,
                result,
            )
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        raise PluginError(str(exc)) from exc
    for name, origin, version, plugin in loaded:
        _collect(pm, name, origin, version, plugin, result)
    if house_style:
        _add_config_house_style(pm, tuple(house_style), result)
    return result


def _require_known(blocked: set[str], available: list[str]) -> None:
    """A blocked plugin name that names no installed plugin is an error: a typo in
    ``-p no:NAME`` or ``disable-plugins`` must not pass for a plugin switched off."""
    for name in sorted(blocked - set(available)):
        hints = closest(name, available)
        hint = f"; did you mean {' or '.join(hints)}?" if hints else ""
        known = ", ".join(sorted(set(available))) or "none"
        raise SelectorError(
            f"plugins: no plugin named {name!r} is installed{hint} (installed: {known})",
            field="plugins",
            name=name,
            suggestions=hints,
        )


def _compile_house_style(
    pm: pluggy.PluginManager, files: list[str | os.PathLike[str]], namespace: str | None
) -> list[Check]:
    """Ask the plugin that compiles house-style files (the built-in ``housestyle``)."""
    checks = pm.hook.editcheck_compile_house_style(files=files, namespace=namespace)
    if checks is None:
        raise PluginError(
            "house-style files were given but no loaded plugin compiles them "
            "(is the built-in 'housestyle' plugin blocked with -p no:housestyle?)"
        )
    return list(checks)


def _house_style_checks(pm: pluggy.PluginManager, name: str, plugin: object) -> list[Check]:
    """Compile the house-style files one plugin ships (``editcheck_house_style_files``)."""
    files = _call_one(pm, plugin, "editcheck_house_style_files", object)
    bad = [f for f in files if not isinstance(f, (str, os.PathLike))]
    if bad:
        raise PluginError(
            f"editcheck_house_style_files returned {type(bad[0]).__name__}, expected a path"
        )
    if not files:
        return []
    return _compile_house_style(pm, files, name.lower())


def _add_config_house_style(
    pm: pluggy.PluginManager, files: tuple[str | Path, ...], result: PluginSet
) -> None:
    checks = _compile_house_style(pm, list(files), None)
    known = {r.id for c in result.checks for r in c.rules}
    for c in checks:
        clash = known.intersection(c.rule_ids)
        if clash:
            raise PluginError(f"house-style rule ids already declared: {sorted(clash)}")
        known.update(c.rule_ids)
    result.checks.extend(checks)
    result.plugins.append(
        PluginInfo(
            "house-style",
            "config",
            None,
            tuple(c.name for c in checks),
            tuple(r for c in checks for r in c.rule_ids),
        )
    )


DistInfo = tuple[str | None, str | None]  # a distribution's name and version


def _entry_points() -> list[tuple[importlib.metadata.EntryPoint, DistInfo]]:
    """editcheck's entry points, built-ins first, each with its distribution's name and
    version. ``ep.dist.name`` parses the distribution's whole METADATA file on every read,
    so each distribution's is read once here (not three times per entry point)."""
    eps = importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)
    seen: dict[str, importlib.metadata.EntryPoint] = {}
    for ep in eps:  # an editable install can list a distribution twice
        seen.setdefault(ep.name, ep)
    dists: dict[int, DistInfo] = {}

    def info(ep: importlib.metadata.EntryPoint) -> DistInfo:
        if ep.dist is None:
            return None, None
        key = id(ep.dist)  # a distribution's entry points share its object
        if key not in dists:
            metadata = ep.dist.metadata
            dists[key] = (metadata["Name"], metadata["Version"])
        return dists[key]

    found = [(ep, info(ep)) for ep in seen.values()]
    return sorted(found, key=lambda item: (item[1][0] != "editcheck", item[0].name))


def _try_register(
    pm: pluggy.PluginManager,
    name: str,
    load: object,
    origin: str,
    version: str | None,
    loaded: list[tuple[str, str, str | None, object]],
    result: PluginSet,
) -> None:
    """Import one plugin and register it; record a failure instead of raising."""
    if pm.has_plugin(name):
        result.failures.append(PluginFailure(name, "a plugin with this name is already loaded"))
        return
    try:
        plugin = load()  # type: ignore[operator]
        pm.register(plugin, name=name)
    except Exception as exc:  # noqa: BLE001 - any import error must not stop startup
        result.failures.append(PluginFailure(name, f"{type(exc).__name__}: {exc}"))
        return
    except SystemExit as exc:  # a plugin that exits on import must not end the run
        result.failures.append(PluginFailure(name, f"called sys.exit({exc.code!r}) on import"))
        return
    loaded.append((name, origin, version, plugin))


def _import_file(path: Path) -> ModuleType:
    module_name = f"editcheck_local_plugins.{path.stem}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise PluginError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(module_name, None)
        raise
    return module


def _collect(
    pm: pluggy.PluginManager,
    name: str,
    origin: str,
    version: str | None,
    plugin: object,
    result: PluginSet,
) -> None:
    """Call one plugin's declaring hooks and keep what is valid."""
    checks: list[Check] = []
    formatters: list[Formatter] = []
    try:
        checks = _call_one(pm, plugin, "editcheck_checks", Check)
        checks += _house_style_checks(pm, name, plugin)
        formatters = _call_one(pm, plugin, "editcheck_formatters", Formatter)
    except Exception as exc:  # noqa: BLE001
        result.failures.append(PluginFailure(name, f"{type(exc).__name__}: {exc}"))
        return
    except SystemExit as exc:
        result.failures.append(PluginFailure(name, f"called sys.exit({exc.code!r})"))
        return
    known_rules = {r.id for c in result.checks for r in c.rules}
    kept: list[Check] = []
    for c in checks:
        clash = known_rules.intersection(c.rule_ids)
        if clash or len(set(c.rule_ids)) != len(c.rule_ids):
            result.failures.append(
                PluginFailure(name, f"rule ids already declared: {sorted(clash)}")
            )
            continue
        known_rules.update(c.rule_ids)
        kept.append(c)
    result.checks.extend(kept)
    for f in formatters:
        if f.name in result.formatters:
            result.failures.append(PluginFailure(name, f"format {f.name!r} already declared"))
            continue
        result.formatters[f.name] = f
    result.plugins.append(
        PluginInfo(
            name,
            origin,
            version,
            tuple(c.name for c in kept),
            tuple(r for c in kept for r in c.rule_ids),
            tuple(f.name for f in formatters),
        )
    )


def _call_one(pm: pluggy.PluginManager, plugin: object, hook_name: str, kind: type) -> list[Any]:
    """Call one hook of one plugin only, so results and failures are attributed to it."""
    impl = getattr(plugin, hook_name, None)
    hook = getattr(pm.hook, hook_name)
    if impl is None or not any(i.plugin is plugin for i in hook.get_hookimpls()):
        return []
    caller = pm.subset_hook_caller(hook_name, [p for p in pm.get_plugins() if p is not plugin])
    items: list[Any] = []
    for batch in caller():
        items.extend(batch or [])
    bad = [x for x in items if not isinstance(x, kind)]
    if bad:
        raise PluginError(f"{hook_name} returned {type(bad[0]).__name__}, expected {kind.__name__}")
    return items
