"""In-process mode: the Python API, one :class:`editcheck.Checker` per settings.

The checker (plugins, config, plan) is built on first use and kept until
``settings.EDITCHECK`` changes. ``TIMEOUT`` is a deadline for the whole page: a check still
running then is stopped and the page is ``incomplete``, as in the service.
"""

from __future__ import annotations

import json
import threading
import time
from typing import Any

from editcheck.api import Checker
from editcheck.document import load_html, load_text
from editcheck_wagtail.conf import GateSettings
from editcheck_wagtail.fragments import Fragment
from editcheck_wagtail.outcome import Finding, FragmentResult, Outcome

_CHECKERS: dict[tuple[Any, ...], Checker] = {}
_LOCK = threading.Lock()


def checker_for(gate: GateSettings) -> Checker:
    """The checker for these settings, built once (raises EditcheckError on a bad config)."""
    key = (json.dumps(gate.config, sort_keys=True, default=str), gate.select, gate.ignore)
    with _LOCK:
        if key not in _CHECKERS:
            config = {} if gate.config is None else gate.config  # never discover from cwd
            _CHECKERS[key] = Checker(config, select=gate.select, ignore=gate.ignore)
        return _CHECKERS[key]


def forget_checkers() -> None:
    """Drop built checkers (the settings changed)."""
    with _LOCK:
        _CHECKERS.clear()


def check_fragments(fragments: list[Fragment], gate: GateSettings) -> Outcome:
    """Check each fragment in this process; errors in the config surface to the caller."""
    checker = checker_for(gate)
    threshold = gate.fail_on if gate.fail_on_given else checker.config.fail_on
    fail_on = threshold.value if threshold else None
    failed_plugins = tuple(
        f"plugin {f.name!r} did not load, so its checks did not run: {f.message}"
        for f in checker.plugins.failures
    )
    deadline = time.monotonic() + gate.timeout
    results = []
    for fragment in fragments:
        loader = load_html if fragment.kind == "html" else load_text
        size = len(fragment.content.encode("utf-8", "surrogatepass"))
        if size > checker.config.max_bytes:
            results.append(
                FragmentResult(
                    "incomplete",
                    problems=(
                        f"{fragment.where}: {size:,} bytes is over the max-bytes limit of "
                        f"{checker.config.max_bytes:,}, so it was not checked",
                    ),
                )
            )
            continue
        report = checker.check_document(loader(fragment.content), deadline=deadline)
        findings = tuple(
            Finding(fragment.where, a.rule, a.severity.value, a.message, a.text)
            for a in report.annotations
        )
        problems = (
            tuple(
                f"{fragment.where}: check {e.check} {_kind(e.kind)}: {e.message}"
                for e in report.errors
            )
            + failed_plugins
        )
        verdict = report.verdict(threshold)
        if verdict == "pass" and failed_plugins:
            verdict = "incomplete"
        results.append(FragmentResult(verdict, findings, problems))
    return Outcome.combine(results, fail_on)


def _kind(kind: str) -> str:
    return "ran out of time" if kind == "timeout" else "failed"
