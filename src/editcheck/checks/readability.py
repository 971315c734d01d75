"""Readability: document scores from textstat, long sentences, a grade ceiling.

Scores are computed on the prose blocks only (paragraphs, list items, quotes, lines of a
text draft), not on headings, captions or table cells, whose short fragments would make a
draft look easier than it reads. The scores are textstat's, to the last digit (the
formulas newsrooms know, on textstat's own word and sentence counts; a test holds them to
it); the syllables come from the shipped table (:mod:`editcheck.checks.syllables`) summed
here rather than in textstat's slower loop. Sentence and word counts in ``stats`` and for
long sentences come from the document's word index. A run with this check switched off
pays for none of it.
"""

from __future__ import annotations

from editcheck.annotations import Severity
from editcheck.checkapi import ENGLISH, Check, CheckContext, Rule, check
from editcheck.document import Document, Sentence
from editcheck.hookspecs import hookimpl

PROSE_TAGS = frozenset({"p", "li", "blockquote", "dd", "line", "div", "pre", "body"})

LONG_SENTENCE = Rule(
    "core/long-sentence",
    "readability",
    Severity.INFO,
    summary="A sentence longer than the configured number of words.",
    doc="""
    Flags each sentence of more than `max-words` words (numbers count as words), covering
    the whole sentence. Long sentences are where readers lose the thread and where
    attributions get separated from what they attribute.
    Leaves alone: headings, captions and table cells; lists of names are still counted.
    """,
    options={"max-words": 40},
    flags=(
        "A sentence of forty-one words or more, such as a long run of clauses strung "
        "together with commas and conjunctions that keeps going well past the point "
        "where a reader can hold the subject, the verb and the attribution in mind at once, flags.",
    ),
    passes=("Short sentences pass.",),
)
READING_GRADE = Rule(
    "core/reading-grade",
    "readability",
    Severity.INFO,
    languages=ENGLISH,  # Flesch-Kincaid with English syllable counts
    summary="The draft's Flesch-Kincaid grade is above the configured ceiling.",
    doc="""
    Computes the Flesch-Kincaid grade of the prose and flags the draft (placed on its
    first prose sentence, shown in the review page's document panel) when the grade is
    above `max-grade` (most newsrooms aim at 8 to 12). The scores themselves
    are always in the report's `stats`, whether or not this rule fires. Drafts under
    `min-words` words are too short for the formula to mean anything and are left alone.
    """,
    options={"max-grade": 12.0, "min-words": 100},
    scope="document",
    flags=(
        "The authority's comprehensive reorganisation of municipal transportation "
        "infrastructure, announced following prolonged consultation with neighbourhood "
        "associations, environmental organisations and representatives of commercial "
        "enterprises, anticipates considerable administrative complexity. Implementation will "
        "necessitate coordination between regional departments responsible for highway "
        "maintenance, procurement, environmental regulation and financial oversight, alongside "
        "independent evaluation of accessibility considerations affecting disabled passengers. "
        "Councillors acknowledged that unprecedented inflationary pressures on construction "
        "materials, combined with persistent difficulties recruiting specialist engineering "
        "personnel, could substantially postpone completion beyond the originally published "
        "timetable, particularly if supplementary environmental assessments become obligatory "
        "under forthcoming national legislation. Opposition members immediately characterised "
        "the proposals as fundamentally unrealistic and insufficiently transparent.",
    ),
    passes=(
        "The bus route will change next month. The council said the new stops will be closer "
        "to the shops and the school. Buses will run every ten minutes in the day and every "
        "half hour at night. Fares will stay the same. Some people at the meeting were "
        "pleased. Others said they would now have a longer walk to the stop. The first bus "
        "will leave the depot at six in the morning. The last one will leave just before "
        "midnight. A map of the new route is on the council's website. Paper copies will be "
        "put up at every stop by the end of next week, the council said.",
        "Short drafts are not scored, however polysyllabic their vocabulary.",
    ),
)


def _prose(doc: Document) -> list[Sentence]:
    return [
        s
        for b in doc.blocks
        if b.tag in PROSE_TAGS and not b.is_blank
        for s in doc.block_sentences(b)
    ]


def flesch_scores(text: str) -> tuple[float, float]:
    """Flesch reading ease and Flesch-Kincaid grade of ``text``, exactly as textstat scores it.

    textstat's own word list, word count and sentence count, and its formulas with its
    English constants; only the syllable sum is taken here, over textstat's word list,
    from the shipped table (textstat's own loop spends most of a check's time on it: a
    ``try`` and a generator over phones for every word).
    """
    from textstat.backend.counts import count_sentences, count_words
    from textstat.backend.selections import list_words
    from textstat.backend.utils import get_lang_cfg

    from editcheck.checks import syllables

    lookup = syllables.english()
    words = count_words(text)
    if not words:
        return 0.0, 0.0
    per_sentence = words / count_sentences(text)
    per_word = sum(len(lookup[w][0]) for w in list_words(text, lowercase=True)) / words
    if per_sentence == 0 or per_word == 0:
        return 0.0, 0.0
    ease = (
        get_lang_cfg("en", "fre_base")
        - get_lang_cfg("en", "fre_sentence_length") * per_sentence
        - get_lang_cfg("en", "fre_syll_per_word") * per_word
    )
    return float(ease), (0.39 * per_sentence) + (11.8 * per_word) - 15.59


@check(LONG_SENTENCE, READING_GRADE, name="core.readability")
def readability(doc: Document, ctx: CheckContext) -> None:
    """Report scores in ``stats`` and flag long sentences and a high grade."""
    sentences = _prose(doc)
    index = doc.words
    counts = [index.sentence_words(s.index) for s in sentences]
    words = sum(counts)
    limit = ctx.options(LONG_SENTENCE.id).get("max-words", 40)
    for sentence, n in zip(sentences, counts, strict=True):
        if n > limit:
            ctx.report(
                LONG_SENTENCE.id,
                sentence.start,
                sentence.end,
                f"Sentence has {n} words (over {limit}); consider splitting it.",
                data={"words": n},
            )
    stats = {
        "words": words,
        "sentences": len(sentences),
        "mean_sentence_length": round(words / len(sentences), 2) if sentences else 0.0,
        "flesch_reading_ease": None,
        "flesch_kincaid_grade": None,
    }
    if words:
        ease, fk = flesch_scores(" ".join(s.text for s in sentences))
        stats["flesch_reading_ease"] = round(ease, 2)
        stats["flesch_kincaid_grade"] = round(fk, 2)
    ctx.add_stats(**stats)
    opts = ctx.options(READING_GRADE.id)
    grade = stats["flesch_kincaid_grade"]
    if (
        grade is not None
        and words >= opts.get("min-words", 100)
        and grade > opts.get("max-grade", 12.0)
    ):
        first = sentences[0]
        ctx.report(
            READING_GRADE.id,
            first.start,
            first.end,
            f"Flesch-Kincaid grade {grade:.1f} is above the house ceiling of "
            f"{opts.get('max-grade', 12.0):g}; shorter sentences and words will help.",
            data={"grade": grade},
        )


@hookimpl
def editcheck_checks() -> list[Check]:
    return [readability]
