"""Hardened comparisons for the test cells of the graded exercises (``exercises/``).

A naive test cell such as ``assert answer == 42`` can be fooled: a student may hand in an
object whose ``__eq__`` always returns ``True``, and both nbgrader and otter-grader then award
full marks. Every check here therefore looks at the *exact* type of the student's value first
(``type(got) is int``, never ``isinstance`` and never ``got == expected`` on an untrusted
object), converts it to a trusted built-in value, and only then compares.

Test cells call the checks through the module, imported in the cell itself, so a helper of the
same name defined in the student's notebook is never used::

    import sahel_course.checks as _chk
    _chk.check_equal("peak_year", peak_year, 2019)

Failures raise :class:`CheckFailed` (an ``AssertionError``) with a message written for students.
Hidden tests pass ``reveal=False`` so that the message does not give away the expected value.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

__all__ = [
    "CheckFailed",
    "check_between",
    "check_choice",
    "check_equal",
    "check_figure",
    "check_frame",
    "check_sequence",
    "check_series",
    "trusted_list",
]

_HIDDEN = "does not have the expected value yet (checked by a hidden test); re-read the question"
_HIDDEN_COUNT = "(checked by a hidden test); re-read the question"


class CheckFailed(AssertionError):
    """A student's answer failed a check; the message says what to fix."""


def _describe(value: object) -> str:
    """Name the type of ``value`` in words a student understands."""
    kind = type(value)
    names = {
        int: "a whole number (int)",
        float: "a decimal number (float)",
        str: "a text (str)",
        bool: "True/False (bool)",
        list: "a list",
        tuple: "a tuple",
        dict: "a dict",
        type(None): "None (did you forget to assign the variable?)",
    }
    if kind in names:
        return names[kind]
    return f"an object of type {kind.__module__}.{kind.__qualname__}"


def _numpy_types(kind: str) -> tuple[type, ...]:
    """Return numpy's exact scalar types of one kind ('i' integers, 'f' floats, 'b', 'U')."""
    import numpy as np

    families = {
        "i": (np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32, np.uint64),
        "f": (np.float16, np.float32, np.float64),
        "b": (np.bool_,),
        "U": (np.str_,),
    }
    return families[kind]


def _trusted_scalar(name: str, got: object, expected: object) -> object:
    """Return ``got`` converted to the built-in type of ``expected``, or raise CheckFailed.

    Only exact built-in or numpy scalar types are accepted, so a subclass with a rigged
    ``__eq__`` never reaches a comparison.
    """
    kind = type(expected)
    got_kind = type(got)
    if kind is bool:
        if got_kind is bool or got_kind in _numpy_types("b"):
            return bool(got)
    elif kind is int:
        if got_kind is int or got_kind in _numpy_types("i"):
            return int(got)
    elif kind is float:
        if got_kind in (int, float) or got_kind in _numpy_types("i") + _numpy_types("f"):
            return float(got)
    elif kind is str:
        if got_kind is str or got_kind in _numpy_types("U"):
            return str(got)
    else:
        raise TypeError(f"check_equal cannot compare expected values of type {kind.__name__}")
    raise CheckFailed(f"`{name}` should be {_describe(expected)}, but it is {_describe(got)}.")


def check_equal(
    name: str,
    got: object,
    expected: bool | int | float | str,
    *,
    rtol: float = 1e-6,
    atol: float = 0.0,
    reveal: bool = True,
) -> None:
    """Check that the student's scalar ``got`` equals the trusted ``expected`` value.

    ``name`` is the variable name shown in messages. Floats compare with ``rtol``/``atol``;
    text compares after stripping surrounding spaces. With ``reveal=False`` (hidden tests) the
    message does not show the expected value.
    """
    value = _trusted_scalar(name, got, expected)
    if type(expected) is float:
        ok = math.isclose(value, expected, rel_tol=rtol, abs_tol=atol)
    elif type(expected) is str:
        ok = value.strip() == expected
    else:
        ok = value == expected
    if not ok:
        if not reveal:
            raise CheckFailed(f"`{name}` {_HIDDEN}.")
        raise CheckFailed(f"`{name}` should be {expected!r}, but it is {value!r}.")


def check_between(
    name: str, got: object, low: int | float, high: int | float, *, whole: bool = False
) -> None:
    """Check that ``got`` is a number with ``low <= got <= high`` (an int if ``whole``)."""
    value = _trusted_scalar(name, got, int(low) if whole else float(low))
    if not low <= value <= high:
        raise CheckFailed(f"`{name}` should be between {low} and {high}, but it is {value!r}.")


def check_choice(name: str, got: object, options: Sequence[str]) -> None:
    """Check that ``got`` is a text equal to one of ``options`` (spaces around are ignored)."""
    value = _trusted_scalar(name, got, "")
    if value.strip() not in options:
        raise CheckFailed(f"`{name}` should be one of {list(options)!r}, but it is {value!r}.")


def check_sequence(
    name: str,
    got: object,
    expected: Sequence[bool | int | float | str],
    *,
    ordered: bool = True,
    reveal: bool = True,
) -> None:
    """Check a list (or tuple, or pandas Series/Index values) of scalars element by element.

    With ``ordered=False`` the order does not matter but repeats do.
    """
    items = _trusted_items(name, got)
    if len(items) != len(expected):
        raise CheckFailed(
            f"`{name}` should have {len(expected)} items, but it has {len(items)}."
        )
    pairs = enumerate(zip(items, expected, strict=True))
    values = [_trusted_scalar(f"{name}[{i}]", v, e) for i, (v, e) in pairs]
    if not ordered:
        values, expected = sorted(values), sorted(expected)
    if values != list(expected):
        if not reveal:
            raise CheckFailed(f"`{name}` {_HIDDEN}.")
        hint = "" if ordered else " (in any order)"
        raise CheckFailed(f"`{name}` should be {list(expected)!r}{hint}, but it is {values!r}.")


def trusted_list(name: str, got: object, kind: type) -> list[Any]:
    """Return the items of a student's list as built-in ``kind`` values (int, float, str, bool).

    Use it to test properties of a list (sorted, no repeats) without trusting its items.
    """
    sample = kind()
    items = _trusted_items(name, got)
    return [_trusted_scalar(f"{name}[{i}]", v, sample) for i, v in enumerate(items)]


def _trusted_items(name: str, got: object) -> list[object]:
    """Return the elements of a list, tuple, Series or Index whose exact type is trusted."""
    import pandas as pd

    if type(got) in (list, tuple):
        return list(got)
    if type(got) in (pd.Series, pd.Index):
        return list(got.tolist())
    raise CheckFailed(f"`{name}` should be a list, but it is {_describe(got)}.")


def _check_column_values(name: str, column: str, values: Any) -> None:
    """Refuse columns whose values are not plain numbers, text, dates or booleans."""
    import pandas as pd

    dtype = values.dtype
    if isinstance(dtype, pd.StringDtype) or dtype.kind in "biufmM":
        return
    if isinstance(dtype, pd.CategoricalDtype):
        _check_column_values(name, column, values.cat.categories.to_series())
        return
    if dtype.kind == "O":
        for value in values.tolist():
            if type(value) is not str and value is not None and not (
                type(value) is float and math.isnan(value)
            ):
                raise CheckFailed(
                    f"column {column!r} of `{name}` should hold text or numbers, "
                    f"but one value is {_describe(value)}."
                )
        return
    raise CheckFailed(f"column {column!r} of `{name}` has an unexpected type ({dtype}).")


def check_frame(
    name: str,
    got: object,
    *,
    columns: Sequence[str],
    n_rows: int | None = None,
    rows_note: str = "",
    expected: Any = None,
    sort_by: Sequence[str] | None = None,
    rtol: float = 1e-6,
    reveal: bool = True,
) -> None:
    """Check a student's ``pandas.DataFrame`` shape, columns and (optionally) values.

    ``columns`` must all be present (extra columns are allowed and ignored). ``n_rows`` with
    ``rows_note`` gives messages such as "expected 3 rows, one per AES state, got 5". When
    ``expected`` (a trusted DataFrame with exactly ``columns``) is given the values are compared
    with tolerance ``rtol``, ignoring the index; ``sort_by`` sorts both frames first (use it when
    the row order does not matter).
    """
    import pandas as pd

    if type(got) is not pd.DataFrame:
        hint = ""
        if type(got) is pd.Series:
            hint = " (a Series: try `.reset_index()` or `.to_frame()`)"
        raise CheckFailed(
            f"`{name}` should be a pandas DataFrame, but it is {_describe(got)}{hint}."
        )
    labels = got.columns.tolist()
    strange = [c for c in labels if type(c) is not str]
    if strange:
        raise CheckFailed(f"the column names of `{name}` should be text, got {strange!r}.")
    missing = [c for c in columns if c not in labels]
    if missing:
        raise CheckFailed(
            f"`{name}` should have the columns {list(columns)!r}; missing {missing!r} "
            f"(it has {labels!r})."
        )
    if n_rows is not None and len(got) != n_rows:
        note = f", {rows_note}" if rows_note else ""
        if not reveal:
            raise CheckFailed(f"`{name}` has the wrong number of rows {_HIDDEN_COUNT}.")
        raise CheckFailed(f"`{name}`: expected {n_rows} rows{note}, got {len(got)}.")
    for column in columns:
        _check_column_values(name, column, got[column])
    if expected is None:
        return
    _compare_frames(name, got[list(columns)], expected[list(columns)], sort_by, rtol, reveal)


def _compare_frames(
    name: str, got: Any, expected: Any, sort_by: Sequence[str] | None, rtol: float, reveal: bool
) -> None:
    """Compare two frames of trusted values, ignoring index and dtype width."""
    import pandas as pd

    if sort_by:
        got = got.sort_values(list(sort_by), kind="stable")
        expected = expected.sort_values(list(sort_by), kind="stable")
    got = _without_categories(got.reset_index(drop=True))
    expected = _without_categories(expected.reset_index(drop=True))
    if len(got) != len(expected):
        if not reveal:
            raise CheckFailed(f"`{name}` has the wrong number of rows {_HIDDEN_COUNT}.")
        raise CheckFailed(f"`{name}`: expected {len(expected)} rows, got {len(got)}.")
    for column in expected.columns:
        try:
            pd.testing.assert_series_equal(
                got[column], expected[column], check_dtype=False, check_names=False,
                rtol=rtol, check_index_type=False,
            )
        except AssertionError:
            if not reveal:
                raise CheckFailed(f"column {column!r} of `{name}` {_HIDDEN}.") from None
            first = next(
                i for i in range(len(got))
                if not _same(got[column].iloc[i], expected[column].iloc[i], rtol)
            )
            raise CheckFailed(
                f"column {column!r} of `{name}` differs in row {first}: expected "
                f"{expected[column].iloc[first]!r}, got {got[column].iloc[first]!r}."
            ) from None


def _without_categories(frame: Any) -> Any:
    """Turn categorical columns into their plain values, so a student's text column and the
    course's categorical column of the same values compare equal (and vice versa)."""
    import pandas as pd

    return frame.apply(
        lambda column: column.astype(column.cat.categories.dtype)
        if isinstance(column.dtype, pd.CategoricalDtype)
        else column
    )


def _same(a: object, b: object, rtol: float) -> bool:
    """Compare two trusted cell values with tolerance for numbers."""
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(float(a), float(b), rel_tol=rtol)
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


def check_series(
    name: str,
    got: object,
    *,
    n_rows: int | None = None,
    rows_note: str = "",
    expected: Any = None,
    rtol: float = 1e-6,
    reveal: bool = True,
) -> None:
    """Check a student's ``pandas.Series``; with ``expected`` its index and values must match."""
    import pandas as pd

    if type(got) is not pd.Series:
        raise CheckFailed(f"`{name}` should be a pandas Series, but it is {_describe(got)}.")
    if n_rows is not None and len(got) != n_rows:
        note = f", {rows_note}" if rows_note else ""
        if not reveal:
            raise CheckFailed(f"`{name}` has the wrong number of values {_HIDDEN_COUNT}.")
        raise CheckFailed(f"`{name}`: expected {n_rows} values{note}, got {len(got)}.")
    _check_column_values(name, "values", got)
    _check_column_values(name, "index", got.index.to_series())
    if expected is None:
        return
    frame = pd.DataFrame({"index": got.index.to_numpy(), "value": got.to_numpy()})
    trusted = pd.DataFrame({"index": expected.index.to_numpy(), "value": expected.to_numpy()})
    _compare_frames(name, frame, trusted, None, rtol, reveal)


def check_figure(
    name: str, got: object, *, trace_type: str, min_traces: int = 1, n_points: int | None = None
) -> None:
    """Check that ``got`` is a plotly Figure with at least ``min_traces`` traces of a type.

    ``trace_type`` is plotly's name (``"bar"``, ``"scatter"``); ``n_points`` checks the number
    of x values of the first trace (for example one bar per country).
    """
    import plotly.graph_objects as go

    if type(got) is not go.Figure:
        raise CheckFailed(
            f"`{name}` should be a plotly Figure (what px.bar returns), but it is "
            f"{_describe(got)}. Did you call .show() and keep its result?"
        )
    traces = [t for t in got.data if t.type == trace_type]
    if len(traces) < min_traces:
        raise CheckFailed(
            f"`{name}` should contain at least {min_traces} {trace_type} trace(s); "
            f"it has {[t.type for t in got.data]}."
        )
    if n_points is not None:
        points = len(traces[0].x) if traces[0].x is not None else 0
        if points != n_points:
            raise CheckFailed(f"`{name}` should show {n_points} {trace_type}s, it shows {points}.")
