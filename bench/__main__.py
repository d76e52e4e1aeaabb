"""Run every benchmark and print its figures: ``python -m bench`` (or ``make bench``)."""

from __future__ import annotations

import importlib
import sys


def main() -> None:
    for name in ("lessons", "lab_latency", "grading", "cluster", "inventory", "term", "book", "hub"):
        try:
            module = importlib.import_module(f"bench.{name}")
        except ModuleNotFoundError as error:
            print(f"\n[bench.{name} not available: {error}]")
            continue
        print(f"\n=== {name} ===", flush=True)
        module.main()
        sys.stdout.flush()


if __name__ == "__main__":
    main()
