"""``editcheck serve``: the HTTP service for CMS pre-publish hooks, and the review page."""

from __future__ import annotations

import os
from pathlib import Path

import click

from editcheck.cli.common import split_list

_LOOPBACK = {"127.0.0.1", "localhost", "::1"}
_LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")


@click.command("serve")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to bind; anything but loopback exposes the service.",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8750,
    show_default=True,
    help="Port to listen on (0: any free port; the server prints the one it took).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes; each loads the plugins once.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Config file; plugins load from it only, never from a request.",
)
@click.option(
    "--max-body-bytes",
    type=click.IntRange(min=1),
    default=2_000_000,
    show_default=True,
    help="Refuse request bodies larger than this (413).",
)
@click.option(
    "--time-budget",
    type=click.FloatRange(min=0),
    default=5.0,
    show_default=True,
    help="Seconds per request; a check still running then is stopped (0: none).",
)
@click.option(
    "--memory-limit",
    "memory_limit_mb",
    type=click.IntRange(min=0),
    default=1024,
    show_default=True,
    help="MB of resident memory a check process or worker may use before it is "
    "replaced; the draft it was checking gets a 503 problem (0: no limit).",
)
@click.option(
    "--token-file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Require 'Authorization: Bearer TOKEN' with the token in this file "
    "(or set EDITCHECK_TOKEN).",
)
@click.option(
    "--cors-origin",
    "cors_origins",
    multiple=True,
    help="Allow browser calls from this origin (repeatable, or comma-separated).",
)
@click.option(
    "--allow-host",
    "allowed_hosts",
    multiple=True,
    help="Host names requests may address (repeatable, or comma-separated) "
    "[default: loopback names when serving on loopback, else any].",
)
@click.option(
    "--frame-ancestors",
    "frame_ancestors",
    multiple=True,
    metavar="ORIGIN",
    help="Let pages of this origin embed the review page and talk to it by postMessage "
    "(repeatable, or comma-separated) [default: no framing].",
)
@click.option(
    "--log-level",
    type=click.Choice(["critical", "error", "warning", "info", "debug"]),
    default="info",
    show_default=True,
)
def serve_command(
    host: str,
    port: int,
    workers: int,
    config_path: Path | None,
    max_body_bytes: int,
    time_budget: float,
    memory_limit_mb: int,
    token_file: Path | None,
    cors_origins: tuple[str, ...],
    allowed_hosts: tuple[str, ...],
    frame_ancestors: tuple[str, ...],
    log_level: str,
) -> None:
    """Serve POST /v1/check, the review page at /, and /v1/openapi.json."""
    try:
        from editcheck.service.handler import CheckHandler
        from editcheck.service.launch import serve
        from editcheck.service.settings import (
            TOKEN_ENV,
            ServiceSettings,
            parse_origin,
            read_token_file,
        )
    except ImportError as exc:
        raise click.UsageError(
            f"editcheck serve needs the 'serve' extra ({exc.name} is missing): "
            "pip install 'editcheck[serve]'"
        ) from None
    from editcheck.errors import EditcheckError

    try:
        token = read_token_file(token_file) if token_file else os.environ.get(TOKEN_ENV) or None
        settings = ServiceSettings(
            config=config_path,
            max_body_bytes=max_body_bytes,
            time_budget=time_budget or None,
            memory_limit_mb=memory_limit_mb or None,
            token=token,
            cors_origins=split_list(cors_origins),
            allowed_hosts=split_list(allowed_hosts)
            or (_LOOPBACK_NAMES if host in _LOOPBACK else ()),
            frame_ancestors=tuple(parse_origin(o) for o in split_list(frame_ancestors)),
        )
        handler = CheckHandler(settings)  # fail here, once, rather than in every worker
    except EditcheckError as exc:
        raise click.UsageError(str(exc)) from exc
    for failure in handler.plugins.failures:
        click.echo(f"editcheck: warning: plugin {failure}", err=True)
    from editcheck.service.desk import Desk

    desk = Desk.open(handler.config)  # each worker opens its own; say now if none can
    if desk.store is None:
        click.echo(f"editcheck: warning: {desk.problem}", err=True)
    else:
        desk.store.close()
    if host not in _LOOPBACK and token is None:
        click.echo(f"editcheck: warning: serving on {host} without a token", err=True)
    try:
        serve(
            settings,
            host=host,
            port=port,
            workers=workers,
            log_level=log_level,
            token_file=token_file,
        )
    except EditcheckError as exc:  # the port is taken: one line, exit 2
        raise _CannotServe(str(exc)) from None


class _CannotServe(click.ClickException):
    exit_code = 2

    def show(self, file: object = None) -> None:
        click.echo(f"editcheck serve: {self.message}", err=True)
