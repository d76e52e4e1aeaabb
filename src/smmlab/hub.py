"""``smmlab hub``: the workshop on one machine, one JupyterHub, up to about 100 learners.

Why this design (see ``deploy/hub/README.md`` for the instructor's side):

- **Learners are Unix users.** Each one logs in with a password printed on a card
  (:class:`Accounts`, PAM): the operating system keeps their files apart and the nbgrader
  exchange records who really submitted (:class:`OwnerCheckedCollect`). A shared-password
  authenticator would let anyone log in under any name.
- **LocalProcessSpawner**, each learner's server runs as that user on this machine: nothing
  else to install (SystemdSpawner needs systemd as PID 1, which containers and CI lack).
- **One environment for everyone** (:func:`build_environment`), built from ``requirements.lock``
  and ``deploy/hub/requirements.txt`` with a non-editable smmlab, on a Python every user may run
  (:func:`shared_python`): learners never need to read the repository, whose ``solutions/`` and
  history hold the answers (:func:`protect_checkout` closes it to them).
- **Learner mode plus an Assignments tab** (:func:`open_assignments_tab`): learners fetch and
  submit there; instructors are hub admins with the formgrader.
- **The course reaches learners by an nbgitpuller link** (:func:`course_link`) from a learner
  repository that holds ``course/`` only (:func:`publish_course`); run ``smmlab hub`` again after
  changing a lesson and everyone gets it when they next open the hub.
- **The exchange and the course id are set in one place**, ``deploy/hub/nbgrader_config.py``,
  read by every server (the same file goes into the Kubernetes image).
"""

from __future__ import annotations

import csv
import fcntl
import hashlib
import json
import os
import pwd
import secrets
import shutil
import socket
import stat
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from nbgrader.exchange.default.collect import ExchangeCollect

#: Default home of a hub: its environment, exchange, learner repository, accounts and database.
DEFAULT_HOME = Path("/srv/smmlab-hub")
#: Where nbgitpuller puts the course in each learner's home.
COURSE_FOLDER = "smmlab"
#: The instructor's private course folder, in their home.
INSTRUCTOR_COURSE = "smmlab-course"
FIRST_LESSON = "course/01-conversation-not-broadcast.ipynb"


def checkout() -> Path:
    """The smmlab repository (``deploy/hub/`` and ``course/`` are read from it)."""
    from smmlab import catalog

    root = catalog.course_root()
    if not (root / "deploy" / "hub" / "jupyterhub_config.py").is_file():
        raise FileNotFoundError(f"{root} has no deploy/hub/: run `smmlab hub` from the smmlab repository")
    return root


def deploy_dir() -> Path:
    """``deploy/hub/`` of the repository."""
    return checkout() / "deploy" / "hub"


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def course_id(root: Path | None = None) -> str:
    """The nbgrader course id of the repository's ``nbgrader_config.py`` (the hub uses the same)."""
    from smmlab.grading.course import load_config

    return str(load_config(root or checkout()).CourseDirectory.course_id)


@dataclass
class Workshop:
    """What one hub serves, written to ``<home>/workshop.json`` for ``jupyterhub_config.py``.

    Parameters
    ----------
    home
        The hub's folder (world-traversable; private files in it are root's only).
    learners, instructors
        Unix user names. Instructors are hub admins and get nbgrader's instructor tools.
    ip, port
        Where the hub listens (``127.0.0.1`` by default; ``0.0.0.0`` for a workshop room).
    hub_port, proxy_api_port
        Loopback ports of the hub's API and the proxy's API (free ones by default).
    env_dir
        The servers' Python environment, if not ``<home>/env`` (the tests share one).
    """

    home: Path
    learners: list[str]
    instructors: list[str]
    ip: str = "127.0.0.1"
    port: int = 8000
    hub_port: int = field(default_factory=free_port)
    proxy_api_port: int = field(default_factory=free_port)
    env_dir: Path | None = None

    @property
    def env(self) -> Path:
        """The Python environment every server runs in (default ``<home>/env``)."""
        return self.env_dir or self.home / "env"

    @property
    def exchange(self) -> Path:
        """nbgrader's exchange folder (world-writable with the sticky bit, as nbgrader needs)."""
        return self.home / "exchange"

    @property
    def course_repo(self) -> Path:
        """The learner repository nbgitpuller pulls from (``course/`` only)."""
        return self.home / "course.git"

    @property
    def git_config(self) -> Path:
        """The servers' git settings (``GIT_CONFIG_GLOBAL``): git refuses to pull from a
        repository another user owns unless it is named a safe directory."""
        return self.home / "gitconfig"

    @property
    def shared_config(self) -> Path:
        """Jupyter settings of every server: a copy of ``deploy/hub/nbgrader_config.py``."""
        return self.home / "shared-config"

    @property
    def learner_config(self) -> Path:
        """Jupyter settings that hide the instructor tools from learners."""
        return self.home / "learner-config"

    @property
    def api_token_file(self) -> Path:
        """The admin service token (root only): for scripts and the tests."""
        return self.home / "api_token"

    @property
    def accounts_file(self) -> Path:
        """Names and passwords of the accounts this hub made (root only)."""
        return self.home / "accounts.csv"

    def settings(self) -> dict:
        """The settings ``deploy/hub/jupyterhub_config.py`` reads."""
        return {
            "ip": self.ip, "port": self.port, "hub_port": self.hub_port,
            "proxy_api_port": self.proxy_api_port,
            "learners": self.learners, "instructors": self.instructors,
            "env": str(self.env), "exchange": str(self.exchange),
            "course_id": course_id(), "learner_config": str(self.learner_config),
            "git_config": str(self.git_config),
            "shared_config": str(self.shared_config),
            "proxy": str(deploy_dir() / "node_modules" / ".bin" / "configurable-http-proxy"),
            "default_url": course_link(f"file://{self.course_repo}"),
            "instructor_course": INSTRUCTOR_COURSE,
        }

    def write(self) -> Path:
        """Write ``workshop.json`` and return its path."""
        path = self.home / "workshop.json"
        path.write_text(json.dumps(self.settings(), indent=2) + "\n", encoding="utf-8")
        return path


def course_link(repo: str, branch: str = "main", lesson: str = FIRST_LESSON) -> str:
    """The nbgitpuller link (relative to a learner's server) that pulls the course and opens a lesson.

    >>> course_link("file:///srv/smmlab-hub/course.git").split("?")[0]
    '/git-pull'
    """
    query = {"repo": repo, "branch": branch, "targetpath": COURSE_FOLDER,
             "urlpath": f"lab/tree/{COURSE_FOLDER}/{lesson}"}
    return "/git-pull?" + urlencode(query)


def _run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if done.returncode:
        raise RuntimeError(f"{' '.join(map(str, command))} failed: {(done.stderr or done.stdout)[-800:]}")
    return done


def shared_python() -> str:
    """A Python 3.11+ that every user may run: this one, unless it lives in a private folder
    (pyenv under ``/root``), else the system's."""
    for candidate in (getattr(sys, "_base_executable", sys.executable), "/usr/bin/python3"):
        real = Path(candidate).resolve()
        if not real.is_file() or not readable_by_others(real):
            continue
        probe = subprocess.run([str(real), "-c", "import sys; print(sys.version_info >= (3, 11), "
                                "sys.base_prefix)"], capture_output=True, text=True)
        new_enough, _, prefix = probe.stdout.strip().partition(" ")
        if new_enough == "True" and readable_by_others(Path(prefix)):
            return str(real)
    raise FileNotFoundError("no Python 3.11+ that learners may run: install Debian's python3 "
                            "(apt-get install python3 python3-venv)")


def _digest(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.as_posix().encode() + path.read_bytes())
        else:
            digest.update(path.as_posix().encode())
    return digest.hexdigest()


def build_environment(env: Path, root: Path | None = None, log=print) -> Path:
    """Create or refresh the hub's Python environment (reused while its inputs are unchanged).

    One build at a time (a lock file next to ``env``): two hubs started together share it.
    """
    root = root or checkout()
    env.parent.mkdir(parents=True, exist_ok=True)
    with open(env.parent / f".{env.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        _build_environment(env, root, log)
        _make_readable(env)
    return env


def _build_environment(env: Path, root: Path, log) -> None:
    python = shared_python()
    inputs = [root / "requirements.lock", deploy_dir() / "requirements.txt", root / "pyproject.toml"]
    needs, code = _digest([Path(python), *inputs]), _digest(sorted((root / "src").rglob("*.*")))
    stamp = env / ".smmlab-hub-stamp"
    done = stamp.read_text().split() if stamp.is_file() else []
    if done == [needs, code]:
        return
    pip = [str(env / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    if done[:1] != [needs]:
        log(f"smmlab hub: building the learners' Python environment in {env} (a few minutes, once)")
        if (env / "bin" / "python").exists() and not \
                (env / "bin" / "python").resolve().is_relative_to(Path(python).parent.parent):
            shutil.rmtree(env)  # made with another Python
        if not (env / "bin" / "python").exists():
            _run([python, "-m", "venv", str(env)])
        try:
            _run([*pip, "-r", str(inputs[0]), "-r", str(inputs[1])])
        except RuntimeError as error:  # e.g. Debian's 3.11.2 and a pin that needs 3.11.5
            reason = str(error).strip().splitlines()[-1]
            log(f"smmlab hub: requirements.lock does not install on {python} ({reason}); "
                "using the ranges of pyproject.toml instead")
            _run([*pip, str(root), "-r", str(inputs[1])], cwd=root)
    _run([*pip, "--no-deps", "--force-reinstall", str(root)], cwd=root)  # smmlab itself, not editable
    _run([str(env / "bin" / "python"), "-c", "import smmlab.hub, nbgrader, jupyterhub, nbgitpuller"])
    stamp.write_text(f"{needs} {code}")


def install_proxy(log=print) -> Path:
    """Install configurable-http-proxy under ``deploy/hub/node_modules`` (``npm ci``) if missing."""
    folder = deploy_dir()
    proxy = folder / "node_modules" / ".bin" / "configurable-http-proxy"
    if not proxy.exists():
        if shutil.which("npm") is None:
            raise FileNotFoundError("npm is missing: install Node.js (apt-get install nodejs npm)")
        log("smmlab hub: installing configurable-http-proxy with npm")
        _run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=folder)
    return proxy


def publish_course(repo: Path, root: Path | None = None) -> str:
    """Commit the repository's ``course/`` to the learner repository; return its commit.

    The learner repository holds the lessons only: never ``solutions/`` nor the project's history.
    """
    root = root or checkout()
    git = ["git", "-C", str(repo), "-c", "user.name=smmlab hub", "-c", "user.email=hub@smmlab.invalid"]
    if not (repo / ".git").is_dir():
        repo.mkdir(parents=True, exist_ok=True)
        _run(["git", "init", "--quiet", "--initial-branch=main", str(repo)])
    shutil.rmtree(repo / "course", ignore_errors=True)
    shutil.copytree(root / "course", repo / "course",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    _run([*git, "add", "--all"])
    if _run([*git, "status", "--porcelain"]).stdout.strip():
        _run([*git, "commit", "--quiet", "-m", "smmlab course"])
    _make_readable(repo)
    return _run([*git, "rev-parse", "HEAD"]).stdout.strip()


def _make_readable(folder: Path) -> None:
    """Let every user read ``folder`` (and run what its owner may run); symbolic links are left."""
    inside = (Path(top, name) for top, dirs, files in os.walk(folder) for name in dirs + files)
    for path in [folder, *inside]:
        try:
            mode = path.lstat().st_mode
            if not stat.S_ISLNK(mode):
                run = stat.S_IXOTH | stat.S_IXGRP if mode & stat.S_IXUSR else 0
                path.chmod(stat.S_IMODE(mode) | stat.S_IROTH | stat.S_IRGRP | run)
        except FileNotFoundError:  # removed meanwhile (a cache file): nothing to open up
            continue


# --- accounts ---------------------------------------------------------------------------------


def user_exists(name: str) -> bool:
    """True if ``name`` is a Unix user."""
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def check_user_name(name: str) -> str:
    """``name`` if it is a safe Unix user name (lower-case letters, digits, ``-``, ``_``)."""
    import re

    if not re.fullmatch(r"[a-z_][a-z0-9_-]{0,31}", name):
        raise ValueError(f"{name!r} is not a usable account name: lower-case letters, digits, - and _, "
                         "at most 32, starting with a letter")
    return name


@dataclass
class Accounts:
    """The Unix accounts a hub made, with their passwords (``accounts.csv``, root only)."""

    path: Path
    passwords: dict[str, str] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Accounts:
        """Read ``accounts.csv`` (empty if missing)."""
        accounts = cls(path)
        if path.is_file():
            with path.open(newline="", encoding="utf-8") as handle:
                for row in csv.DictReader(handle):
                    accounts.passwords[row["name"]] = row["password"]
                    accounts.roles[row["name"]] = row["role"]
        return accounts

    def save(self) -> None:
        """Write ``accounts.csv`` readable by root only."""
        self.path.touch(mode=0o600, exist_ok=True)
        self.path.chmod(0o600)
        with self.path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["name", "role", "password"])
            for name in sorted(self.passwords):
                writer.writerow([name, self.roles[name], self.passwords[name]])

    def ensure(self, name: str, role: str) -> str | None:
        """Make ``name`` a Unix user with a private home and a new password, unless it exists.

        A user made by someone else keeps their own password (None is returned for them).
        """
        check_user_name(name)
        if not user_exists(name):
            _run(["useradd", "--create-home", "--shell", "/bin/bash", name])
            password = secrets.token_urlsafe(9)
            _run(["chpasswd"], input=f"{name}:{password}\n")
            self.passwords[name], self.roles[name] = password, role
        home = Path(pwd.getpwnam(name).pw_dir)
        home.chmod(0o700)  # learners' files stay their own
        return self.passwords.get(name)

    def remove(self, name: str) -> None:
        """Delete an account this hub made, with its home."""
        if name in self.passwords and user_exists(name):
            from smmlab.grading.sandbox import kill_leftovers

            kill_leftovers(pwd.getpwnam(name).pw_uid)  # its leftover processes, until none is left
            _run(["userdel", "--remove", name])
        self.passwords.pop(name, None)
        self.roles.pop(name, None)


def prepare_instructor(name: str, root: Path | None = None) -> Path:
    """Give instructor ``name`` a private course folder (``smmlab init``) and point nbgrader at it."""
    from smmlab.grading.course import init_course

    user = pwd.getpwnam(name)
    home = Path(user.pw_dir)
    course = home / INSTRUCTOR_COURSE
    if not course.exists():
        init_course(course, root or checkout())
    config = home / ".jupyter" / "nbgrader_config.py"
    if not config.exists():
        config.parent.mkdir(parents=True, exist_ok=True)
        config.write_text("# Written by smmlab hub: the formgrader and nbgrader act on this course.\n"
                          f"c.CourseDirectory.root = {str(course)!r}\n", encoding="utf-8")
    for path in [config.parent, config, course, *course.rglob("*")]:
        os.lchown(path, user.pw_uid, user.pw_gid)
    course.chmod(0o700)
    return course


def open_assignments_tab(name: str) -> Path | None:
    """Give learner ``name`` a JupyterLab layout with nbgrader's Assignments tab open.

    Learner mode hides the Nbgrader menu, which is the only way to open that tab; its default
    workspace (``~/.jupyter/lab/workspaces``) restores the tab next to the lesson instead. A
    workspace the learner already has is kept.
    """
    from jupyterlab_server.workspaces_handler import WORKSPACE_EXTENSION, slugify

    user = pwd.getpwnam(name)
    folder = Path(user.pw_dir) / ".jupyter" / "lab" / "workspaces"
    path = folder / (slugify("default") + WORKSPACE_EXTENSION)
    if path.exists():
        return None
    tab = "nbgrader-assignment-list:nbgrader-assignment-list"
    layout = {"main": {"dock": {"type": "tab-area", "currentIndex": 0, "widgets": [tab]}}}
    workspace = {"data": {"layout-restorer:data": layout, tab: {"data": {}}},
                 "metadata": {"id": "default"}}
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(workspace), encoding="utf-8")
    home = Path(user.pw_dir)
    for item in [home / ".jupyter", home / ".jupyter" / "lab", folder, path]:
        os.lchown(item, user.pw_uid, user.pw_gid)
    return path


def prepare_exchange(exchange: Path) -> None:
    """Create the exchange folder: everyone may write, nobody may remove another's files."""
    exchange.mkdir(parents=True, exist_ok=True)
    exchange.chmod(0o1777)


class OwnerCheckedCollect(ExchangeCollect):
    """nbgrader's collect, but a submission whose files belong to another user than the one it
    names is refused (nbgrader only warns). A learner cannot submit in someone else's name, and
    cannot push aside that learner's own, real submission either."""

    def _genuine(self, record: dict) -> bool:
        path = os.path.join(self.inbound_path, record["filename"])
        try:
            owner = pwd.getpwuid(os.stat(path).st_uid).pw_name
        except KeyError:
            owner = "an unknown user"
        if owner != record["username"]:
            self.log.warning("Refused %s: it names %s but belongs to %s", record["filename"],
                             record["username"], owner)
            return False
        return True

    def _sort_by_timestamp(self, records):
        genuine = [r for r in records if self._genuine(r)]
        return super()._sort_by_timestamp(genuine or records)

    def copy_files(self):
        """Copy the genuine submissions only."""
        self.src_records = [r for r in self.src_records if self._genuine(r)]
        return super().copy_files()


def readable_by_others(path: Path) -> bool:
    """True if users other than the owner can reach ``path`` and everything above it."""
    for folder in [path, *path.parents]:
        if not folder.stat().st_mode & stat.S_IXOTH:
            return False
    return bool(path.stat().st_mode & stat.S_IROTH)


def protect_checkout(root: Path, log=print) -> None:
    """Close the repository to other users: its ``solutions/`` and history hold the answers."""
    if readable_by_others(root / "solutions"):
        root.chmod(stat.S_IMODE(root.stat().st_mode) & ~0o007)
        log(f"smmlab hub: closed {root} to other users (chmod o-rwx): it holds the solutions")


def prepare(workshop: Workshop, log=print) -> Accounts:
    """Everything the hub needs before it starts; idempotent."""
    if os.geteuid() != 0:
        raise PermissionError("smmlab hub runs as root: it creates the learners' Unix accounts")
    root = checkout()
    workshop.home.mkdir(parents=True, exist_ok=True)
    workshop.home.chmod(0o755)
    protect_checkout(root, log)
    install_proxy(log)
    build_environment(workshop.env, root, log)
    prepare_exchange(workshop.exchange)
    publish_course(workshop.course_repo, root)
    repo = workshop.course_repo
    workshop.git_config.write_text(f"[safe]\n\tdirectory = {repo}\n\tdirectory = {repo}/.git\n")
    workshop.git_config.chmod(0o644)
    from smmlab.learner import write_learner_config

    write_learner_config(workshop.learner_config)
    workshop.shared_config.mkdir(exist_ok=True)
    shutil.copy(deploy_dir() / "nbgrader_config.py", workshop.shared_config / "nbgrader_config.py")
    _make_readable(workshop.learner_config)
    _make_readable(workshop.shared_config)
    accounts = Accounts.load(workshop.accounts_file)
    for name in workshop.instructors:
        accounts.ensure(name, "instructor")
        accounts.save()
        prepare_instructor(name, root)
    for name in workshop.learners:
        accounts.ensure(name, "learner")
        accounts.save()
        open_assignments_tab(name)
    if not workshop.api_token_file.exists():
        workshop.api_token_file.touch(mode=0o600)
        workshop.api_token_file.write_text(secrets.token_hex(32))
    workshop.write()
    return accounts


def hub_command(workshop: Workshop) -> tuple[list[str], dict[str, str]]:
    """The ``jupyterhub`` command line and environment that serve ``workshop``."""
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    env["SMMLAB_HUB_HOME"] = str(workshop.home)
    env["SMMLAB_HUB_API_TOKEN"] = workshop.api_token_file.read_text().strip()
    env["PATH"] = f"{workshop.env / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    command = [str(workshop.env / "bin" / "jupyterhub"), "-f", str(deploy_dir() / "jupyterhub_config.py")]
    return command, env


def names(spec: str, prefix: str) -> list[str]:
    """Learner names from ``spec``: a number (``30`` → ``<prefix>01``…) or a file, one name a line."""
    if spec.isdigit():
        count = int(spec)
        if not 0 < count <= 500:
            raise ValueError(f"--learners {spec}: give between 1 and 500 learners")
        return [f"{prefix}{i:0{max(2, len(str(count)))}d}" for i in range(1, count + 1)]
    path = Path(spec)
    if not path.is_file():
        raise FileNotFoundError(f"--learners {spec}: neither a number nor a file of names")
    return [check_user_name(line.strip()) for line in path.read_text().splitlines()
            if line.strip() and not line.startswith("#")]


def cmd_hub(args) -> int:
    """Start the workshop hub: learner accounts, the course by nbgitpuller, the nbgrader exchange."""
    learners = names(args.learners, args.prefix)
    instructors = [check_user_name(name) for name in args.instructor or ["instructor"]]
    workshop = Workshop(Path(args.home).resolve(), learners, instructors, args.ip, args.port)
    try:
        accounts = prepare(workshop)
    except (PermissionError, RuntimeError) as error:
        print(f"smmlab hub: {error}", file=sys.stderr)
        return 2
    command, env = hub_command(workshop)
    print(f"smmlab hub: {len(learners)} learner(s), instructor(s) {', '.join(instructors)}; "
          f"course id {course_id()}, exchange {workshop.exchange}")
    print(f"passwords of the {len(accounts.passwords)} account(s) it made: {workshop.accounts_file}")
    print(f"\n    http://{args.ip}:{args.port}/\n\nStop the hub with Ctrl-C.", flush=True)
    from smmlab.cli import serve

    return serve(command, env, workshop.home)
