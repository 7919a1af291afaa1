"""Streaming table output: rows are flushed in sorted parts, then merged into the final files.

Memory holds one part at a time, whatever the corpus size; the final files are sorted by doc_id then
start_char (the contract) thanks to a k-way merge of the parts. Everything is written into a staging folder
beside `out_dir` and swapped in whole at the end (`kit.outdir`): the five tables of a run appear together or
not at all. A disk that fails (full, read-only) is an OutputError naming the path, and the old tables stay.
"""
from __future__ import annotations

from typing import Callable

import csv
import heapq
from pathlib import Path
from typing import Iterator

import pandas as pd

from .errors import OutputError, describe_os_error
from .io import FORMATS, atomic_write, write_table
from .outdir import OutputFolder
from .tables import COLUMNS, TABLE_NAMES, Tables, build_tables, frame

__all__ = ["MemorySink", "FileSink"]

MERGE_BATCH_ROWS = 20_000


class MemorySink:
    """Collect rows and build DataFrames at the end (the Python API without an output folder)."""

    def __init__(self) -> None:
        self.parts: list[dict[str, list[dict]]] = []

    def add(self, rows: dict[str, list[dict]]) -> None:
        self.parts.append(rows)

    def close(self, errors: pd.DataFrame | None = None, then: Callable[[Path], object] | None = None) -> Tables:
        return build_tables(self.parts)

    def abort(self) -> None:
        self.parts = []


class FileSink:
    """Write the four tables and `errors` to `out_dir` as CSV or Parquet, streaming through sorted part files.

    Opening takes the folder's lock (OutputBusyError when another run has it); `close(errors)` writes the
    final files and swaps them in; `abort()` leaves `out_dir` as it was."""

    def __init__(self, out_dir: str | Path, fmt: str = "csv", *, part_rows: int = 256) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
        self.out_dir, self.fmt, self.part_rows = Path(out_dir), fmt, part_rows
        self._folder = OutputFolder(self.out_dir).__enter__()
        self._stage = self._folder.staging
        self._tmp = self._stage / ".kit-parts"
        self._tmp.mkdir()
        self._buffer: list[dict[str, list[dict]]] = []
        self._parts: list[int] = []

    def add(self, rows: dict[str, list[dict]]) -> None:
        self._buffer.append(rows)
        if len(self._buffer) >= self.part_rows:
            self._flush()

    def _flush(self) -> None:
        if not self._buffer:
            return
        number = len(self._parts)
        for name, table in build_tables(self._buffer):
            path = self._tmp / f"{name}.{number:06d}.csv"
            try:
                table.to_csv(path, index=False, encoding="utf-8")
            except OSError as exc:
                raise OutputError(self._shown(path), describe_os_error(exc)) from None
        self._parts.append(number)
        self._buffer = []

    def _rows(self, name: str) -> tuple[list[str], Iterator[list[str]]]:
        """The final header and the rows of every part in order (doc_id, start_char), each as a list of cells
        under that header ("" where a part lacks a column)."""
        csv.field_size_limit(2**31 - 1)
        handles = [open(self._tmp / f"{name}.{n:06d}.csv", encoding="utf-8", newline="") for n in self._parts]
        readers = [csv.reader(h) for h in handles]
        part_headers = [next(reader, []) for reader in readers]
        header = list(COLUMNS[name])
        for part_header in part_headers:
            header += [c for c in part_header if c not in header]
        position = {column: i for i, column in enumerate(header)}

        def cells(reader, part_header: list[str]) -> Iterator[tuple[tuple[str, int], list[str]]]:
            places = [position[c] for c in part_header]
            doc, start = part_header.index("doc_id"), part_header.index("start_char") if "start_char" in part_header else None
            for row in reader:
                out = [""] * len(header)
                for place, value in zip(places, row):
                    out[place] = value
                yield (row[doc], int(row[start] or -1) if start is not None else -1), out

        def merged() -> Iterator[list[str]]:
            try:
                for _key, row in heapq.merge(*(cells(r, h) for r, h in zip(readers, part_headers)), key=lambda kr: kr[0]):
                    yield row
            finally:
                for handle in handles:
                    handle.close()

        return header, merged()

    def _write_csv(self, name: str) -> None:
        header, rows = self._rows(name)

        def write(tmp: Path) -> None:
            with open(tmp, "w", encoding="utf-8", newline="") as out:
                writer = csv.writer(out)
                writer.writerow(header)
                writer.writerows(rows)

        atomic_write(self._stage / f"{name}.csv", write)

    def _write_parquet(self, name: str) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        header, rows = self._rows(name)

        def batches() -> Iterator[pd.DataFrame]:
            batch: list[dict] = []
            for row in rows:
                batch.append({k: (v if v != "" else None) for k, v in zip(header, row)})
                if len(batch) >= MERGE_BATCH_ROWS:
                    yield frame(name, batch)[header]
                    batch = []
            if batch:
                yield frame(name, batch)[header]

        def write(tmp: Path) -> None:
            writer = schema = None
            try:
                for part in batches():
                    table = pa.Table.from_pandas(part, schema=schema, preserve_index=False)
                    if writer is None:
                        schema = table.schema
                        writer = pq.ParquetWriter(tmp, schema)
                    writer.write_table(table)
                if writer is None:
                    frame(name, []).to_parquet(tmp, index=False)
            finally:
                if writer is not None:
                    writer.close()

        atomic_write(self._stage / f"{name}.parquet", write)

    def close(self, errors: pd.DataFrame | None = None, then: Callable[[Path], object] | None = None) -> None:
        """Merge the parts into the final files, write `errors`, run `then(staging folder)` (a step that reads
        the finished tables and writes more beside them: incidents), and put them all in place of `out_dir`'s."""
        import shutil

        try:
            try:
                self._flush()
                for name in TABLE_NAMES:
                    if not self._parts:
                        write_table(frame(name, []), self._stage, name, self.fmt)
                    elif self.fmt == "csv":
                        self._write_csv(name)
                    else:
                        self._write_parquet(name)
                if errors is not None:
                    write_table(errors, self._stage, "errors", self.fmt)
                shutil.rmtree(self._tmp, ignore_errors=True)
                if then is not None:
                    then(self._stage)
            except OSError as exc:
                raise OutputError(self._shown(exc.filename or self._stage), describe_os_error(exc)) from None
            self._folder.commit()
        finally:
            self._folder.__exit__(None, None, None)

    def _shown(self, path: str | Path) -> Path:
        """A path in the staging folder as the user knows it: under `out_dir`."""
        path = Path(path)
        try:
            return self.out_dir / path.relative_to(self._stage)
        except ValueError:
            return path

    def abort(self) -> None:
        """Drop what was written; `out_dir` stays as it was."""
        self._folder.__exit__(None, None, None)
