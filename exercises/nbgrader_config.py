"""nbgrader settings for the Sahel Realignment graded exercises.

Run nbgrader (or ``sahel-course``) from this folder. ``source/<assignment>/`` holds the
instructor versions; ``nbgrader generate_assignment`` writes the student versions to
``release/``. Submissions, autograded copies, feedback and ``gradebook.db`` are generated
and never committed.
"""

c = get_config()  # noqa: F821  (injected by traitlets when nbgrader loads this file)

c.CourseDirectory.course_id = "sahel-realignment"

# A cell may run this long before it is interrupted (an infinite loop in a submission).
c.Execute.timeout = 60
# Keep a runaway print loop from filling the autograded notebook and the feedback page.
c.LimitOutput.max_lines = 200
c.LimitOutput.max_traceback = 60
# A student who deletes a test cell gets it back, so the question is graded, not skipped.
c.OverwriteCells.add_missing_cells = True

c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Feedback must not show hidden tests: nbgrader's default feedback keeps the whole test
# cell (restored from the source when autograding). HideHiddenTests removes the hidden
# region and shortens the tracebacks of failed hidden tests to one line.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "sahel_course.grading.feedback.HideHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
