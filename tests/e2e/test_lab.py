"""JupyterLab and the report in a real browser: what a person sees, not only what the kernel returns.

Starts JupyterLab with `make lab` (loopback, random port and token) on a copy of the notebooks, opens each in
headless Chromium (Debian's `chromium`, driven by Playwright for Python through `executable_path`: no browser
download), clears the outputs, runs every cell and checks: every cell ran, no error or stderr output, an image
in every plot cell, displaCy markup in 02 and 03, a progress widget in 05, no browser console errors. Then builds
the report from the stored notebooks and opens its index.html the same way. Screenshots go to reports/e2e/.

Without Chromium or Playwright the test is skipped with the reason printed, except in CI (`CI=true`) where
.ci/run expected the install to work (`KIT_E2E_EXPECTED=1`): then it fails.

    .venv/bin/python -m pytest tests/e2e -m e2e        # runnable alone
"""
from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from secrets import token_hex

import pytest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
SHOTS = Path(os.environ.get("KIT_E2E_SHOTS", ROOT / "reports" / "e2e"))
CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium")
RUN_TIMEOUT_MS = 300_000
# What each notebook must show besides its plots (CSS selectors inside cell outputs).
EXPECTED = {
    "02_entities": ("displaCy entities", ".jp-OutputArea-output .entities mark.entity"),
    "03_claims": ("displaCy claim spans", ".jp-OutputArea-output .spans"),
    "05_corpus": ("an ipywidgets progress bar", ".jp-OutputArea-output .widget-hprogress .progress-bar"),
}
SETTINGS = {  # quiet, complete pages: no news fetch from the internet, every cell in the DOM
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


def _browser() -> str:
    """Path of Chromium, or skip/fail with the reason (never silently)."""
    found = os.environ.get("KIT_CHROMIUM") or next((p for p in CHROMIUM if Path(p).exists()), None) \
        or shutil.which("chromium")
    problem = None
    if not found:
        problem = "Chromium not found (Debian: apt-get install chromium; or set KIT_CHROMIUM)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "Playwright for Python not installed (pip install -e '.[dev]')"
    if problem:
        if os.environ.get("CI") == "true" and os.environ.get("KIT_E2E_EXPECTED") == "1":
            pytest.fail(f"e2e: {problem}, although .ci/run installed it")
        pytest.skip(f"e2e not run: {problem}")
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _lab_command(port: int, token: str) -> list[str]:
    """The command `make lab` runs (dry run), with this test's server options."""
    args = (f"--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port={port} --ServerApp.port_retries=0 "
            f"--IdentityProvider.token={token} --LabApp.expose_app_in_browser=True")
    run = subprocess.run(["make", "-n", "-s", "lab", f"LAB_ARGS={args}", f"BIN={Path(sys.executable).parent}",
                          "STAMP=pyproject.toml"], cwd=ROOT, capture_output=True, text=True, check=True)
    command = shlex.split(run.stdout.strip().splitlines()[-1])
    assert "lab" in command, run.stdout
    if os.geteuid() == 0:
        assert "--allow-root" in command, "make lab must pass --allow-root when run as root"
    return command


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    chromium = _browser()
    work = tmp_path_factory.mktemp("lab")
    (work / "notebooks").mkdir()
    for notebook in NOTEBOOKS:  # a copy: running and autosaving never touch the repository's notebooks
        shutil.copy(notebook, work / "notebooks" / notebook.name)
    settings = work / "settings" / "overrides"
    for name, values in SETTINGS.items():
        path = work / "settings" / name.replace(":", "/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    settings.mkdir(parents=True, exist_ok=True)
    port, token = _free_port(), token_hex(16)
    env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(work / "settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(work / "workspaces"), "PYTHONUNBUFFERED": "1"}
    log = (work / "lab.log").open("w")
    server = subprocess.Popen(_lab_command(port, token), cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail("JupyterLab did not start:\n" + (work / "lab.log").read_text()[-3000:])
            time.sleep(0.5)
        yield {"base": base, "token": token, "chromium": chromium, "work": work}
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        log.close()


@pytest.fixture(scope="module")
def browser(lab):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=lab["chromium"], headless=True)
        yield chromium
        chromium.close()


def _watch(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


CELLS_JS = """() => Array.from(document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell')).map(cell => ({
    prompt: (cell.querySelector('.jp-InputPrompt') || {}).textContent || '',
    source: (cell.querySelector('.cm-content') || {}).innerText || '',
    images: cell.querySelectorAll('.jp-OutputArea-output img').length,
    stderr: Array.from(cell.querySelectorAll(
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')).map(e => e.innerText.slice(0, 300)),
}))"""


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_in_jupyterlab(lab, browser, notebook: Path):
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1400, "height": 1800})
    page = context.new_page()
    errors = _watch(page)
    try:
        page.goto(f"{lab['base']}/lab/workspaces/e2e-{notebook.stem}/tree/{notebook.name}?reset&token={lab['token']}")
        page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell", timeout=60_000)
        page.wait_for_selector(".jp-NotebookPanel .jp-CodeCell", timeout=60_000)
        page.wait_for_function("""() => { const panel = window.jupyterapp.shell.currentWidget;
            return panel && panel.sessionContext && panel.sessionContext.session && panel.sessionContext.session.kernel
                   && panel.sessionContext.session.kernel.connectionStatus === 'connected'; }""", timeout=90_000)
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
        assert all(c["images"] == 0 for c in page.evaluate(CELLS_JS)), "outputs were not cleared"
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.wait_for_function(f"""() => {{ const cells = ({CELLS_JS})();
            return cells.length > 0 && cells.every(c => /^\\[\\d+\\]:$/.test(c.prompt.trim())); }}""",
                               timeout=RUN_TIMEOUT_MS, polling=1000)
        page.wait_for_timeout(1500)  # let the last outputs and widgets render
        cells = page.evaluate(CELLS_JS)
        what, selector = EXPECTED.get(notebook.stem, ("", ""))
        shown = page.locator(selector).count() if selector else None
        first_image = page.locator(".jp-OutputArea-output img").first
        if first_image.count():
            first_image.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"{notebook.stem}.png"))
    except Exception:
        page.screenshot(path=str(SHOTS / f"{notebook.stem}-failed.png"))
        print("JupyterLab log (end):\n" + (lab["work"] / "lab.log").read_text()[-3000:])
        raise
    finally:
        context.close()
    not_run = [c["source"][:60] for c in cells if not c["prompt"].strip()[1:-2].isdigit()]
    assert not not_run, f"cells that did not run: {not_run}"
    stderr = [s for c in cells for s in c["stderr"]]
    assert not stderr, f"error or stderr output: {stderr}"
    without = [c["source"][:80] for c in cells if "plt.show()" in c["source"] and c["images"] == 0]
    assert not without, f"plot cells without an image: {without}"
    if selector:
        assert shown, f"{notebook.name} shows no {what} ({selector})"
    assert not errors, f"browser console errors: {errors}"


def test_report_opens_cleanly(browser, tmp_path):
    """The report page built from the stored notebooks: every thumbnail loads, links resolve, no console errors."""
    out = tmp_path / "report"
    run = subprocess.run([sys.executable, str(ROOT / "tools" / "report.py"), str(ROOT / "notebooks"), "--out", str(out)],
                         capture_output=True, text=True)
    assert run.returncode == 0 and not run.stderr, run.stdout + run.stderr
    for page_name in ["index.html", *(f"{n.stem}.html" for n in NOTEBOOKS)]:
        text = (out / page_name).read_text(encoding="utf-8")
        assert "src=\"http" not in text and "src='http" not in text, f"{page_name} loads a remote script or image"
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 2000})
    page = context.new_page()
    errors = _watch(page)
    try:
        page.goto((out / "index.html").as_uri())
        page.wait_for_load_state("load")
        for image in page.locator("img").all():
            image.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        broken = page.evaluate("() => Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0)"
                               ".map(i => i.getAttribute('src'))")
        links = page.evaluate("() => Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'))"
                              ".filter(h => !h.startsWith('#') && !h.startsWith('http'))")
        toc = page.locator("nav li").count()
        page.evaluate("() => window.scrollTo(0, 0)")
        page.screenshot(path=str(SHOTS / "report-index.png"))
        page.goto((out / "05_corpus.html").as_uri())
        page.wait_for_load_state("load")
    finally:
        context.close()
    assert not broken, f"images that did not load: {broken}"
    missing = [h for h in links if not (out / h.split("#")[0]).exists()]
    assert not missing, f"links to missing files: {missing}"
    assert toc == len(NOTEBOOKS) + 2
    assert not errors, f"browser console errors: {errors}"
