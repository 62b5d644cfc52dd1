"""Showing figures, simulated signals and chapter helpers: behaviour and error messages."""

import json
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from explainers import chapter
from explainers.build import cli
from explainers.core import vocabulary
from explainers.datasets import simulate
from explainers.figures import show
from explainers.literature import datasources, ledger, views

GOOD = dict(
    title="A title.",
    caption="A caption.",
    alt="A description of what the figure shows, long enough.",
    data=("ledger",),
)


def small_figure():
    fig, ax = plt.subplots(figsize=(2, 2))
    ax.plot([0, 1], [0, 1])
    return fig


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"figure_id": "Figure 1"}, "is not valid: use 'NN-short-name'"),
        ({"alt": "A plot."}, "alt text of figure '01-test' is too short"),
        ({"caption": ""}, "has an empty caption"),
        ({"simulated": True}, "must contain the word SIMULATED"),
        ({"simulated": True, "caption": "SIMULATED."}, "lack the 'simulated' source"),
        ({"data": ("simulated",)}, "include the 'simulated' source"),
        ({"data": ("nosuchdata",)}, r"unknown data-source id 'nosuchdata'; choose one of: .*ledger"),
        ({"data": ()}, "a figure must name the data it shows"),
    ],
)
def test_show_figure_rejects_incomplete_figures(changes, message):
    arguments = {"figure_id": "01-test", **GOOD, **changes}
    figure_id = arguments.pop("figure_id")
    with pytest.raises(ValueError, match=message):
        show.show_figure(small_figure(), figure_id, **arguments)


def test_show_figure_saves_png_svg_and_sidecar_only_when_asked(tmp_path, monkeypatch):
    monkeypatch.delenv("EXPLAINERS_FIGURES_DIR", raising=False)
    show.show_figure(small_figure(), "01-test", **GOOD)
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setenv("EXPLAINERS_FIGURES_DIR", str(tmp_path))
    record = show.show_figure(small_figure(), "01-test", **GOOD)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["01-test.json", "01-test.png", "01-test.svg"]
    sidecar = json.loads((tmp_path / "01-test.json").read_text())
    assert (
        sidecar["alt"] == GOOD["alt"]
        and sidecar["licence"] == "CC BY 4.0"
        and record.files == ["01-test.png", "01-test.svg"]
    )
    assert sidecar["data"] == ["ledger"] and "claims ledger" in sidecar["source"]


def test_credit_line_names_each_source_once_with_its_own_terms():
    data = ("seitzman-rois", "neurosynth-default-mode", "nilearn-glass-brain")
    line = datasources.credit(data, ("b08-result-deactivation",)).line
    for name in ("Seitzman regions of interest", "Neurosynth 'default mode' map", "glass-brain outlines"):
        assert line.count(name) == 1, name
    assert "(Yarkoni et al., 2011), ODbL 1.0" in line and "from nilearn" in line and "BSD-3-Clause" in line
    assert "findings: Baliki et al. (2008)" in line
    assert line.endswith("Licence: CC BY 4.0 for the figure; data under the terms named.")
    own = "Source: claims ledger and bibliography (this project). Licence: CC BY 4.0."
    assert datasources.credit(("ledger",)).line == own
    with pytest.raises(ValueError, match="unknown data-source id 'nowhere'; choose one of: "):
        datasources.credit(("nowhere",))


def test_rendering_is_deterministic():
    fig = small_figure()
    assert show.figure_bytes(fig, "png") == show.figure_bytes(fig, "png")
    assert show.figure_bytes(fig, "svg") == show.figure_bytes(fig, "svg")
    assert b"<dc:date>" not in show.figure_bytes(fig, "svg")


def test_simulated_block_design_dips_and_rises_where_it_should():
    design = simulate.BlockDesign()
    signals = simulate.block_design_signals(design)
    late_in_block = signals["task_on"].astype(bool) & signals["task_on"].shift(100, fill_value=0).astype(bool)
    assert (signals.loc[late_in_block, "attention"] > 0.5).all()
    assert (signals.loc[late_in_block, "default_controls"] < -0.2).all()
    ratio = signals["default_patients"].min() / signals["default_controls"].min()
    assert ratio == pytest.approx(design.patient_fraction)
    assert signals["time_s"].iloc[-1] == pytest.approx(
        design.lead_in_seconds + design.n_cycles * 2 * design.block_seconds - design.sampling_seconds
    )


@pytest.mark.parametrize(
    ("field", "value"), [("patient_fraction", 1.5), ("block_seconds", 0), ("n_cycles", 0)]
)
def test_block_design_rejects_impossible_parameters(field, value):
    with pytest.raises(ValueError, match=field):
        simulate.BlockDesign(**{field: value})


def test_canonical_hrf_peaks_about_five_seconds_after_onset():
    kernel = simulate.canonical_hrf(0.1)
    assert kernel.max() == 1.0
    assert 4.0 <= np.argmax(kernel) * 0.1 <= 6.5


def test_markdown_table_escapes_pipes():
    table = views.markdown_table(["a", "b"], [["x|y", "z"]])
    assert table.splitlines()[2] == "| x\\|y | z |"


def test_quiz_rejects_unknown_verdicts_and_renders_answers_hidden():
    with pytest.raises(
        ValueError,
        match=(
            "unknown quiz verdict 'maybe' in item 1; "
            "valid verdicts: supported, overstated, beyond the data, not tested, factual error"
        ),
    ):
        chapter.quiz([("A statement.", "maybe", ["b08-result-performance"])])
    text = chapter.quiz([("A statement.", "supported", ["b08-result-deactivation"])]).data
    # The whole answer sits inside <details> on one line, so no renderer can leave it outside.
    assert re.search(
        r"<details><summary>Show the answer</summary><p><strong>Supported\.</strong>"
        r"[^\n]*\(Baliki et al\., 2008\)\.</p></details>",
        text,
    )


def test_claim_status_counts_cover_the_whole_ledger():
    counts = views.claim_status_counts()
    assert int(counts.to_numpy().sum()) == len(ledger.load_claims())
    assert list(counts.columns) == list(vocabulary.STATUSES)


def test_say_refuses_unverified_claims_unless_marked():
    unverified = ledger.load_claims().query("status == 'unverified'").index[0]
    with pytest.raises(ValueError, match="unverified"):
        chapter.say(unverified)
    assert "<sup>\u2021</sup>" in chapter.say(unverified, allow_unverified=True).data


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["build", "--jobs", "0"], "--jobs must be at least 1, got 0"),
        (["build", "--jobs", "two"], "--jobs must be a whole number"),
    ],
)
def test_cli_rejects_bad_job_counts(argv, message, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(argv)
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


def test_cli_names_valid_notebooks_for_an_unknown_one(capsys):
    assert cli.main(["build", "--only", "99_nope", "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert "unknown notebook '99_nope'; choose one of: " in err and "00_start_here" in err


def test_manifest_is_complete_and_current():
    from explainers.build import manifest

    assert manifest.verify() == []
