"""How an engine feeds the model (kit/engines.py): batches bounded in texts and in characters, results in order."""
from __future__ import annotations

import pytest

from kit import engines
from kit.engines import _parts


@pytest.mark.parametrize("sizes, batch_size, limit, expected", [
    ([10, 10, 10, 10, 10], 2, 1_000, [[0, 1], [2, 3], [4]]),  # by the number of texts
    ([600, 300, 200, 50], 32, 1_000, [[0, 1], [2, 3]]),  # by characters
    ([5_000, 10, 10], 32, 1_000, [[0], [1, 2]]),  # a text over the limit is a batch of its own
    ([], 32, 1_000, []),
])
def test_batches_are_bounded_in_texts_and_characters(monkeypatch, sizes, batch_size, limit, expected):
    monkeypatch.setattr(engines, "PIPE_CHARS", limit)
    texts = ["x" * n for n in sizes]
    parts = list(_parts(list(range(len(texts))), texts, batch_size))
    assert parts == expected
    assert all(sum(sizes[i] for i in part[1:]) + sizes[part[0]] <= max(limit, sizes[part[0]]) for part in parts)


def test_the_character_bound_does_not_change_annotations(nlp, monkeypatch):
    texts = [f"Shelling killed {n} civilians in Homs on Monday, the monitor said. Rescuers found {n + 1} more."
             for n in range(3, 12)]
    together = engines._annotate_batch(nlp, texts, 32, None)
    monkeypatch.setattr(engines, "PIPE_CHARS", 200)  # two or three texts a batch
    assert len(list(_parts(list(range(len(texts))), texts, 32))) > 3
    apart = engines._annotate_batch(nlp, texts, 32, None)
    assert apart == together and all(a["casualties"] for a in apart)


def test_a_corpus_run_cuts_its_batches_at_the_character_bound(monkeypatch):
    from kit import corpus
    from kit.article import Article

    monkeypatch.setattr(corpus, "PIPE_CHARS", 1_000)
    seen: list[list[int]] = []

    class Recording:
        def map(self, batches):
            for batch in batches:
                seen.append([len(t) for t in batch])
                yield batch, [{"n": len(t)} for t in batch]

    sizes = [400, 400, 400, 100, 900, 50, 2_000, 10]
    items = ((Article(doc_id=str(i), text="Shelling hit the town. " * (n // 23) + "x" * (n % 23)), None)
             for i, n in enumerate(sizes))
    entries = list(corpus._annotated(items, Recording(), None, batch_size=4))
    assert [e.result for e in entries] == [{"n": n} for n in sizes]  # every article, in order
    assert seen == [[400, 400], [400, 100], [900, 50], [2_000], [10]]


def test_the_command_states_the_character_bound_it_uses():
    from kit.cli import build_parser

    annotate = build_parser()._subparsers._group_actions[0].choices["annotate"]
    batch = next(a for a in annotate._actions if a.dest == "batch_size")
    assert f"{engines.PIPE_CHARS:,} characters" in batch.help
