"""Suppression comments and ``data-editcheck-ignore``: what they exempt, shared not copied.

The comments are applied in one pass over comments and blocks; the reference below is the
earlier implementation (each ``disable`` looked at every later comment and every later
block), kept to show the linear one gives the same exemptions on random drafts.
"""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from editcheck.document import html as html_mod
from editcheck.document import load_html

RULES = ["a/x", "a/y", "b/z", "*"]


def _reference(candidates, directives):  # type: ignore[no-untyped-def]
    """The quadratic implementation this module replaced, on plain sets."""
    for i, d in enumerate(directives):
        if d.kind == "disable-next":
            target = next(
                (b for b in candidates[d.position :] if html_mod._keep(b) and b is not d.within),
                None,
            )
            if target is not None:
                target.ignore = set(target.ignore) | d.rules
            continue
        if d.kind != "disable":
            continue
        end = len(candidates)
        for e in directives[i + 1 :]:
            if e.kind == "enable" and (e.rules & d.rules or "*" in e.rules):
                end = e.position
                break
        if d.within is not None:
            d.within.ignore = set(d.within.ignore) | d.rules
        for block in candidates[d.position : end]:
            block.ignore = set(block.ignore) | d.rules


def _same(new: frozenset[str], old: set[str]) -> bool:
    return ("*" in new and "*" in old) or set(new) == set(old)


item = st.one_of(
    st.tuples(st.just("p"), st.sampled_from(["", "text", "more text"])),
    st.tuples(
        st.sampled_from(["disable", "enable", "disable-next"]),
        st.lists(st.sampled_from(RULES), max_size=2),
    ),
    st.tuples(st.just("div"), st.lists(st.sampled_from(RULES), max_size=2)),
)


def _html(items: list[tuple[str, object]]) -> str:
    out = []
    for kind, arg in items:
        if kind == "p":
            out.append(f"<p>{arg}</p>")
        elif kind == "div":
            rules = " ".join(arg)  # type: ignore[arg-type]
            out.append(f'<div data-editcheck-ignore="{rules}"><p>in div</p></div>')
        else:
            rules = " ".join(r for r in arg if r != "*")  # type: ignore[union-attr]
            out.append(f"<!-- editcheck-{kind} {rules} -->")
    return "<body>" + "\n".join(out) + "<p>last <!-- editcheck-disable a/x --> one</p></body>"


@settings(max_examples=150, deadline=None)
@given(st.lists(item, max_size=25))
def test_comments_exempt_the_same_blocks_as_the_reference(items) -> None:  # type: ignore[no-untyped-def]
    root, _ = html_mod._parse(_html(items))
    ignores = html_mod._Ignores()
    candidates, directives = html_mod._walk(root, ignores)
    for block in candidates:
        html_mod._assemble(block)
    old = copy.copy(candidates)
    old_blocks = [copy.copy(b) for b in candidates]
    remap = {id(b): o for b, o in zip(candidates, old_blocks, strict=True)}
    old_directives = [
        html_mod._Directive(d.kind, d.rules, d.position, remap.get(id(d.within)))
        for d in directives
    ]
    _reference(old_blocks, old_directives)
    html_mod._apply_directives(candidates, directives, ignores)
    assert len(old) == len(candidates)
    for new_block, old_block in zip(candidates, old_blocks, strict=True):
        assert _same(new_block.ignore, set(old_block.ignore)), (new_block.tag, new_block.text)


def test_blocks_of_one_ignored_subtree_share_one_set() -> None:
    rules = " ".join(f"acme/rule-{i}" for i in range(40))
    doc = load_html(f'<div data-editcheck-ignore="{rules}">' + "<p>Para.</p>" * 500 + "</div>")
    first = doc.blocks[0].ignore
    assert len(first) == 40
    assert all(b.ignore is first for b in doc.blocks)


def test_a_huge_ignore_attribute_is_bounded_and_said() -> None:
    rules = " ".join(f"acme/rule-{i}" for i in range(20_000))
    doc = load_html(f'<div data-editcheck-ignore="{rules}">' + "<p>Para.</p>" * 200 + "</div>")
    assert all(len(b.ignore) == html_mod.MAX_IGNORE for b in doc.blocks)
    assert any("not honoured" in note for note in doc.notes)


def test_nested_ignores_cannot_grow_past_the_bound() -> None:
    depth = 2_000
    opening = "".join(f'<div data-editcheck-ignore="acme/r{i}">' for i in range(depth))
    doc = load_html(opening + "<p>Deep.</p>" + "</div>" * depth)
    assert max(len(b.ignore) for b in doc.blocks) <= html_mod.MAX_IGNORE
    assert any("not honoured" in note for note in doc.notes)


def test_many_open_disables_apply_to_every_later_block() -> None:
    n = 5_000
    body = "".join(f"<!-- editcheck-disable acme/r{i % 50} --><p>Para {i}.</p>" for i in range(n))
    doc = load_html(f"<body>{body}</body>")
    assert len(doc.blocks) == n
    assert {"acme/r0"} <= doc.blocks[0].ignore
    assert len(doc.blocks[-1].ignore) == 50
    assert doc.blocks[-1].ignore is doc.blocks[-2].ignore  # one set per state, not per block


def test_wildcard_enable_closes_every_open_disable() -> None:
    doc = load_html(
        "<body><!-- editcheck-disable a/x --><!-- editcheck-disable b/z --><p>One.</p>"
        "<!-- editcheck-enable --><p>Two.</p></body>"
    )
    assert doc.blocks[0].ignore == {"a/x", "b/z"}
    assert doc.blocks[1].ignore == frozenset()
