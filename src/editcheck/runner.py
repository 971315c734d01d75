"""Run the selected checks over a document and build the report.

The runner owns policy: which rules are on (select/ignore), their severities and options,
suppression comments, per-check time budgets and failure isolation. The CLI, the Python
API and the service all call :func:`run_checks`, so they give the same answers.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from functools import lru_cache
from typing import Any

from editcheck import budget
from editcheck.annotations import (
    Annotation,
    BlockRef,
    CheckFailure,
    Quote,
    Report,
    Severity,
    Utf16Offsets,
)
from editcheck.checkapi import MAX_FINDINGS_PER_DRAFT, Check, CheckContext, Finding, Rule
from editcheck.config import Config, RuleSettings
from editcheck.document import Block, Document
from editcheck.errors import ConfigError, SelectorError
from editcheck.selectors import matches_any, require_matches
from editcheck.version import __version__

_CONTEXT_CHARS = 32


@dataclass(frozen=True, slots=True)
class Plan:
    """The rules switched on for a run, with their severities and options."""

    checks: tuple[Check, ...]
    rules: Mapping[str, Rule]
    severities: Mapping[str, Severity]
    options: Mapping[str, Mapping[str, Any]]
    timeout: float | None = None
    timings: dict[str, float] = field(default_factory=dict)
    # Plugins that failed to load: their checks are missing from every report, so every
    # report says so (and its verdict is incomplete).
    unloaded: tuple[CheckFailure, ...] = ()


def plan_run(
    checks: Iterable[Check],
    config: Config,
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> Plan:
    """Resolve select/ignore and per-rule settings against the declared rules."""
    checks = tuple(checks)
    declared = {r.id: r for c in checks for r in c.rules}
    where = str(config.path or "config")
    require_matches(declared.values(), config.select, field="select", where=where)
    require_matches(declared.values(), config.ignore, field="ignore", where=where)
    require_matches(declared.values(), config.rules, field="rules", where=where)
    require_matches(declared.values(), select, field="select")
    require_matches(declared.values(), ignore, field="ignore")
    selectors = tuple(select) or config.select
    ignored = (*config.ignore, *ignore)
    enabled = {
        rid: rule
        for rid, rule in declared.items()
        if (not selectors or matches_any(rule, selectors)) and not matches_any(rule, ignored)
    }
    if not enabled:
        raise SelectorError(
            "no rule is left to run: the select and ignore settings switch every check off",
            field="select",
            name=",".join(selectors),
        )
    severities, options = {}, {}
    for rid, rule in declared.items():  # options of rules that are off stay readable
        settings = _settings_for(rid, config)
        severities[rid] = settings.severity if settings and settings.severity else rule.severity
        options[rid] = _options(rule, settings.options if settings else {}, config)
    active = tuple(c for c in checks if any(r in enabled for r in c.rule_ids))
    return Plan(active, enabled, severities, options, config.check_timeout)


def _settings_for(rule_id: str, config: Config) -> RuleSettings | None:
    """A rule's settings: its own table, else the first glob table that picks it."""
    if rule_id in config.rules:
        return config.rules[rule_id]
    return next((v for k, v in config.rules.items() if _glob_picks(k, rule_id)), None)


def _glob_picks(selector: str, rule_id: str) -> bool:
    return any(ch in selector for ch in "*?[") and fnmatchcase(rule_id, selector)


def _options(rule: Rule, given: Mapping[str, Any], config: Config) -> dict[str, Any]:
    unknown = set(given) - set(rule.options)
    if unknown:
        allowed = ", ".join(sorted(rule.options)) or "none"
        raise ConfigError(
            f"{config.path or 'config'}: rules.{rule.id!r}: unknown option(s) "
            f"{', '.join(sorted(unknown))} (allowed: {allowed})"
        )
    merged = dict(rule.options)
    merged.update({k: v for k, v in config.shared_options().items() if k in rule.options})
    for key, value in given.items():
        default = rule.options[key]
        if default is not None and not _same_kind(default, value):
            raise ConfigError(
                f"{config.path or 'config'}: rules.{rule.id!r}.{key} must be "
                f"{type(default).__name__} (got {value!r})"
            )
        merged[key] = value
    return merged


def _same_kind(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float))
    return isinstance(value, type(default))


def preflight(plan: Plan) -> None:
    """Let each planned check prepare what it needs (open an index, compile a pattern) so
    a bad option stops the run before any draft is read; raises EditcheckError."""
    for check in plan.checks:
        if check.prepare is not None:
            check.prepare({rid: plan.options[rid] for rid in check.rule_ids})


def run_checks(
    doc: Document, plan: Plan, *, deadline: float | None = None, keep_content: bool = False
) -> Report:
    """Run each planned check in its own error and time boundary; build the report.

    ``deadline`` (a ``time.monotonic()`` value) is a budget for the whole run, as the
    service gives each request: a check still running then is stopped, and checks not yet
    started are reported as timed out without running. ``keep_content`` keeps the decoded
    draft with the report, for formats that show it.
    """
    failures: list[CheckFailure] = list(plan.unloaded)
    findings: list[Finding] = []
    stats: dict[str, Any] = {}
    capped: list[str] = []
    enabled = frozenset(plan.rules)
    hidden = _hidden(doc, plan)
    for check in plan.checks:
        timeout = plan.timeout
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                failures.append(
                    CheckFailure(
                        check.name, "not run: the request's time budget was spent", "timeout"
                    )
                )
                continue
            timeout = left if timeout is None else min(timeout, left)
        ctx = CheckContext(
            doc,
            plan.options,
            enabled,
            frozenset(check.rule_ids),
            room=MAX_FINDINGS_PER_DRAFT - len(findings),
            hidden=hidden,
        )
        started = time.perf_counter()
        failure = _run_one(check, doc, ctx, timeout)
        plan.timings[check.name] = plan.timings.get(check.name, 0.0) + time.perf_counter() - started
        if failure is not None:
            failures.append(failure)
        else:
            capped.extend(ctx.cap_notes())
        failures.extend(CheckFailure(check.name, msg, kind) for msg, kind in ctx.failures)
        findings.extend(ctx.findings)
        stats.update(ctx.stats)
    annotations = _annotate(doc, findings, plan)
    return Report(
        source=doc.source,
        media_type=doc.media_type,
        annotations=annotations,
        errors=tuple(failures),
        stats=stats,
        notes=doc.notes + tuple(capped),
        editcheck_version=__version__,
        content=doc.source_text if keep_content else None,
    )


def _run_one(
    check: Check, doc: Document, ctx: CheckContext, timeout: float | None
) -> CheckFailure | None:
    """Call one check; turn an exception or a timeout into a reported failure."""
    token = budget.arm(timeout) if timeout else None
    try:
        try:
            check.run(doc, ctx)
        finally:
            if token is not None:
                budget.disarm(token)
    except budget.CheckTimeout:
        ctx.findings.clear()  # a half-finished scan is not a result
        return CheckFailure(check.name, f"stopped after the {timeout:g} s time budget", "timeout")
    except Exception as exc:  # noqa: BLE001 - one check must never sink the others
        ctx.findings.clear()
        return CheckFailure(check.name, f"{type(exc).__name__}: {exc}")
    except SystemExit as exc:  # a plugin must not end the run, least of all with "0"
        ctx.findings.clear()
        return CheckFailure(check.name, f"the check called sys.exit({exc.code!r})", "exit")
    return None


def _annotate(doc: Document, findings: list[Finding], plan: Plan) -> tuple[Annotation, ...]:
    raw_cache: dict[int, _RawText] = {}
    astral = () if doc.text.isascii() else astral_offsets(doc.text)
    seen: dict[tuple[str, str], int] = {}
    annotations = []
    for f in sorted(findings, key=lambda f: (f.start, f.end, f.rule, f.message)):
        block = doc.block_at(max(0, min(f.start, len(doc.text))))
        if block is None or _suppressed(block, plan.rules[f.rule]):
            continue
        start = max(f.start, block.start)
        end = max(start, min(f.end, block.end))  # never across two blocks
        key = (f.rule, _fold(doc.text[start:end]))
        occurrence = seen[key] = seen.get(key, -1) + 1
        annotations.append(
            _annotation(doc, block, f, start, end, plan, raw_cache, astral, occurrence)
        )
    return tuple(sorted(annotations, key=Annotation.sort_key))


def _suppressed(block: Block, rule: Rule) -> bool:
    return bool(block.ignore) and _picks(rule.id, rule.category, block.ignore)


@lru_cache(maxsize=4096)
def _picks(rule_id: str, category: str, ignore: frozenset[str]) -> bool:
    """Whether an ignore set picks a rule: once per (rule, set), not once per finding (a
    frozenset caches its hash, and the blocks of a subtree share one set)."""
    return matches_any(Rule(rule_id, category), ignore)


def _hidden(doc: Document, plan: Plan) -> Callable[[Finding], bool]:
    """A finding the report will not show: outside every block, or suppressed there."""

    def hidden(f: Finding) -> bool:
        block = doc.block_at(max(0, min(f.start, len(doc.text))))
        return block is None or _suppressed(block, plan.rules[f.rule])

    return hidden


def _annotation(
    doc: Document,
    block: Block,
    f: Finding,
    start: int,
    end: int,
    plan: Plan,
    raw_cache: dict[int, _RawText],
    astral: tuple[int, ...],
    occurrence: int,
) -> Annotation:
    rule = plan.rules[f.rule]
    rel_start, rel_end = start - block.start, end - block.start
    raw_start, raw_end = block.raw_start(rel_start), block.raw_end(rel_end)
    if raw_end < raw_start:
        raw_end = raw_start
    if block.index not in raw_cache:
        raw_cache[block.index] = _RawText(block.raw_text())
    raw_text = raw_cache[block.index]
    raw = raw_text.text
    line, column = doc.line_col(start)
    text = doc.text[start:end]
    exact = raw[raw_start:raw_end]
    source = (
        doc.locator.span(block, start, end, exact, line, column, (raw_start, raw_end))
        if doc.locator
        else None
    )
    return Annotation(
        rule=rule.id,
        category=rule.category,
        severity=plan.severities[rule.id],
        message=f.message,
        suggestion=f.suggestion,
        text=text,
        start=start,
        end=end,
        line=line,
        column=column,
        block=BlockRef(block.index, block.xpath, raw_start, raw_end),
        quote=Quote(
            exact,
            raw[max(0, raw_start - _CONTEXT_CHARS) : raw_start],
            raw[raw_end : raw_end + _CONTEXT_CHARS],
        ),
        fingerprint=fingerprint(rule.id, text, occurrence),
        data=f.data,
        source=source,
        utf16=_utf16(astral, raw_text, start, end, column, raw_start, raw_end),
        fix=f.fix,
    )


class _RawText:
    """A block's raw text content and, when it has any, where its astral characters are."""

    __slots__ = ("astral", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.astral = () if text.isascii() else astral_offsets(text)


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def astral_offsets(text: str) -> tuple[int, ...]:
    """Offsets of the characters that take two UTF-16 code units."""
    return tuple(m.start() for m in _ASTRAL.finditer(text))


def _utf16(
    astral: tuple[int, ...],
    raw: _RawText,
    start: int,
    end: int,
    column: int,
    raw_start: int,
    raw_end: int,
) -> Utf16Offsets | None:
    """The offsets in UTF-16 code units, or None when they equal the code-point ones."""
    if not astral and not raw.astral:
        return None
    line_start = start - (column - 1)

    def units(offsets: tuple[int, ...], offset: int) -> int:
        return offset + bisect.bisect_left(offsets, offset)

    result = Utf16Offsets(
        units(astral, start),
        units(astral, end),
        units(astral, start) - units(astral, line_start) + 1,
        units(raw.astral, raw_start),
        units(raw.astral, raw_end),
    )
    unchanged = Utf16Offsets(start, end, column, raw_start, raw_end)
    return None if result == unchanged else result


def _fold(text: str) -> str:
    return " ".join(text.lower().split())


def fingerprint(rule_id: str, text: str, occurrence: int) -> str:
    """Stable id for dismissals: rule, flagged text (case and spacing folded), occurrence."""
    digest = hashlib.sha256(f"{rule_id}\x00{_fold(text)}\x00{occurrence}".encode()).hexdigest()
    return digest[:16]
