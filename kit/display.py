"""HTML views for notebooks: the cleaned article beside what was cut (displaCy renderers come later)."""
from __future__ import annotations

import html

from .article import Article

__all__ = ["cleaning_view"]


def cleaning_view(article: Article, *, max_chars: int = 1200) -> str:
    """Two columns: the start of the article text, and every removed piece with its reason (HTML)."""
    kept = html.escape(article.text[:max_chars]) + ("…" if len(article.text) > max_chars else "")
    kept = kept.replace("\n\n", "<br><br>")
    items = "".join(
        f"<li><code>{html.escape(r.reason)}</code> {html.escape(r.text[:160])}{'…' if len(r.text) > 160 else ''}</li>"
        for r in article.removed
    )
    return (
        '<div style="display:flex;gap:1.5em;font-size:0.85em">'
        f'<div style="flex:3"><h4>Article text ({article.n_chars:,} characters)</h4><p>{kept}</p></div>'
        f'<div style="flex:2"><h4>Removed ({len(article.removed)} pieces, {article.removed_chars:,} characters)</h4>'
        f"<ol>{items}</ol></div></div>"
    )
