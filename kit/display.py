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


def _tokens(text: str) -> tuple[list[str], list[int]]:
    found = list(re.finditer(r"\S+", text))
    return [m.group() for m in found], [m.start() for m in found]


def render_claims(text: str, claims: pd.DataFrame, *, title: str | None = None) -> str:
    """displaCy span view: each claim's whole span, labelled `cue · status`, coloured by status."""
    tokens, starts = _tokens(text)
    spans = []
    for r in claims.sort_values("start_char").itertuples():
        first = next((i for i, s in enumerate(starts) if s + len(tokens[i]) > r.start_char), None)
        last = next((i for i in range(len(starts) - 1, -1, -1) if starts[i] < r.end_char), None)
        if first is None or last is None or last < first:
            continue
        spans.append({"start_token": first, "end_token": last + 1, "label": f"{r.cue} · {r.status}",
                      "kb_id": r.speaker, "kb_url": "#"})
    colors = {s["label"]: STATUS_COLORS.get(s["label"].split(" · ")[-1], "#eeeeee") for s in spans}
    data = {"text": text, "spans": spans, "tokens": tokens, "title": title}
    return displacy.render(data, style="span", manual=True, jupyter=False, options={"colors": colors})
