"""Runs inside a grading kernel: stop a cell that prints far more than the grader keeps.

The runner drops output beyond its per-cell cap and interrupts the kernel, but the kernel keeps
what a print loop writes until then: IPython records every cell's output in its history (in
memory), and ipykernel buffers it until its I/O thread sends it. On a busy machine this grows by
hundreds of megabytes a second and the kernel dies at its memory limit, losing the learner's
other answers. Counting the characters each cell writes and raising :class:`KeyboardInterrupt`
(what an interrupt raises) once a cell passes ``limit`` ends the loop at a bounded size, whatever
the load; later writes of that cell are dropped.

Loaded as an IPython extension (``--IPKernelApp.extensions=smmlab.grading.kernel_guard``) so that
it runs at start-up, outside any cell; the limit comes from ``$SMMLAB_CELL_OUTPUT_LIMIT``.
"""

from __future__ import annotations

import os
import sys

LIMIT_VARIABLE = "SMMLAB_CELL_OUTPUT_LIMIT"


def load_ipython_extension(shell) -> None:
    """IPython's hook: install the cap given by ``$SMMLAB_CELL_OUTPUT_LIMIT`` (characters)."""
    install(int(os.environ.get(LIMIT_VARIABLE, 2 * 1024 * 1024)), shell)


def install(limit: int, shell=None) -> None:
    """Cap the characters each cell may write to ``sys.stdout`` and ``sys.stderr``.

    The stream classes are patched, not the stream objects: IPython swaps the objects' ``write``
    in and out around every cell to record output.
    """
    if shell is None:
        from IPython import get_ipython

        shell = get_ipython()
    state = {"written": 0, "stopped": False}

    def reset(*_args: object) -> None:
        state.update(written=0, stopped=False)

    def capped(write):
        def write_capped(self, text, *args, **kwargs):
            state["written"] += len(text) if isinstance(text, str) else 0
            if state["written"] <= limit:
                return write(self, text, *args, **kwargs)
            if not state["stopped"]:
                state["stopped"] = True
                raise KeyboardInterrupt(f"output limit of {limit:,} characters per cell reached")
            return len(text)

        return write_capped

    shell.events.register("pre_run_cell", reset)
    for cls in {type(sys.stdout), type(sys.stderr)}:
        cls.write = capped(cls.write)
    for stream in (sys.stdout, sys.stderr):
        vars(stream).pop("write", None)  # a stale bound method would bypass the class
