"""What one learner's code can do on the workshop hub: read neither another learner's files nor
the instructor's course folder, gradebook or solutions (nor the repository's), and not submit in
another learner's name: the exchange records the real user and collect refuses the forgery."""

from __future__ import annotations

import json
import pwd
from pathlib import Path

import pytest
from hub_support import ASSIGNMENT, INSTRUCTOR, LEARNERS

from smmlab.hub import INSTRUCTOR_COURSE

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("hub")]

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
PROBE = """
import json, os
seen = {}
for name, path in json.loads(%r).items():
    try:
        if os.path.isdir(path):
            os.listdir(path)
        else:
            open(path, "rb").read(1)
        seen[name] = "read"
    except OSError as error:
        seen[name] = type(error).__name__
print(json.dumps(seen))
"""


def home(user: str) -> Path:
    return Path(pwd.getpwnam(user).pw_dir)


def probe(kernel, paths: dict[str, Path]) -> dict[str, str]:
    """What the kernel's user gets when reading each path: 'read' or the error's name."""
    out = kernel.run(PROBE % json.dumps({k: str(v) for k, v in paths.items()}))
    return json.loads(out.strip().splitlines()[-1])


def test_a_learner_reads_only_their_own_files(hub):
    ada, bo = LEARNERS[0], LEARNERS[1]
    hub.server(bo).fetch(hub.course_id, ASSIGNMENT)  # bo has work of their own in their home
    course = home(INSTRUCTOR) / INSTRUCTOR_COURSE
    server = hub.server(ada)
    server.fetch(hub.course_id, ASSIGNMENT)
    kernel = server.kernel()
    seen = probe(kernel, {
        "own exercise": home(ada) / NOTEBOOK,
        "released exercise in the exchange": hub.workshop.exchange / hub.course_id / "outbound",
        "another learner's home": home(bo),
        "another learner's exercise": home(bo) / NOTEBOOK,
        "instructor's course folder": course,
        "instructor's gradebook": course / "gradebook.db",
        "instructor's solutions": course / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb",
        "repository's solutions": ROOT / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb",
        "everyone's submissions": hub.workshop.exchange / hub.course_id / "inbound",
        "hub accounts and passwords": hub.workshop.accounts_file,
    })
    kernel.shutdown()
    assert seen.pop("own exercise") == "read"
    assert seen.pop("released exercise in the exchange") == "read"
    assert (course / "gradebook.db").is_file()  # the instructor's release made it: it is there
    assert seen == dict.fromkeys(seen, "PermissionError"), seen


def test_a_learner_cannot_submit_in_another_learners_name(hub):
    ada, cy = LEARNERS[0], LEARNERS[2]
    course_id = hub.course_id
    victim = hub.server(cy)
    victim.fetch(course_id, ASSIGNMENT)
    notebook = victim.notebook(NOTEBOOK)
    notebook["cells"].append({"cell_type": "markdown", "metadata": {}, "source": "cy's own work"})
    victim.save(NOTEBOOK, notebook)
    victim.submit(course_id, ASSIGNMENT)

    forger = hub.server(ada)
    forger.fetch(course_id, ASSIGNMENT)
    notebook = forger.notebook(NOTEBOOK)
    notebook["cells"].append({"cell_type": "markdown", "metadata": {}, "source": "forged by ada"})
    forger.save(NOTEBOOK, notebook)
    kernel = forger.kernel()
    # The exchange's inbound folder takes anyone's files: ada's code drops her notebook there
    # under cy's name, as nbgrader's submit would name cy's.
    inbound = hub.workshop.exchange / course_id / "inbound"
    kernel.run(
        "import os, shutil\n"
        "from datetime import datetime, timezone\n"
        "stamp = datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M:%S.%f UTC')\n"
        f"target = os.path.join({str(inbound)!r}, f'{cy}+{ASSIGNMENT}+{{stamp}}+forged')\n"
        f"shutil.copytree(os.path.expanduser('~/{ASSIGNMENT}'), target)\n"
        "open(os.path.join(target, 'timestamp.txt'), 'w').write(stamp)\n")
    kernel.shutdown()
    forged = [p for p in inbound.iterdir() if p.name.startswith(f"{cy}+")
              and pwd.getpwuid(p.stat().st_uid).pw_name == ada]
    assert forged, "the forged submission did not reach the exchange: the test proves nothing"

    teacher = hub.server(INSTRUCTOR)
    collected = teacher.call("POST", f"formgrader/api/assignment/{ASSIGNMENT}/collect").json()
    assert collected["success"], collected
    assert "Refused" in collected["log"] and ada in collected["log"], collected["log"]
    submitted = home(INSTRUCTOR) / INSTRUCTOR_COURSE / "submitted" / cy / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    text = submitted.read_text()
    assert "cy's own work" in text and "forged by ada" not in text


def test_a_learners_explorer_draws_ahead_on_spare_cpu_only(hub):
    """The cores are shared: explorers draw ahead only while the machine has CPU to spare."""
    kernel = hub.server(LEARNERS[1]).kernel()
    out = kernel.run("import os; print(os.environ.get('SMMLAB_PREFETCH'))")
    kernel.shutdown()
    assert out.strip().splitlines()[-1] == "auto"
