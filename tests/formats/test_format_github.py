"""GitHub workflow commands: one line per annotation, escaped, pointing into the file."""

from __future__ import annotations

import re
from pathlib import Path

from editcheck.annotations import Annotation, BlockRef, Quote, Report, Severity
from editcheck.formats.base import RenderContext
from editcheck.formats.github import render_github

COMMAND = re.compile(r"^::(error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def unescape(value: str) -> str:
    for code, ch in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(code, ch)
    return value


def parse(line: str) -> tuple[str, dict[str, str], str]:
    m = COMMAND.match(line)
    assert m, line
    props = dict(p.split("=", 1) for p in m["props"].split(","))
    return m.group(1), {k: unescape(v) for k, v in props.items()}, unescape(m["message"])


def test_one_command_per_annotation_at_the_right_place(
    reports: list[Report], context: RenderContext
) -> None:
    lines = render_github(reports, context).splitlines()
    annotations = [a for r in reports for a in r.annotations]
    assert len(lines) == len(annotations)
    text_report = reports[2]
    text_lines = Path(text_report.source or "").read_text(encoding="utf-8").split("\n")
    for line, a in zip(lines, annotations, strict=True):
        level, props, message = parse(line)
        assert level == {"error": "error", "warning": "warning", "info": "notice"}[a.severity.value]
        assert props["title"].startswith(a.rule) and message.startswith(a.message)
        if props["file"] == text_report.source:
            row = text_lines[int(props["line"]) - 1]
            col = int(props["col"])
            assert row[col - 1 : int(props["endColumn"]) - 1] == a.text


def test_values_are_escaped_so_nothing_can_inject_a_command(context: RenderContext) -> None:
    a = Annotation(
        rule="acme/x",
        category="house-style",
        severity=Severity.ERROR,
        message="100% wrong\n::error::injected",
        suggestion="use a, b: c",
        text="bad",
        start=0,
        end=3,
        line=1,
        column=1,
        block=BlockRef(0, None, 0, 3),
        quote=Quote("bad", "", ""),
        fingerprint="0" * 16,
    )
    report = Report(source="odd, name:v1.txt", media_type="text/plain", annotations=(a,))
    out = render_github([report], context)
    assert out.count("\n") == 1 and len(out.splitlines()) == 1  # no second command line
    level, props, message = parse(out.rstrip("\n"))
    assert level == "error"
    assert props["file"] == "odd, name:v1.txt"
    assert message == "100% wrong\n::error::injected\nSuggestion: use a, b: c"


def test_paragraphs_sharing_a_line_point_at_their_own_text(
    tmp_path: Path, checker, context: RenderContext
) -> None:  # type: ignore[no-untyped-def]
    draft = tmp_path / "one-line.html"
    draft.write_text("<div><p>First zzsame.</p><p>Second zzsame.</p></div>\n", "utf-8")
    lines = render_github([checker.check_path(draft)], context).splitlines()
    columns = [int(parse(line)[1]["col"]) for line in lines if "svc/zz-word" in line]
    source = draft.read_text("utf-8")
    assert columns == [source.index("zzsame") + 1, source.rindex("zzsame") + 1]
