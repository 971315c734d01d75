"""A shared corpus of distinct drafts, so no speed figure is taken on a draft seen before.

textstat caches its results by the whole text, and editcheck keeps small caches of its
own, so timing a loop over one repeated draft is 25-40% too optimistic. Every speed
script takes its drafts from here: deterministic (seeded), and with no paragraph, heading,
list item or residue line occurring twice anywhere in the corpus of one size (asserted).

    python benchmarks/corpus.py --size 1000 -n 200     # build (or reuse) and describe it
    python benchmarks/corpus.py --size 100000 -n 4
    python benchmarks/corpus.py --fixtures-only        # what the fallback can build

    from corpus import drafts
    for d in drafts(size=1000, n=200): d.content, d.kind, d.words, d.text

Material, all read where it lies (nothing is copied into the project):

- news paragraphs: the gold article bodies of ``../shared/corpus/article-extraction-
  benchmark/ground-truth.json`` and the body paragraphs of the fixtures' drafts
  (``fixtures/{seed,residue,sourcing,archive,audit,service}``; the holdout sets are blind
  and never read). Their figures are sourced or not as the reporters left them;
- Wikipedia paragraphs: consecutive sentences of one article from ``hedge-sentences.jsonl``
  (hedged or certain, as tagged by the Szeged corpus), about 40% of them with one sentence
  of ``tagged-sentences.jsonl`` put in (a ``{{citation needed}}`` figure or a
  ``{{weasel-inline}}``/``{{according to whom}}`` claim: findings from the material itself,
  none invented). The tagged sentences left over are used, three to a paragraph, only
  when the rest runs out;
- headings and list items: the short lines of the gold bodies (subheads, bullet points);
  only English paragraphs and Latin-script lines are kept (some pages are Russian,
  Japanese or Korean, and editcheck checks English copy);
- residue: runs of one to three consecutive lines of the 181 pages that are not in the
  page's gold body (navigation, share bars, credits, timestamps), and, in the fallback,
  the fixture lines that hold a labelled residue finding.

A draft is HTML (60%: ``<p>``, ``<h2>``, ``<blockquote>``, ``<ul>``) or plain text (one
paragraph per line, a blank line between). About 30% carry one or two residue runs at the
start, the end or in between, as pasted copy does. About 65% of a draft's body words are
news while news lasts, the rest Wikipedia. A size's drafts are cut one after another from
its own shuffle of the whole pool, so the drafts of one size never share a paragraph;
drafts of different sizes do share paragraphs (each size draws from the same pool), and
the largest sizes can hold only a few drafts (about 450,000 words of material in all).

The drafts go to ``benchmarks/.cache/corpus/<size>/NNNN.html|txt`` (git-ignored), each
also rendered as plain text in ``<size>/text/NNNN.txt``, with a ``manifest.json`` holding
a hash of the inputs and of this file; the cache is rebuilt only when either changes or
more drafts are asked for. Without ``../shared`` the builder uses fixture material alone
(``.cache/corpus/fixtures-only/<size>/``) and says how many distinct drafts it could build.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import html
import json
import random
import re
import shutil
import statistics
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
AEB = SHARED / "corpus" / "article-extraction-benchmark"
WIKI = SHARED / "corpus" / "wikipedia"
CACHE = HERE / ".cache" / "corpus"
FIXTURE_DIRS = ("seed", "residue", "sourcing", "archive", "audit", "service")
SIZES = (250, 1000, 5000, 20000, 100000)
SEED = 20240615
NEWS_SHARE = 0.65
HTML_SHARE = 0.6
RESIDUE_SHARE = 0.3
TAGGED_SHARE = 0.4

_NON_WORD = re.compile(r"[^\w]+")
_FINAL = tuple(".!?\"”'’):;")
_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd details div dl dt figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot "
    "th thead tr ul option select button label title".split()
)
_SKIP_TAGS = frozenset("script style noscript template svg head iframe object".split())


def norm(text: str) -> str:
    """NFKC, lower case, runs of non-word characters as one space: the key for 'same text'."""
    return " ".join(_NON_WORD.sub(" ", unicodedata.normalize("NFKC", text).lower()).split())


def clean(text: str) -> str:
    """Whitespace collapsed to single spaces."""
    return " ".join(text.split())


def block_lines(markup: bytes | str) -> list[str]:
    """The visible lines of an HTML page or fragment: one per block element, in order.

    lxml alone (not editcheck's parser), so the corpus does not change when editcheck does.
    """
    try:
        root = lxml_html.fromstring(markup)
    except (etree.ParserError, ValueError):
        return []
    out: list[str] = []
    parts: list[str] = []

    def flush() -> None:
        line = clean("".join(parts))
        if line:
            out.append(line)
        parts.clear()

    stack: list[tuple[etree._Element, bool]] = [(root, False)]
    while stack:
        el, closing = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else ""
        if closing:
            if tag in _BLOCK_TAGS:
                flush()
            if el.tail:
                parts.append(el.tail)
            continue
        if tag in _SKIP_TAGS or not tag:
            if el.tail:
                parts.append(el.tail)
            continue
        if tag in _BLOCK_TAGS:
            flush()
        if el.text:
            parts.append(el.text)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(list(el)))
    flush()
    return out


@dataclass
class Material:
    """Distinct pieces to cut drafts from; every piece's ``norm`` is unique across pools."""

    news: list[str] = field(default_factory=list)
    wiki: list[tuple[str, int, int]] = field(default_factory=list)  # text, unsourced, weasel
    reserve: list[tuple[str, int, int]] = field(default_factory=list)
    heads: list[str] = field(default_factory=list)
    residue: list[list[str]] = field(default_factory=list)
    inputs: list[Path] = field(default_factory=list)
    shared: bool = False
    _seen: set[str] = field(default_factory=set)

    def fresh(self, text: str) -> bool:
        """True the first time a text (by ``norm``) is offered; the guard against repeats."""
        key = norm(text)
        if not key or key in self._seen:
            return False
        self._seen.add(key)
        return True

    def words(self) -> dict[str, int]:
        return {
            "news": sum(len(p.split()) for p in self.news),
            "wiki": sum(len(p.split()) for p, _, _ in self.wiki),
            "reserve": sum(len(p.split()) for p, _, _ in self.reserve),
            "heads": sum(len(p.split()) for p in self.heads),
            "residue_lines": sum(len(r) for r in self.residue),
        }


_ENGLISH = frozenset(
    "the a an and of to in is was for on that with as at by it he she they said from are be "
    "has have his her their this not but who will".split()
)


def latin(line: str) -> bool:
    """Mostly Latin letters: editcheck checks English copy, so no Cyrillic or CJK drafts."""
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isascii() for c in letters) >= 0.9 * len(letters)


def english(line: str) -> bool:
    """A paragraph whose common words are English (at least 15% of its tokens)."""
    words = norm(line).split()
    return latin(line) and sum(w in _ENGLISH for w in words) >= 0.15 * len(words)


def _is_body(line: str) -> bool:
    return len(line.split()) >= 8 and english(line)


def _is_head(line: str) -> bool:
    return (
        2 <= len(line.split()) <= 10
        and not line.endswith(_FINAL)
        and len(line) <= 80
        and latin(line)
    )


def fixture_files() -> list[Path]:
    return sorted(
        p
        for d in FIXTURE_DIRS
        for p in (ROOT / "fixtures" / d).rglob("*")
        if p.suffix in (".txt", ".html", ".md") and p.is_file()
    )


def _fixture_flags(path: Path) -> list[str]:
    """Texts a residue fixture's labels say must be flagged (residue, not body copy)."""
    labels = path.with_name(path.name.split(".")[0] + ".labels.json")
    if "residue" not in path.parts or not labels.is_file():
        return []
    data = json.loads(labels.read_text("utf-8"))  # hashed through input_files()
    return [f["text"] for f in data.get("flag", []) if f.get("text")]


def _fixture_material(m: Material) -> None:
    for path in fixture_files():
        m.inputs.append(path)
        raw = path.read_text("utf-8", errors="replace")
        lines = block_lines(raw) if path.suffix == ".html" else [clean(x) for x in raw.splitlines()]
        flags = _fixture_flags(path)
        run: list[str] = []
        for line in lines:
            if flags and any(f in line for f in flags):
                if len(line.split()) <= 12 and m.fresh(line):
                    run.append(line)
                continue
            if run:
                m.residue.append(run)
                run = []
            if _is_body(line) and line.endswith(_FINAL) and m.fresh(line):
                m.news.append(line)
        if run:
            m.residue.append(run)


def _shared_news(m: Material) -> dict[str, str]:
    truth_path = AEB / "ground-truth.json"
    m.inputs.append(truth_path)
    truth = json.loads(truth_path.read_text("utf-8"))
    bodies = {key: entry["articleBody"] for key, entry in sorted(truth.items())}
    for body in bodies.values():
        for raw in body.split("\n"):
            line = clean(raw)
            if _is_body(line) and m.fresh(line):
                m.news.append(line)
            elif _is_head(line) and m.fresh(line):
                m.heads.append(line)
    return bodies


def _shared_residue(m: Material, bodies: dict[str, str]) -> None:
    """Runs of page lines that are in no gold body: real furniture, as pasted."""
    for key, body in bodies.items():
        path = AEB / "html" / f"{key}.html.gz"
        if not path.is_file():
            continue
        m.inputs.append(path)
        gold = " " + " ".join(norm(x) for x in body.split("\n")) + " "
        run: list[str] = []
        for line in block_lines(gzip.decompress(path.read_bytes())):
            n = norm(line)
            furniture = (
                n
                and len(line.split()) <= 12
                and len(line) <= 100
                and f" {n} " not in gold
                and latin(line)
            )
            if furniture and len(run) < 3 and m.fresh(line):
                run.append(line)
                continue
            if run:
                m.residue.append(run)
                run = []
        if run:
            m.residue.append(run)


def _shared_wiki(m: Material) -> None:
    hedge_path, tagged_path = WIKI / "hedge-sentences.jsonl", WIKI / "tagged-sentences.jsonl"
    m.inputs += [hedge_path, tagged_path]
    rng = random.Random(SEED)
    tagged = [json.loads(x) for x in tagged_path.read_text("utf-8").splitlines() if x.strip()]
    tagged = [t for t in tagged if m.fresh(t["text"])]
    rng.shuffle(tagged)
    hedge = [json.loads(x) for x in hedge_path.read_text("utf-8").splitlines() if x.strip()]
    groups: list[list[str]] = []
    for h in hedge:
        if not m.fresh(h["text"]):
            continue
        if groups and len(groups[-1]) < 5 and groups[-1][0] == h["article"]:
            groups[-1].append(h["text"])
        else:
            groups.append([h["article"], h["text"]])
    for group in groups:
        sentences = group[1:]
        unsourced = weasel = 0
        if tagged and rng.random() < TAGGED_SHARE:
            t = tagged.pop()
            sentences.insert(rng.randint(0, len(sentences)), t["text"])
            unsourced, weasel = (1, 0) if t["template"] == "citation-needed" else (0, 1)
        m.wiki.append((" ".join(sentences), unsourced, weasel))
    for i in range(0, len(tagged), 3):
        chunk = tagged[i : i + 3]
        m.reserve.append(
            (
                " ".join(t["text"] for t in chunk),
                sum(t["template"] == "citation-needed" for t in chunk),
                sum(t["template"] != "citation-needed" for t in chunk),
            )
        )


def gather(shared: bool = True) -> Material:
    """All distinct material; fixtures first, then ../shared when present and wanted."""
    m = Material(shared=shared and AEB.is_dir() and WIKI.is_dir())
    if m.shared:
        bodies = _shared_news(m)
        _fixture_material(m)
        _shared_wiki(m)
        _shared_residue(m, bodies)
    else:
        _fixture_material(m)
    return m


@dataclass
class Block:
    """One block of a draft: ``p``, ``h1``, ``h2``, ``quote``, ``li`` or ``residue``."""

    kind: str
    text: str


@dataclass
class Plan:
    """A draft before rendering, with what it holds."""

    kind: str  # "html" or "text"
    blocks: list[Block]
    unsourced: int = 0
    weasel: int = 0
    sources: dict[str, int] = field(default_factory=dict)


class Cutter:
    """Cuts drafts of one size, one after another, from that size's shuffle of the pool."""

    def __init__(self, m: Material, size: int) -> None:
        self.size = size
        self.rng = random.Random(f"{SEED}:{size}")
        self.news = list(m.news)
        self.wiki = list(m.wiki)
        self.reserve = list(m.reserve)
        self.heads = list(m.heads)
        self.residue = [list(r) for r in m.residue]
        for pool in (self.news, self.wiki, self.reserve, self.heads, self.residue):
            self.rng.shuffle(pool)

    def _body(self, news_words: int) -> tuple[str, str, int, int] | None:
        """The next body paragraph: (source, text, unsourced, weasel), or None when out."""
        if self.news and (news_words < NEWS_SHARE * self.size or not self.wiki):
            return "news", self.news.pop(), 0, 0
        if self.wiki:
            return ("wiki", *self.wiki.pop())
        if self.reserve:
            return ("reserve", *self.reserve.pop())
        return None

    def draft(self) -> Plan | None:
        """The next draft, or None when the material cannot fill one."""
        rng = self.rng
        kind = "html" if rng.random() < HTML_SHARE else "text"
        plan = Plan(kind, [])
        if self.heads and rng.random() < 0.5:
            plan.blocks.append(Block("h1", self.heads.pop()))
        sub_every = rng.choice((0, 250, 400)) if self.size >= 500 else 0
        want_list = rng.random() < 0.3
        words = news_words = since_sub = 0
        while words < self.size:
            got = self._body(news_words)
            if got is None:
                return None
            source, text, unsourced, weasel = got
            n = len(text.split())
            words, since_sub = words + n, since_sub + n
            news_words += n if source == "news" else 0
            plan.unsourced, plan.weasel = plan.unsourced + unsourced, plan.weasel + weasel
            plan.sources[source] = plan.sources.get(source, 0) + 1
            quote = kind == "html" and source == "news" and text[:1] in '"“' and rng.random() < 0.5
            plan.blocks.append(Block("quote" if quote else "p", text))
            if sub_every and since_sub >= sub_every and self.heads and words < self.size:
                plan.blocks.append(Block("h2", self.heads.pop()))
                since_sub = 0
            if want_list and words >= self.size / 2 and len(self.heads) >= 3:
                items = min(rng.randint(3, 5), len(self.heads))
                plan.blocks += [Block("li", self.heads.pop()) for _ in range(items)]
                want_list = False
        if rng.random() < RESIDUE_SHARE:
            for _ in range(rng.choice((1, 1, 2))):
                if not self.residue:
                    break
                run = [Block("residue", line) for line in self.residue.pop()]
                where = rng.choice(("start", "end", "end", "middle"))
                at = {
                    "start": 0,
                    "end": len(plan.blocks),
                    "middle": rng.randint(1, max(1, len(plan.blocks) - 1)),
                }[where]
                plan.blocks[at:at] = run
        return plan


def render_html(plan: Plan) -> str:
    """An HTML fragment as a CMS hands it over; a list is one ``<ul>``."""
    out: list[str] = []
    for i, b in enumerate(plan.blocks):
        text = html.escape(b.text, quote=False)
        if b.kind == "li":
            first = i == 0 or plan.blocks[i - 1].kind != "li"
            last = i + 1 == len(plan.blocks) or plan.blocks[i + 1].kind != "li"
            out.append(
                ("<ul>\n" if first else "") + f"  <li>{text}</li>" + ("\n</ul>" if last else "")
            )
        elif b.kind == "quote":
            out.append(f"<blockquote><p>{text}</p></blockquote>")
        elif b.kind in ("h1", "h2"):
            out.append(f"<{b.kind}>{text}</{b.kind}>")
        else:
            out.append(f"<p>{text}</p>")
    return "\n".join(out) + "\n"


def render_text(plan: Plan) -> str:
    """Plain text: one paragraph per line, a blank line between; list items and pasted
    residue lines one per line without the blank line, as they arrive from a page."""
    out: list[str] = []
    for i, b in enumerate(plan.blocks):
        line = f"- {b.text}" if b.kind == "li" else b.text
        tight = i > 0 and b.kind in ("li", "residue") and plan.blocks[i - 1].kind == b.kind
        out.append(("\n" if tight else "\n\n") + line if out else line)
    return "".join(out) + "\n"


def assert_distinct(plans: list[Plan]) -> None:
    """No block text (by ``norm``) twice anywhere in one size's corpus."""
    seen: dict[str, int] = {}
    for i, plan in enumerate(plans):
        for b in plan.blocks:
            key = norm(b.text)
            if key in seen:
                raise AssertionError(f"drafts {seen[key]} and {i} share a block: {b.text[:60]!r}")
            seen[key] = i


def input_files(shared: bool) -> list[Path]:
    """Every file the builder may read: what the cache's hash covers."""
    files = fixture_files() + sorted((ROOT / "fixtures" / "residue").glob("*.labels.json"))
    if shared:
        files += [
            AEB / "ground-truth.json",
            WIKI / "hedge-sentences.jsonl",
            WIKI / "tagged-sentences.jsonl",
            *sorted((AEB / "html").glob("*.html.gz")),
        ]
    return files


def inputs_hash(files: list[Path]) -> str:
    """sha256 of every input file and of this builder's source."""
    h = hashlib.sha256(Path(__file__).read_bytes())
    for path in sorted(set(files)):
        h.update(str(path.relative_to(path.anchor)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


@dataclass(frozen=True)
class Draft:
    """One corpus draft, as a file and in memory."""

    name: str
    kind: str  # "html" or "text"
    path: Path
    text_path: Path
    words: int
    content: str  # the file: HTML fragment or plain text
    text: str  # the same draft as plain text (for tools that read only text)


def folder(size: int, shared: bool) -> Path:
    return CACHE / str(size) if shared else CACHE / "fixtures-only" / str(size)


def build(size: int, n: int, *, shared: bool = True) -> dict:
    """Build (or reuse) ``n`` drafts of ``size`` words; returns the manifest."""
    shared = shared and AEB.is_dir() and WIKI.is_dir()
    digest = inputs_hash(input_files(shared))
    out = folder(size, shared)
    manifest_path = out / "manifest.json"
    if manifest_path.is_file():
        old = json.loads(manifest_path.read_text("utf-8"))
        if old["hash"] == digest and (old["built"] >= n or old["exhausted"]):
            return old
    m = gather(shared)
    assert set(m.inputs) <= set(input_files(shared)), "an input the hash does not cover"
    cutter = Cutter(m, size)
    plans: list[Plan] = []
    while len(plans) < n:
        plan = cutter.draft()
        if plan is None:
            break
        plans.append(plan)
    assert_distinct(plans)
    if out.exists():
        shutil.rmtree(out)
    (out / "text").mkdir(parents=True)
    entries = []
    for i, plan in enumerate(plans):
        name = f"{i:04d}." + ("html" if plan.kind == "html" else "txt")
        text = render_text(plan)
        (out / name).write_text(render_html(plan) if plan.kind == "html" else text, "utf-8")
        (out / "text" / f"{i:04d}.txt").write_text(text, "utf-8")
        entries.append(
            {
                "file": name,
                "words": len(text.split()),
                "blocks": len(plan.blocks),
                "residue_lines": sum(b.kind == "residue" for b in plan.blocks),
                "headings": sum(b.kind in ("h1", "h2") for b in plan.blocks),
                "list_items": sum(b.kind == "li" for b in plan.blocks),
                "unsourced_figures": plan.unsourced,
                "weasel_claims": plan.weasel,
                "sources": plan.sources,
            }
        )
    manifest = {
        "hash": digest,
        "size": size,
        "requested": n,
        "built": len(plans),
        "exhausted": len(plans) < n,
        "shared": m.shared,
        "seed": SEED,
        "material_words": m.words(),
        "drafts": entries,
    }
    manifest_path.write_text(json.dumps(manifest, indent=1) + "\n", "utf-8")
    return manifest


def shortfall(manifest: dict, n: int) -> None:
    """Say on stderr when fewer drafts than asked for exist."""
    if manifest["built"] < n:
        print(
            f"corpus: only {manifest['built']} distinct drafts of {manifest['size']} words "
            f"could be built from {'shared and fixture' if manifest['shared'] else 'fixture'}"
            f" material (asked for {n})",
            file=sys.stderr,
        )


def drafts(
    size: int = 1000, n: int = 200, *, shared: bool = True, quiet: bool = False
) -> list[Draft]:
    """The first ``n`` drafts of ``size`` words (fewer when the material runs out).

    The first k drafts are the same whatever ``n`` is, so scripts asking for different
    counts measure on the same drafts.
    """
    manifest = build(size, n, shared=shared)
    out = folder(size, manifest["shared"])
    if not quiet:
        if shared and not manifest["shared"]:
            print(
                f"corpus: ../shared is absent; {manifest['built']} distinct drafts of {size} "
                "words from fixture material only",
                file=sys.stderr,
            )
        shortfall(manifest, n)
    result = []
    for e in manifest["drafts"][:n]:
        path = out / e["file"]
        text_path = out / "text" / (path.stem + ".txt")
        result.append(
            Draft(
                e["file"],
                "html" if path.suffix == ".html" else "text",
                path,
                text_path,
                e["words"],
                path.read_text("utf-8"),
                text_path.read_text("utf-8"),
            )
        )
    return result


def describe(manifest: dict, n: int) -> Iterator[str]:
    """A short account of a built corpus."""
    ds = manifest["drafts"][:n]
    if not ds:
        yield f"no draft of {manifest['size']} words could be built"
        return
    words = [d["words"] for d in ds]
    html_n = sum(d["file"].endswith(".html") for d in ds)
    yield (
        f"{len(ds)} distinct drafts of ~{manifest['size']} words "
        f"({'shared + fixture' if manifest['shared'] else 'fixture-only'} material) in "
        f"{folder(manifest['size'], manifest['shared'])}"
    )
    yield (
        f"words per draft: median {statistics.median(words):.0f}, "
        f"min {min(words)}, max {max(words)}; HTML {html_n}, plain text {len(ds) - html_n}"
    )
    with_res = sum(d["residue_lines"] > 0 for d in ds)
    yield (
        f"drafts with residue: {with_res} ({with_res / len(ds):.0%}), residue lines "
        f"{sum(d['residue_lines'] for d in ds)}; tagged unsourced figures "
        f"{sum(d['unsourced_figures'] for d in ds)}, tagged weasel claims "
        f"{sum(d['weasel_claims'] for d in ds)}"
    )
    src: dict[str, int] = {}
    for d in ds:
        for k, v in d["sources"].items():
            src[k] = src.get(k, 0) + v
    yield "paragraphs by source: " + ", ".join(f"{k} {v}" for k, v in sorted(src.items()))
    yield "material (words): " + ", ".join(
        f"{k} {v}" for k, v in manifest["material_words"].items()
    )
    yield (
        "no block repeated within this size (asserted at build); input hash "
        + manifest["hash"][:12]
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, default=1000, help=f"words per draft (e.g. {SIZES})")
    ap.add_argument("-n", type=int, default=200, help="how many drafts")
    ap.add_argument(
        "--fixtures-only",
        action="store_true",
        help="build from fixture material alone, as without ../shared",
    )
    args = ap.parse_args(argv)
    shared = not args.fixtures_only
    if shared and not AEB.is_dir():
        print(f"corpus: {SHARED} is absent: fixture material only", file=sys.stderr)
    manifest = build(args.size, args.n, shared=shared)
    shortfall(manifest, args.n)
    for line in describe(manifest, args.n):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
