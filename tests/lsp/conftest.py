"""Fixtures for the language-server tests: a started, initialized server."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from lsp_client import LspClient

pytest.importorskip("pygls", reason="editcheck lsp needs the 'lsp' extra (pygls)")


@pytest.fixture
def start(tmp_path: Path) -> Iterator[Callable[..., LspClient]]:
    """Start ``editcheck lsp ARGS`` in ``tmp_path`` and initialize it; killed at the end."""
    started: list[LspClient] = []

    def run(*args: str, **capabilities: object) -> LspClient:
        client = LspClient(*args, cwd=tmp_path)
        started.append(client)
        client.capabilities = client.initialize(tmp_path, **capabilities)  # type: ignore[attr-defined]
        return client

    yield run
    for client in started:
        client.kill()
