"""What checking one page came to: findings, problems and one verdict for the gate.

Both modes (in-process and remote) build the same :class:`Outcome`, so the hooks and the
admin messages do not care where the checks ran.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

VERDICTS = ("pass", "fail", "incomplete")
_RANK = {"error": 3, "warning": 2, "info": 1}


@dataclass(frozen=True, slots=True)
class Finding:
    """One annotation, with where it sits on the page (field and block path)."""

    where: str
    rule: str
    severity: str
    message: str
    text: str

    def at_or_above(self, fail_on: str | None) -> bool:
        """True when this finding alone fails the gate at ``fail_on`` (None: never)."""
        if fail_on is None or fail_on not in _RANK:
            return False
        return _RANK.get(self.severity, 0) >= _RANK[fail_on]


@dataclass(frozen=True, slots=True)
class FragmentResult:
    """The verdict on one fragment (a rich-text field or a block); ``problems`` say why
    it is incomplete."""

    verdict: str
    findings: tuple[Finding, ...] = ()
    problems: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Outcome:
    """The page's verdict: ``fail`` if any fragment fails, else ``incomplete`` if any did
    not finish, else ``pass``."""

    verdict: str
    fail_on: str | None
    findings: tuple[Finding, ...] = ()
    problems: tuple[str, ...] = ()

    @classmethod
    def combine(cls, results: Iterable[FragmentResult], fail_on: str | None) -> Outcome:
        results = tuple(results)
        verdicts = {r.verdict for r in results}
        if "fail" in verdicts:
            verdict = "fail"
        elif verdicts - {"pass"}:  # incomplete, or anything a backend should never say
            verdict = "incomplete"
        else:
            verdict = "pass"
        findings = tuple(f for r in results for f in r.findings)
        problems = tuple(dict.fromkeys(p for r in results for p in r.problems))
        return cls(verdict, fail_on, findings, problems)

    @classmethod
    def not_checked(cls, problem: str, fail_on: str | None) -> Outcome:
        """A page that could not be checked at all: incomplete, never a pass."""
        return cls("incomplete", fail_on, (), (problem,))

    def blocks(self, *, fail_on_incomplete: bool = True) -> bool:
        """True when publishing must stop: a fail, or (by default) an incomplete check."""
        if self.verdict == "pass":
            return False
        return self.verdict == "fail" or fail_on_incomplete

    @property
    def blocking(self) -> tuple[Finding, ...]:
        """The findings at or above ``fail_on``: the ones that fail the page."""
        return tuple(f for f in self.findings if f.at_or_above(self.fail_on))

    @property
    def notes(self) -> tuple[Finding, ...]:
        """The findings below ``fail_on``: shown, but they do not block."""
        return tuple(f for f in self.findings if not f.at_or_above(self.fail_on))
