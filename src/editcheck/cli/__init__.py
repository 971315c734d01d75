"""The ``editcheck`` command line: a click group whose subcommands import lazily.

A pre-publish hook may spawn ``editcheck check`` once per draft, so startup must stay
light: each subcommand lives in its own module and is imported only when it runs.
"""

from __future__ import annotations

import importlib
import os
from typing import Any

import click

# name -> "module:attribute"; a subcommand is imported only when invoked or listed in help.
SUBCOMMANDS = {
    "audit": "editcheck.cli.audit:audit_command",
    "archive": "editcheck.cli.archive:archive_group",
    "check": "editcheck.cli.check:check_command",
    "fix": "editcheck.cli.fix:fix_command",
    "new-plugin": "editcheck.cli.new_plugin:new_plugin_command",
    "plugins": "editcheck.cli.listing:plugins_command",
    "rules": "editcheck.cli.listing:rules_command",
    "serve": "editcheck.cli.serve:serve_command",
}


# Earlier names that still work but are not listed.
ALIASES = {"boilerplate": "archive"}


class LazyGroup(click.Group):
    """A group that imports a subcommand's module only when that subcommand is needed.

    It is also the last line of defence: an exception no command handled is an internal
    failure, exit 3 with one line (``EDITCHECK_DEBUG=1`` shows the traceback), never the
    exit 1 a CI job would read as "findings".
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:  # noqa: BLE001 - the whole point: no bare traceback
            if os.environ.get("EDITCHECK_DEBUG"):
                raise
            click.echo(
                f"editcheck: internal error: {type(exc).__name__}: {exc} "
                "(a bug in editcheck or a plugin; EDITCHECK_DEBUG=1 shows the traceback)",
                err=True,
            )
            ctx.exit(3)

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
