"""``editcheck plugins`` and ``editcheck rules``: what is loaded, and what each rule does."""

from __future__ import annotations

import json
import sys
import textwrap

import click

from editcheck.cli.common import PluginFlags, plugin_options, use_color


@click.command("plugins")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@plugin_options
def plugins_command(as_json: bool, plugins: PluginFlags) -> None:
    """List loaded plugins with their checks, rules and formats."""
    _, loaded = plugins.load()
    if as_json:
        data = {
            "plugins": [p.to_dict() for p in loaded.plugins],
            "failures": [{"name": f.name, "message": f.message} for f in loaded.failures],
        }
        click.echo(json.dumps(data, indent=2))
        return
    for p in loaded.plugins:
        version = f" {p.version}" if p.version else ""
        click.echo(f"{p.name}{version} ({p.origin})")
        for name in p.checks:
            click.echo(f"  check  {name}")
        for rule in p.rules:
            click.echo(f"  rule   {rule}")
        for fmt in p.formatters:
            click.echo(f"  format {fmt}")
    for f in loaded.failures:
        click.echo(f"{f.name} (failed to load): {f.message}")


@click.command("rules")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.argument("selectors", nargs=-1)
@plugin_options
def rules_command(
    as_json: bool,
    selectors: tuple[str, ...],
    plugins: PluginFlags,
) -> None:
    """List every rule (or those matching SELECTORS) with its documentation."""
    from editcheck.selectors import matches_any

    _, loaded = plugins.load()
    rules = [r for r in loaded.rules if not selectors or matches_any(r, selectors)]
    if as_json:
        click.echo(json.dumps([r.to_dict() for r in rules], indent=2))
        return
    color = use_color(sys.stdout, None)
    for r in rules:
        click.echo(
            click.style(r.id, bold=True) + f"  [{r.category}, {r.severity.value}]", color=color
        )
        if r.summary:
            click.echo(textwrap.indent(textwrap.fill(r.summary, 88), "    "))
        if r.doc:
            click.echo(textwrap.indent(textwrap.dedent(r.doc).strip(), "    "))
        if r.options:
            opts = ", ".join(f"{k}={v!r}" for k, v in r.options.items())
            click.echo(f"    options: {opts}")
        if r.languages:
            click.echo(f"    reads: {', '.join(sorted(r.languages))} only")
        for label, examples in (("flags: ", r.flags), ("passes:", r.passes)):
            for example in examples:
                click.echo(_example(label, example))
        click.echo()


def _example(label: str, example: str) -> str:
    """An example, with a multi-line draft shown as an indented block (blank lines as ⏎)."""
    lines = example.split("\n")
    if len(lines) == 1:
        return f"    {label} {example}"
    body = "\n".join(
        f"            | {line}" if line.strip() else "            | ⏎" for line in lines
    )
    return f"    {label}\n{body}"
