"""Which matrix multiplication the statistical model runs on, and on how many threads.

spaCy's CPU models multiply through thinc's `NumpyOps`, which call BLIS (the `blis` wheel). BLIS picks its kernel
by CPU model at start-up, and on a CPU it does not know it falls back to a portable C kernel: on the AMD EPYC
(Zen 3, family 25) this kit is measured on, `BLIS_ARCH_DEBUG=1` prints "selecting sub-configuration 'generic'",
and that kernel takes a quarter of the model's time (`benchmarks/RESULTS.md`). numpy's own BLAS (OpenBLAS in the
wheels, picked per CPU at run time) does the same products several times faster. The kit therefore puts the
model's layers on `NumpyOps(use_blis=False)` once the model is loaded, whose products go to numpy (`"numpy"`, the
default); `"blis"`, or $KIT_MATMUL=blis, keeps spaCy's choice. (The parser's and NER's per-step products, made in
compiled code through thinc's `CBlas`, still go to BLIS: small ones, a few percent of the model's time.) The weights, the layers and the decoding are the model's own either way;
only the order of the additions inside a product can differ, so scores may differ in the last bits of a float
(on the kit's benchmarks every tag, arc and entity came out the same: `tests/test_matmul.py`, RESULTS.md).

While the kit annotates, numpy's BLAS is held to one thread (`one_blas_thread`): one process uses one core, as
spaCy with BLIS does, and `--jobs N` runs N processes on N cores without each starting a pool of BLAS threads.
"""
from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING, Iterator

from .errors import KitError

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["MATMUL_ENV", "MATMULS", "resolve_matmul", "set_model_ops", "one_blas_thread"]

MATMUL_ENV = "KIT_MATMUL"
MATMULS = ("numpy", "blis")


def resolve_matmul(matmul: str | None = None) -> str:
    """The argument, then $KIT_MATMUL, then "numpy"; anything else is an error that names the choices."""
    choice = (matmul or os.environ.get(MATMUL_ENV) or MATMULS[0]).strip().lower()
    if choice not in MATMULS:
        raise KitError(f"unknown matrix multiplication {choice!r} (from {MATMUL_ENV} or the argument); "
                       f"choose one of: {', '.join(MATMULS)}")
    return choice


def set_model_ops(nlp: "Language", matmul: str) -> None:
    """Give every thinc layer of `nlp`'s components the ops that `matmul` names (in place). Layers on other
    ops than plain `NumpyOps` (a GPU's, Apple's) keep theirs: those multiply without BLIS already."""
    if matmul == "blis":
        return
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _name, component in nlp.components:
        walk = getattr(getattr(component, "model", None), "walk", None)
        for node in walk() if walk is not None else ():
            if type(node.ops) is NumpyOps:
                node.ops = ops


@contextlib.contextmanager
def one_blas_thread() -> Iterator[None]:
    """numpy's BLAS on one thread within this block (threadpoolctl; the previous limits come back after it)."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        yield
