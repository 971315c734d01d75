"""The service's log cannot be flooded: one message template, many times, is logged a few
times and then counted."""

from __future__ import annotations

import logging

import pytest

pytest.importorskip("uvicorn")

from editcheck.service.launch import RateLimitedLog  # noqa: E402


def test_a_flood_of_one_message_is_cut_to_a_burst_and_counted() -> None:
    limit = RateLimitedLog(burst=3, window=3600)
    records = [
        logging.LogRecord(
            "uvicorn.error", logging.WARNING, "x", 1, "Invalid HTTP request", (), None
        )
        for _ in range(1000)
    ]
    assert sum(limit.filter(r) for r in records) == 3
    other = logging.LogRecord("uvicorn.error", logging.WARNING, "x", 1, "Another", (), None)
    assert limit.filter(other)  # a different message has its own allowance
