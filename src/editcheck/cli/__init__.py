"""The ``editcheck`` command line: a click group whose subcommands import lazily.

A pre-publish hook may spawn ``editcheck check`` once per draft, so startup must stay
light: each subcommand lives in its own module and is imported only when it runs.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

# name -> "module:attribute"; a subcommand is imported only when invoked or listed in help.
SUBCOMMANDS = {
    "audit": "editcheck.cli.audit:audit_command",
    "archive": "editcheck.cli.archive:archive_group",
    "check": "editcheck.cli.check:check_command",
    "new-plugin": "editcheck.cli.new_plugin:new_plugin_command",
    "plugins": "editcheck.cli.listing:plugins_command",
    "rules": "editcheck.cli.listing:rules_command",
    "serve": "editcheck.cli.serve:serve_command",
}


# Earlier names that still work but are not listed.
ALIASES = {"boilerplate": "archive"}


class LazyGroup(click.Group):
    """A group that imports a subcommand's module only when that subcommand is needed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *SUBCOMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        name = ALIASES.get(name, name)
        if name in SUBCOMMANDS:
            module, attr = SUBCOMMANDS[name].split(":")
            command: Any = getattr(importlib.import_module(module), attr)
            return command  # type: ignore[no-any-return]
        return super().get_command(ctx, name)


def _version() -> str:
    from editcheck.version import __version__

    return __version__


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="editcheck", message="editcheck %(version)s")
def main() -> None:
    """Editorial checks for news drafts: sourcing, statistics, boilerplate, page residue."""
