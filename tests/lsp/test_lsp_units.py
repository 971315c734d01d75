"""The language server's parts on their own: positions, the document kinds it reads, and
the engine's reading of a buffer (as the editor holds it, not as bytes on disk)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsp_probes import PROBE, plugin_folder
from lsprotocol import types

from editcheck.lsp.diagnostics import overlaps, report_items
from editcheck.lsp.engine import DraftEngine, EngineSettings, draft_name
from editcheck.lsp.positions import LineIndex, units


def test_code_units_per_encoding() -> None:
    assert [units("a😀é", e) for e in ("utf-32", "utf-16", "utf-8")] == [3, 4, 7]
    assert units("plain", "utf-16") == 5


@pytest.mark.parametrize(
    ("text", "offset", "line", "character"),
    [
        ("ab\ncd", 4, 1, 1),
        ("ab\r\ncd", 5, 1, 1),
        ("ab\r\ncd", 3, 0, 2),  # between \r and \n: the end of the line
        ("ab\rcd", 4, 1, 1),  # a lone CR ends a line in LSP
        ("ab\x0ccd\u2028ef", 7, 0, 7),  # form feed and U+2028 do not
        ("😀\n😀x", 4, 1, 3),  # an astral character is two UTF-16 units
    ],
)
def test_line_index_counts_lines_as_lsp_does(
    text: str, offset: int, line: int, character: int
) -> None:
    assert LineIndex(text).position(offset) == types.Position(line, character)


def test_ranges_that_touch_overlap() -> None:
    def r(a: int, b: int) -> types.Range:
        return types.Range(types.Position(0, a), types.Position(0, b))

    assert overlaps(r(2, 5), r(5, 5)) and overlaps(r(0, 9), r(3, 4))
    assert not overlaps(r(2, 5), r(6, 8))


@pytest.mark.parametrize(
    ("uri", "language", "name"),
    [
        ("file:///d/story.html", "html", "/d/story.html"),
        ("file:///d/story.md", "markdown", "/d/story.md"),
        ("file:///d/notes", "markdown", "/d/notes.md"),  # the editor's language decides
        ("file:///d/story.txt", "plaintext", "/d/story.txt"),
        ("file:///d/my%20story.htm", "jinja", "/d/my story.htm"),  # else the suffix
        ("untitled:Untitled-1", "plaintext", "untitled:Untitled-1.txt"),
        ("file:///d/tool.py", "python", None),
        ("file:///d/data.json", "json", None),
    ],
)
def test_which_documents_are_read_and_as_what(uri: str, language: str, name: str | None) -> None:
    assert draft_name(uri, language) == name


def test_the_buffer_is_read_as_the_editor_holds_it_whatever_its_meta_charset() -> None:
    engine = DraftEngine(EngineSettings())
    # On disk this draft would be Latin-1; the editor has already decoded it.
    text = (
        '<html><head><meta charset="iso-8859-1"></head><body>\n'
        "<p>Café owners say the plan is reportedly doomed.</p>\n</body></html>\n"
    )
    report = engine.check(text, "/d/cafe.html")
    flagged = [a for a in report.annotations if a.text == "reportedly"]
    assert flagged and flagged[0].source is not None
    span = flagged[0].source
    assert text[span.start : span.end] == "reportedly"
    assert engine.check(text, "/d/cafe.html") is report  # kept by text
    items = report_items(report, text, "utf-16")
    (item,) = [
        i
        for i in items
        if i.diagnostic.code == flagged[0].rule
        and i.diagnostic.range.start.character == span.column - 1
    ]
    assert item.diagnostic.range.start.line == 1


def test_a_draft_over_max_bytes_is_refused_not_cut() -> None:
    from editcheck.errors import InputTooLarge

    engine = DraftEngine(EngineSettings())
    limit = engine.checker().config.max_bytes
    with pytest.raises(InputTooLarge):
        engine.check("word " * (limit // 5 + 1), "/d/big.txt")


def test_a_quick_fix_in_html_is_escaped_and_only_where_the_text_is_verbatim(
    tmp_path: Path,
) -> None:
    folder = plugin_folder(tmp_path, "probe", PROBE.replace('"plantain"', '"fish & chips"'))
    engine = DraftEngine(EngineSettings(plugins_dir=folder, select=("probe/banana",)))
    # the second banana is not verbatim in the source (an entity): its exact range in the
    # source, entity included, and no edit
    html = "<p>A banana.</p>\n<p>A ban&#97;na?</p>\n"
    items = report_items(engine.check(html, "/d/f.html"), html, "utf-16")
    fixes = [(i.diagnostic.range, i.fix.new_text if i.fix else None) for i in items]
    assert [(r.start.line, r.start.character, r.end.character, f) for r, f in fixes] == [
        (0, 5, 11, "fish &amp; chips"),
        (1, 5, len("<p>A ban&#97;na"), None),
    ]
    text = "A banana.\n"
    (item,) = report_items(engine.check(text, "/d/f.txt"), text, "utf-16")
    assert item.fix is not None and item.fix.new_text == "fish & chips"


def test_the_command_is_listed_and_documents_its_options() -> None:
    from click.testing import CliRunner

    from editcheck.cli import main

    listed = CliRunner().invoke(main, ["--help"])
    assert listed.exit_code == 0 and "lsp" in listed.output
    shown = CliRunner().invoke(main, ["lsp", "--help"])
    assert shown.exit_code == 0
    for option in ("--stdio", "--debounce", "--time-budget", "--config", "--select"):
        assert option in shown.output
