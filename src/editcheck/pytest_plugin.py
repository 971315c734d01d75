"""pytest plugin for plugin authors: ``--update-golden`` and the golden-case fixtures.

Registered under ``[project.entry-points.pytest11]``, so any project with editcheck
installed gets it; it imports nothing of editcheck until a fixture is used. Usage::

    import pytest
    from editcheck.testing import check_golden, golden_cases

    @pytest.mark.parametrize("draft", golden_cases("tests/golden"), ids=lambda p: p.name)
    def test_golden(draft, editcheck_update_golden):
        check_golden(draft, my_plugin, update=editcheck_update_golden)

``pytest --update-golden`` rewrites the expected files; review them as a diff.
"""

from __future__ import annotations

from typing import Any

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("editcheck")
    group.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="editcheck: rewrite golden .expected.json files from current output.",
    )


@pytest.fixture
def editcheck_update_golden(request: pytest.FixtureRequest) -> bool:
    """True when pytest ran with ``--update-golden``."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def editcheck_kit() -> Any:
    """The :mod:`editcheck.testing` module (run_check, assert_flags, assert_passes ...)."""
    from editcheck import testing

    return testing
