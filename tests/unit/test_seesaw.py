"""Notebook 03's analysis modules: network summaries, denoising, gradients, the resting run."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from explainers.analysis import denoise, gradients
from explainers.chapters import seesaw
from explainers.core import palette
from explainers.datasets import connectivity, restingstate

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


# --------------------------------------------------------------------------- denoising


def test_gsr_equals_a_plain_least_squares_residual():
    rng = np.random.default_rng(1)
    data = rng.normal(size=(200, 6)) + rng.normal(size=(200, 1))  # a shared component
    gs = data.mean(axis=1)
    design = np.column_stack([np.ones(200), gs])
    projection = np.eye(200) - design @ np.linalg.inv(design.T @ design) @ design.T
    np.testing.assert_allclose(denoise.global_signal_regression(data), projection @ data, atol=1e-10)
    np.testing.assert_allclose(denoise.global_signal_regression(data, gs), projection @ data, atol=1e-10)


def test_gsr_makes_the_correlations_of_equal_series_sum_negative():
    # Murphy et al.'s point: after GSR a seed's correlations with the others sum to <= 0 here.
    rng = np.random.default_rng(2)
    data = rng.normal(size=(300, 8)) + 2 * rng.normal(size=(300, 1))
    clean = denoise.global_signal_regression(data)
    r = denoise.correlate(clean[:, 0], clean[:, 1:])
    assert denoise.correlate(data[:, 0], data[:, 1:]).min() > 0.5
    assert r.sum() < 0


def test_regress_out_keeps_dataframes_and_rejects_bad_input():
    frame = pd.DataFrame({"a": np.arange(5.0), "b": np.ones(5)})
    out = denoise.regress_out(frame, np.arange(5.0))
    assert list(out.columns) == ["a", "b"] and np.allclose(out.to_numpy(), 0)
    with pytest.raises(ValueError, match="4 frames but the data have 5"):
        denoise.regress_out(frame, np.arange(4.0))
    with pytest.raises(ValueError, match="NaN"):
        denoise.regress_out(frame, np.array([0, 1, np.nan, 3, 4]))


def test_correlate_matches_numpy():
    rng = np.random.default_rng(3)
    x, y = rng.normal(size=50), rng.normal(size=(50, 3))
    np.testing.assert_allclose(denoise.correlate(x, y), [np.corrcoef(x, y[:, k])[0, 1] for k in range(3)])


def test_censor_and_chance():
    data = np.arange(10.0)
    assert denoise.censor(data, data > 4).tolist() == [5, 6, 7, 8, 9]
    with pytest.raises(ValueError, match="only 2 frames"):
        denoise.censor(data, data > 7)
    assert denoise.chance_variance_explained(101, 10) == pytest.approx(0.1)


def test_variance_explained_of_white_noise_is_near_chance():
    rng = np.random.default_rng(4)
    r2 = denoise.variance_explained(rng.normal(size=(400, 200)), rng.normal(size=(400, 20)))
    assert r2.mean() == pytest.approx(denoise.chance_variance_explained(400, 20), abs=0.01)


# --------------------------------------------------------------------------- sign tables


def test_sign_table_and_summary_count_negative_runs():
    t = np.linspace(0, 10, 100)
    shared = np.sin(t)
    runs = {
        "r1": pd.DataFrame({"seed": 3 * shared + np.cos(3 * t), "target": 3 * shared - np.cos(3 * t)}),
        "r2": pd.DataFrame({"seed": 3 * shared + np.cos(5 * t), "target": 3 * shared - np.cos(5 * t)}),
    }
    steps = {
        "raw": lambda name, table: table,
        "minus shared": lambda name, table: denoise.regress_out(table, shared),
    }
    table = seesaw.sign_table(runs, "seed", ["target"], steps)
    summary = seesaw.sign_summary(table)
    assert list(summary.index) == ["raw", "minus shared"]
    assert summary.loc["raw", "n_negative"] == 0 and summary.loc["minus shared", "n_negative"] == 2
    with pytest.raises(ValueError, match="lacks the columns"):
        seesaw.sign_table(runs, "seed", ["nope"], steps)


def test_peaks_by_network_ratio():
    vertex_networks = np.array(["", "A", "A", "B", "B", "B", "B"], dtype=object)
    table = seesaw.peaks_by_network(np.array([1, 1, 3, 0]), vertex_networks, ["A", "B"])
    assert table.loc["A", "n_peaks"] == 2 and table.loc["B", "n_peaks"] == 1
    assert table.loc["A", "ratio"] == pytest.approx((2 / 3) / (2 / 6))


# --------------------------------------------------------------------------- gradients


def test_diffusion_map_orders_a_toy_line():
    # 60 regions on a line; connectivity falls with distance: the first gradient is the line.
    position = np.linspace(0, 1, 60)
    matrix = np.exp(-((position[:, None] - position[None, :]) ** 2) / 0.02)
    g, lambdas = gradients.principal_gradients(matrix, n_components=2, sparsity=0.5)
    first = gradients.orient(g[:, 0], position > 0.5)
    assert np.all(np.diff(first) > 0)  # strictly monotonic along the line
    assert lambdas[0] > lambdas[1] > 0


def test_diffusion_map_rejects_bad_affinity():
    with pytest.raises(ValueError, match="symmetric and non-negative"):
        gradients.diffusion_map(np.array([[1.0, 0.2], [0.1, 1.0]]), n_components=1)
    with pytest.raises(ValueError, match="square"):
        gradients.row_threshold(np.ones((2, 3)))


def test_hcp_gradient_matches_the_one_brainspace_ships():
    from scipy.stats import spearmanr

    from explainers.datasets import surfaces

    fc = connectivity.load_group_fc(400)
    default = (connectivity.schaefer_network_labels(400)["network"] == "Default").to_numpy()
    ours = gradients.orient(gradients.principal_gradients(fc.to_numpy())[0][:, 0], default)
    shipped = gradients.parcel_means(gradients.load_shipped_gradient(0), surfaces.schaefer_fslr(400), 400)
    assert abs(spearmanr(ours, shipped)[0]) > 0.95


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


def test_variance_explained_equals_one_minus_residual_share_with_redundant_confounds():
    """The projection shortcut gives the R squared of the plain least-squares residuals,
    also when one confound is a combination of others (it must not count twice)."""
    rng = np.random.default_rng(3)
    confounds = rng.normal(size=(120, 4))
    confounds = np.column_stack([confounds, confounds[:, 0] + 2 * confounds[:, 1]])
    data = rng.normal(size=(120, 30)) + confounds[:, :2] @ rng.normal(size=(2, 30)) + 5
    centred = data - data.mean(axis=0)
    residual = np.asarray(denoise.regress_out(data, confounds))
    expected = 1 - (residual**2).sum(axis=0) / (centred**2).sum(axis=0)
    assert np.allclose(denoise.variance_explained(data, confounds), expected)
    assert np.allclose(denoise.variance_explained(np.ones((120, 2)), confounds), 0)  # constant series


def test_verdict_figure_draws_one_bar_per_number_and_refuses_non_correlations():
    from explainers.chapters import seesawverdict

    fig = seesawverdict.verdict_numbers([("a", 0.5), ("b", -0.1)], "overstated")
    bars = [p for p in fig.axes[0].patches]
    assert [round(b.get_width(), 2) for b in bars] == [0.5, -0.1]
    assert "overstated" in fig.axes[0].get_title(loc="left")
    with pytest.raises(ValueError, match=r"between -1 and 1, got \[1.5\]"):
        seesawverdict.verdict_numbers([("a", 1.5)], "x")
    with pytest.raises(ValueError, match="at least one"):
        seesawverdict.verdict_numbers([], "x")


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


def test_sign_change_shades_below_zero_with_a_palette_colour():
    from matplotlib.colors import to_hex

    from explainers.chapters import seesawfigures
    from explainers.figures import housestyle

    t = np.linspace(0, 10, 100)
    runs = {"r1": pd.DataFrame({"seed": np.sin(t), "target": np.sin(t) + np.cos(t)})}
    table = seesaw.sign_table(runs, "seed", ["target"], {"raw": lambda name, frame: frame})
    fig = seesawfigures.sign_change([{"title": "one run", "table": table}], {"raw": "as measured"})
    try:
        ax = fig.axes[0]
        shades = [p for p in ax.patches if p.get_zorder() == 0]
        assert len(shades) == 1
        low, high = ax.get_ylim()
        extent = shades[0].get_path().transformed(shades[0].get_patch_transform()).get_extents()
        # axhspan spans y in data units: from the bottom of the axis up to zero, no further.
        assert extent.y0 == pytest.approx(low) and extent.y1 == pytest.approx(0)
        assert to_hex(shades[0].get_facecolor()[:3]) in {c.lower() for c in palette.OKABE_ITO.values()}
    finally:
        housestyle.pyplot().close(fig)
