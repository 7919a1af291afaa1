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
# # 06 · Incidents: one event, many reports, each figure counted once
#
# **Aim.** "How many, according to whom" is a question about events, not articles. The kit groups the figures of
# many articles that report one event — the same outcome, place (a town and its province are one place), days
# (from the publication date and the article's own "on Sunday", "overnight", "last week") and kind of attack, with
# compatible victims — into one incident, and keeps each report's figure, source and status beside it: the
# disagreement between outlets becomes a column (`spread`) instead of something to find by hand. Running tolls kept by
# one source (a ministry, a monitor, the UN) become series with their decreases and jumps flagged. Incidents export
# to the column conventions of UCDP GED and ACLED.
#
# **Data.** `seeds/fa-kes-events.csv`: 50 FA-KES articles (CC BY 4.0) — days and places that several outlets
# covered with different tolls, chosen by the dataset's own crowd coding, and 8 articles quoting the UN's count of
# the war's dead (`tools/make_fakes_events.py`).

# %%
import matplotlib.pyplot as plt
import pandas as pd

import kit
from kit import analysis, plots

pd.set_option("display.max_colwidth", 80)
label = "FA-KES events sample (50 articles, CC BY 4.0); kit incidents"
result = kit.annotate_corpus(kit.seeds_dir() / "fa-kes-events.csv", progress=False)
incidents, reports = result.incidents, result.incident_reports
casualties = result.tables.casualties
print(f"{len(casualties)} casualty mentions → {int((casualties['mention'] == 0).sum())} figures → "
      f"{len(incidents)} incidents, {int((incidents['n_sources'] >= 2).sum())} of them reported by two or more articles")

# %% [markdown]
# ## Practice 1 · One incident, its reports side by side
#
# The incidents that several articles report, most reports first. `low`/`best`/`high` are taken across the
# reports: the lowest any report allows, the median of the reports' figures, the highest any allows.

# %%
multi = incidents[incidents["n_sources"] >= 2].sort_values(["n_reports", "spread", "incident_id"],
                                                           ascending=[False, False, True], kind="stable")
multi[["incident_id", "date_start", "place", "outcome", "low", "best", "high", "n_sources", "n_reports", "spread",
       "event_kind"]].head(8)

# %% [markdown]
# The first of them, report by report: who gives which figure, and how sure (colour is the status of the claim;
# "at least N" is an arrow to the right, "nearly N" to the left).

# %%
chosen = multi.iloc[0]
own = reports[reports["incident_id"] == chosen["incident_id"]]
fig = plots.incident_sources(own, source=label, title=f"{chosen['place']}, {chosen['date_start']}: "
                             f"{chosen['outcome']}, {len(own)} reports from {chosen['n_sources']} articles")
plt.show()

# %%
own[["outlet", "published", "source", "status", "low", "best", "high", "qualifier", "evidence"]]

# %% [markdown]
# ## Practice 2 · Where the reports disagree most
#
# `spread` is the highest report's figure over the lowest: the incidents to check first.

# %%
fig = plots.incident_spreads(incidents, reports, source=label, top=8)
plt.show()

# %%
analysis.largest_disagreements(incidents, top=5)[["date_start", "place", "outcome", "spread", "n_sources", "reports"]]

# %% [markdown]
# ## Practice 3 · A running toll with its jumps
#
# A running toll is a tally one source keeps over a period ("more than 100,000 people have been killed in the
# conflict so far, according to the United Nations"). `kit.tolls` lines up each source's tallies that count from the
# same start, in order of publication, and flags each point: a `decrease` (an outlet repeating an older figure, or
# another count) and a `jump` (a rise of more than half) are what to check.

# %%
tolls = kit.tolls(result.tables)
longest = tolls["series"].value_counts().sort_index().sort_values(ascending=False, kind="stable").index[0]
series = tolls[tolls["series"] == longest]
fig = plots.running_toll(series, source=label)
plt.show()

# %%
series[["published", "outlet", "value", "previous", "days", "flag", "evidence"]]

# %% [markdown]
# ## Practice 4 · Beside UCDP and ACLED
#
# The killed incidents in the column conventions of UCDP GED (`best`/`low`/`high`, `date_prec`, `where_prec`,
# `source_*` fields) and ACLED (`fatalities` is the lowest report, ACLED's conservative convention). Columns the text
# cannot fill (type of violence, dyads, actor codes) are left out; the kit's own start with `kit_`.

# %%
ged = kit.to_ged(incidents, reports)
ged[ged["number_of_sources"] >= 2][["relid", "date_start", "date_prec", "where_coordinates", "where_prec", "adm_1",
                                    "best", "low", "high", "number_of_sources", "source_office"]].head(5)

# %%
acled = kit.to_acled(incidents, reports)
acled[acled["kit_incident_id"].isin(multi["incident_id"])][["event_date", "time_precision", "event_type",
                                                              "sub_event_type", "location", "geo_precision",
                                                              "fatalities", "source"]].head(5)

# %% [markdown]
# ## Discussion
#
# * Grouping is strict on purpose. Two reports are one incident only when every pair of its reports agrees on
#   outcome, place, days, victims and kind of attack; a report placed only in a province joins a town's report only
#   with the same figure, or when both name a rare kind of attack (a chemical attack, a suicide or car bomb). A figure
#   placed only in a country, or dated only to a week or more, stays an incident of its own. The kit would rather
#   leave one event as two rows than merge two events; on all 804 FA-KES articles a blind check of the incidents with
#   two or more sources measures how often a merge is right (`benchmarks/RESULTS_incidents.md`).
# * A report's figure is its largest for the incident (an updated toll supersedes the first); the incident's `best` is
#   the median of its reports, so one outlier does not set it, and `spread` shows how far the reports are apart.
# * The days come from the article's own words: "on Tuesday" in an article published on a Thursday is two days
#   earlier; "the monitor said on Tuesday" only says the event happened by then. An article written years later about
#   an old attack ("the August 21 attack") is grouped with the reports of that day.
# * Running tolls are never added to event figures. The UN's count above shows why they need their own view: outlets
#   repeat an older figure long after a newer one is out, and counts rise in jumps between reports.
