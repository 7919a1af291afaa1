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
# # 04 · Casualty figures: numbers as ranges, victims, perpetrators, places and sources
#
# **Aim.** Casualty figures are what analysts count, compare and dispute. The `kit_casualties` component reads
# each figure as low/best/high (UCDP's convention) — "nearly 1,000" is –/1000/1000, "at least 12" is 12/12/–,
# "about 20" is –/20/–, "between 10 and 15" is 10/–/15, and vague words ("dozens") keep the word with all three
# numbers empty (ACLED would code 12; that choice is left to the analyst) — and ties it to an outcome, victims,
# perpetrator, place, period and to the claim that reports it. Distances, years, dates, ages and counts of
# drones or buildings are never casualties. A figure is counted once: an article that repeats it in its headline,
# lede and body gives three rows (mentions) of one figure (`figure_id`, `mention` 0 is the first), parts point at
# their total (`part_of`), and running tolls are `cumulative`; `kit.figures` keeps one row per figure.
#
# **Data.** The seed article and the 50-article FA-KES sample, whose crowd-sourced killed counts give a rough check.

# %%
import matplotlib.pyplot as plt
import pandas as pd

import kit
from kit import analysis, plots

pd.set_option("display.max_colwidth", 50)
seeds = kit.seeds_dir()
article = kit.load(seeds / "000_fc500a8bbe85a549.txt")
tables = kit.annotate(article)
figures = kit.figures(tables)  # one row per figure (its first mention), not per mention
figures[["outcome", "low", "best", "high", "qualifier", "victims", "victim_class", "perpetrator", "place",
         "date_start", "date_end", "source", "status", "n_mentions", "part_of", "cumulative"]]

# %% [markdown]
# ## Practice 1 · Figures as ranges, by who reports them

# %%
fig = plots.figure_intervals(figures, source="AP via The Independent, 1 Dec 2024; kit casualties")
plt.show()

# %% [markdown]
# ## Practice 2 · Outcomes and victims across the sample

# %%
sample = kit.annotate_corpus(seeds / "fa-kes-sample.csv", progress=False).tables
sample_figures = kit.figures(sample)
print(f"{len(sample.casualties)} mentions of {len(sample_figures)} figures in {sample.casualties['doc_id'].nunique()} "
      f"of {len(sample.articles)} articles; {int((sample_figures['n_mentions'] > 1).sum())} figures are repeated")
fig = plots.outcome_by_class(analysis.outcome_by_class(sample_figures),
                             source=f"FA-KES sample ({len(sample.articles)} articles, CC BY 4.0); kit figures, "
                                    "each counted once")
plt.show()

# %%
analysis.who_reports_what(sample_figures).sort_values("killed", ascending=False, kind="stable").head(12)

# %% [markdown]
# ## Practice 3 · Against the crowd
#
# FA-KES volunteers counted the people killed in each article (`nb_civilians + nb_noncivilians`). The kit's
# largest killed figure per article (leaving out parts such as "including 28 children" and war-long tolls)
# is compared with that count. The crowd's counts are noisy: they often add several figures, skip the ones a
# second source gives, and treat "people" as civilians.

# %%
crowd = pd.read_csv(seeds / "fa-kes-sample.csv", encoding="latin-1", usecols=["unit_id", "nb_civilians", "nb_noncivilians"])
crowd = crowd.rename(columns={"unit_id": "doc_id"}).astype({"doc_id": "string"})
comparison = analysis.crowd_comparison(sample.casualties, sample.articles, crowd)
agree, close, n = int(comparison["agree"].sum()), int(comparison["within_10pct"].sum()), len(comparison)
both = int((comparison["kit_killed"].notna() & comparison["crowd_killed"].notna()).sum())
print(f"equal in {agree} of {n} articles ({agree / n:.0%}); within ±10% in {close} ({close / n:.0%}); "
      f"{both} articles have both a kit and a crowd count (the scatter below)")

# %%
fig = plots.crowd_scatter(comparison, source="FA-KES sample (CC BY 4.0): crowd counts vs kit")
plt.show()

# %%
comparison[~comparison["agree"]].head(10)

# %% [markdown]
# ## Discussion
#
# * The seed's three figures come out as the answer key has them: *nearly 1,000* insurgents killed (–/1000/1000,
#   source Syrian state television, *unverified*), 4 civilians killed and 54 others wounded (the "others"
#   inherit *civilians*), source the Syrian Civil Defence. "65 kilometers (40 miles)", "2016", "2011" and
#   "three days" are not casualties.
# * Against the crowd, the kit's largest killed figure equals the volunteers' count in 34 of the 50 articles
#   (68%) and is within ±10% in 36 (72%). Disagreements are mostly the crowd summing figures, counting only one
#   of two sources, or the article giving no killed figure at all. On all 804 FA-KES articles the kit agrees
#   exactly in about 59% of articles against 21% for the naive "largest number near *killed*" baseline
#   (`benchmarks/RESULTS_casualties.md`).
# * Read a figure with its `source` and `status`: a number a party claims "without providing evidence" is a
#   claim about casualties, not a count.
# * The counts above are of figures, each once: the sample's casualty rows are mentions, and about a fifth of
#   them repeat a figure given earlier in the same article (the headline's "16 killed" and the lede's "at least 16
#   people were killed"). To add people up, take first mentions that are neither parts nor cumulative, and across
#   articles take incidents (notebook 06), never rows.
