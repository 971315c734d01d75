"""Read and validate a house-style TOML file into :class:`HouseStyle`.

Every field is checked here and an error names the file, the rule and the field, because
the person editing the file is often a standards editor, not a programmer::

    [house-style]
    namespace = "news"                   # rule ids become news/<key>; default: file stem
    link = "https://style.example.org"   # default link for every rule
    severity = "warning"                 # default severity

    [rules.said-not-stated]
    type = "substitution"
    swap = { stated = "said" }
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import regex

from editcheck.annotations import CATEGORIES, Severity
from editcheck.checks.housestyle.spec import (
    DEFAULT_MESSAGES,
    RULE_TYPES,
    HouseRule,
    HouseStyle,
    HouseStyleError,
)

_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_NAMESPACE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_FILE_KEYS = {"house-style", "rules"}
_HEADER_KEYS = {"namespace", "link", "severity", "category", "description", "budget"}
_COMMON = {
    "type",
    "message",
    "severity",
    "category",
    "link",
    "summary",
    "ignore-case",
    "word-boundary",
    "exceptions",
    "flags",
    "passes",
}
_TYPE_FIELDS: dict[str, set[str]] = {
    "existence": {"phrases", "phrases-file"},
    "substitution": {"swap"},
    "occurrence": {"phrases", "max", "scope"},
    "capitalization": {"terms", "sentence-start", "skip-headings"},
    "conditional": {"use", "define", "timeout"},
    "numbers": {"spell-out-below", "flag-spelled", "sentence-start"},
    "pattern": {"pattern", "replacement", "timeout"},
}
_PLACEHOLDERS: dict[str, set[str]] = {
    "existence": {"match"},
    "substitution": {"match", "suggestion"},
    "occurrence": {"match", "count", "max", "scope"},
    "capitalization": {"match", "suggestion"},
    "conditional": {"match"},
    "numbers": {"match", "suggestion"},
    "pattern": {"match", "suggestion"},
}
DEFAULT_TIMEOUT = 0.25  # seconds per pattern rule per draft
DEFAULT_BUDGET = 2.0  # seconds per house-style file per MB of draft, all rules together
# An acronym of two to six capitals (digits and & allowed after the first), and its
# definition in brackets after the spelt-out name: "World Health Organization (WHO)".
DEFAULT_USE = r"\b([A-Z][A-Z0-9&]{1,5})s?\b"
DEFAULT_DEFINE = r"\(([A-Z][A-Z0-9&]{1,5})s?\)"


def load_house_style(path: str | Path, namespace: str | None = None) -> HouseStyle:
    """Load ``path``; ``namespace`` is the fallback when the file declares none."""
    path = Path(path)
    source = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise HouseStyleError(source, f"cannot read: {exc.strerror or exc}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise HouseStyleError(source, f"invalid TOML: {exc}") from exc
    style = parse_house_style(data, source, namespace or _stem_namespace(path), path.parent)
    return HouseStyle(style.namespace, style.source, style.rules, path, style.budget)


def parse_house_style(
    data: Mapping[str, Any], source: str, namespace: str, base: Path | None = None
) -> HouseStyle:
    """Validate a mapping as read from a house-style file."""
    unknown = set(data) - _FILE_KEYS
    if unknown:
        raise HouseStyleError(
            source,
            f"unknown top-level key(s) {', '.join(sorted(unknown))}"
            " (expected [house-style] and [rules.NAME] tables)",
        )
    header = data.get("house-style", {})
    if not isinstance(header, Mapping):
        raise HouseStyleError(source, "[house-style] must be a table")
    bad = set(header) - _HEADER_KEYS
    if bad:
        raise HouseStyleError(
            source,
            f"[house-style]: unknown key(s) {', '.join(sorted(bad))}"
            f" (allowed: {', '.join(sorted(_HEADER_KEYS))})",
        )
    namespace = header.get("namespace", namespace)
    if not isinstance(namespace, str) or not _NAMESPACE.match(namespace):
        raise HouseStyleError(
            source,
            f"[house-style]: namespace {namespace!r} must be lower-case "
            "letters, digits, '.', '_' or '-'",
        )
    defaults = {k: header[k] for k in ("link", "severity", "category") if k in header}
    rules = data.get("rules", {})
    if not isinstance(rules, Mapping) or not rules:
        raise HouseStyleError(source, "no rules: add at least one [rules.NAME] table")
    built = tuple(
        _rule(source, namespace, key, spec, defaults, base) for key, spec in rules.items()
    )
    return HouseStyle(namespace, source, built, budget=_budget(source, header))


def _budget(source: str, header: Mapping[str, Any]) -> float:
    value = header.get("budget", DEFAULT_BUDGET)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 30:
        raise HouseStyleError(
            source,
            f"[house-style]: budget must be a number of seconds above 0 and at most 30 "
            f"(got {value!r})",
        )
    return float(value)


def _stem_namespace(path: Path) -> str:
    stem = re.sub(r"[^a-z0-9_.-]+", "-", path.stem.lower()).strip("-._")
    return stem or "house"


def _rule(
    source: str, namespace: str, key: str, spec: Any, defaults: Mapping[str, Any], base: Path | None
) -> HouseRule:
    def fail(problem: str, field_name: str | None = None) -> HouseStyleError:
        return HouseStyleError(source, problem, key, field_name)

    if not _KEY.match(key):
        raise fail("rule names are lower-case words joined by '-', e.g. said-not-stated")
    if not isinstance(spec, Mapping):
        raise fail("must be a table of fields")
    kind = spec.get("type")
    if kind not in RULE_TYPES:
        raise fail(f"must be one of {', '.join(RULE_TYPES)} (got {kind!r})", "type")
    unknown = set(spec) - _COMMON - _TYPE_FIELDS[kind]
    if unknown:
        allowed = ", ".join(sorted(_COMMON | _TYPE_FIELDS[kind]))
        raise fail(
            f"unknown field(s) for a {kind} rule (allowed: {allowed})", ", ".join(sorted(unknown))
        )
    merged = {**defaults, **spec}
    ignore_case = _bool(merged, "ignore-case", kind != "capitalization", fail)
    reader = _Fields(merged, fail)
    return HouseRule(
        id=f"{namespace}/{key}",
        type=kind,
        message=_message(merged.get("message", DEFAULT_MESSAGES[kind]), kind, fail),
        severity=_severity(merged.get("severity", "warning"), fail),
        category=_category(merged.get("category", "house-style"), fail),
        link=reader.optional_str("link"),
        summary=reader.optional_str("summary") or "",
        ignore_case=ignore_case,
        word_boundary=_bool(merged, "word-boundary", kind != "pattern", fail),
        exceptions=reader.str_list("exceptions"),
        flags=reader.str_list("flags"),
        passes=reader.str_list("passes"),
        params=_PARAMS[kind](reader, ignore_case, base),
    )


class _Fields:
    """Typed reads of one rule's fields, each failing with the field's name."""

    def __init__(self, spec: Mapping[str, Any], fail: Callable[..., HouseStyleError]) -> None:
        self.spec = spec
        self.fail = fail

    def optional_str(self, name: str) -> str | None:
        value = self.spec.get(name)
        if value is not None and not isinstance(value, str):
            raise self.fail(f"must be a string (got {value!r})", name)
        return value

    def str_list(self, name: str, required: bool = False) -> tuple[str, ...]:
        value = self.spec.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail("must be a list of non-empty strings", name)
        if required and not value:
            raise self.fail("must list at least one entry", name)
        return tuple(value)

    def integer(self, name: str, default: int, low: int, high: int) -> int:
        value = self.spec.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.fail(f"must be a whole number from {low} to {high} (got {value!r})", name)
        return value

    def boolean(self, name: str, default: bool) -> bool:
        return _bool(self.spec, name, default, self.fail)

    def seconds(self, name: str, default: float) -> float:
        value = self.spec.get(name, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 10:
            raise self.fail(
                f"must be a number of seconds above 0 and at most 10 (got {value!r})", name
            )
        return float(value)

    def pattern(self, name: str, ignore_case: bool, default: str | None = None) -> regex.Pattern:
        value = self.spec.get(name, default)
        if not isinstance(value, str) or not value:
            raise self.fail("must be a non-empty regular expression string", name)
        try:
            return regex.compile(value, regex.IGNORECASE if ignore_case else 0)
        except regex.error as exc:
            raise self.fail(f"invalid regular expression: {exc}", name) from exc


def _bool(
    spec: Mapping[str, Any], name: str, default: bool, fail: Callable[..., HouseStyleError]
) -> bool:
    value = spec.get(name, default)
    if not isinstance(value, bool):
        raise fail(f"must be true or false (got {value!r})", name)
    return value


def _severity(value: Any, fail: Callable[..., HouseStyleError]) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        raise fail(f"must be error, warning or info (got {value!r})", "severity") from None


def _category(value: Any, fail: Callable[..., HouseStyleError]) -> str:
    if value not in CATEGORIES:
        raise fail(f"must be one of {', '.join(CATEGORIES)} (got {value!r})", "category")
    return str(value)


def _message(value: Any, kind: str, fail: Callable[..., HouseStyleError]) -> str:
    if not isinstance(value, str) or not value.strip():
        raise fail("must be a non-empty string", "message")
    try:
        parts = [(f, spec, conv) for _, f, spec, conv in string.Formatter().parse(value)]
    except ValueError as exc:
        raise fail(f"bad placeholder: {exc} (write {{{{ for a literal brace)", "message") from None
    names = {f for f, _, _ in parts if f is not None}
    if any(spec for f, spec, _ in parts if f is not None):
        # "{match:>50000000}" would make every finding's message 50 MB
        raise fail("placeholders take no format spec: write {match} (or {match!r})", "message")
    unknown = names - _PLACEHOLDERS[kind]
    if unknown:
        allowed = ", ".join("{" + n + "}" for n in sorted(_PLACEHOLDERS[kind]))
        raise fail(
            f"unknown placeholder(s) {', '.join(sorted(unknown))} (a {kind} rule knows {allowed})",
            "message",
        )
    return value


def _existence(f: _Fields, ignore_case: bool, base: Path | None) -> dict[str, Any]:
    phrases = list(f.str_list("phrases"))
    listed = f.optional_str("phrases-file")
    if listed is not None:
        phrases.extend(_read_list(f, listed, base))
    if not phrases:
        raise f.fail("an existence rule needs phrases or phrases-file", "phrases")
    return {"phrases": tuple(phrases)}


def _read_list(f: _Fields, name: str, base: Path | None) -> list[str]:
    """A phrase list beside the style file. The path must stay inside the style file's
    folder: a style file (which a plugin or a shared config may ship) must not be able to
    read ``/etc/passwd`` into rule messages and listings."""
    folder = (base or Path.cwd()).resolve()
    path = (folder / name).resolve()
    if not path.is_relative_to(folder):
        raise f.fail(f"{name!r} is outside the style file's folder {folder}", "phrases-file")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise f.fail(f"cannot read {path}: {exc.strerror or exc}", "phrases-file") from exc
    return [s for s in (line.split("#", 1)[0].strip() for line in lines) if s]


def _substitution(f: _Fields, ignore_case: bool, base: Path | None) -> dict[str, Any]:
    swap = f.spec.get("swap")
    if not isinstance(swap, Mapping) or not swap:
        raise f.fail('must be a table of "found" = "preferred" pairs', "swap")
    for found, preferred in swap.items():
        if not found.strip() or not isinstance(preferred, str) or not preferred.strip():
            raise f.fail(f"entry {found!r}: both sides must be non-empty strings", "swap")
    return {"swap": dict(swap)}


def _occurrence(f: _Fields, ignore_case: bool, base: Path | None) -> dict[str, Any]:
    scope = f.spec.get("scope", "document")
    if scope not in ("document", "block", "sentence"):
        raise f.fail(f"must be document, block or sentence (got {scope!r})", "scope")
    if "max" not in f.spec:
        raise f.fail("is required: the most occurrences allowed", "max")
    return {
        "phrases": f.str_list("phrases", required=True),
        "max": f.integer("max", 0, 0, 10_000),
        "scope": scope,
    }


def _capitalization(f: _Fields, ignore_case: bool, base: Path | None) -> dict[str, Any]:
    return {
        "terms": f.str_list("terms", required=True),
        "sentence-start": f.boolean("sentence-start", True),
        "skip-headings": f.boolean("skip-headings", True),
    }


def _conditional(f: _Fields, ignore_case: bool, base: Path | None) -> dict[str, Any]:
    use = f.pattern("use", False, DEFAULT_USE)
    define = f.pattern("define", False, DEFAULT_DEFINE)
    for name, pat in (("use", use), ("define", define)):
        if pat.groups < 1:
            raise f.fail("needs a capture group: the key that links a use to its definition", name)
    return {"use": use, "define": define, "timeout": f.seconds("timeout", DEFAULT_TIMEOUT)}


def _numbers(f: _Fields, ignore_case: bool, base: Path | None) -> dict[str, Any]:
    return {
        "spell-out-below": f.integer("spell-out-below", 10, 2, 100),
        "flag-spelled": f.boolean("flag-spelled", True),
        "sentence-start": f.boolean("sentence-start", True),
    }


def _pattern(f: _Fields, ignore_case: bool, base: Path | None) -> dict[str, Any]:
    pattern = f.pattern("pattern", ignore_case)
    replacement = f.optional_str("replacement")
    if replacement is not None:
        _check_template(pattern, replacement, f)
    return {
        "pattern": pattern,
        "replacement": replacement,
        "timeout": f.seconds("timeout", DEFAULT_TIMEOUT),
    }


_GROUP_REF = regex.compile(r"\\(?:g<([^>]*)>|(\d+))")


def _check_template(pattern: regex.Pattern, replacement: str, f: _Fields) -> None:
    """A replacement that names a group the pattern lacks is refused when the file loads,
    not found on the first draft that matches."""
    for m in _GROUP_REF.finditer(replacement):
        ref = m.group(1) if m.group(1) is not None else m.group(2)
        known = ref in pattern.groupindex or (ref.isdigit() and int(ref) <= pattern.groups)
        if not known:
            raise f.fail(f"refers to group {ref!r}, which the pattern does not have", "replacement")


_PARAMS: dict[str, Callable[[_Fields, bool, Path | None], dict[str, Any]]] = {
    "existence": _existence,
    "substitution": _substitution,
    "occurrence": _occurrence,
    "capitalization": _capitalization,
    "conditional": _conditional,
    "numbers": _numbers,
    "pattern": _pattern,
}
