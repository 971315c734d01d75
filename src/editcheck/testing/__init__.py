"""The plugin author's kit: run a check on a string, assert what it flags, hold every rule
to its own examples, and keep golden cases.

    from editcheck.testing import assert_flags, assert_passes, assert_rule_examples

    assert_flags(my_check, "He stated the obvious.", "stated", rule="acme/said")
    assert_passes(my_check, "He said the obvious.", rule="acme/said")
    assert_rule_examples(my_plugin_module)   # every Rule's flags/passes examples

The first argument says what to run: a Check, a plugin module, a house-style ``.toml``
path, a list of these, or None for every installed plugin. A string draft (a rule's
example included) is HTML when it starts with markup (``"<p>One.</p>"``), plain text
otherwise; a Path is read as a draft file.

Golden cases: a folder of drafts, each beside its ``NAME.expected.json`` (see
:func:`check_golden`); the pytest plugin (:mod:`editcheck.pytest_plugin`, loaded
automatically) adds ``--update-golden`` and the ``editcheck_update_golden`` fixture.

Scoring a check against labelled drafts (recall, false alarms) is another audience's
job: :mod:`editcheck.testing.quality`.
"""

from editcheck.testing.asserts import assert_flags, assert_passes, assert_rule_examples
from editcheck.testing.golden import (
    check_golden,
    expected_path,
    golden_cases,
    golden_view,
    report_view,
)
from editcheck.testing.running import (
    CheckSource,
    checks_from,
    flagged,
    load_draft,
    looks_like_html,
    run_check,
)

__all__ = [
    "CheckSource",
    "assert_flags",
    "assert_passes",
    "assert_rule_examples",
    "check_golden",
    "checks_from",
    "expected_path",
    "flagged",
    "golden_cases",
    "golden_view",
    "load_draft",
    "looks_like_html",
    "report_view",
    "run_check",
]
