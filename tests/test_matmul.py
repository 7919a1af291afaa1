"""The model's matrix products: numpy's BLAS by default, BLIS on request, one BLAS thread while annotating."""
from pathlib import Path

import pytest
from threadpoolctl import threadpool_info
from thinc.api import NumpyOps

import kit
from kit.cache import pipeline_signature
from kit.matmul import MATMUL_ENV, one_blas_thread, resolve_matmul, set_model_ops
from kit.nlp import PipelineSpec
from kit.tables import annotation_of

REAL_ARTICLES = sorted((Path(__file__).resolve().parent / "real_a" / "articles").glob("*.txt"))[:6]


def test_numpy_unless_told(monkeypatch):
    monkeypatch.delenv(MATMUL_ENV, raising=False)
    assert resolve_matmul() == "numpy"
    monkeypatch.setenv(MATMUL_ENV, "BLIS")
    assert resolve_matmul() == "blis"
    assert resolve_matmul("numpy") == "numpy"  # the argument wins over the environment


def test_unknown_choice_names_the_choices():
    with pytest.raises(kit.KitError, match="choose one of: numpy, blis"):
        resolve_matmul("mkl")


def test_the_choice_is_part_of_the_cache_signature():
    numpy_spec = PipelineSpec.resolve(matmul="numpy")
    assert pipeline_signature(numpy_spec) != pipeline_signature(PipelineSpec.resolve(matmul="blis"))


def _statistical_ops(nlp) -> list:
    return [node.ops for _name, pipe in nlp.pipeline if hasattr(pipe, "model") and hasattr(pipe.model, "walk")
            for node in pipe.model.walk()]


def test_kit_pipeline_multiplies_with_numpy(nlp):
    ops = _statistical_ops(nlp)
    assert ops and all(isinstance(o, NumpyOps) and not o.use_blis for o in ops)


def test_blis_keeps_spacys_ops():
    import spacy

    blank = spacy.blank("en")
    blank.add_pipe("tagger").add_label("NN")
    blank.initialize()
    set_model_ops(blank, "blis")
    assert all(o.use_blis for o in _statistical_ops(blank))
    set_model_ops(blank, "numpy")
    assert not any(o.use_blis for o in _statistical_ops(blank))


def test_one_blas_thread_inside_the_block_only():
    def threads() -> set[int]:
        return {lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"}

    before = threads()
    with one_blas_thread():
        assert threads() <= {1}
    assert threads() == before


@pytest.mark.skipif(not REAL_ARTICLES, reason="no real articles in tests/real_a")
def test_blis_and_numpy_give_the_same_annotations(nlp):
    """Only the order of additions inside a product differs: on real articles every layer's output is equal."""
    texts = [p.read_text(encoding="utf-8") for p in REAL_ARTICLES]
    blis_nlp = PipelineSpec.resolve(matmul="blis").load()
    assert all(not isinstance(o, NumpyOps) or o.use_blis for o in _statistical_ops(blis_nlp))
    with one_blas_thread():
        assert [annotation_of(d) for d in nlp.pipe(texts)] == [annotation_of(d) for d in blis_nlp.pipe(texts)]
