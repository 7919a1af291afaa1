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
# # 05 · A corpus: many outlets, one table
#
# **Aim.** Analysts read a month of coverage from many outlets and ask who reported which figure, where and
# when. `kit.annotate_corpus` streams a corpus through the kit — in this process, in worker processes
# (`n_process`), or on Dask workers (`engine="dask"`) — with a cache, a progress bar, and an errors table
# for anything it could not read, and groups the figures of all articles into incidents — one row per event, each
# outlet's figure beside it — so that nothing is counted once per article. This notebook is parameterised for papermill: set `corpus` to any file or
# folder (`papermill notebooks/05_corpus.ipynb out.ipynb -p corpus path/to/corpus.csv`).
#
# **Data.** By default the attributed 50-article FA-KES sample in `seeds/` (CC BY 4.0).

# %% tags=["parameters"]
corpus = None  # a file, folder or glob; None = the FA-KES sample in seeds/
n_process = 1

# %%
import shutil
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

import kit
from kit import analysis, plots

pd.set_option("display.max_colwidth", 60)
source = Path(corpus) if corpus else kit.seeds_dir() / "fa-kes-sample.csv"
label = source.name if corpus else "FA-KES sample (50 articles, CC BY 4.0)"

# %% [markdown]
# ## Practice 1 · A run with a broken record in it
#
# Real corpora have empty files, bad JSON lines, binary junk. They become rows of the errors table; the rest
# is annotated. The progress bar shows in JupyterLab (its output is not compared by the tests).

# %%
# NBVAL_IGNORE_OUTPUT
work = Path(tempfile.mkdtemp())
shutil.copy(source, work / source.name) if source.is_file() else shutil.copytree(source, work / source.name)
(work / "empty.txt").write_bytes(b"")
(work / "feed.jsonl").write_text('{"id": "x1", "text": "Shelling killed two people in Homs, activists said."}\n{broken\n',
                                 encoding="utf-8")
result = kit.annotate_corpus(work, n_process=n_process, progress=True)

# %%
tables = result.tables
print(f"{len(result)} articles annotated; {len(result.errors)} inputs could not be read")
result.errors.assign(source_path=result.errors["source_path"].map(lambda p: Path(p).name))

# %% [markdown]
# ## Practice 2 · Killed per outlet and per place, each incident once
#
# `result.incidents` holds one row per event: the figures of all articles about it, grouped (same outcome, place,
# days and kind of attack; see notebook 06). Per outlet, each incident the outlet reported counts once, with the
# outlet's own figure; per place, each incident counts once, with its `best` (the median of its reports). Parts
# ("including 28 children"), repeated mentions and running tolls never enter these sums. Bars are stacked by the
# status of the claim behind each figure.

# %%
incidents, reports = result.incidents, result.incident_reports
killed = incidents[incidents["outcome"] == "killed"]
print(f"{len(tables.casualties)} casualty mentions → {int((tables.casualties['mention'] == 0).sum())} figures → "
      f"{len(incidents)} incidents ({len(killed)} killed; {int((incidents['n_sources'] >= 2).sum())} reported by "
      "two or more articles)")
by_outlet = analysis.incident_killed_by(incidents, reports, "outlet", top=10)
fig = plots.by_status(by_outlet, title="People reported killed, per outlet (top 10)",
                      xlabel="people reported killed: sum of the outlet's figure for each incident it reported "
                             "(figures, not mentions)", ylabel="outlet", source=label)
plt.show()

# %%
by_place = analysis.incident_killed_by(incidents, reports, "place", top=10)
fig = plots.by_status(by_place, title="People reported killed, per place (top 10)",
                      xlabel="people reported killed: sum of incidents' best figures (each incident once)",
                      ylabel="place (canonical)", source=label)
plt.show()

# %% [markdown]
# ## Practice 3 · Over time, and where outlets disagree

# %%
timeline = analysis.incident_timeline(incidents)
fig = plots.incident_timeline(timeline, source=label)
plt.show()

# %%
disagreements = analysis.largest_disagreements(incidents)
print(f"{len(disagreements)} incidents whose reports give different figures (largest spread first)")
disagreements

# %% [markdown]
# ## Discussion
#
# * The run above reads every record it can and reports the rest: the empty file and the broken JSON line are in
#   the errors table, and the other records are annotated. From the command line, `kit annotate FOLDER --out DIR`
#   does the same and writes `errors.csv` beside the four tables.
# * For a whole corpus: `n_process=2` (or `--jobs 2`) uses both cores; `cache_dir=` (`--cache DIR`) skips
#   unchanged articles on re-runs; `engine="dask"` (`--engine dask --scheduler ADDRESS`) runs the same pipeline on
#   a Dask cluster. Speeds and memory are in `benchmarks/RESULTS.md`.
# * Sums per outlet count each incident once per outlet, with that outlet's figure: they measure how many people
#   an outlet reported killed, not how often it repeated them. Sums per place count each incident once, with the
#   median of its reports. A figure placed only in a country, or dated only to a week or a month, stays an
#   incident of its own: the kit does not merge what it cannot tell apart, so totals err on the high side where
#   two outlets describe one event too differently to be matched.
# * The 50-article sample spreads over seven years and rarely has two articles about one event; the disagreement
#   table fills on a corpus of many outlets covering the same weeks (notebook 06 runs on one, and on all 804
#   FA-KES articles the kit finds well over a hundred incidents reported by two or more articles).
