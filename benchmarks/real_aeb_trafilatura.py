"""Run trafilatura on article-extraction-benchmark pages in whatever interpreter runs this file (stdlib + trafilatura).

    python real_aeb_trafilatura.py AEB_DIR IDS.json OUT.json

Used by real_aeb.trafilatura_bodies_in to score another trafilatura version (e.g. 2.0.0 in a throwaway venv) in the
same run; writes {"version": ..., "output": {page id: body}}. Called as the benchmark's own runner calls it.
"""
from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path


def main() -> None:
    import trafilatura

    root, ids_path, out_path = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    output = {}
    for key in json.loads(ids_path.read_text(encoding="utf-8")):
        with gzip.open(root / "html" / f"{key}.html.gz", "rt", encoding="utf-8") as handle:
            output[key] = trafilatura.extract(handle.read(), include_comments=False) or ""
    out_path.write_text(json.dumps({"version": trafilatura.__version__, "output": output}), encoding="utf-8")


if __name__ == "__main__":
    main()
