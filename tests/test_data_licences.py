"""DATA-LICENSES.md tells lecturers what they may do with every table the package ships."""

from __future__ import annotations

from pathlib import Path

from sahel_course import datasets

ROOT = Path(__file__).resolve().parents[1]


def test_every_catalogued_file_has_a_row_in_data_licenses() -> None:
    text = (ROOT / "DATA-LICENSES.md").read_text(encoding="utf-8")
    names = [resource["name"] for resource in datasets.catalogue()["resources"]]
    missing = [name for name in names if f"`{name}`" not in text]
    assert not missing, f"DATA-LICENSES.md has no row for {missing}"
