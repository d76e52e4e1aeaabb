"""smmlab: a Jupyter workshop kit on the misconceptions and mistakes of social media marketing."""

import sys

__version__ = "0.1.0"


def skip_slow_imports() -> None:
    """Keep ``jsonschema`` from importing ``rfc3987_syntax``, which builds a grammar for 1.3 s.

    nbformat's schema never uses the IRI format that package checks, and the ``smmlab`` command
    and the grading sandbox's runner start once per command or notebook: this is a third to a
    half of their start-up time (jsonschema issue 1428).
    """
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
