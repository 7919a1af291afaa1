# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     notebook_metadata_filter: -jupytext.text_representation.jupytext_version
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 01 · Articles: loading and cleaning
#
# **Aim.** Before anything is counted, an analyst needs the article itself: the text the journalist wrote,
# without the newsletter prompts, donation appeals, cookie lines and share buttons a scraper picks up, and
# with the headline, byline and date recovered. This notebook loads the bundled samples, shows what the
# cleaner kept and what it cut (nothing is silently lost), and tabulates the metadata.
#
# **Data.** `seeds/` holds an AP story on the Aleppo offensive as scraped from *The Independent*
# (1 Dec 2024) and a 50-article sample of FA-KES (Abu Salem et al., ICWSM 2019, CC BY 4.0); see
# `seeds/README.md`.

# %%
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML

import kit
from kit import plots
from kit.display import cleaning_view
from kit.tables import articles_table, removed_table

pd.set_option("display.max_colwidth", 70)
seeds = kit.seeds_dir()
corpus = kit.load_corpus(sorted(seeds.glob("*.txt")) + sorted(seeds.glob("*.csv")))
print(f"{len(corpus)} articles loaded, {len(corpus.errors)} could not be read")

# %% [markdown]
# ## Practice 1 · One scraped page
#
# `kit.load` reads a file (`.txt`, `.html`, or a one-record corpus file), detects its encoding, and cleans it.
# The metadata comes from the page itself: the headline is the first headline-shaped line, the byline a
# name-shaped line, the dateline a line that parses as a date (through `dateparser`), with its time zone.

# %%
article = kit.load(seeds / "000_fc500a8bbe85a549.txt")
pd.Series({
    "title": article.title,
    "outlet": article.outlet,
    "byline": article.byline,
    "published": article.published,
    "standfirst": article.standfirst[:60] + "…",
    "paragraphs": article.n_paragraphs,
})

# %% [markdown]
# The article text on the left is what every table's `start_char`/`end_char` index into; on the right,
# each removed piece with the rule that removed it.

# %%
HTML(cleaning_view(article, max_chars=900))

# %%
removed_table([article])[["order", "reason", "n_chars", "text"]]

# %% [markdown]
# ## Practice 2 · The metadata table
#
# `articles_table` is `articles.csv` of the table contract: one row per article, with sizes of the text
# and of what was removed, the encoding found, and how many characters could not be decoded.

# %%
table = articles_table(corpus.articles)
table[["doc_id", "outlet", "published", "n_paragraphs", "n_chars", "removed_chars", "replaced_chars"]].head(8)

# %%
summary = pd.Series({
    "articles": len(table),
    "with text removed": int((table["removed_chars"] > 0).sum()),
    "characters removed": int(table["removed_chars"].sum()),
    "articles with replaced characters": int((table["replaced_chars"] > 0).sum()),
    "characters replaced": int(table["replaced_chars"].sum()),
})
summary

# %%
removed_table(corpus.articles).groupby("reason").size().sort_values(ascending=False, kind="stable")

# %% [markdown]
# ## Practice 3 · Kept vs removed, per article

# %%
fig = plots.kept_vs_removed(corpus.articles, source="seeds/ (The Independent/AP; FA-KES sample, CC BY 4.0)")
plt.show()

# %% [markdown]
# ## Discussion
#
# * The scraped page lost 11 pieces: nine boilerplate paragraphs (notifications, donation appeal, the
#   outlet's self-promotion, registration lines) plus the byline and the dateline, which moved into the
#   metadata (`Kareem Chehayeb`, `2024-12-01T05:19:00-05:00`). Headline and standfirst stay in the text:
#   they are part of what the outlet published and often carry the figures.
# * The FA-KES records are one line each, so cleaning there works inside the paragraph: datelines at the
#   start ("Published February 23 2015"), wire credits, "Read Also" and editor signatures at the end.
# * The FA-KES file is not valid UTF-8; the loader falls back to a single-byte decoding and marks the
#   bytes that were mis-encoded (curly quotes mangled upstream) with U+FFFD, counted per article in
#   `replaced_chars` (6 characters in one of the 50 sample articles).
# * What the rules cannot know: a one-off chrome phrase that is not in `kit/data/boilerplate.tsv` and does
#   not address the reader stays in. Check `removed_table` and the kept text of a new outlet once, and add
#   a pattern to the lexicon if needed.
