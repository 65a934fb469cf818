"""A feedback preprocessor that keeps hidden tests out of what students see.

nbgrader's ``generate_feedback`` renders the autograded notebook, whose test cells were
restored from the instructor's source *with* the hidden tests. Registered in
``exercises/nbgrader_config.py`` as ``GenerateFeedback.preprocessors``, this removes the
``### BEGIN HIDDEN TESTS`` regions and cuts the tracebacks of those cells to their last line,
because an IPython traceback quotes the source lines around the failing assertion.
"""

from __future__ import annotations

from typing import Any

from nbgrader.preprocessors import ClearHiddenTests


class HideHiddenTests(ClearHiddenTests):
    """Remove hidden test regions and shorten the tracebacks of the cells that had them."""

    def preprocess_cell(
        self, cell: Any, resources: dict[str, Any], cell_index: int
    ) -> tuple[Any, dict[str, Any]]:
        """Strip one cell; tracebacks of cells with hidden tests keep only ``Error: message``."""
        had_hidden = self.begin_test_delimeter in cell.source
        cell, resources = super().preprocess_cell(cell, resources, cell_index)
        if had_hidden and cell.cell_type == "code":
            for output in cell.get("outputs", []):
                if output.output_type == "error":
                    output.traceback = [f"{output.ename}: {output.evalue}"]
        return cell, resources
