"""The document's word index: the parse's own word and number tokens, indexed once."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from editcheck.document import Document, load_html, load_text


def _expected(doc: Document) -> list[tuple[str, int, int, str, int]]:
    return [
        (t.text, t.start, t.end, t.kind, s.index)
        for s in doc.sentences
        for t in s.tokens
        if t.kind != "punct"
    ]


def _entries(doc: Document) -> list[tuple[str, int, int, str, int]]:
    w = doc.words
    return list(zip(w.text, w.start, w.end, w.kind, w.sentence, strict=True))


def test_index_holds_words_and_numbers_with_offsets_and_sentences() -> None:
    doc = load_html(
        "<h1>Fares Rise</h1><p>The council's 2024 budget rose 3.5 per cent. Mr. Smith said so!</p>"
        "<p></p><ul><li>U.S. e-commerce, £1,000</li></ul>"
    )
    w = doc.words
    assert _entries(doc) == _expected(doc)
    assert "%" not in w.text and "." not in w.text
    assert w.lower[w.text.index("Mr")] == "mr" and w.lower[w.text.index("U.S.")] == "u.s."
    for i, text in enumerate(w.text):
        assert doc.text[w.start[i] : w.end[i]] == text
    (second,) = [s for s in doc.sentences if s.text.startswith("Mr")]
    assert [w.text[i] for i in w.in_sentence(second.index)] == ["Mr", "Smith", "said", "so"]
    assert w.sentence_words(second.index) == 4
    assert len(w) == doc.word_count == sum(w.sentence_words(s.index) for s in doc.sentences)
    assert {"fares", "2024", "£1,000"} <= w.forms()


def test_index_is_built_once_per_document() -> None:
    doc = load_text("One line.\n\nTwo lines here.\n")
    assert doc.words is doc.words


def test_empty_document() -> None:
    doc = load_text("\n\n")
    assert len(doc.words) == 0 and doc.words.sentence_starts == (0,)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab Z9.,'’-!?\n$%é")), max_size=200))
def test_index_matches_the_tokens_of_any_text(text: str) -> None:
    doc = load_text(text)
    assert _entries(doc) == _expected(doc)
    w = doc.words
    assert w.lower == tuple(t.lower() for t in w.text)
    assert w.sentence_starts[-1] == len(w) and len(w.sentence_starts) == len(doc.sentences) + 1
    for s in doc.sentences:
        assert all(w.sentence[i] == s.index for i in w.in_sentence(s.index))
