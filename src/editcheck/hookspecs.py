"""The plugin manual: every hook a plugin can implement.

editcheck uses pluggy. A plugin is a module (or object) with functions marked
``@editcheck.hookimpl`` whose names match the hooks below. Plugins are found through
the ``editcheck`` entry-point group in a package's ``pyproject.toml``::

    [project.entry-points.editcheck]
    acme = "acme_editcheck"

or as ``*.py`` files in a folder named by ``--plugins-dir`` or the ``plugins-dir`` config key.
editcheck's own checks are registered the same way, in editcheck's own ``pyproject.toml``.

Hooks only *declare* things; they are called once per process when plugins load. The
runner calls each declared check itself, inside its own error and time boundary, so a
check that raises is reported in the report's ``errors`` and the others still run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from os import PathLike

    from editcheck.checkapi import Check
    from editcheck.formats.base import Formatter

PROJECT = "editcheck"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def editcheck_checks() -> list[Check]:  # type: ignore[empty-body]
    """Declare the checks this plugin provides.

    Called once, when plugins load. Return a list of :class:`editcheck.Check` objects,
    usually made with the :func:`editcheck.check` decorator::

        @hookimpl
        def editcheck_checks():
            return [no_utilise, dateline]

    Each check declares its rules (:class:`editcheck.Rule`: id ``namespace/kebab-name``,
    category, default severity, documentation, option defaults). Rule ids must be unique
    across all plugins; a plugin that redeclares a loaded rule id is reported and skipped.

    A check is called as ``run(document, context)`` for every draft: read the
    :class:`editcheck.Document` (blocks, sentences, tokens, all with offsets) and report
    spans with ``context.report(rule_id, start, end, message, suggestion=...)`` or
    ``context.report_in(rule_id, block_or_sentence, start, end, message)``. Read the
    rule's options with ``context.options(rule_id)``. A check must not keep state between
    drafts: the same check object may run in many threads or processes.
    """


@hookspec
def editcheck_formatters() -> list[Formatter]:  # type: ignore[empty-body]
    """Declare output formats for ``editcheck check --format NAME``.

    Called once, when plugins load. Return a list of
    :class:`editcheck.formats.base.Formatter`: a ``name``, a one-line ``summary`` and a
    ``render(reports, options) -> str`` function. Names must be unique.
    """


@hookspec
def editcheck_house_style_files() -> list[str | PathLike[str]]:  # type: ignore[empty-body]
    """Declare house-style TOML files shipped inside this plugin's package.

    Called once, when plugins load. Return paths to declarative rule files (see
    :mod:`editcheck.checks.housestyle`), usually found next to the plugin module::

        @hookimpl
        def editcheck_house_style_files():
            return [Path(__file__).with_name("style.toml")]

    Each file becomes one check whose rules are named ``NAMESPACE/RULE``: the namespace
    the file declares in its ``[house-style]`` table, or else this plugin's name. A file
    that does not validate is reported as a failure of this plugin (naming the file, the
    rule and the field) and the other plugins still load.
    """


@hookspec(firstresult=True)
def editcheck_compile_house_style(  # type: ignore[empty-body]
    files: list[str | PathLike[str]], namespace: str | None
) -> list[Check]:
    """Compile house-style files into checks (editcheck's own ``housestyle`` plugin).

    Called for each plugin's declared files (``namespace``: the plugin's name) and for the
    config's ``house-style`` files (``namespace`` None: each file declares its own, or
    its file name is used). The first plugin to answer wins; a plugin that replaces the
    house-style engine implements this and blocks ``housestyle``.
    """
