"""``editcheck lsp``: the Language Server over standard input and output.

An editor starts it (``editcheck lsp --stdio``) and speaks JSON-RPC on the pipes. Nothing
else may write to standard output, so the command hands the protocol the real stdout and
points ``sys.stdout`` at stderr: a plugin that prints cannot corrupt the stream.
"""

from __future__ import annotations

import sys

import click

from editcheck.cli.common import PluginFlags, RuleFlags, plugin_options, rule_options


@click.command("lsp")
@click.option(
    "--stdio",
    is_flag=True,
    help="Speak on standard input/output (the default; accepted because editors pass it).",
)
@click.option(
    "--debounce",
    type=click.FloatRange(min=0),
    default=0.0,
    show_default=True,
    help="Seconds to wait after a change before checking (a check already running "
    "coalesces changes into one more check either way).",
)
@click.option(
    "--time-budget",
    type=click.FloatRange(min=0),
    default=5.0,
    show_default=True,
    help="Seconds per check of a draft; past it the draft shows an error diagnostic (0: none).",
)
@rule_options
@plugin_options
def lsp_command(
    stdio: bool, debounce: float, time_budget: float, rules: RuleFlags, plugins: PluginFlags
) -> None:
    """Serve editcheck's findings to an editor as diagnostics (Language Server Protocol).

    HTML, Markdown and plain-text documents are checked as you type; house-style
    suggestions are offered as quick fixes. The config is --config, else editcheck.toml
    or pyproject.toml found upward from the workspace folder; a bad one is shown as an
    error on every draft.
    """
    try:
        from editcheck.lsp.engine import DraftEngine, EngineSettings
        from editcheck.lsp.server import create_server
    except ImportError as exc:
        raise click.UsageError(
            f"editcheck lsp needs the 'lsp' extra ({exc.name} is missing): "
            "pip install 'editcheck[lsp]'"
        ) from None
    engine = DraftEngine(
        EngineSettings(
            config_path=plugins.config_path,
            plugins_dir=plugins.plugins_dir,
            blocked=plugins.blocked,
            select=rules.select,
            ignore=rules.ignore,
            archive_index=rules.archive_index,
        )
    )
    server = create_server(engine, debounce=debounce, budget=time_budget or None)
    protocol_out = sys.stdout.buffer
    sys.stdout = sys.stderr  # print() from any plugin goes to the log, not the protocol
    server.start_io(sys.stdin.buffer, protocol_out)
