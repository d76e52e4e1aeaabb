"""The instructor's grading pipeline over nbgrader's Python API.

``smmlab release`` → ``collect`` → ``autograde`` → ``feedback`` → ``export`` → ``report``; see
``smmlab --help`` and the README's "Instructor workflow". Learner code runs only in the sandbox
of :mod:`smmlab.grading.sandbox`; the gradebook is written by the grading process alone.

This package imports nothing heavy at import time, so ``smmlab --help`` stays fast.
"""
