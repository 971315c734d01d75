"""What an output format is: a name and a function from reports to text."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from editcheck.annotations import Report

RenderFunction = Callable[[Sequence[Report], Mapping[str, Any]], str]


@dataclass(frozen=True, slots=True)
class Formatter:
    """An output format.

    ``render(reports, options)`` returns the whole output for ``reports``; options carry
    ``color`` (bool) and anything a format documents. A ``streaming`` format renders each
    report on its own so archive runs can write as they go (JSONL, GitHub commands).
    """

    name: str
    summary: str
    render: RenderFunction
    streaming: bool = False
