"""A small logistic model that says how likely a sentence's hedge is an unattributed claim.

The same words are a weasel in one sentence and idiom in another ("is said to have" a
rumour, "is said to be 'split'" a term of art). The rules find candidates; this model,
trained by ``benchmarks/train_sourcing_claims.py`` on the shared Wikipedia development
data (CC BY-SA, Wikipedia contributors), weighs their features. Scoring is a dictionary
lookup and a sigmoid: no dependency, no measurable cost. Without the weights file every
candidate scores 1.0, so the rules work alone.
"""

from __future__ import annotations

import json
import math
from functools import cache
from importlib import resources
from typing import Any

_FILE = "claim_model.json"


@cache
def _model() -> dict[str, Any] | None:
    path = resources.files("editcheck.checks.sourcing.data").joinpath(_FILE)
    if not path.is_file():
        return None
    model: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return model


def score(features: list[str]) -> float:
    """Probability-like confidence in [0, 1] that the candidates are an unattributed claim."""
    model = _model()
    if model is None or not features:
        return 1.0
    weights = model["weights"]
    z = sum(weights.get(f, 0.0) for f in features)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def default_threshold() -> float:
    """The threshold the training script chose (0.0 when no model ships)."""
    model = _model()
    return float(model["threshold"]) if model else 0.0
