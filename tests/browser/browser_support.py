"""Helpers of the browser tests: Debian's chromium through Playwright, a local web server for the
built book, a learner-mode JupyterLab server, and a guard that fails on console errors, failed
requests and any request that leaves the machine."""

from __future__ import annotations

import functools
import http.server
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from smmlab.learner import write_learner_config

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def launch(playwright):
    """Debian's chromium, headless (never ``playwright install``)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Guard:
    """What went wrong on a page: console errors, uncaught errors, failed and off-machine requests."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    blocked_requests: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return (
            [f"console: {m}" for m in self.console_errors]
            + [f"uncaught: {m}" for m in self.page_errors]
            + [f"failed: {m}" for m in self.failed_requests]
            + [f"left the machine: {m}" for m in self.blocked_requests]
        )


def guard(context) -> Guard:
    """Block every request that is not to this machine and record problems on every page."""
    found = Guard()

    def route(route_) -> None:
        url = route_.request.url
        if urlsplit(url).scheme in ("data", "blob") or urlsplit(url).hostname in LOCAL_HOSTS:
            route_.continue_()
        else:
            found.blocked_requests.append(url)
            route_.abort()

    def on_page(page) -> None:
        page.on(
            "console",
            lambda msg: (
                found.console_errors.append(f"{page.url}: {msg.text}") if msg.type == "error" else None
            ),
        )
        page.on("pageerror", lambda error: found.page_errors.append(f"{page.url}: {error}"))
        page.on(
            "requestfailed",
            lambda request: (
                found.failed_requests.append(f"{request.url} ({request.failure})")
                if urlsplit(request.url).hostname in LOCAL_HOSTS
                else None
            ),
        )
        page.on(
            "response",
            lambda response: (
                found.failed_requests.append(f"{response.url} (HTTP {response.status})")
                if response.status >= 400
                else None
            ),
        )

    context.route("**/*", route)
    context.on("page", on_page)
    return found


@contextmanager
def guarded_page(browser, what: str, timeout_ms: int = 60_000, uncaught_errors: bool = True):
    """A page in a fresh context of ``browser`` that cannot leave this machine; on the way out,
    asserts that ``what`` (the server behind the page) tried no request off the machine and, with
    ``uncaught_errors``, that no script error went uncaught."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    found = guard(context)
    page = context.new_page()
    page.set_default_timeout(timeout_ms)
    yield page
    context.close()
    assert not found.blocked_requests, f"{what} reached out of the machine: {found.blocked_requests}"
    assert not (uncaught_errors and found.page_errors), found.page_errors


# ---- the built book -----------------------------------------------------------------------------
class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextmanager
def serve(folder: Path):
    """Serve ``folder`` on 127.0.0.1; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# ---- JupyterLab in learner mode -----------------------------------------------------------------
@dataclass
class Lab:
    url: str
    token: str
    root: Path
    process: subprocess.Popen
    log: Path

    def address(self, path: str) -> str:
        return f"{self.url}/{path.lstrip('/')}?token={self.token}"

    def status(self, path: str) -> int:
        try:
            with urllib.request.urlopen(self.address(path), timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


LAB_SETTINGS = {
    # No toast asking to fetch news from jupyter.org over the notebook during the test.
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


@contextmanager
def learner_lab(workdir: Path, timeout: float = 60, learner: bool = True):
    """JupyterLab on 127.0.0.1 in learner mode over a copy of course/ and exercises/.

    Private config (written by :func:`smmlab.learner.write_learner_config`), settings, workspaces
    and runtime folders; stopped by its PID.
    """
    root = workdir / "participant"
    for part in ("course", "exercises"):
        shutil.copytree(ROOT / part, root / part, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    config = workdir / "jupyter-config"
    if learner:
        write_learner_config(config)
    settings = workdir / "lab-settings"
    for name, values in LAB_SETTINGS.items():
        (settings / name).parent.mkdir(parents=True, exist_ok=True)
        (settings / name).write_text(json.dumps(values))
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    env.update(
        JUPYTER_CONFIG_DIR=str(config),
        JUPYTERLAB_SETTINGS_DIR=str(settings),
        JUPYTERLAB_WORKSPACES_DIR=str(workdir / "workspaces"),
        JUPYTER_RUNTIME_DIR=str(workdir / "runtime"),
        SMMLAB_ROOT=str(root),
        PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""),
    )
    port, token = free_port(), secrets.token_hex(16)
    log = workdir / "jupyter-lab.log"
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={root}",
        f"--IdentityProvider.token={token}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers and CI often run as root
        command.append("--allow-root")
    with open(log, "w") as output:
        process = subprocess.Popen(command, env=env, cwd=root, stdout=output, stderr=subprocess.STDOUT)
    lab = Lab(f"http://127.0.0.1:{port}", token, root, process, log)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited:\n{log.read_text()[-3000:]}")
            try:
                if lab.status("api/status") == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"JupyterLab did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.3)
        yield lab
    finally:
        process.terminate()  # by PID: the server shuts its kernels down
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
