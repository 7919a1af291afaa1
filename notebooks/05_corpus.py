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
# for anything it could not read. This notebook is parameterised for papermill: set `corpus` to any file or
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
# ## Practice 2 · Figures per outlet and per place
#
# Killed figures of events (parts such as "including 28 children" and war-long tolls left out), summed per
# outlet and per canonical place, stacked by the status of the claim that reports them.

# %%
by_outlet = analysis.killed_by_status(tables.casualties, tables.articles, "outlet", top=10)
by_place = analysis.killed_by_status(tables.casualties, tables.articles, "location", top=10)
fig = plots.by_status(by_outlet, title="People reported killed, per outlet (sum of event figures, top 10)",
                      xlabel="people reported killed", ylabel="outlet", source=label)
plt.show()

# %%
fig = plots.by_status(by_place, title="People reported killed, per place (sum of event figures, top 10)",
                      xlabel="people reported killed", ylabel="place (canonical)", source=label)
plt.show()

# %% [markdown]
# ## Practice 3 · Over time, and where outlets disagree

# %%
timeline = analysis.deaths_timeline(tables.casualties, tables.articles)
fig = plots.deaths_timeline(timeline, source=label)
plt.show()

# %%
disagreements = analysis.disagreements(tables.casualties, tables.articles)
print(f"{len(disagreements)} place-and-date pairs reported with different killed figures by different outlets")
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
# * Sums per outlet mostly measure how much an outlet wrote about killings, not how many people died: the same
#   event is counted once per article. The disagreement table is where to start checking figures — two outlets,
#   one place, one day, two different tolls (on the 50-article sample there is one such pair; the full FA-KES
#   corpus has dozens).
