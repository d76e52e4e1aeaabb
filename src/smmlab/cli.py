"""The ``smmlab`` command: run the workshop, inspect the course, and (for instructors) grade.

Run ``smmlab --help`` for the list of commands.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import socket
import subprocess
import sys
from pathlib import Path

from smmlab import catalog, skip_slow_imports


def _free_port(preferred: int = 8888) -> int:
    for port in (preferred, 0):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise RuntimeError("no free port")  # pragma: no cover


def first_lesson_path(root: Path) -> str:
    """Path (relative to the course root) of the first lesson notebook that exists."""
    for lesson in catalog.load().lessons:
        path = Path("course") / f"{lesson.name}.ipynb"
        if (root / path).exists():
            return path.as_posix()
    raise FileNotFoundError("No lesson notebook found under course/")


def lab_root(update: bool = False) -> Path:
    """The folder ``smmlab lab`` serves: the course root, else a new workspace in the working folder.

    Outside a checkout or workspace, an installed smmlab copies its course here
    (:mod:`smmlab.workspace`); ``update`` brings a newer installed course into a workspace.
    """
    from smmlab import workspace

    try:
        root = catalog.course_root()
    except FileNotFoundError:
        if workspace.bundled() is None:
            raise
        root = Path.cwd()
        count = workspace.create(root)
        print(
            f"smmlab: copied the course into {root} ({count} files in course/ and exercises/).\n"
            "Your work is saved in these files. Run `smmlab lab` here again to go on, and "
            "`smmlab lab --update` after upgrading smmlab: it never overwrites a file you changed."
        )
        return root
    if update:
        print(workspace.update(root).summary())
    elif version := workspace.made_by_another_version(root):
        print(
            f"smmlab: this folder holds the course of smmlab {version}; "
            "`smmlab lab --update` brings the new one."
        )
    return root


def cmd_lab(args: argparse.Namespace) -> int:
    """Start JupyterLab at the first lesson and print its address."""
    from smmlab.learner import write_learner_config

    root = lab_root(update=args.update)
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)  # Agg would silently drop every figure from the notebooks
    env["SMMLAB_ROOT"] = str(root)
    if not args.instructor:
        config_dir = root / ".jupyter-learner"
        write_learner_config(config_dir)
        env["JUPYTER_CONFIG_DIR"] = str(config_dir)
    port = args.port or _free_port()
    token = secrets.token_hex(16)
    start = first_lesson_path(root)
    url = f"http://127.0.0.1:{port}/lab/tree/{start}?token={token}"
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        f"--ServerApp.root_dir={root}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",  # the address printed below, or a clear error: never another
        "--ServerApp.ip=127.0.0.1",
        f"--IdentityProvider.token={token}",
        f"--LabApp.default_url=/lab/tree/{start}",
        "--ServerApp.open_browser=" + ("False" if args.no_browser else "True"),
    ]
    if args.instructor:  # formgrader's Autograde button runs in the sandbox (smmlab.learner)
        from smmlab.learner import instructor_server_arguments

        command += instructor_server_arguments()
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers and CI machines often run as root
    mode = "instructor" if args.instructor else "learner"
    print(
        f"\nsmmlab: starting JupyterLab ({mode} mode) at the first lesson.\n\n    {url}\n\n"
        "Open that address in your browser. Stop the server with Ctrl-C (it asks to confirm: y).\n",
        flush=True,
    )
    return serve(command, env, root)


def serve(command: list[str], env: dict[str, str], cwd: Path) -> int:
    """Run a server (JupyterLab, JupyterHub) until it stops; a stop asked of ``smmlab`` stops it.

    Ctrl-C reaches both (one terminal): the server asks or stops, and ``smmlab`` waits for it.
    A ``kill`` (SIGTERM or SIGHUP, from a service manager or a closed terminal) reaches only
    ``smmlab``: it is passed on, or the server would go on running with no one to stop it.
    """
    server = subprocess.Popen(command, env=env, cwd=cwd)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), lambda number, _: server.send_signal(number))
    while True:
        try:
            code = server.wait()
        except KeyboardInterrupt:
            continue
        return 0 if code < 0 else code  # stopped by a signal: a normal end


def cmd_status(args: argparse.Namespace) -> int:
    """Print which parts of each lesson exist."""
    from smmlab.status import course_status, status_table

    cat = catalog.load()
    problems = cat.problems()
    print(status_table(course_status(cat)))
    for problem in problems:
        print(f"catalog problem: {problem}", file=sys.stderr)
    return 1 if problems else 0


def cmd_sources(args: argparse.Namespace) -> int:
    """Print where a lesson's numbers come from, then the documents to read (all if no lesson)."""
    import pandas as pd

    from smmlab.lessons import module_for
    from smmlab.sim import benchmarks

    if args.lesson:
        module = module_for(args.lesson)
        table, keys = module.sources(), list(module.SOURCES)
    else:
        table, keys = benchmarks.sources_table(), list(benchmarks.all_benchmarks())
    with pd.option_context("display.max_colwidth", 80, "display.width", 200):
        print(table.drop(columns="url").to_string(index=False))
    refs = dict.fromkeys(benchmarks.get(key).ref for key in keys if not benchmarks.get(key).assumption)
    if refs:
        print("\nRead the sources:")
        for reference in (benchmarks.references()[ref] for ref in refs):
            for document in reference.documents:
                print(f"  [{reference.ref}] {document.source} ({document.year}): {document.url}")
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    """Check this machine for the workshop (and, with --instructor, for grading)."""
    from smmlab import doctor

    results = doctor.run(instructor=args.instructor)
    line, status = doctor.verdict(results)
    print(doctor.report(results))
    print(f"\n{line}")
    return status


def cmd_hub(args: argparse.Namespace) -> int:
    """Start the workshop on JupyterHub: learner accounts, the course, the nbgrader exchange."""
    from smmlab.hub import cmd_hub as run_hub

    return run_hub(args)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per task."""
    parser = argparse.ArgumentParser(prog="smmlab", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    lab = commands.add_parser("lab", help="start JupyterLab at the first lesson")
    lab.add_argument("--instructor", action="store_true", help="show nbgrader's instructor tools")
    lab.add_argument("--port", type=int, default=0, help="port (default: 8888 or a free one)")
    lab.add_argument("--no-browser", action="store_true", help="do not open a browser")
    lab.add_argument(
        "--update", action="store_true", help="bring the installed course's new files (keeps your changes)"
    )
    lab.set_defaults(run=cmd_lab)

    status = commands.add_parser("status", help="show which parts of each lesson exist")
    status.set_defaults(run=cmd_status)

    doctor = commands.add_parser("doctor", help="check that this machine is ready for the workshop")
    doctor.add_argument("--instructor", action="store_true", help="also check the grading sandbox")
    doctor.set_defaults(run=cmd_doctor)

    sources = commands.add_parser("sources", help="show where a lesson's numbers come from")
    sources.add_argument("lesson", nargs="?", help="lesson number, slug or name")
    sources.set_defaults(run=cmd_sources)

    hub = commands.add_parser("hub", help="start the workshop on JupyterHub (as root)")
    hub.add_argument("--learners", default="30", help="how many, or a file of user names (one a line)")
    hub.add_argument("--prefix", default="learner", help="name prefix of numbered learners")
    hub.add_argument("--instructor", action="append", help="instructor user name (default: instructor)")
    hub.add_argument("--home", default="/srv/smmlab-hub", help="the hub's folder")
    hub.add_argument("--ip", default="127.0.0.1", help="address to listen on (0.0.0.0 for a room)")
    hub.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    hub.set_defaults(run=cmd_hub)

    from smmlab.inventory.cli import add_inventory_commands

    add_inventory_commands(commands)
    try:
        from smmlab.grading.cli import add_grading_commands
    except ImportError:  # pragma: no cover - grading is part of the package
        pass
    else:
        add_grading_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``smmlab`` command."""
    skip_slow_imports()
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except (FileNotFoundError, FileExistsError, KeyError, ValueError) as error:
        message = error.args[0] if isinstance(error, KeyError) and error.args else error
        print(f"smmlab: {message}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
