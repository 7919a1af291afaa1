"""HTML views for notebooks: cleaning side by side, and displaCy renderings of entities and claims.

Everything is rendered from the tables (manual displaCy data), so the HTML is deterministic and needs no Doc.
"""
from __future__ import annotations

import html
import re

import pandas as pd
from spacy import displacy

from .article import Article

__all__ = ["cleaning_view", "render_entities", "render_claims", "ENTITY_COLORS", "STATUS_COLORS"]

ENTITY_COLORS = {"PERSON": "#f4c7c3", "ORG": "#c6dbef", "GPE": "#c7e9c0", "LOC": "#d9f0d3", "FAC": "#e5d8bd",
                 "NORP": "#efefef"}
STATUS_COLORS = {"reported": "#c6dbef", "claimed": "#fdd0a2", "unverified": "#fcbba1", "unconfirmed": "#fee6ce",
                 "denied": "#d9d9d9", "disputed": "#dadaeb"}


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


def render_entities(text: str, entities: pd.DataFrame, *, title: str | None = None) -> str:
    """displaCy entity view; each mention links its canonical name (kb_id) when it differs from the text."""
    ents = [
        {"start": int(r.start_char), "end": int(r.end_char), "label": r.label,
         "kb_id": r.canonical if r.canonical != r.text else "", "kb_url": "#"}
        for r in entities.sort_values("start_char").itertuples()
    ]
    data = {"text": text, "ents": ents, "title": title}
    return displacy.render(data, style="ent", manual=True, jupyter=False, options={"colors": ENTITY_COLORS})


# displaCy's span label, kept on one line just under its bar (the stock label wraps to the width of its first
# token and covers the words of the next line).
_SPAN_START = """
<span style="background: {bg}; top: {top_offset}px; height: 4px; border-top-left-radius: 3px; border-bottom-left-radius: 3px; left: -1px; width: calc(100% + 2px); position: absolute;">
    <span style="background: {bg}; z-index: 10; color: #000; top: 5px; padding: 1px 3px; position: absolute; font-size: 0.6em; font-weight: bold; line-height: 1.1; border-radius: 3px; white-space: nowrap">
        {label}{kb_link}
    </span>
</span>
"""


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, paragraph) for each non-empty paragraph of the cleaned text."""
    return [(m.start(), m.group()) for m in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]*)*", text) if m.group().strip()]


def render_claims(text: str, claims: pd.DataFrame, *, title: str | None = None) -> str:
    """displaCy span view, paragraph by paragraph: each claim's span (speaker, cue, content) underlined in the
    colour of its status, labelled `cue · status` and the canonical speaker."""
    from spacy.displacy.templates import TPL_SPAN, TPL_SPAN_SLICE

    template = {"span": TPL_SPAN, "slice": TPL_SPAN_SLICE, "start": _SPAN_START}
    rows = list(claims.sort_values("start_char").itertuples())
    colors = {f"{r.cue} · {r.status}": STATUS_COLORS.get(r.status, "#eeeeee") for r in rows}
    parts = [f"<h2 style='margin:0 0 0.5em 0'>{html.escape(title)}</h2>"] if title else []
    for offset, paragraph in _paragraphs(text):
        found = list(re.finditer(r"\S+", paragraph))
        tokens, starts = [m.group() for m in found], [offset + m.start() for m in found]
        spans = []
        for r in rows:
            inside = [i for i, start in enumerate(starts) if start < r.end_char and start + len(tokens[i]) > r.start_char]
            if inside:
                spans.append({"start_token": inside[0], "end_token": inside[-1] + 1, "label": f"{r.cue} · {r.status}",
                              "kb_id": r.speaker, "kb_url": "#"})
        data = {"text": paragraph, "spans": spans, "tokens": tokens}
        parts.append(displacy.render(data, style="span", manual=True, jupyter=False,
                                     options={"colors": colors, "template": template}))
    return "<div class='kit-claims'>" + "".join(parts) + "</div>"
