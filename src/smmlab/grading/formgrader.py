"""Formgrader's Autograde button, routed through ``smmlab autograde`` (a Jupyter server extension).

Why: the button (Formgrader → Manage Submissions → the lightning icon of a submission) posts to
``/formgrader/api/submission/<assignment>/<learner>/autograde``, whose nbgrader handler calls
``NbGraderAPI.autograde``. That runs the learner's notebook in the Jupyter server's own process
user, with the gradebook, ``solutions/`` and the network in reach, without time or memory limits,
and records no grading status, so ``smmlab export`` would not know the learner was regraded.

This extension keeps the button (instructors need the Formgrader for the written tasks) and makes
it run ``smmlab autograde <assignment> --learner <learner>`` in the Formgrader's course folder
instead: the same sandbox, checks and status in the gradebook database as on the command line.
The button shows that command's summary (success, or the reason the submission was not graded).

``smmlab lab --instructor`` enables it (see :func:`smmlab.learner.write_instructor_config`); on a
server started otherwise, enable ``smmlab.grading.formgrader`` in ``jpserver_extensions``.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

#: Seconds the button waits for ``smmlab autograde`` before giving up.
TIMEOUT = 900


def autograde_command(assignment: str, learner: str) -> list[str]:
    """The command the button runs (with this Python, so the same smmlab)."""
    return [sys.executable, "-m", "smmlab.cli", "autograde", assignment, "--learner", learner, "-q"]


async def run_autograde(root: Path, assignment: str, learner: str) -> dict[str, object]:
    """Run ``smmlab autograde A --learner L`` in ``root``; the answer nbgrader's button expects
    (``success``, ``log``, ``error``: see ``autograde_success`` in nbgrader's
    ``formgrader/static/js/manage_submissions.js``)."""
    env = {**os.environ, "SMMLAB_ROOT": str(root)}
    env.pop("MPLBACKEND", None)
    process = await asyncio.create_subprocess_exec(
        *autograde_command(assignment, learner),
        cwd=root,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        out, err = await asyncio.wait_for(process.communicate(), TIMEOUT)
    except TimeoutError:
        process.kill()
        await process.wait()
        return {"success": False, "log": "", "error": f"smmlab autograde took over {TIMEOUT} s"}
    log = out.decode("utf-8", "replace")
    error = err.decode("utf-8", "replace").strip()
    if process.returncode != 0 and not error:
        error = "\n".join(line for line in log.splitlines() if line.startswith("  - ")) or "see the log"
    return {"success": process.returncode == 0, "log": log, "error": error}


def _sandboxed_post():
    """The replacement of nbgrader's ``AutogradeHandler.post``, with nbgrader's own checks."""
    from nbgrader.server_extensions.formgrader.base import check_notebook_dir, check_xsrf
    from tornado import web

    @web.authenticated
    @check_xsrf
    @check_notebook_dir
    async def post(self, assignment_id: str, student_id: str) -> None:
        result = await run_autograde(Path(self.coursedir.root), assignment_id, student_id)
        self.write(json.dumps(result))

    post.smmlab_sandboxed = True
    return post


def install() -> None:
    """Replace nbgrader's Autograde handler (tornado looks ``post`` up on each request, so this
    works whichever extension loads first)."""
    from nbgrader.server_extensions.formgrader.apihandlers import AutogradeHandler

    if not getattr(AutogradeHandler.post, "smmlab_sandboxed", False):
        AutogradeHandler.post = _sandboxed_post()


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "smmlab.grading.formgrader"}]


def _load_jupyter_server_extension(serverapp) -> None:
    install()
    serverapp.log.info("smmlab: formgrader's Autograde button runs `smmlab autograde --learner`")
