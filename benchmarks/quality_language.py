"""How well a language detector labels the paragraphs of fixtures/languages, and its cost.

    .venv/bin/python benchmarks/quality_language.py                      # editcheck.language:detect
    .venv/bin/python benchmarks/quality_language.py --detector baseline  # stopword baseline below
    .venv/bin/python benchmarks/quality_language.py --detector pkg.mod:func --json --errors

``--detector MODULE:FUNC`` names a callable ``text -> language code``; a region or script
subtag is dropped before scoring ("pt-BR" counts as "pt"), and ``None`` counts as "und".
It prints accuracy per language, per kind and overall, the confusion pairs (gold ->
detected), and the CPU time (``time.process_time``) per 1,000 words: the median of 5
passes, each over a distinct fifth of the paragraphs so that no pass sees a text twice
(a cache keyed on the text cannot help). It also times whole drafts of about 1,000 words
(paragraphs of one language joined), each timed once, because the issue's budget is per
draft. Wall time and the load average are printed beside the CPU figures.

``--detector baseline`` is a stopword-count guesser written here for comparison only: it
is not editcheck's detector and not a product feature. The scorer is a measurement, not a
gate: it always exits 0 once it has scored; 2 for a detector named explicitly that cannot
be loaded.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARAGRAPHS = ROOT / "fixtures" / "languages" / "paragraphs.jsonl"
DEFAULT_DETECTOR = "editcheck.language:detect"
PASSES = 5
DRAFT_WORDS = 1000

Detector = Callable[[str], str | None]


@dataclass(frozen=True)
class Paragraph:
    lang: str
    text: str
    kind: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def load_paragraphs(path: Path) -> list[Paragraph]:
    """The labelled paragraphs, one JSON object a line (blank lines ignored)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out.append(Paragraph(row["lang"], row["text"], row["kind"]))
    return out


# --- the baseline -------------------------------------------------------------------------
# A few dozen frequent function words per language. Some are shared ("de", "la", "que",
# "a", "e", "en"): a shared word scores for every language that lists it, as a naive
# guesser would. Ties go to the first language in this order; no hit at all is "und".
BASELINE_STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the of and to in is that for on with as was by at from it are be has have had "
        "not but this will said which were their its after been who an they would or "
        "more also than",
        "es": "el la los las de del que y en un una por con para es se su al lo como más pero "
        "sus le ya fue este ha sin sobre entre también hasta desde muy según donde "
        "durante cuando",
        "fr": "le la les de des du et est un une pour dans que qui sur au aux pas ne se son sa "
        "ses avec il elle ont été par plus ce cette sont mais leur selon où aussi",
        "de": "der die das und ist nicht ein eine einen dem den des zu mit auf für von im sich "
        "auch es wird werden hat haben sind bei nach noch aus wie oder sie er wurde über "
        "vor zum zur dass",
        "pt": "o os a as de do da dos das em no na nos nas um uma para com por que é não se ao "
        "aos mais como também foi pelo pela seu sua são está já entre até",
        "it": "il lo la gli le di del della dei delle e è un una per con che non in nel nella "
        "al alla da dal sono ha anche come più ma si tra dopo questo questa secondo",
    }.items()
}
_WORD = re.compile(r"\w+")


def baseline_detect(text: str) -> str:
    """Baseline for comparison only: the language whose stopwords occur most often."""
    counts = Counter(_WORD.findall(text.lower()))
    scores = {lang: sum(counts[w] for w in words) for lang, words in BASELINE_STOPWORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])  # first maximum wins ties
    return best if scores[best] else "und"


# --- loading a detector -------------------------------------------------------------------
class DetectorMissing(Exception):
    """The named module or attribute does not exist (as opposed to failing on import)."""


def load_detector(spec: str) -> Detector:
    """``baseline`` or ``MODULE:FUNC``; DetectorMissing when that module or name is absent."""
    if spec == "baseline":
        return baseline_detect
    module_name, sep, func_name = spec.partition(":")
    if not sep or not module_name or not func_name:
        raise ValueError(f"--detector must be 'baseline' or MODULE:FUNC, not {spec!r}")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        # Only the named module (or a parent) being absent is "missing"; a detector that
        # exists but lacks one of its own dependencies is an error worth a traceback.
        if exc.name and (module_name == exc.name or module_name.startswith(exc.name + ".")):
            raise DetectorMissing(f"module {module_name!r} does not exist") from exc
        raise
    func = getattr(module, func_name, None)
    if func is None:
        raise DetectorMissing(f"module {module_name!r} has no {func_name!r}")
    if not callable(func):
        raise ValueError(f"{spec} is not callable")
    return func


def primary(code: str | None) -> str:
    """'pt-BR' -> 'pt', 'EN_gb' -> 'en', None or '' -> 'und'."""
    if not code:
        return "und"
    return re.split(r"[-_]", str(code).strip(), maxsplit=1)[0].lower() or "und"


# --- scoring ------------------------------------------------------------------------------
def accuracy_table(pairs: list[tuple[str, str]]) -> dict[str, float | int]:
    n = len(pairs)
    correct = sum(gold == got for gold, got in pairs)
    return {"n": n, "correct": correct, "accuracy": round(correct / n, 4) if n else 0.0}


def score(paragraphs: list[Paragraph], detect: Detector) -> dict:
    """Accuracy by language, kind and overall; confusion pairs; the misses themselves."""
    results = [(p, primary(detect(p.text))) for p in paragraphs]
    by_lang: dict[str, list[tuple[str, str]]] = {}
    by_kind: dict[str, list[tuple[str, str]]] = {}
    for p, got in results:
        by_lang.setdefault(p.lang, []).append((p.lang, got))
        by_kind.setdefault(p.kind, []).append((p.lang, got))
    confusions = Counter((p.lang, got) for p, got in results if got != p.lang)
    return {
        "overall": accuracy_table([(p.lang, got) for p, got in results]),
        "by_language": {k: accuracy_table(v) for k, v in sorted(by_lang.items())},
        "by_kind": {k: accuracy_table(v) for k, v in sorted(by_kind.items())},
        "confusions": [
            {"gold": g, "detected": d, "count": c}
            for (g, d), c in sorted(confusions.items(), key=lambda x: (-x[1], x[0]))
        ],
        "errors": [
            {"lang": p.lang, "kind": p.kind, "detected": got, "text": p.text}
            for p, got in results
            if got != p.lang
        ],
    }


def split_passes(paragraphs: list[Paragraph], passes: int) -> list[list[Paragraph]]:
    """Round-robin into disjoint groups, so every group mixes languages and kinds."""
    return [paragraphs[i::passes] for i in range(passes)]


def join_drafts(paragraphs: list[Paragraph], words: int) -> list[tuple[str, str, int]]:
    """``(lang, text, words)``: paragraphs of one language joined until ``words`` is reached.

    Each paragraph is used once; a language's leftover shorter than ``words`` is dropped.
    """
    drafts = []
    for lang in sorted({p.lang for p in paragraphs}):
        parts: list[str] = []
        count = 0
        for p in (q for q in paragraphs if q.lang == lang):
            parts.append(p.text)
            count += p.words
            if count >= words:
                drafts.append((lang, "\n\n".join(parts), count))
                parts, count = [], 0
    return drafts


def time_calls(detect: Detector, texts: list[str]) -> tuple[float, float]:
    """CPU and wall seconds for one call of ``detect`` on each text."""
    cpu0, wall0 = time.process_time(), time.perf_counter()
    for text in texts:
        detect(text)
    return time.process_time() - cpu0, time.perf_counter() - wall0


def measure_speed(paragraphs: list[Paragraph], detect: Detector) -> dict:
    """Per 1,000 words over distinct paragraph groups, and per whole ~1,000-word draft."""
    detect("Warm-up call, not timed: lets a detector load its tables first.")
    per_pass = []
    for group in split_passes(paragraphs, PASSES):
        words = sum(p.words for p in group)
        cpu, wall = time_calls(detect, [p.text for p in group])
        per_pass.append(
            {
                "paragraphs": len(group),
                "words": words,
                "cpu_ms_per_1k_words": cpu * 1e6 / words,
                "wall_ms_per_1k_words": wall * 1e6 / words,
            }
        )
    drafts = join_drafts(paragraphs, DRAFT_WORDS)
    draft_cpu, draft_wall, draft_pairs = [], [], []
    for lang, text, _ in drafts:
        cpu0, wall0 = time.process_time(), time.perf_counter()
        got = detect(text)
        draft_cpu.append((time.process_time() - cpu0) * 1e3)
        draft_wall.append((time.perf_counter() - wall0) * 1e3)
        draft_pairs.append((lang, primary(got)))
    return {
        "passes": per_pass,
        "cpu_ms_per_1k_words": statistics.median(p["cpu_ms_per_1k_words"] for p in per_pass),
        "wall_ms_per_1k_words": statistics.median(p["wall_ms_per_1k_words"] for p in per_pass),
        "drafts": {
            "n": len(drafts),
            "words": [w for _, _, w in drafts],
            "cpu_ms_median": statistics.median(draft_cpu) if drafts else None,
            "cpu_ms_max": max(draft_cpu) if drafts else None,
            "wall_ms_median": statistics.median(draft_wall) if drafts else None,
            "accuracy": accuracy_table(draft_pairs),
        },
        "loadavg": load_average(),
    }


def load_average() -> str:
    try:
        return Path("/proc/loadavg").read_text(encoding="ascii").strip()
    except OSError:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())


# --- output -------------------------------------------------------------------------------
def print_report(report: dict, show_errors: bool) -> None:
    q, s = report["quality"], report["speed"]
    print(f"detector: {report['detector']}")
    if report["detector"] == "baseline":
        print("  (stopword-count baseline for comparison; not editcheck's detector)")
    print(f"paragraphs: {q['overall']['n']} from {report['paragraphs']}\n")
    for title, table in (("language", q["by_language"]), ("kind", q["by_kind"])):
        print(f"accuracy by {title}")
        print(f"  {title:<9} {'n':>4} {'correct':>8} {'accuracy':>9}")
        for key, row in table.items():
            print(f"  {key:<9} {row['n']:>4} {row['correct']:>8} {row['accuracy']:>9.3f}")
        print()
    o = q["overall"]
    print(f"overall accuracy: {o['accuracy']:.3f} ({o['correct']}/{o['n']})\n")
    print("confusions (gold -> detected: count)")
    for c in q["confusions"] or [{"gold": "-", "detected": "-", "count": 0}]:
        print(f"  {c['gold']} -> {c['detected']}: {c['count']}")
    if show_errors and q["errors"]:
        print("\nmisses")
        for e in q["errors"]:
            text = e["text"] if len(e["text"]) <= 90 else e["text"][:87] + "..."
            print(f"  [{e['lang']}->{e['detected']}, {e['kind']}] {text}")
    d = s["drafts"]
    print(
        f"\nspeed (CPU process_time; median of {PASSES} passes, each over a distinct fifth "
        "of the paragraphs)"
    )
    print(
        f"  per 1,000 words: {s['cpu_ms_per_1k_words']:.3f} ms CPU, "
        f"{s['wall_ms_per_1k_words']:.3f} ms wall"
    )
    print(
        "  passes (CPU ms per 1,000 words): "
        + ", ".join(f"{p['cpu_ms_per_1k_words']:.3f}" for p in s["passes"])
    )
    if d["n"]:
        print(
            f"  whole drafts of {min(d['words'])}-{max(d['words'])} words ({d['n']}, each "
            f"timed once): median {d['cpu_ms_median']:.3f} ms CPU, max "
            f"{d['cpu_ms_max']:.3f} ms, median {d['wall_ms_median']:.3f} ms wall; "
            f"accuracy {d['accuracy']['accuracy']:.3f}"
        )
    print(f"  load average: {s['loadavg']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--detector",
        default=DEFAULT_DETECTOR,
        help=f"MODULE:FUNC or 'baseline' (default {DEFAULT_DETECTOR})",
    )
    parser.add_argument(
        "--paragraphs",
        type=Path,
        default=PARAGRAPHS,
        help="labelled JSONL (default fixtures/languages/paragraphs.jsonl)",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--errors", action="store_true", help="list every missed paragraph")
    args = parser.parse_args(argv)
    try:
        detect = load_detector(args.detector)
    except DetectorMissing as exc:
        if args.detector != DEFAULT_DETECTOR:
            print(f"cannot load --detector {args.detector}: {exc}", file=sys.stderr)
            return 2
        print(
            f"No detector to score: {DEFAULT_DETECTOR} is not there yet ({exc}).\n"
            "Name one with --detector MODULE:FUNC, or compare against "
            "--detector baseline."
        )
        return 0
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    paragraphs = load_paragraphs(args.paragraphs)
    quality = score(paragraphs, detect)
    shown = args.paragraphs.resolve()
    shown = shown.relative_to(ROOT) if shown.is_relative_to(ROOT) else shown
    report = {
        "detector": args.detector,
        "paragraphs": str(shown),
        "quality": quality,
        "speed": measure_speed(paragraphs, detect),
    }
    if args.json:
        if not args.errors:
            report["quality"] = {k: v for k, v in quality.items() if k != "errors"}
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print_report(report, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
