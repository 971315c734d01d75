"""``editcheck new-plugin NAME``: write a ready plugin package whose tests pass at once.

The files come from ``editcheck/templates/plugin`` (package data): a pyproject with the
entry point, a module with a Python check and a house-style file, tests written with
``editcheck.testing``, and a README. ``$name``-style placeholders are filled in with
:class:`string.Template`; ``PACKAGE`` in a path becomes the import name.

The plugin depends on the editcheck range it was made with (:func:`editcheck_range`): the
plugin API may change in the next breaking release, and pip should say so at install
time rather than the plugin failing at import.
"""

from __future__ import annotations

import re
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from string import Template

import click

_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
TEMPLATE_SUFFIX = ".tmpl"


_RELEASE = re.compile(r"^(\d+)\.(\d+)")


def editcheck_range(version: str) -> str:
    """The requirement a new plugin pins: ``editcheck>=X.Y,<X+1``, the releases that keep
    the API the plugin was written against.

    Before 1.0, semantic versioning makes every minor release a possibly breaking one
    (``0.Y`` is the major number in all but name), so ``0.Y.Z`` pins ``>=0.Y,<0.(Y+1)``.
    A version that is not ``X.Y...`` (a source tree that was never installed) gives no
    range: there is nothing true to pin.
    """
    m = _RELEASE.match(version)
    if m is None:
        raise click.ClickException(
            f"editcheck's own version is {version!r}: install editcheck (pip install -e .) "
            "so new-plugin can pin the range the plugin is made with"
        )
    major, minor = int(m.group(1)), int(m.group(2))
    upper = f"{major}.{minor + 1}" if major == 0 else str(major + 1)
    return f"editcheck>={major}.{minor},<{upper}"


def template_root() -> Traversable:
    """The plugin template shipped inside editcheck."""
    return files("editcheck").joinpath("templates", "plugin")


def plugin_names(name: str) -> dict[str, str]:
    """The names a plugin called ``name`` uses: distribution, import package, namespace."""
    if not _NAME.match(name):
        raise click.BadParameter(
            f"{name!r}: use lower-case letters, digits and single hyphens, e.g. 'acme-style'",
            param_hint="NAME",
        )
    from editcheck.version import __version__

    bare = name.removeprefix("editcheck-")
    return {
        "requirement": editcheck_range(__version__),
        "name": bare,
        "dist": f"editcheck-{bare}",
        "package": "editcheck_" + bare.replace("-", "_"),
        "namespace": bare,
    }


def render_plugin(name: str, target: Path) -> list[Path]:
    """Write the package for ``name`` under ``target``; returns the files written."""
    names = plugin_names(name)
    written = []
    for relative, template in _walk(template_root(), ""):
        path = target / relative.replace("PACKAGE", names["package"]).removesuffix(TEMPLATE_SUFFIX)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(Template(template.read_text("utf-8")).substitute(names), "utf-8")
        written.append(path)
    return sorted(written)


def _walk(node: Traversable, prefix: str) -> list[tuple[str, Traversable]]:
    found = []
    for child in node.iterdir():
        relative = f"{prefix}{child.name}"
        if child.is_dir():
            if child.name != "__pycache__":
                found.extend(_walk(child, relative + "/"))
        elif child.name.endswith(TEMPLATE_SUFFIX):
            found.append((relative, child))
    return found


@click.command("new-plugin")
@click.argument("name")
@click.option(
    "-d",
    "--directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Create the package folder in here.",
)
@click.option("--force", is_flag=True, help="Write into an existing, non-empty folder.")
def new_plugin_command(name: str, directory: Path, force: bool) -> None:
    """Create a plugin package NAME (folder editcheck-NAME) ready to install and test."""
    names = plugin_names(name)
    target = directory / names["dist"]
    if target.exists() and any(target.iterdir()) and not force:
        raise click.UsageError(f"{target} exists and is not empty (use --force to write into it)")
    for path in render_plugin(name, target):
        click.echo(f"created {path}")
    click.echo(
        f'\nNext:\n  cd {target}\n  pip install -e ".[test]"\n  pytest\n'
        f"  editcheck plugins     # lists {names['name']}"
    )
