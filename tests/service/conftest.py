"""The shared server fixture for the service tests (helpers live in servicekit.py)."""

from __future__ import annotations

from typing import Any

import pytest

from .servicekit import (
    BUDGET,
    MAX_BODY,
    ORIGIN,
    TOKEN,
    start_server,
    stop_server,
    write_config,
)


@pytest.fixture(scope="session")
def service(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The shared server: 1 worker, token, CORS for ORIGIN, small limits, 1 s budget."""
    folder = tmp_path_factory.mktemp("service")
    config = write_config(folder)
    token_file = folder / "token"
    token_file.write_text(TOKEN + "\n", encoding="utf-8")
    server = start_server(
        config,
        "--token-file",
        str(token_file),
        "--cors-origin",
        ORIGIN,
        "--max-body-bytes",
        str(MAX_BODY),
        "--time-budget",
        str(BUDGET),
        token=TOKEN,
        cwd=folder,
    )
    yield server
    stop_server(server)
