"""The benchmark corpus keeps its promises: distinct drafts, stable, cached, honest about
running out. Run with ``python -m pytest benchmarks/test_corpus.py``."""

from __future__ import annotations

from pathlib import Path

import corpus
import pytest


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(corpus, "CACHE", tmp_path / "corpus")


def _blocks(text: str) -> list[str]:
    """A plain-text rendering's paragraphs and lines, normalised."""
    return [corpus.norm(line.removeprefix("- ")) for line in text.splitlines() if line.strip()]


def test_no_paragraph_occurs_twice_across_one_sizes_drafts() -> None:
    ds = corpus.drafts(1000, 50, shared=False, quiet=True)
    seen: dict[str, str] = {}
    for d in ds:
        for block in _blocks(d.text):
            assert block not in seen, f"{d.name} repeats a block of {seen[block]}: {block[:50]}"
            seen[block] = d.name
    assert len(ds) >= 5


def test_drafts_are_about_the_asked_size_and_in_both_formats() -> None:
    ds = corpus.drafts(250, 40, shared=False, quiet=True)
    assert all(d.words >= 250 for d in ds)
    assert {d.kind for d in ds} == {"html", "text"}
    html = next(d for d in ds if d.kind == "html")
    assert html.content.lstrip().startswith("<") and "<p>" in html.content
    assert "<p>" not in html.text


def test_fewer_drafts_are_a_prefix_of_more(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    few = corpus.drafts(250, 4, shared=False, quiet=True)
    monkeypatch.setattr(corpus, "CACHE", tmp_path / "other")
    more = corpus.drafts(250, 8, shared=False, quiet=True)
    assert [d.content for d in few] == [d.content for d in more[:4]]


def test_a_second_call_reuses_the_cache_and_asking_for_more_rebuilds() -> None:
    first = corpus.drafts(250, 3, shared=False, quiet=True)
    stamp = first[0].path.stat().st_mtime_ns
    again = corpus.drafts(250, 3, shared=False, quiet=True)
    assert again[0].path.stat().st_mtime_ns == stamp
    more = corpus.drafts(250, 6, shared=False, quiet=True)
    assert len(more) == 6 and more[0].content == first[0].content


def test_running_out_of_material_says_how_many_could_be_built(
    capsys: pytest.CaptureFixture[str],
) -> None:
    ds = corpus.drafts(20000, 50, shared=False)
    err = capsys.readouterr().err
    assert len(ds) < 50
    assert f"only {len(ds)} distinct drafts of 20000 words" in err


def test_the_builder_refuses_a_corpus_with_a_shared_block() -> None:
    a = corpus.Plan("text", [corpus.Block("p", "The council met on Monday to vote.")])
    b = corpus.Plan("html", [corpus.Block("p", "the council met on monday, to vote")])
    with pytest.raises(AssertionError, match="share a block"):
        corpus.assert_distinct([a, b])


@pytest.mark.skipif(not corpus.AEB.is_dir(), reason="../shared is absent")
def test_with_shared_material_there_are_200_news_drafts_some_with_residue() -> None:
    ds = corpus.drafts(1000, 200, quiet=True)
    assert len(ds) == 200
    manifest = corpus.build(1000, 200)["drafts"]
    with_residue = sum(e["residue_lines"] > 0 for e in manifest)
    assert 0.15 * len(ds) < with_residue < 0.5 * len(ds)
    assert sum(e["unsourced_figures"] for e in manifest) > 0
