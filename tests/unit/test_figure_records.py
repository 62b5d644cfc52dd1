"""The record beside each figure (literature.figurerecords): one shape, written and read in one place."""

import json

import pytest

from explainers.literature import figurerecords
from explainers.literature.figurerecords import FigureRecord


def _record(figure_id: str, notebook: str = "01_x", **changes) -> FigureRecord:
    text = {"title": "A title.", "caption": "A caption.", "alt": "Alt text.", "source": "S", "licence": "L"}
    return FigureRecord(figure_id, **{**text, **changes}, claims=["c1"], notebook=notebook, files=["a.png"])


def test_a_written_record_reads_back_equal_and_stable(tmp_path):
    record = _record("01-a", caption="Ünïcode stays as written.")
    path = figurerecords.write(record, tmp_path / "figures")
    assert path.name == figurerecords.sidecar_name("01-a") == "01-a.json"
    assert figurerecords.read(tmp_path / "figures") == [record]
    first = path.read_bytes()
    figurerecords.write(record, tmp_path / "figures")
    assert path.read_bytes() == first and "Ünïcode".encode() in first, "same bytes, UTF-8 not escaped"


def test_read_keeps_one_notebooks_records_and_passes_over_other_json(tmp_path):
    for record in (_record("01-b"), _record("01-a"), _record("02-a", notebook="02_y")):
        figurerecords.write(record, tmp_path)
    (tmp_path / "notes.json").write_text(json.dumps({"not": "a figure"}))
    (tmp_path / "usage").mkdir()
    (tmp_path / "usage" / "01_x.json").write_text("{}")
    assert [r.figure_id for r in figurerecords.read(tmp_path)] == ["01-a", "01-b", "02-a"]
    assert [r.figure_id for r in figurerecords.read(tmp_path, "02_y")] == ["02-a"]
    assert figurerecords.read(tmp_path / "missing") == []


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "01-a.json is not valid JSON"),
        (json.dumps({"figure_id": "01-a", "title": "T", "legend": "?"}), r"unknown field\(s\) \['legend'\]"),
        (json.dumps({"figure_id": "01-a", "title": "T"}), r"missing \['caption', 'alt', 'source', 'lic"),
    ],
)
def test_a_record_of_another_shape_is_an_error_naming_the_file(tmp_path, content, message):
    (tmp_path / "01-a.json").write_text(content)
    with pytest.raises(ValueError, match=message):
        figurerecords.read(tmp_path)
