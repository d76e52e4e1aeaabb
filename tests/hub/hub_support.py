"""A workshop hub for the tests and the capacity bench: real JupyterHub, real Unix users.

:func:`running_hub` prepares a hub with :func:`smmlab.hub.prepare` (accounts, environment,
exchange, learner repository), starts ``jupyterhub`` on loopback ports and, afterwards, stops it
by its PID and deletes the accounts it made. :class:`Hub` talks to the hub's REST API,
:class:`Server` to one user's server (Jupyter server REST API, nbgrader's handlers) and
:class:`Kernel` runs code in a kernel of that server over its websocket, as the user would.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

from smmlab import hub as smmhub

#: The tests' class: three learners and an instructor, Unix users made for the run.
LEARNERS = ["smmhub-ada", "smmhub-bo", "smmhub-cy"]
INSTRUCTOR = "smmhub-teach"
ASSIGNMENT = "01-conversation-not-broadcast"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "hub"
#: The hub's Python environment is kept between runs (rebuilt when its inputs change).
SHARED_ENV = Path(os.environ.get("SMMLAB_HUB_TEST_ENV", "/var/tmp/smmlab-hub-env"))


@dataclass
class Server:
    """One user's single-user server, reached through the hub's proxy with that user's token."""

    url: str
    user: str
    token: str

    def call(self, method: str, path: str, **kwargs) -> requests.Response:
        """A request to ``<server>/<path>`` as the user."""
        headers = {"Authorization": f"token {self.token}"}
        response = requests.request(method, f"{self.url}/{path}", headers=headers, timeout=300, **kwargs)
        response.raise_for_status()
        return response

    def kernel(self) -> Kernel:
        """A new Python kernel on this server."""
        started = self.call("POST", "api/kernels", json={"name": "python3"}).json()
        return Kernel(self, started["id"])

    def assignments(self, action: str, course: str, assignment: str) -> list[dict]:
        """nbgrader's Assignments panel: ``fetch`` or ``submit`` ``assignment``; the list after it."""
        answer = self.call("POST", f"assignments/{action}",
                           data={"course_id": course, "assignment_id": assignment}).json()
        if not answer.get("success"):
            raise RuntimeError(f"{self.user} could not {action} {assignment}: {answer}")
        return answer["value"]

    def fetch(self, course: str, assignment: str) -> list[dict]:
        """Fetch ``assignment`` (nbgrader's Assignments panel)."""
        return self.assignments("fetch", course, assignment)

    def submit(self, course: str, assignment: str) -> list[dict]:
        """Submit ``assignment`` (nbgrader's Assignments panel)."""
        return self.assignments("submit", course, assignment)

    def notebook(self, path: str) -> dict:
        """The notebook at ``path`` (Contents API)."""
        return self.call("GET", f"api/contents/{path}", params={"content": 1}).json()["content"]

    def save(self, path: str, notebook: dict) -> None:
        """Save ``notebook`` at ``path`` (Contents API), as the editor does."""
        self.call("PUT", f"api/contents/{path}", json={"type": "notebook", "content": notebook})


class Kernel:
    """A kernel on a user's server; :meth:`run` executes code and returns what it printed.

    One websocket stays open for the kernel's life, as in JupyterLab (use a kernel from one
    thread at a time). Its event loop runs in a thread of its own, so a sync Playwright alive in
    the test's thread (the browser tests' chromium) does not stop it.
    """

    def __init__(self, server: Server, kernel_id: str):
        self.server, self.id = server, kernel_id
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._socket = None

    def run(self, code: str, timeout: float = 300) -> str:
        """Execute ``code``; return its stdout (and results), raise ``RuntimeError`` on an error."""
        return asyncio.run_coroutine_threadsafe(self._run(code, timeout), self._loop).result()

    async def _connect(self):
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        if self._socket is None:
            url = self.server.url.replace("http", "ws", 1) + f"/api/kernels/{self.id}/channels"
            request = HTTPRequest(url, headers={"Authorization": f"token {self.server.token}"})
            self._socket = await websocket_connect(request)
        return self._socket

    async def _run(self, code: str, timeout: float) -> str:
        socket = await self._connect()
        msg_id = uuid.uuid4().hex
        socket.write_message(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "",
                       "session": uuid.uuid4().hex, "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell",
            "content": {"code": code, "silent": False, "store_history": False,
                        "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
        }))
        out, error, idle, replied = [], None, False, False
        deadline = time.monotonic() + timeout
        while not (idle and replied):
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"the kernel did not finish in {timeout} s")
            raw = await asyncio.wait_for(socket.read_message(), left)
            if raw is None:
                raise RuntimeError("the kernel's websocket closed")
            message = json.loads(raw)
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = message["msg_type"], message["content"]
            if kind == "stream":
                out.append(content["text"])
            elif kind in ("execute_result", "display_data"):
                out.append(content["data"].get("text/plain", "") + "\n")
            elif kind == "error":
                error = f"{content['ename']}: {content['evalue']}"
            elif kind == "status" and content["execution_state"] == "idle":
                idle = True
            elif kind == "execute_reply":
                replied = True
        if error:
            raise RuntimeError(f"{error}\n{''.join(out)[-2000:]}")
        return "".join(out)

    def shutdown(self) -> None:
        """Close the websocket and stop the kernel."""
        if self._socket is not None:
            self._loop.call_soon_threadsafe(self._socket.close)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()
        self.server.call("DELETE", f"api/kernels/{self.id}")


@dataclass
class Hub:
    """A running workshop hub."""

    url: str
    workshop: smmhub.Workshop
    passwords: dict[str, str]
    process: subprocess.Popen
    log: Path

    @property
    def course_id(self) -> str:
        """The hub's nbgrader course id."""
        return smmhub.course_id()

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        """A request to the hub's REST API with the admin service token."""
        token = self.workshop.api_token_file.read_text().strip()
        response = requests.request(method, f"{self.url}/hub/api/{path}", timeout=120,
                                    headers={"Authorization": f"token {token}"}, **kwargs)
        if response.status_code >= 400:
            raise RuntimeError(f"{method} {path}: {response.status_code} {response.text[:500]}")
        return response

    def server(self, user: str, timeout: float = 240) -> Server:
        """Start ``user``'s server (if needed), wait until it is ready, return it with a token."""
        state = self.api("GET", f"users/{user}").json()
        if not state["servers"].get("", {}).get("ready"):
            self.api("POST", f"users/{user}/server")
            deadline = time.monotonic() + timeout
            while not self.api("GET", f"users/{user}").json()["servers"].get("", {}).get("ready"):
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError(f"{user}'s server did not start:\n{self.log.read_text()[-4000:]}")
                time.sleep(0.5)
        token = self.api("POST", f"users/{user}/tokens", json={"note": "test"}).json()["token"]
        return Server(f"{self.url}/user/{user}", user, token)


def _wait_for_hub(url: str, process: subprocess.Popen, log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"jupyterhub exited:\n{log.read_text()[-4000:]}")
        try:
            if requests.get(f"{url}/hub/api", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"jupyterhub did not start:\n{log.read_text()[-4000:]}")
        time.sleep(0.5)


def require_root() -> None:
    """The hub makes Unix users: say so clearly when not root."""
    if os.geteuid() != 0:
        raise PermissionError("the hub tests make Unix users and must run as root (CI does)")


@contextmanager
def running_hub(learners: list[str], instructors: list[str]):
    """A prepared and started hub on loopback ports; its accounts are deleted afterwards."""
    require_root()
    left = [name for name in learners + instructors if smmhub.user_exists(name)]
    assert not left, f"Unix users {left} exist already (an earlier run?): `userdel --remove` them first"
    home = Path(tempfile.mkdtemp(prefix="smmlab-hub-", dir="/var/tmp"))
    workshop = smmhub.Workshop(home, learners, instructors, port=smmhub.free_port(), env_dir=SHARED_ENV)
    process = None
    try:
        accounts = smmhub.prepare(workshop)
        command, env = smmhub.hub_command(workshop)
        log = home / "jupyterhub.log"
        with open(log, "w") as output:
            process = subprocess.Popen(command, env=env, cwd=home, stdout=output, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{workshop.port}"
        _wait_for_hub(url, process, log)
        yield Hub(url, workshop, dict(accounts.passwords), process, log)
    finally:
        if process is not None:
            process.send_signal(signal.SIGTERM)  # the hub stops every server it started
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        accounts = smmhub.Accounts.load(workshop.accounts_file)  # also those of a half-done prepare
        for name in list(accounts.passwords):
            accounts.remove(name)
        if (home / "jupyterhub.log").is_file():  # kept for a look after the run
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            shutil.copy(home / "jupyterhub.log", ARTIFACTS / "jupyterhub.log")
        shutil.rmtree(home, ignore_errors=True)
