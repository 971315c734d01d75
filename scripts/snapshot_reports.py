"""Snapshot what editcheck says about every fixture draft, in every built-in format.

A refactor must not change a single annotation or a byte of any format's output. Take a
snapshot before, one after, and compare:

    python scripts/snapshot_reports.py -o /tmp/before.json        # on the old tree
    python scripts/snapshot_reports.py -o /tmp/after.json         # on the new tree
    python scripts/snapshot_reports.py --compare /tmp/before.json /tmp/after.json

The drafts are every ``.html``/``.htm``/``.txt`` under ``fixtures/`` and the plugins'
folders, plus the shared seed when ``../shared`` is there. Each format runs through the
real CLI (``editcheck check -f FORMAT``), with plugin autoloading on, as a user sees it;
paths are given relative to the repository so the output does not depend on where the
tree is checked out.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ("json", "text", "sarif", "github", "w3c", "html")
SUFFIXES = {".html", ".htm", ".txt"}


def drafts() -> list[str]:
    """Every fixture draft, as a path relative to the repository, sorted."""
    found = [
        p.relative_to(ROOT).as_posix()
        for folder in (ROOT / "fixtures", ROOT / "plugins")
        for p in folder.rglob("*")
        if p.suffix.lower() in SUFFIXES and p.is_file() and ".venv" not in p.parts
    ]
    seed = ROOT.parent / "shared" / "seed" / "ice-shooting.txt"
    if seed.is_file():
        found.append(os.path.relpath(seed, ROOT))
    return sorted(found)


def render(fmt: str, paths: list[str]) -> str:
    """The CLI's whole output for ``paths`` in format ``fmt``."""
    cmd = [
        sys.executable,
        "-m",
        "editcheck",
        "check",
        "-f",
        fmt,
        "--fail-on",
        "never",
        "-j",
        "1",
        "--no-color",
        *paths,
    ]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"editcheck -f {fmt} exited {done.returncode}:\n{done.stderr[-2000:]}")
    return done.stdout


def snapshot() -> dict[str, object]:
    paths = drafts()
    return {"drafts": paths, "outputs": {fmt: render(fmt, paths) for fmt in FORMATS}}


def compare(before: Path, after: Path) -> int:
    """Print the formats whose output differs (with the first differing line); 0 if none."""
    old, new = (json.loads(p.read_text("utf-8")) for p in (before, after))
    if old["drafts"] != new["drafts"]:
        print(f"the draft lists differ: {len(old['drafts'])} vs {len(new['drafts'])}")
        return 1
    differing = 0
    for fmt in FORMATS:
        a, b = old["outputs"][fmt].splitlines(), new["outputs"][fmt].splitlines()
        if a == b:
            print(f"{fmt:7} identical ({len(a)} lines)")
            continue
        differing += 1
        first = next(
            (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
        )
        print(f"{fmt:7} DIFFERS at line {first + 1} ({len(a)} vs {len(b)} lines)")
        print(f"  before: {a[first][:200] if first < len(a) else '<end>'}")
        print(f"  after:  {b[first][:200] if first < len(b) else '<end>'}")
    print(
        f"{len(old['drafts'])} drafts, {len(FORMATS) - differing} of {len(FORMATS)} "
        "formats identical"
    )
    return 1 if differing else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, help="write a snapshot here")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args(argv)
    if args.compare:
        return compare(*args.compare)
    if not args.output:
        parser.error("give -o FILE or --compare BEFORE AFTER")
    args.output.write_text(json.dumps(snapshot(), ensure_ascii=False), "utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
