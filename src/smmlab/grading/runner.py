"""The sandboxed side of autograding: execute one prepared notebook and write the result.

The parent (:mod:`smmlab.grading.sandbox`) starts this module inside fresh Linux namespaces
(``unshare --mount --net --pid --fork``) with a job folder that holds ``job.json`` and the
prepared notebook. Here, as the namespace's root and process 1, the runner

1. reads the job and the submission's files, and keeps a handle on the job folder;
2. hides private places behind empty in-memory file systems: ``/tmp``, ``/run``, the course
   root (gradebook, ``solutions/``, other learners' files, ``.git``), the package's own checkout
   and the grader's home, then mounts back, read-only, only what Python needs;
3. brings up a loopback interface that reaches nothing outside the namespace;
4. runs the notebook with nbclient in a kernel started through :mod:`smmlab.grading.jail`
   (resource limits, an unprivileged user id, no new privileges), with a time limit per cell
   and a cap on output per cell;
5. writes ``result.json`` and ``executed.ipynb`` back into the job folder (which the learner's
   code cannot see) and exits; as process 1 of its PID namespace, its exit ends every process
   the learner's code left behind.
"""

from __future__ import annotations

import asyncio
import ctypes
import fcntl
import json
import os
import socket
import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from smmlab import skip_slow_imports

MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_REMOUNT = 32
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18

#: Where the learner's files live inside the sandbox.
WORKSPACE = "/tmp/grading"
TRUNCATED_NOTE = "\n[smmlab: output limit reached; further output of this cell was dropped]\n"


def _mount(source: str, target: str, fstype: str | None, flags: int, data: str = "") -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    result = libc.mount(
        source.encode(), target.encode(), fstype.encode() if fstype else None,
        ctypes.c_ulong(flags), data.encode() if data else None,
    )
    if result != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"mount {source} on {target}: {os.strerror(error)}")


def _is_under(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


def hide_private_places(hidden: list[str], visible: list[str], tmpfs_megabytes: int) -> None:
    """Mount an empty tmpfs over every ``hidden`` folder, then bind ``visible`` paths back read-only.

    Parameters
    ----------
    hidden
        Folders whose contents the learner's code must not see (nested ones are covered by
        their parents).
    visible
        Paths under a hidden folder that the kernel needs (the Python installation, the
        package, ``course/``); they reappear read-only at the same place.
    tmpfs_megabytes
        Size of each empty file system (``/tmp`` holds the learner's workspace).
    """
    _mount("none", "/", None, MS_REC | MS_PRIVATE)
    roots = sorted({os.path.realpath(p) for p in hidden if os.path.isdir(p)}, key=len)
    outermost = [r for i, r in enumerate(roots) if not any(_is_under(r, o) for o in roots[:i])]
    keep = sorted({os.path.realpath(p) for p in visible if os.path.exists(p)}, key=len)
    keep = [k for k in keep if any(_is_under(k, r) and k != r for r in outermost)
            and not any(_is_under(r, k) for r in roots)]  # never re-expose a hidden folder
    keep = [k for i, k in enumerate(keep) if not any(_is_under(k, o) for o in keep[:i])]
    handles = {path: os.open(path, os.O_PATH) for path in keep}
    for root in outermost:
        _mount("tmpfs", root, "tmpfs", MS_NOSUID | MS_NODEV,
               f"size={tmpfs_megabytes}m,mode=755")
    for path, handle in handles.items():
        if os.path.isdir(f"/proc/self/fd/{handle}"):
            os.makedirs(path, mode=0o755, exist_ok=True)
        else:
            os.makedirs(os.path.dirname(path), mode=0o755, exist_ok=True)
            Path(path).touch()
        _mount(f"/proc/self/fd/{handle}", path, None, MS_BIND | MS_REC)
        _mount("none", path, None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)
        os.close(handle)


def bring_up_loopback() -> None:
    """Bring ``lo`` up in this (new, empty) network namespace so the kernel's sockets work."""
    siocgifflags, siocsifflags, iff_up = 0x8913, 0x8914, 0x1
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        request = struct.pack("16sH14s", b"lo", 0, b"\0" * 14)
        flags = struct.unpack("16sH14s", fcntl.ioctl(probe, siocgifflags, request))[1]
        fcntl.ioctl(probe, siocsifflags, struct.pack("16sH14s", b"lo", flags | iff_up, b"\0" * 14))


@dataclass
class Observations:
    """What happened while the notebook ran, beyond its outputs."""

    timed_out_cells: list[int] = field(default_factory=list)
    flooded_cells: list[int] = field(default_factory=list)


def make_client(nb: Any, job: dict, observations: Observations, km: Any) -> Any:
    """An nbclient ``NotebookClient`` with nbgrader's error handling and an output cap per cell."""
    from nbclient import NotebookClient

    max_bytes = int(job["max_output_bytes"])

    class CappedClient(NotebookClient):
        _cell_bytes: dict[int, int] = {}  # noqa: RUF012 - replaced per instance below

        def output(self, outs, msg, display_id, cell_index):  # type: ignore[override]
            content = msg.get("content", {})
            size = len(json.dumps(content, default=str))
            used = self._cell_bytes.get(cell_index, 0) + size
            self._cell_bytes[cell_index] = used
            if used <= max_bytes or msg["msg_type"] == "error":
                out = super().output(outs, msg, display_id, cell_index)
                if out is not None and msg["msg_type"] == "error":
                    out["traceback"] = list(out.get("traceback", []))[-60:]
                return out
            if cell_index not in observations.flooded_cells:
                observations.flooded_cells.append(cell_index)
                self._interrupts.append(asyncio.ensure_future(self._interrupt()))
            name = content.get("name", "stdout") if msg["msg_type"] == "stream" else "stdout"
            if not any(o.get("name") == name and o.get("text", "").endswith(TRUNCATED_NOTE)
                       for o in outs if o.get("output_type") == "stream"):
                from nbformat.v4 import new_output

                outs.append(new_output("stream", name=name, text=TRUNCATED_NOTE))
            return None

        async def _interrupt(self) -> None:
            try:
                await self.km.interrupt_kernel()
            except Exception:  # the kernel may already be gone
                pass

        async def _async_handle_timeout(self, timeout, cell=None):  # type: ignore[override]
            index = next((i for i, c in enumerate(self.nb.cells) if c is cell), -1)
            observations.timed_out_cells.append(index)
            return await super()._async_handle_timeout(timeout, cell)

        def on_cell_executed(self, **kwargs):  # same rule as nbgrader's Execute
            cell, reply = kwargs["cell"], kwargs["execute_reply"]
            if reply and reply["content"]["status"] == "error":
                if not any(o.output_type == "error" and o.ename == reply["content"]["ename"]
                           for o in cell.outputs):
                    from nbformat.v4 import new_output

                    cell.outputs.append(new_output(
                        "error", ename=reply["content"]["ename"],
                        evalue=reply["content"]["evalue"],
                        traceback=reply["content"]["traceback"] or ["(no traceback)"],
                    ))

    learner_seconds = int(job["cell_timeout"])
    setup_seconds = int(job.get("setup_timeout", learner_seconds))

    def cell_timeout(cell) -> int:
        # Locked cells without a solution were just restored from the gradebook: the instructor's code.
        meta = cell.metadata.get("nbgrader", {})
        return setup_seconds if meta.get("locked") and not meta.get("solution") else learner_seconds

    client = CappedClient(
        nb,
        km=km,
        timeout=learner_seconds,
        timeout_func=cell_timeout,
        startup_timeout=int(job["startup_timeout"]),
        interrupt_on_timeout=True,
        error_on_timeout={
            "ename": "CellTimeoutError",
            "evalue": f"the cell ran longer than {job['cell_timeout']} s",
            "traceback": [f"CellTimeoutError: the cell ran longer than {job['cell_timeout']} s"],
        },
        allow_errors=True,
        raise_on_iopub_timeout=True,
        record_timing=False,
        extra_arguments=list(job.get("extra_arguments", [])),
        resources={"metadata": {"path": job["workspace"]}},
    )
    client._cell_bytes = {}
    client._interrupts = []
    return client


def make_kernel_manager(job: dict, jail_command: list[str]) -> Any:
    """A kernel manager whose kernel starts through the jail and can read its connection file."""
    from jupyter_client.manager import AsyncKernelManager

    uid, gid = int(job.get("uid", -1)), int(job.get("gid", -1))

    class JailedKernelManager(AsyncKernelManager):
        def write_connection_file(self, **kwargs):  # type: ignore[override]
            super().write_connection_file(**kwargs)
            if uid >= 0:
                os.chown(self.connection_file, uid, gid)

    kernels = Path(job["workspace"]).parent / ".kernels"
    spec_dir = kernels / "kernels" / "smmlab-sandbox"
    spec_dir.mkdir(parents=True, exist_ok=True)
    # The kernel stops a cell at twice the runner's output cap (see kernel_guard).
    os.environ["SMMLAB_CELL_OUTPUT_LIMIT"] = str(2 * int(job["max_output_bytes"]))
    argv = [*jail_command, "--", sys.executable, "-m", "ipykernel_launcher",
            "-f", "{connection_file}", "--HistoryManager.hist_file=:memory:",
            "--IPKernelApp.extensions=smmlab.grading.kernel_guard"]
    spec = {"argv": argv, "display_name": "smmlab sandbox", "language": "python"}
    (spec_dir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    from jupyter_client.kernelspec import KernelSpecManager

    specs = KernelSpecManager(kernel_dirs=[str(kernels / "kernels")], ensure_native_kernel=False)
    runtime = Path(job["workspace"]).parent / ".runtime"
    runtime.mkdir(mode=0o755, exist_ok=True)
    return JailedKernelManager(
        kernel_name="smmlab-sandbox", kernel_spec_manager=specs,
        connection_file=str(runtime / "kernel.json"),
    )


def _read_job(job_fd: int) -> tuple[dict, dict[str, bytes]]:
    def read(name: str) -> bytes:
        handle = os.open(name, os.O_RDONLY, dir_fd=job_fd)
        with os.fdopen(handle, "rb") as stream:
            return stream.read()

    job = json.loads(read("job.json"))
    files = {name: read(os.path.join("files", name)) for name in job["files"]}
    return job, files


def _write(job_fd: int, name: str, text: str) -> None:
    handle = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600, dir_fd=job_fd)
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)


def _prepare_workspace(job: dict, files: dict[str, bytes]) -> None:
    workspace = Path(job["workspace"])
    uid, gid = int(job.get("uid", -1)), int(job.get("gid", -1))
    workspace.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        target = workspace / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    if uid >= 0:
        for folder in (workspace.parent, *workspace.parent.rglob("*")):
            os.chown(folder, uid, gid)
        os.chmod(workspace.parent, 0o700)


def run(job_dir: str) -> int:
    """Execute the job in ``job_dir``; see the module docstring."""
    skip_slow_imports()
    job_fd = os.open(job_dir, os.O_RDONLY | os.O_DIRECTORY)
    job, files = _read_job(job_fd)
    result: dict[str, Any] = {"outcome": "error", "reason": "", "notes": []}
    try:
        if job.get("hide"):
            hide_private_places(job["hidden"], job["visible"], int(job["tmpfs_megabytes"]))
        if job.get("network_namespace"):
            bring_up_loopback()
        _prepare_workspace(job, files)
        import nbformat
        from nbclient.exceptions import CellTimeoutError, DeadKernelError

        nb = nbformat.reads(files[job["notebook"]].decode("utf-8"), as_version=4)
        observations = Observations()
        km = make_kernel_manager(job, job["jail_command"])
        client = make_client(nb, job, observations, km)
        try:
            client.execute(stdout=open(os.devnull, "wb"), stderr=open(os.devnull, "wb"))
            result.update(outcome="executed")
        except CellTimeoutError:
            result.update(outcome="timed out", reason=(
                f"a cell ran longer than {job['cell_timeout']} s and ignored the interrupt"))
        except DeadKernelError:
            result.update(outcome="kernel died", reason=(
                "the kernel stopped while running the notebook (the code exited, crashed or "
                "hit the memory limit)"))
        for index in observations.timed_out_cells:
            result["notes"].append(f"cell {index + 1} hit the {job['cell_timeout']} s limit")
        for index in observations.flooded_cells:
            result["notes"].append(f"cell {index + 1} hit the output limit and was interrupted")
        _write(job_fd, "executed.ipynb", nbformat.writes(nb))
    except Exception as error:  # report, never hang: the parent reads result.json
        result.update(outcome="error", reason=f"{type(error).__name__}: {error}")
    _write(job_fd, "result.json", json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(run(sys.argv[1]))
