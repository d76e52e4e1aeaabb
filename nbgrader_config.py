"""nbgrader configuration for the smmlab course (run nbgrader from this folder).

solutions/ holds the instructor's source notebooks; exercises/ the generated learner release.
"""

import os

c = get_config()  # noqa: F821 - provided by nbgrader's config loader

c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.course_id = "smmlab"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
c.CourseDirectory.db_url = os.environ.get(
    "SMMLAB_GRADEBOOK_URL", "sqlite:///" + os.path.join(c.CourseDirectory.root, "gradebook.db")
)

# Feedback must never show hidden tests, not even in tracebacks: drop them before rendering and
# keep tracebacks minimal while grading.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
c.Execute.extra_arguments = ["--InteractiveShell.xmode=Minimal"]
c.Execute.timeout = 60

# nbgrader scores any test cell with stderr output as 0, so a correct answer that triggers a
# warning would lose its points: drop warning lines from stderr before scoring.
c.IgnorePattern.enabled = True
c.IgnorePattern.pattern = r"(?i)\w*Warning\b"

# A learner who deletes a test cell gets it back rather than escaping grading.
c.OverwriteCells.add_missing_cells = True
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Late penalties (nbgrader's AssignLatePenalties step, run by `smmlab autograde`): each started day
# after the assignment's due date (`smmlab deadline A WHEN` or `smmlab collect --deadline`) costs
# 10% of the notebook's score, at most 50%. Without a due date nothing is late. See
# smmlab.grading.late and https://nbgrader.readthedocs.io/en/stable/plugins/late-plugin.html
c.AssignLatePenalties.plugin_class = "smmlab.grading.late.DailyPercentPenalty"
c.DailyPercentPenalty.percent_per_day = 10.0
c.DailyPercentPenalty.max_percent = 50.0
