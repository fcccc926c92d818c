"""Guarantees outside the happy path: duplicate keys, non-text keys, linear cost, threads."""

from __future__ import annotations

import datetime as dt
import gc
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import peelmodel as pm
from peelmodel import programmes
from peelmodel import strategies as pst

ESSEX = pm.to_json(pm.datasets.essex())


def _essex_document() -> dict[str, Any]:
    return json.loads(ESSEX)  # type: ignore[no-any-return]


# --- duplicate keys --------------------------------------------------------------------


def test_a_key_given_twice_is_refused_with_its_path() -> None:
    text = '{"force": "essex", "force": "kent", "programme": "peel-2017"}'
    with pytest.raises(pm.ValidationError) as info:
        pm.from_json(text, pm.Inspection)
    [problem] = info.value.problems
    assert (problem.path, problem.code) == ("$.force", "json.duplicate_key")
    assert "'force'" in problem.message


def test_a_nested_key_given_twice_is_found_wherever_it_is() -> None:
    document = _essex_document()
    document["inspections"] = document["inspections"][:3]
    text = json.dumps(document, indent=1)
    # The first judgment of the legitimacy pillar gets a second "subject".
    assert text.count('"subject": "legitimacy"') >= 1
    doubled = text.replace('"subject": "legitimacy"', '"subject": "legitimacy", "subject": "x"', 1)
    with pytest.raises(pm.ValidationError) as info:
        pm.from_json(doubled, pm.Dataset)
    [problem] = [p for p in info.value.problems if p.code == "json.duplicate_key"]
    assert problem.path.endswith(".subject")
    assert problem.path.startswith("$.inspections[")
    assert ".judgments[" in problem.path
    # The path is the one the judgment has in the document.
    position = problem.path.removesuffix(".subject")
    assert "legitimacy" in json.dumps(_at(document, position))


def _at(document: Any, path: str) -> Any:
    import re

    node = document
    for name, index in re.findall(r"\.(\w+)|\[(\d+)\]", path.removeprefix("$")):
        node = node[name] if name else node[int(index)]
    return node


@settings(max_examples=40, deadline=None)
@given(dataset=pst.datasets(max_inspections=3), indent=st.sampled_from([None, 1, 2, 4]))
def test_any_valid_document_loads_in_any_layout(dataset: pm.Dataset, indent: int | None) -> None:
    text = json.dumps(pm.to_dict(dataset), indent=indent, ensure_ascii=indent is None)
    assert pm.from_json(text, pm.Dataset) == dataset


def test_the_command_line_refuses_a_duplicate_key(tmp_path: Any) -> None:
    from peelmodel.__main__ import main

    path = tmp_path / "twice.json"
    path.write_text('{"force": "essex", "programme": "peel-2017", "programme": "peel-2016"}')
    import io

    out = io.StringIO()
    assert main(["validate", str(path)], out=out) == 1
    assert out.getvalue() == (
        f"{path}: $.programme: the key 'programme' is given more than once in this object; "
        "each key may appear once\n"
    )


# --- non-text keys -----------------------------------------------------------------------


@pytest.mark.parametrize("key", [1, None, 2.5, ("a",), True])
def test_a_key_that_is_not_text_is_a_validation_error(key: Any) -> None:
    document = {"force": "essex", "programme": "peel-2017", key: "x"}
    with pytest.raises(pm.ValidationError) as info:
        pm.from_dict(document, pm.Inspection)
    assert [p.code for p in info.value.problems] == ["key.type"]
    assert "a key must be text" in info.value.problems[0].message


def test_a_nested_key_that_is_not_text_has_its_path() -> None:
    document = {
        "force": "essex",
        "programme": "peel-2017",
        "judgments": [{"subject": "legitimacy", 7: 1}],
    }
    with pytest.raises(pm.ValidationError) as info:
        pm.from_dict(document, pm.Inspection)
    assert [p.path for p in info.value.problems] == ["$.judgments[0][7]"]


# --- threads -----------------------------------------------------------------------------


def test_loading_in_many_threads_leaves_the_collector_as_it_was() -> None:
    before = (gc.isenabled(), gc.get_threshold())
    errors: list[BaseException] = []

    def load(_: int) -> int:
        try:
            return len(pm.from_json(ESSEX, pm.Dataset))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
            raise

    with ThreadPoolExecutor(max_workers=16) as pool:
        counts = list(pool.map(load, range(200)))
    assert not errors
    assert set(counts) == {len(pm.datasets.essex())}
    assert (gc.isenabled(), gc.get_threshold()) == before
    gc.disable()
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(load, range(40)))
        assert not gc.isenabled()  # a caller's choice is kept too
    finally:
        gc.enable()


def _programme(n: int) -> pm.Programme:
    base = programmes.get("peel-2023-25")
    return pm.Programme(
        id=f"thread-test-{n}",
        title=f"Thread test {n}",
        year=2030,
        scale=base.scale,
        subjects=base.subjects,
    )


def test_registering_and_loading_from_many_threads_is_safe() -> None:
    start = threading.Barrier(12)
    catalogue = programmes.all()
    failures: list[str] = []

    def work(n: int) -> None:
        start.wait()
        programme = _programme(n)
        for _ in range(20):
            with programmes.registered(programme):
                if programmes.get(programme.id) is not programme:
                    failures.append(f"{n}: registered programme not found")
                document = {"force": "kent", "programme": programme.id}
                if pm.from_dict(document, pm.Inspection).programme is not programme:
                    failures.append(f"{n}: loaded with another programme")
            if any(p.id == programme.id for p in programmes.all()):
                failures.append(f"{n}: still registered after the block")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert programmes.all() == catalogue


def test_a_programme_exposes_nothing_mutable() -> None:
    programme = programmes.get("peel-2017")
    with pytest.raises(AttributeError):
        programme.title = "Changed"  # type: ignore[misc]
    assert isinstance(programme.subjects, tuple)
    with pytest.raises(TypeError):
        programme._by_id["x"] = programme.subjects[0]  # type: ignore[index]


# --- linear cost ---------------------------------------------------------------------------


def _count_calls(target: Any, name: str) -> tuple[list[int], Any]:
    calls = [0]
    original = getattr(target, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return original(*args, **kwargs)

    return calls, counted


@pytest.mark.parametrize("size", [300, 3000])
def test_a_long_history_is_shown_with_work_linear_in_its_length(
    size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Work is counted, not timed: the judgments the views visit grow with the length.
    from peelmodel import history as history_module

    programme = programmes.get("peel-2017")
    subjects = [s.id for s in programme.subjects if s.graded][:3]
    inspections = [
        pm.Inspection(
            force="kent",
            programme=programme,
            published=dt.date(1990, 1, 1) + dt.timedelta(days=i),
            judgments=[pm.Judgment(subject=s, grade=pm.Grade.GOOD) for s in subjects],
        )
        for i in range(size)
    ]
    history = pm.ForceHistory.of("kent", inspections)
    calls, counted = _count_calls(history_module, "compare")
    monkeypatch.setattr(history_module, "compare", counted)
    visited = [0]
    original_judgments = history_module.ForceHistory._indexed

    def indexed(self: Any, subject: str) -> Any:
        visited[0] += 1
        return original_judgments(self, subject)

    monkeypatch.setattr(history_module.ForceHistory, "_indexed", indexed)
    html = history._repr_html_()
    assert html.count("<tr") >= size
    judgments = size * len(subjects)
    assert calls[0] <= judgments
    assert visited[0] <= 2 * judgments


# --- large files: read one inspection at a time, with the same answers ---------------


def _outcome(read: Any) -> Any:
    try:
        return ("loaded", read())
    except pm.ValidationError as error:
        return ("refused", sorted((p.path, p.code) for p in error.problems))


def _documents() -> st.SearchStrategy[str]:
    from peelmodel import strategies as pst

    def layout(doc: dict[str, Any], indent: int | None, extra: str) -> str:
        text = json.dumps(doc, indent=indent)
        if "duplicate" in extra and '"force": ' in text:
            text = text.replace('"force": ', '"force": "essex", "force": ', 1)
        if "bad grade" in extra and '"grade": "' in text:
            text = text.replace('"grade": "', '"grade": "Goood', 1)
        if extra == "unknown key":
            text = text.replace('"inspections"', '"colour": 1, "inspections"', 1)
        elif extra == "not an object" and '"inspections": [' in text:
            text = text.replace('"inspections": [', '"inspections": [7, ', 1)
        return text

    return st.builds(
        layout,
        pst.datasets(max_inspections=3).map(pm.to_dict),
        st.sampled_from([None, 2]),
        st.sampled_from(
            ["", "duplicate", "bad grade", "duplicate, bad grade", "unknown key", "not an object"]
        ),
    )


@settings(max_examples=60, deadline=None)
@given(text=_documents())
def test_the_streamed_reader_gives_what_from_json_gives(text: str) -> None:
    from peelmodel.serialization import _from_json_streamed

    expected = _outcome(lambda: pm.from_json(text, pm.Dataset))
    assert _outcome(lambda: _from_json_streamed(text.encode(), pm.Dataset)) == expected
    assert _outcome(lambda: _from_json_streamed(text, pm.Dataset)) == expected


def test_validate_reads_a_large_dataset_one_inspection_at_a_time(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from peelmodel import __main__ as cli
    from peelmodel import serialization

    calls = []
    original = serialization._stream_array

    def counted(*args: Any) -> int:
        calls.append(1)
        return original(*args)

    monkeypatch.setattr(serialization, "_stream_array", counted)
    monkeypatch.setattr(cli, "_STREAM_ABOVE", 0)
    path = tmp_path / "essex.json"
    path.write_text(ESSEX)
    out = io.StringIO()
    assert cli.main(["validate", str(path)], out=out) == 0
    assert out.getvalue().endswith(": valid Dataset\n")
    assert calls == [1]
    broken = ESSEX.replace('"grade": "Good"', '"grade": "Goood"', 1)
    path.write_text(broken)
    out = io.StringIO()
    assert cli.main(["validate", str(path)], out=out) == 1
    expected = _outcome(lambda: pm.from_json(broken, pm.Dataset))
    assert expected[0] == "refused"
    assert [line.split(": ")[1] for line in out.getvalue().splitlines()] == [
        path for path, _ in expected[1]
    ]


# --- the fast path accepts exactly what the full converter accepts --------------------


def _both_paths(document: Any, cls: type[Any]) -> tuple[Any, Any]:
    from peelmodel import serialization

    data = serialization._migrate(document) if isinstance(document, dict) else document

    def fast() -> Any:
        try:
            return ("built", serialization._fast_builder(cls)(data))
        except Exception:
            return ("doubt", None)

    def full() -> Any:
        try:
            return ("built", serialization._converter().structure(data, cls))
        except Exception:
            return ("refused", None)

    return fast(), full()


@settings(max_examples=150, deadline=None)
@given(case=pst.invalid_inspection_cases())
def test_the_fast_path_never_builds_an_invalid_document(case: tuple[str, dict[str, Any]]) -> None:
    rule, document = case
    if rule.startswith("schema_version"):
        return  # refused before either path runs
    fast, full = _both_paths(document, pm.Inspection)
    assert full[0] == "refused"
    assert fast[0] == "doubt"


@settings(max_examples=60, deadline=None)
@given(dataset=pst.datasets(max_inspections=3))
def test_the_fast_path_builds_what_the_full_converter_builds(dataset: pm.Dataset) -> None:
    fast, full = _both_paths(pm.to_dict(dataset), pm.Dataset)
    assert full == ("built", dataset)
    written_in_full = any(i.programme not in programmes.catalogue() for i in dataset)
    if written_in_full:
        assert fast in (full, ("doubt", None))  # a programme of one's own: the full path
    else:
        assert fast == full


# --- every misuse is a ValidationError --------------------------------------------------


@pytest.mark.parametrize("wrong", ["essex", {"force": "essex"}, 3, None, b"{}"])
def test_check_refuses_what_it_cannot_check(wrong: Any) -> None:
    with pytest.raises(pm.ValidationError, match="check takes an Inspection") as info:
        pm.check(wrong)
    assert info.value.problems[0].path == "$"


def test_check_names_the_item_it_cannot_check() -> None:
    with pytest.raises(pm.ValidationError) as info:
        pm.check([pm.datasets.essex()[0], "kent"])
    assert [p.path for p in info.value.problems] == ["$[1]"]


def test_a_history_of_a_force_that_does_not_exist_is_refused() -> None:
    with pytest.raises(pm.ValidationError) as info:
        pm.ForceHistory.of("gotham", [])
    assert [(p.path, p.code) for p in info.value.problems] == [("$.force", "force.unknown")]
