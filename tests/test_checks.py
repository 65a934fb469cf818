"""The hardened checks used by exercise test cells: exact types first, helpful messages."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

import sahel_course.checks as chk


class AlwaysEqual:
    """The classic autograder exploit: equal to everything, and records being asked."""

    calls = 0

    def __eq__(self, other: object) -> bool:
        AlwaysEqual.calls += 1
        return True

    __hash__ = object.__hash__


class SneakyInt(int):
    """An int subclass that claims equality with anything."""

    def __eq__(self, other: object) -> bool:
        return True

    __hash__ = int.__hash__


class SneakyFrame(pd.DataFrame):
    """A DataFrame subclass whose equals() always succeeds."""

    def equals(self, other: object) -> bool:
        return True


@pytest.fixture(autouse=True)
def _reset_calls() -> None:
    AlwaysEqual.calls = 0


def _aes() -> pd.DataFrame:
    return pd.DataFrame(
        {"iso3": ["NER", "MLI", "BFA"], "country": ["Niger", "Mali", "Burkina Faso"],
         "population": [25, 23, 22]}
    )


def test_check_equal_accepts_builtin_and_numpy_numbers() -> None:
    chk.check_equal("n", 3, 3)
    chk.check_equal("n", np.int64(3), 3)
    chk.check_equal("x", np.float64(0.3150787), 0.3150787039, rtol=1e-6)
    chk.check_equal("x", 2, 2.0)
    chk.check_equal("s", " Mali ", "Mali")


def test_check_equal_message_names_the_variable_and_the_values() -> None:
    with pytest.raises(chk.CheckFailed, match=r"`peak_year` should be 2022, but it is 2021"):
        chk.check_equal("peak_year", 2021, 2022)


def test_hidden_check_does_not_reveal_the_expected_value() -> None:
    with pytest.raises(chk.CheckFailed) as info:
        chk.check_equal("peak_year", 2021, 2022, reveal=False)
    assert "2022" not in str(info.value)
    assert "hidden test" in str(info.value)


@pytest.mark.parametrize("cheat", [AlwaysEqual(), SneakyInt(7), True, "3", [3], None])
def test_check_equal_rejects_wrong_types_before_comparing(cheat: object) -> None:
    with pytest.raises(chk.CheckFailed, match="should be a whole number"):
        chk.check_equal("answer", cheat, 3)
    assert AlwaysEqual.calls == 0


def test_type_message_helps_a_student_who_forgot_to_assign() -> None:
    with pytest.raises(chk.CheckFailed, match="forget to assign"):
        chk.check_equal("answer", None, 3)


def test_check_between_and_whole_numbers() -> None:
    chk.check_between("share", 0.31, 0, 1)
    chk.check_between("year", np.int64(2019), 2012, 2022, whole=True)
    with pytest.raises(chk.CheckFailed, match=r"between 0 and 1, but it is 31\.0"):
        chk.check_between("share", 31, 0, 1)
    with pytest.raises(chk.CheckFailed, match="whole number"):
        chk.check_between("year", 2019.0, 2012, 2022, whole=True)


def test_check_choice() -> None:
    chk.check_choice("c", "Niger", ["Mali", "Niger"])
    with pytest.raises(chk.CheckFailed, match=r"one of \['Mali', 'Niger'\], but it is 'Chad'"):
        chk.check_choice("c", "Chad", ["Mali", "Niger"])
    with pytest.raises(chk.CheckFailed, match="should be a text"):
        chk.check_choice("c", AlwaysEqual(), ["Mali"])
    assert AlwaysEqual.calls == 0


def test_check_sequence_order_length_and_types() -> None:
    chk.check_sequence("years", pd.Index([2012, 2013]), [2012, 2013])
    chk.check_sequence("names", ("b", "a"), ["a", "b"], ordered=False)
    with pytest.raises(chk.CheckFailed, match="should have 2 items, but it has 3"):
        chk.check_sequence("years", [1, 2, 3], [1, 2])
    with pytest.raises(chk.CheckFailed, match=r"years\[1\]` should be a whole number"):
        chk.check_sequence("years", [2012, AlwaysEqual()], [2012, 2013])
    with pytest.raises(chk.CheckFailed, match="should be a list"):
        chk.check_sequence("years", AlwaysEqual(), [2012])
    assert AlwaysEqual.calls == 0


def test_trusted_list_returns_builtins() -> None:
    assert chk.trusted_list("n", pd.Series(["Mali", "Niger"]), str) == ["Mali", "Niger"]
    with pytest.raises(chk.CheckFailed):
        chk.trusted_list("n", ["Mali", AlwaysEqual()], str)


def test_check_frame_row_count_message_is_helpful() -> None:
    frame = pd.concat([_aes(), _aes().head(2)])
    with pytest.raises(chk.CheckFailed, match="expected 3 rows, one per AES state, got 5"):
        chk.check_frame("aes", frame, columns=["iso3"], n_rows=3, rows_note="one per AES state")


def test_check_frame_missing_column_and_series_hint() -> None:
    with pytest.raises(chk.CheckFailed, match=r"missing \['gdp'\]"):
        chk.check_frame("aes", _aes(), columns=["iso3", "gdp"])
    with pytest.raises(chk.CheckFailed, match="reset_index"):
        chk.check_frame("aes", _aes()["iso3"], columns=["iso3"])


def test_check_frame_compares_values_ignoring_index_and_int_width() -> None:
    expected = _aes()
    got = expected.copy().set_axis([7, 8, 9])
    got["population"] = got["population"].astype("Int64")
    chk.check_frame("aes", got, columns=["iso3", "population"], expected=expected)
    shuffled = got.iloc[[2, 0, 1]]
    with pytest.raises(chk.CheckFailed, match=r"column 'iso3' of `aes` differs in row 0"):
        chk.check_frame("aes", shuffled, columns=["iso3"], expected=expected)
    chk.check_frame("aes", shuffled, columns=["iso3"], expected=expected, sort_by=["iso3"])


def test_check_frame_treats_categorical_and_text_columns_alike() -> None:
    expected = _aes().assign(iso3=lambda f: f["iso3"].astype("category"))
    chk.check_frame("aes", _aes(), columns=["iso3"], expected=expected)
    chk.check_frame("aes", expected, columns=["iso3"], expected=_aes())
    wrong = _aes().assign(iso3=["NER", "MLI", "TCD"])
    with pytest.raises(chk.CheckFailed, match=r"column 'iso3' of `aes` differs in row 2"):
        chk.check_frame("aes", wrong, columns=["iso3"], expected=expected)


def test_check_frame_hidden_difference_reveals_nothing() -> None:
    wrong = _aes().assign(population=[1, 2, 3])
    with pytest.raises(chk.CheckFailed) as info:
        chk.check_frame("aes", wrong, columns=["population"], expected=_aes(), reveal=False)
    assert "25" not in str(info.value) and "hidden test" in str(info.value)


def test_hidden_checks_do_not_reveal_how_many_rows_are_expected() -> None:
    extra = pd.concat([_aes(), _aes().iloc[:1]])
    for call in (
        lambda: chk.check_frame("aes", extra, columns=["iso3"], n_rows=3, reveal=False),
        lambda: chk.check_frame("aes", extra, columns=["iso3"], expected=_aes(), reveal=False),
        lambda: chk.check_series("s", extra["population"], n_rows=3, reveal=False),
    ):
        with pytest.raises(chk.CheckFailed, match="hidden test") as info:
            call()
        assert "3" not in str(info.value) and "4" not in str(info.value)
    with pytest.raises(chk.CheckFailed, match=r"expected 3 rows, one per AES state, got 4"):
        chk.check_frame(
            "aes", extra, columns=["iso3"], n_rows=3, rows_note="one per AES state"
        )


def test_check_frame_rejects_subclasses_and_rigged_cells() -> None:
    with pytest.raises(chk.CheckFailed, match="should be a pandas DataFrame"):
        chk.check_frame("aes", SneakyFrame(_aes()), columns=["iso3"], expected=_aes())
    rigged = _aes().astype({"iso3": object})
    rigged["iso3"] = [AlwaysEqual(), AlwaysEqual(), AlwaysEqual()]
    with pytest.raises(chk.CheckFailed, match="should hold text or numbers"):
        chk.check_frame("aes", rigged, columns=["iso3"], expected=_aes())
    assert AlwaysEqual.calls == 0


def test_check_series_index_and_values() -> None:
    expected = pd.Series([360, 912], index=[2012, 2013])
    chk.check_series("deaths", pd.Series([360, 912], index=[2012, 2013], dtype="Int64"),
                     expected=expected)
    with pytest.raises(chk.CheckFailed, match="expected 2 values, one per year, got 1"):
        chk.check_series("deaths", expected.head(1), n_rows=2, rows_note="one per year")
    with pytest.raises(chk.CheckFailed, match="column 'value' of `deaths` differs in row 1"):
        chk.check_series("deaths", pd.Series([360, 913], index=[2012, 2013]), expected=expected)
    with pytest.raises(chk.CheckFailed, match="should be a pandas Series"):
        chk.check_series("deaths", [360, 912], expected=expected)


def test_check_figure() -> None:
    fig = go.Figure(go.Bar(x=["Mali", "Niger", "Burkina Faso"], y=[1, 2, 3]))
    chk.check_figure("fig", fig, trace_type="bar", n_points=3)
    with pytest.raises(chk.CheckFailed, match="should show 4 bars, it shows 3"):
        chk.check_figure("fig", fig, trace_type="bar", n_points=4)
    with pytest.raises(chk.CheckFailed, match=r"at least 1 scatter trace"):
        chk.check_figure("fig", fig, trace_type="scatter")
    with pytest.raises(chk.CheckFailed, match=r"Did you call \.show"):
        chk.check_figure("fig", None, trace_type="bar")


def test_importing_checks_is_cheap() -> None:
    code = "import sys, sahel_course.checks; print('pandas' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"
