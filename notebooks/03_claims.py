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
# # 03 · Claims: who said what, how, and how sure
#
# **Aim.** Conflict reporting is a chain of attributions: state TV claims, a monitor says, rescuers report, a
# commander tells reporters. The `kit_claims` component finds each attributed statement — speaker (linked to
# its canonical entity), cue, content, direct/indirect/mixed — and grades how sure it is: *reported*, or
# weaker: *claimed*, *unverified* ("without providing evidence"), *unconfirmed* ("no independent
# confirmation"), *disputed*, *denied*.
#
# **Data.** The seed article and the 50-article FA-KES sample in `seeds/`.

# %%
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML

import kit
from kit import analysis, plots
from kit.display import render_claims

pd.set_option("display.max_colwidth", 70)
seeds = kit.seeds_dir()
article = kit.load(seeds / "000_fc500a8bbe85a549.txt")
claims = kit.annotate(article).claims
claims[["speaker", "speaker_text", "cue", "kind", "status", "content"]]

# %% [markdown]
# ## Practice 1 · The article with its claims
#
# Each highlighted span covers speaker, cue and content; the label is the cue and the status, the link under
# it the canonical speaker.

# %%
HTML(render_claims(article.text, claims, title=article.title))

# %% [markdown]
# The words that weakened a claim are kept with it:

# %%
claims.loc[claims["status"] != "reported", ["speaker", "cue", "status", "status_evidence"]]

# %% [markdown]
# ## Practice 2 · Who is quoted across a corpus

# %%
sample = kit.annotate_corpus(seeds / "fa-kes-sample.csv", progress=False).tables
merges = analysis.name_merges(sample.entities, labels=("PERSON", "ORG"))  # "Assad" → "Bashar al-Assad"
by_source = analysis.claims_by_source(analysis.merge_names(sample.claims, merges, column="speaker"))
print(f"{len(sample.claims)} claims from {len(by_source)} speakers in {sample.claims['doc_id'].nunique()} articles; "
      f"{(sample.claims['status'] != 'reported').sum()} weaker than 'reported'")
by_source.head(15)

# %%
fig = plots.claims_by_source(by_source.head(15), source="FA-KES sample (50 articles, CC BY 4.0); kit claims")
plt.show()

# %%
sample.claims.groupby(["kind", "status"]).size().unstack(fill_value=0)

# %% [markdown]
# ## Discussion
#
# * In the seed the kit finds the 10 attributed statements of the answer key (claims F1 1.000), with the
#   right grades: state television's "nearly 1,000 insurgents" is *unverified* (it "claimed … without
#   providing evidence"), the insurgents' claim to have entered Hama is *unconfirmed* (the next sentence says
#   there was no independent confirmation).
# * **State media vs monitors.** In the FA-KES sample, state agencies (SANA, state television) and the
#   opposition-leaning Syrian Observatory for Human Rights are among the most quoted sources. Neither is neutral:
#   state media report "terrorists" killed and rarely civilian deaths caused by government forces; the Observatory
#   (one man's network of sources in the UK) is widely cited for tolls but its figures are rarely verifiable.
#   When two such sources agree, that is information; when only one reports a figure, the status column and the
#   speaker are what an analyst should carry into any count.
# * Limits: pronouns are resolved to the nearest compatible subject or speaker, which fails when a paragraph
#   juggles several people; a claim whose cue the parser misreads (comma-less FA-KES text) can be missed.
