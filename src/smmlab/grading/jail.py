"""Last step before learner code runs: resource limits, fewer privileges, then ``exec``.

Run by the sandbox runner as a kernel command prefix, with the standard library only and
``python -I -S`` (so it starts fast and imports nothing from the course)::

    python -I -S jail.py --uid 1000000 --gid 1000000 --memory-bytes ... -- python -m ipykernel_launcher ...

It sets the limits (address space, processes, file size, CPU seconds, no core files), drops to an
unprivileged user id (when started as root) or drops every capability (inside a user namespace),
forbids regaining privileges (``PR_SET_NO_NEW_PRIVS``) and replaces itself with the command.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import resource
import sys

PR_SET_NO_NEW_PRIVS = 38
PR_CAPBSET_DROP = 24
_LINUX_CAPABILITY_VERSION_3 = 0x20080522


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def set_limits(memory_bytes: int, processes: int, file_bytes: int, cpu_seconds: int) -> None:
    """Set soft and hard resource limits; zero leaves a limit as it is."""
    limits = {
        resource.RLIMIT_AS: memory_bytes,
        resource.RLIMIT_NPROC: processes,
        resource.RLIMIT_FSIZE: file_bytes,
        resource.RLIMIT_CPU: cpu_seconds,
        resource.RLIMIT_CORE: 0,
    }
    for kind, value in limits.items():
        if value or kind == resource.RLIMIT_CORE:
            resource.setrlimit(kind, (value, value))


def drop_capabilities() -> None:
    """Drop every capability (bounding set first, then the process's own sets)."""
    libc = _libc()
    for capability in range(64):
        libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0)  # fails harmlessly past the last one

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                    ("inheritable", ctypes.c_uint32)]

    header = Header(_LINUX_CAPABILITY_VERSION_3, 0)
    data = (Data * 2)()
    if libc.capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset failed")


def drop_user(uid: int, gid: int) -> None:
    """Become ``uid``/``gid`` with no supplementary groups (needs root)."""
    os.setgroups([])
    os.setresgid(gid, gid, gid)
    os.setresuid(uid, uid, uid)
    if os.getuid() != uid or os.geteuid() != uid:
        raise OSError("could not drop to the sandbox user")


def forbid_new_privileges() -> None:
    """Make set-user-id programs and file capabilities ineffective from now on."""
    if _libc().prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "PR_SET_NO_NEW_PRIVS failed")


def main(argv: list[str] | None = None) -> None:
    """Parse the options, apply them, and ``exec`` the command after ``--``."""
    parser = argparse.ArgumentParser(prog="jail")
    parser.add_argument("--uid", type=int, default=-1)
    parser.add_argument("--gid", type=int, default=-1)
    parser.add_argument("--drop-capabilities", action="store_true")
    parser.add_argument("--memory-bytes", type=int, default=0)
    parser.add_argument("--processes", type=int, default=0)
    parser.add_argument("--file-bytes", type=int, default=0)
    parser.add_argument("--cpu-seconds", type=int, default=0)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    options = parser.parse_args(argv)
    command = options.command[1:] if options.command[:1] == ["--"] else options.command
    if not command:
        parser.error("no command given after --")
    set_limits(options.memory_bytes, options.processes, options.file_bytes, options.cpu_seconds)
    if options.uid >= 0:
        drop_user(options.uid, options.gid if options.gid >= 0 else options.uid)
    elif options.drop_capabilities:
        drop_capabilities()
    forbid_new_privileges()
    os.execv(command[0], command)


if __name__ == "__main__":
    main(sys.argv[1:])
