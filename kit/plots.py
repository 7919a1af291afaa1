"""One function per figure: fixed size, a title, labelled axes and a source line; each returns the Figure."""
from __future__ import annotations

from typing import Sequence

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from .article import Article

__all__ = ["kept_vs_removed", "add_source"]


def add_source(fig: Figure, text: str) -> None:
    """A small source/credit line under the axes, as news graphics carry."""
    fig.text(0.01, 0.01, f"Source: {text}", fontsize=7, color="0.35", ha="left", va="bottom")


def kept_vs_removed(articles: Sequence[Article], *, source: str = "kit.load_corpus on seeds/",
                    figsize: tuple[float, float] = (9, 4.5), top: int = 25) -> Figure:
    """Characters kept in the article text vs removed as boilerplate/metadata, per article (stacked bars)."""
    ranked = sorted(articles, key=lambda a: (-(a.n_chars + a.removed_chars), a.doc_id))[:top]
    labels = [a.doc_id[:18] for a in ranked]
    kept = [a.n_chars for a in ranked]
    removed = [a.removed_chars for a in ranked]
    fig, ax = plt.subplots(figsize=figsize)
    ax.barh(labels, kept, color="#3b6ea8", label="kept (article text)")
    ax.barh(labels, removed, left=kept, color="#d98b3a", label="removed (boilerplate, byline, dateline, chrome)")
    ax.invert_yaxis()
    ax.set_xlabel("characters")
    ax.set_ylabel("article (doc_id)")
    ax.set_title(f"Characters kept vs removed per article ({len(ranked)} largest of {len(articles)})")
    ax.legend(loc="lower right", fontsize=8)
    ax.tick_params(axis="y", labelsize=7)
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    add_source(fig, source)
    return fig
