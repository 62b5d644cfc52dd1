"""Notebook 03: its chapter summaries, the resting run, and the library calls its cells rely on."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from explainers.chapters import seesaw
from explainers.datasets import connectivity, restingstate

ROOT = Path(__file__).resolve().parents[2]

# --------------------------------------------------------------------------- network summary


def _block_means_by_indicators(matrix: np.ndarray, networks: np.ndarray, order) -> np.ndarray:
    """Independent block means: indicator matrices and sums, the diagonal subtracted by hand."""
    indicator = np.stack([networks == n for n in order], axis=1).astype(float)  # parcels x networks
    sums = indicator.T @ matrix @ indicator
    counts = indicator.sum(axis=0)
    pairs = np.outer(counts, counts)
    diagonal = indicator.T @ np.diag(matrix)  # self-correlations fall only in diagonal blocks
    sums[np.diag_indices_from(sums)] -= diagonal
    pairs[np.diag_indices_from(pairs)] -= counts
    return sums / pairs


def test_network_summary_matches_block_means_computed_another_way():
    fc = connectivity.load_group_fc(400)
    networks = connectivity.schaefer_network_labels(400)["network"].to_numpy(dtype=object)
    summary = connectivity.network_summary(fc)
    expected = _block_means_by_indicators(fc.to_numpy(), networks, list(summary.index))
    np.testing.assert_allclose(summary.to_numpy(dtype=float), expected, rtol=0, atol=1e-12)


def test_network_contrasts_pick_the_right_cells():
    names = ["Vis", "DorsAttn", "SalVentAttn", "Default"]
    values = np.arange(16, dtype=float).reshape(4, 4)
    summary = pd.DataFrame(values, index=names, columns=names)
    contrasts = seesaw.network_contrasts(summary)
    assert contrasts["within_default"] == 15.0
    assert contrasts["default_dorsal_attention"] == 13.0
    assert contrasts["default_salience"] == 14.0


def test_network_key_names_the_choices():
    with pytest.raises(ValueError, match="unknown role 'dmn'"):
        seesaw.network_key(["Default"], "dmn")
    with pytest.raises(ValueError, match="expected one network"):
        seesaw.network_key(["Vis"], "default")


def test_seed_map_paints_the_row_and_blanks_the_seed():
    labels = ["a", "b", "c"]
    fc = pd.DataFrame([[1, 0.5, -0.2], [0.5, 1, 0.1], [-0.2, 0.1, 1]], index=labels, columns=labels)
    parcels = np.array([0, 1, 2, 3, 3])
    painted = seesaw.seed_map(fc, "a", parcels)
    assert np.isnan(painted[0]) and np.isnan(painted[1])
    np.testing.assert_allclose(painted[2:], [0.5, -0.2, -0.2])
    with pytest.raises(ValueError, match="unknown seed 'z'"):
        seesaw.seed_map(fc, "z", parcels)


def test_peaks_by_network_ratio():
    vertex_networks = np.array(["", "A", "A", "B", "B", "B", "B"], dtype=object)
    table = seesaw.peaks_by_network(np.array([1, 1, 3, 0]), vertex_networks, ["A", "B"])
    assert table.loc["A", "n_peaks"] == 2 and table.loc["B", "n_peaks"] == 1
    assert table.loc["A", "ratio"] == pytest.approx((2 / 3) / (2 / 6))


# --------------------------------------------------------------------------- resting run


def test_resting_run_shape_and_confound_structure():
    run = restingstate.load_run()
    assert run.data.shape == (restingstate.N_FRAMES, 2 * restingstate.N_VERTICES_PER_HEMISPHERE)
    c = run.confounds
    components = c[restingstate.confound_columns("components")].to_numpy()
    np.testing.assert_allclose(components.T @ components, np.eye(6), atol=1e-6)  # orthonormal
    motion = c[restingstate.confound_columns("motion")].to_numpy()
    differences = c[restingstate.confound_columns("motion_differences")].to_numpy()
    np.testing.assert_allclose(np.diff(motion, axis=0), differences[1:], atol=1e-6)
    spikes = c[restingstate.confound_columns("spikes")].to_numpy()
    assert (spikes != 0).sum(axis=0).tolist() == [1] * spikes.shape[1]
    with pytest.raises(ValueError, match="unknown confound group 'wm'"):
        restingstate.confound_columns("wm")


def test_pair_counts_count_each_pair_of_a_symmetric_table_once():
    table = pd.DataFrame([[0.5, -0.1, 0.2], [-0.1, -0.3, 0.0], [0.2, 0.0, 0.4]])
    counts = seesaw.pair_counts(table)
    assert (counts["pairs"], counts["between"], counts["within"]) == (6, 3, 3)
    assert (counts["negative"], counts["negative_between"], counts["negative_within"]) == (2, 1, 1)
    with pytest.raises(ValueError, match="symmetric"):
        seesaw.pair_counts(pd.DataFrame([[1.0, 0.2], [0.3, 1.0]]))


def test_matrix_overview_leaves_out_the_diagonal_and_repeats():
    fc = np.array([[1.0, -0.2, 0.4], [-0.2, 1.0, 0.1], [0.4, 0.1, 1.0]])
    overview = seesaw.matrix_overview(fc)
    assert overview["n_pairs"] == 3
    assert overview["mean_r"] == pytest.approx(0.1)
    assert overview["share_negative"] == pytest.approx(1 / 3)


def test_network_means_sort_networks_by_their_mean_not_their_median():
    values = [-10.0, 1.0, 1.0, 0.0, 0.5, 0.5]
    means = seesaw.network_means(values, ["A", "A", "A", "B", "B", "B"])
    assert list(means.index) == ["A", "B"]  # A's median (1.0) is higher, its mean (-2.67) lower
    with pytest.raises(ValueError, match="shape"):
        seesaw.network_means([1.0, 2.0], ["A"])


# --------------------------------------------------------------------------- seed coupling per run


def test_seed_coupling_averages_the_seed_row_and_skips_missing_targets():
    run1 = np.array([[1.0, 0.2, 0.4], [0.2, 1.0, 0.0], [0.4, 0.0, 1.0]])
    run2 = np.array([[1.0, -0.3, np.nan], [-0.3, 1.0, np.nan], [np.nan, np.nan, np.nan]])
    np.testing.assert_allclose(seesaw.seed_coupling([run1, run2]), [0.3, -0.3])
    np.testing.assert_allclose(seesaw.seed_coupling(run1, seed=2, targets=[1]), [0.0])
    assert np.isnan(seesaw.seed_coupling(run2, seed=0, targets=[2])[0])  # no target left: NaN, no warning
    with pytest.raises(ValueError, match=r"region indices \[3\] are not between 0 and 2"):
        seesaw.seed_coupling(run1, targets=[1, 3])
    with pytest.raises(ValueError, match="also among the targets"):
        seesaw.seed_coupling(run1, seed=1, targets=[1, 2])
    with pytest.raises(ValueError, match="square"):
        seesaw.seed_coupling(np.ones((2, 3)))


def test_sign_summary_counts_runs_below_zero_per_step_in_column_order():
    coupling = pd.DataFrame(
        {"task removed": [0.3, 0.1, -0.2, np.nan], "global signal removed": [-0.1, -0.2, -0.4, -0.3]}
    )
    summary = seesaw.sign_summary(coupling)
    assert list(summary.index) == ["task removed", "global signal removed"]
    assert summary.loc["task removed", "n_runs"] == 3 and summary.loc["task removed", "n_negative"] == 1
    assert summary.loc["task removed", "median_r"] == pytest.approx(0.1)
    assert summary.loc["global signal removed", "share_negative"] == 1.0


def test_contrast_kinds_flag_names_roughly_and_unnamed_only_whole_names():
    names = [
        "Deactivation clusters",
        "Baseline > 2-back",
        "Positive correlation with age",
        "Controls > Schizophrenia",
        "VBM: gray matter decreases in patients",
        "tbl2",
        "Table 3.",
        "2-back > 0-back",
        None,
    ]
    kinds = seesaw.contrast_kinds(names)
    assert list(kinds.columns) == list(seesaw.CONTRAST_KINDS)
    assert kinds["decrease"].tolist() == [True, True, False, False, True, False, False, False, False]
    assert kinds["correlation"].tolist() == [False, False, True, False, False, False, False, False, False]
    assert kinds["groups"].tolist() == [False, False, False, True, True, False, False, False, False]
    assert kinds["grey matter"].tolist() == [False, False, False, False, True, False, False, False, False]
    assert kinds["unnamed"].tolist() == [False, False, False, False, False, True, True, False, False]


# --------------------------------------------------------------------------- the library calls of the cells


def _clean(signals, **kwargs):
    """The arguments notebook 03 passes to nilearn's signal.clean (no detrending, no scaling)."""
    from nilearn import signal

    with warnings.catch_warnings():  # nilearn 0.13's note to developers about 0.14's defaults
        warnings.filterwarnings("ignore", message="From release 0.14.0", category=DeprecationWarning)
        return signal.clean(signals, detrend=False, standardize=None, **kwargs)


def test_signal_clean_as_called_is_the_least_squares_residual_up_to_the_mean():
    # The notebook removes the task model, nuisance signals and the global signal with signal.clean;
    # with these arguments that is the plain least-squares residual (with a constant), up to each
    # series' mean, and sample_mask drops frames before the fit.
    rng = np.random.default_rng(1)
    confounds = rng.normal(size=(200, 3))
    data = rng.normal(size=(200, 6)) + confounds @ rng.normal(size=(3, 6)) + 5
    design = np.column_stack([np.ones(200), confounds])
    residual = data - design @ np.linalg.lstsq(design, data, rcond=None)[0]
    cleaned = _clean(data, confounds=confounds)
    np.testing.assert_allclose(cleaned - cleaned.mean(axis=0), residual, atol=1e-10)
    keep = np.arange(200) % 3 != 0
    kept = design[keep]
    residual_kept = data[keep] - kept @ np.linalg.lstsq(kept, data[keep], rcond=None)[0]
    cleaned_kept = _clean(data, confounds=confounds, sample_mask=keep)
    np.testing.assert_allclose(cleaned_kept - cleaned_kept.mean(axis=0), residual_kept, atol=1e-10)


def test_connectivity_measure_as_called_gives_pearson_correlations():
    from nilearn.connectome import ConnectivityMeasure
    from sklearn.covariance import EmpiricalCovariance

    rng = np.random.default_rng(2)
    runs = [rng.normal(size=(120, 4)) + rng.normal(size=(120, 1)) for _ in range(2)]
    measure = ConnectivityMeasure(
        kind="correlation", cov_estimator=EmpiricalCovariance(), standardize="zscore_sample"
    )
    matrices = measure.fit_transform(runs)
    for run, matrix in zip(runs, matrices, strict=True):
        np.testing.assert_allclose(matrix, np.corrcoef(run.T), atol=1e-10)
    # nilearn's default estimator shrinks the covariance (Ledoit-Wolf): correlations move towards 0.
    shrunk = ConnectivityMeasure(kind="correlation", standardize="zscore_sample").fit_transform(runs)
    assert np.abs(shrunk[0][np.triu_indices(4, 1)]).sum() < np.abs(matrices[0][np.triu_indices(4, 1)]).sum()


def test_removing_the_global_signal_makes_a_seed_s_correlations_sum_negative():
    # Murphy et al.'s point, with the notebook's own calls: series that all share one signal are
    # positively correlated; after the global signal is regressed out, the seed's correlations with
    # the others add up to a negative value.
    from nilearn.connectome import ConnectivityMeasure
    from sklearn.covariance import EmpiricalCovariance

    rng = np.random.default_rng(3)
    data = rng.normal(size=(300, 8)) + 2 * rng.normal(size=(300, 1))
    measure = ConnectivityMeasure(
        kind="correlation", cov_estimator=EmpiricalCovariance(), standardize="zscore_sample"
    )
    before = measure.fit_transform([data])[0]
    after = measure.fit_transform([_clean(data, confounds=data.mean(axis=1, keepdims=True))])[0]
    assert before[0, 1:].min() > 0.5
    assert after[0, 1:].sum() < 0
    assert seesaw.seed_coupling(after)[0] < 0 < seesaw.seed_coupling(before)[0]


def test_brainspace_gradient_matches_the_gradient_brainspace_ships_for_the_same_data():
    from brainspace.gradient import GradientMaps

    from explainers.datasets import surfaces

    fc = connectivity.load_group_fc(400)
    gradient = GradientMaps(n_components=2, approach="dm", kernel="cosine", random_state=0).fit(fc.to_numpy())
    shipped = (
        pd.Series(connectivity.load_group_gradient(0)).groupby(surfaces.schaefer_fslr(400)).mean().drop(0)
    )
    assert abs(np.corrcoef(gradient.gradients_[:, 0], shipped.to_numpy())[0, 1]) > 0.98
    with pytest.raises(ValueError, match="unknown gradient index 2"):
        connectivity.load_group_gradient(2)


def test_brainspace_gradient_imports_only_packages_the_lock_pins():
    # brainspace is installed without its dependencies (they include VTK): the one module notebook 03
    # imports must find everything it needs among the pinned packages.
    import importlib.metadata
    import subprocess
    import sys

    # The probe prints the top folder under site-packages of every module the import loads (so
    # extension modules that register under their own name, like scipy's, count as their package).
    probe = """
import sys
before = set(sys.modules)
from brainspace.gradient import GradientMaps
files = [getattr(sys.modules[m], "__file__", None) or "" for m in set(sys.modules) - before]
tops = {f.split("site-packages/", 1)[1].split("/")[0] for f in files if "site-packages/" in f}
print(" ".join(sorted(tops)))
"""
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    third_party = {name.removesuffix(".py") for name in loaded.stdout.split()}
    distributions = importlib.metadata.packages_distributions()
    lock = (ROOT / "requirements" / "lock.txt").read_text(encoding="utf-8")
    pinned = {line.split("==")[0].strip().lower() for line in lock.splitlines() if "==" in line}
    missing = {
        module: distributions.get(module)
        for module in third_party - {"brainspace"}
        if not {d.lower() for d in distributions.get(module, [])} & pinned
    }
    assert "vtk" not in third_party and missing == {}, (
        f"brainspace.gradient loads unpinned packages: {missing}"
    )
