"""A real Dask cluster on loopback: `dask scheduler` and two `dask worker` processes, as a newsroom would run
them, and `kit annotate --engine dask --scheduler tcp://127.0.0.1:PORT` against them.

The cluster's tables are the local run's, byte for byte; a worker killed mid-run loses no article (its tasks run
again on the other worker, or its articles become error rows); every process started here is stopped, also when
a test fails (the fixture's finaliser kills each process group)."""
from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROOT

pytest.importorskip("dask.distributed")

TABLES = ("articles", "entities", "claims", "casualties", "errors")
DASK = str(Path(sys.executable).with_name("dask"))  # the `dask` command installed beside this Python


def _env() -> dict[str, str]:
    path = os.environ.get("PYTHONPATH", "")
    return dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (str(ROOT), path) if p))


def _sample(path: Path, n: int) -> Path:
    """The first `n` articles of the bundled FA-KES sample, as a CSV corpus."""
    with (ROOT / "seeds" / "fa-kes-sample.csv").open(encoding="latin-1", newline="") as f:
        rows = list(csv.reader(f))
    with path.open("w", encoding="latin-1", newline="") as f:
        csv.writer(f).writerows(rows[: n + 1])
    return path


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is gone for our purposes
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


class Cluster:
    """A scheduler and named workers, each a process group of its own."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.processes: dict[str, subprocess.Popen] = {}
        self.address = ""

    def _start(self, name: str, argv: list[str]) -> None:
        log = (self.folder / f"{name}.log").open("w")
        self.processes[name] = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, env=_env(),
                                                cwd=self.folder, start_new_session=True)
        log.close()

    def start(self, workers: int) -> None:
        info = self.folder / "scheduler.json"
        self._start("scheduler", [DASK, "scheduler", "--host", "127.0.0.1",
                                  "--port", "0", "--no-dashboard", "--scheduler-file", str(info)])
        end = time.monotonic() + 30
        while not (info.exists() and info.stat().st_size) and time.monotonic() < end:
            time.sleep(0.1)
        self.address = json.loads(info.read_text())["address"]
        assert self.address.startswith("tcp://127.0.0.1:")
        for i in range(1, workers + 1):
            self._start(f"w{i}", [DASK, "worker", self.address, "--name", f"w{i}",
                                  "--nthreads", "1", "--no-nanny", "--host", "127.0.0.1", "--no-dashboard"])
        with self.client() as client:
            client.wait_for_workers(workers, timeout=60)

    def client(self):
        from dask.distributed import Client

        return Client(self.address, timeout=30)

    def stop(self) -> None:
        for process in self.processes.values():
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        end = time.monotonic() + 10
        for process in self.processes.values():
            try:
                process.wait(max(0.1, end - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(5)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cluster")
    running = Cluster(folder)
    try:
        running.start(workers=2)
        yield running
    finally:
        running.stop()
    pids = [p.pid for p in running.processes.values()]
    assert not [pid for pid in pids if _alive(pid)], "cluster processes outlived the tests"


def _kit(args: list, cwd: Path, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kit", "annotate", *map(str, args), "--quiet"], cwd=cwd, env=_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


def _finish(run: subprocess.Popen, seconds: float = 120) -> tuple[int, str]:
    try:
        _, err = run.communicate(timeout=seconds)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
    return run.returncode, err


def test_the_cluster_writes_the_local_run_s_tables(cluster, tmp_path):
    corpus = _sample(tmp_path / "corpus.csv", 8)
    local = _kit([corpus, "--out", tmp_path / "local"], tmp_path)
    remote = _kit([corpus, "--out", tmp_path / "remote", "--engine", "dask", "--scheduler", cluster.address,
                   "--batch-size", "2"], tmp_path)
    assert _finish(local) == (0, "") and _finish(remote) == (0, "")
    for name in TABLES:
        assert (tmp_path / "remote" / f"{name}.csv").read_bytes() == (tmp_path / "local" / f"{name}.csv").read_bytes()
    with cluster.client() as client:
        assert len(client.scheduler_info()["workers"]) == 2


def test_a_worker_killed_mid_run_loses_no_article(cluster, tmp_path):
    import pandas as pd

    corpus = _sample(tmp_path / "corpus.csv", 16)
    run = _kit([corpus, "--out", tmp_path / "out", "--engine", "dask", "--scheduler", cluster.address,
                "--batch-size", "1"], tmp_path)
    victim = cluster.processes["w2"]
    try:
        with cluster.client() as client:
            end = time.monotonic() + 60
            while time.monotonic() < end:  # w2 has an article in hand: kill it there
                info = client.scheduler_info()["workers"]
                busy = [a for a, w in info.items() if w.get("name") == "w2" and client.processing([a]).get(a)]
                if busy:
                    break
                time.sleep(0.05)
            assert busy, "the victim never got work"
        os.killpg(victim.pid, signal.SIGKILL)
        victim.wait(10)
        code, err = _finish(run)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
    ids = list(pd.read_csv(corpus, encoding="latin-1")["unit_id"].astype(str))
    articles = pd.read_csv(tmp_path / "out" / "articles.csv", dtype=str)
    errors = pd.read_csv(tmp_path / "out" / "errors.csv", dtype=str)
    assert sorted([*articles["doc_id"], *errors["doc_id"]]) == sorted(ids), err  # each article: a row or an error
    assert code in (0, 1) and (code == 0) == errors.empty
    assert all(reason.startswith("annotation failed on the cluster") for reason in errors["reason"])
