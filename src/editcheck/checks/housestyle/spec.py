"""The validated form of a house-style file: what each declarative rule asks for.

A standards editor writes TOML; :mod:`editcheck.checks.housestyle.load` checks every field and
produces these frozen values, and :mod:`editcheck.checks.housestyle.compile` compiles them into
one :class:`editcheck.Check`. Keeping the validated form separate means the compiler never
has to second-guess a field, and the loader never has to know how matching works.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from editcheck.annotations import Severity
from editcheck.checkapi import Rule
from editcheck.errors import ConfigError

RULE_TYPES = (
    "existence",
    "substitution",
    "occurrence",
    "capitalization",
    "conditional",
    "numbers",
    "pattern",
)

DEFAULT_MESSAGES = {
    "existence": "House style: avoid '{match}'.",
    "substitution": "House style: use '{suggestion}' rather than '{match}'.",
    "occurrence": "'{match}' appears {count} times in this {scope} (house limit: {max}).",
    "capitalization": "House style writes this as '{suggestion}', not '{match}'.",
    "conditional": "'{match}' is used before it is spelt out; define it at first use.",
    "numbers": "House style: write '{suggestion}' here, not '{match}'.",
    "pattern": "House style: '{match}'.",
}


class HouseStyleError(ConfigError):
    """A house-style file that cannot be used; the message names file, rule and field."""

    def __init__(
        self, source: str, problem: str, rule: str | None = None, field_name: str | None = None
    ) -> None:
        where = source
        if rule is not None:
            where += f": rule {rule!r}"
        if field_name is not None:
            where += f": field {field_name!r}"
        super().__init__(f"{where}: {problem}")
        self.source = source
        self.rule = rule
        self.field = field_name


@dataclass(frozen=True, slots=True)
class HouseRule:
    """One declarative rule: the fields every type shares plus its type's own ``params``."""

    id: str  # namespaced: "news/said-not-stated"
    type: str
    message: str
    severity: Severity
    category: str = "house-style"
    link: str | None = None
    summary: str = ""
    ignore_case: bool = True
    word_boundary: bool = True
    exceptions: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    passes: tuple[str, ...] = ()
    params: Mapping[str, Any] = field(default_factory=dict)

    def to_rule(self) -> Rule:
        """The :class:`Rule` editcheck lists, selects and configures."""
        doc = f"Declarative `{self.type}` rule from a house-style file."
        if self.link:
            doc += f" See {self.link}"
        listed = self.listing()
        if listed:
            doc += f"\n{listed}"
        return Rule(
            self.id,
            self.category,
            self.severity,
            summary=self.summary,
            doc=doc,
            flags=self.flags,
            passes=self.passes,
        )

    def listing(self, most: int = 12) -> str:
        """What the rule looks for, in a line an editor can read in ``editcheck rules``."""
        p = self.params
        if self.type == "substitution":
            items = [f"{k} -> {v.strip()}" for k, v in p["swap"].items()]
        elif self.type in ("existence", "occurrence"):
            items = list(p["phrases"])
        elif self.type == "capitalization":
            items = list(p["terms"])
        elif self.type == "pattern":
            return f"Pattern: {p['pattern'].pattern}"
        elif self.type == "numbers":
            return f"Spell out numbers below {p['spell-out-below']}."
        else:
            known = f"  Known: {', '.join(self.exceptions)}" if self.exceptions else ""
            return f"Use: {p['use'].pattern}  Definition: {p['define'].pattern}{known}"
        more = f" (and {len(items) - most} more)" if len(items) > most else ""
        return "Looks for: " + "; ".join(items[:most]) + more


@dataclass(frozen=True, slots=True)
class HouseStyle:
    """A loaded house-style file: its namespace and its rules, in file order."""

    namespace: str
    source: str
    rules: tuple[HouseRule, ...]
    path: Path | None = None
    # Seconds the whole file may spend on one draft of up to 1 MB of text (every rule,
    # exception list and regular expression together; a larger draft gets the same per
    # MB): a file of many slow patterns costs at most this.
    budget: float = 2.0
