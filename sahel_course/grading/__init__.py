"""Class grading on top of nbgrader: parallel autograding, per-student reports, safe feedback.

``sahel_course.grading.batch`` grades a folder of submissions in parallel,
``sahel_course.grading.report`` explains each graded notebook in one line,
``sahel_course.grading.feedback`` keeps hidden tests out of feedback pages and
``sahel_course.grading.course`` finds and configures the nbgrader course directory.
The ``sahel-course`` command (``sahel_course.cli``) is the instructor's entry point.
"""
