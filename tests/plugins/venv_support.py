"""A fresh virtual environment with editcheck and a plugin really installed in it.

The environment is made without ``--system-site-packages``, so nothing of the running
interpreter's installs leaks in: editcheck itself and the plugin are pip-installed into it.
Only editcheck's third-party dependencies (pluggy, lxml, click, textstat, regex and what
they need) are lent from the running environment, through a ``.pth`` file pointing at a
folder of links to exactly those distributions; that keeps the test offline and fast.
"""

from __future__ import annotations

import importlib.metadata
import os
import re
import subprocess
import sys
from pathlib import Path

from packaging.requirements import Requirement


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def dependency_closure(root: str) -> list[importlib.metadata.Distribution]:
    """Installed distributions ``root`` needs (not ``root`` itself), recursively."""
    seen: dict[str, importlib.metadata.Distribution] = {}
    todo = [root]
    while todo:
        dist = importlib.metadata.distribution(todo.pop())
        for line in dist.requires or []:
            req = Requirement(line)
            if req.marker is not None and not req.marker.evaluate({"extra": ""}):
                continue
            name = _canonical(req.name)
            if name not in seen and name != _canonical(root):
                seen[name] = importlib.metadata.distribution(req.name)
                todo.append(req.name)
    return list(seen.values())


def link_dependencies(dists: list[importlib.metadata.Distribution], folder: Path) -> None:
    """Symlink each distribution's top-level files and its metadata folder into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for dist in dists:
        base = Path(str(dist.locate_file("")))
        tops = {Path(str(f)).parts[0] for f in dist.files or []}
        for top in tops:
            if top in ("..", "__pycache__") or top.endswith(".pth"):
                continue
            source, link = base / top, folder / top
            if source.exists() and not link.exists():
                link.symlink_to(source)


def site_packages(venv: Path) -> Path:
    out = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['purelib'])",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return Path(out)


def make_venv(venv: Path, deps_folder: Path) -> None:
    """A venv without pip (the running pip installs into it) that sees only the deps folder."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    link_dependencies(dependency_closure("editcheck"), deps_folder)
    (site_packages(venv) / "_editcheck_test_deps.pth").write_text(f"{deps_folder}\n")


def pip_install(venv: Path, *args: str, resolve: bool = False) -> subprocess.CompletedProcess[str]:
    """Run the running interpreter's pip against the venv's interpreter; ``resolve``
    checks dependencies against what the venv has (lent ones included) instead of
    ``--no-deps``."""
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(venv / "bin" / "python"),
            "install",
            *(() if resolve else ("--no-deps",)),
            "-q",
            *args,
        ],
        capture_output=True,
        text=True,
        env=env,
    )


def offline_failure(done: subprocess.CompletedProcess[str]) -> bool:
    """True when pip failed only because it could not fetch the build backend."""
    text = done.stdout + done.stderr
    return any(
        s in text
        for s in (
            "No matching distribution found for hatchling",
            "Could not find a version that satisfies",
            "NewConnectionError",
            "Temporary failure in name resolution",
        )
    )
