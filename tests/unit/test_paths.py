"""Where the project lives: the checkout, EXPLAINERS_* overrides, and an installed wheel."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from explainers.build import offline
from explainers.core import paths

SRC = Path(paths.__file__).resolve().parents[1]  # the explainers package (paths is in core/)


def test_checkout_is_found_from_the_package_folder(monkeypatch):
    monkeypatch.delenv("EXPLAINERS_ROOT", raising=False)
    root = paths.project_root()
    assert (root / "data" / "claims.csv").is_file() and (root / "src" / "explainers") == SRC


def test_environment_overrides(tmp_path, monkeypatch):
    monkeypatch.setenv("EXPLAINERS_ROOT", str(tmp_path))
    monkeypatch.delenv("EXPLAINERS_DATA_DIR", raising=False)
    monkeypatch.setenv("EXPLAINERS_CACHE_DIR", str(tmp_path / "c"))
    assert paths.project_root() == tmp_path.resolve()
    assert paths.data_dir() == tmp_path.resolve() / "data"
    assert (
        paths.cache_dir("meta") == (tmp_path / "c" / "meta").resolve() and (tmp_path / "c" / "meta").is_dir()
    )


def test_package_outside_a_checkout_says_what_to_set(tmp_path, monkeypatch):
    monkeypatch.delenv("EXPLAINERS_ROOT", raising=False)
    site = tmp_path / "lib" / "python3.11" / "site-packages" / "explainers"
    with pytest.raises(
        paths.ProjectRootNotFound, match="Set EXPLAINERS_ROOT to the folder of a checkout"
    ) as error:
        paths.project_root(site)
    assert str(site) in str(error.value) and "data/claims.csv" in str(error.value)


def _installed_copy(tmp_path: Path) -> Path:
    # A copy of the package in a site-packages-like folder: what `pip install .` (a wheel) gives.
    site = tmp_path / "site-packages"
    shutil.copytree(SRC, site / "explainers", ignore=shutil.ignore_patterns("__pycache__"))
    return site


@pytest.mark.parametrize("root_set", [False, True])
def test_installed_wheel_finds_data_only_through_explainers_root(tmp_path, root_set):
    site = _installed_copy(tmp_path)
    env = offline.kernel_env()
    env["PYTHONPATH"] = os.pathsep.join([str(site), env["PYTHONPATH"]])
    for name in ("EXPLAINERS_ROOT", "EXPLAINERS_DATA_DIR", "EXPLAINERS_CACHE_DIR"):
        env.pop(name, None)
    if root_set:
        env["EXPLAINERS_ROOT"] = str(SRC.parents[1])
    code = (
        "from explainers.core import paths; from explainers.datasets import nodes; "
        "print(paths.__file__); print(len(nodes.named_node_rules()))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    if root_set:
        assert out.returncode == 0, out.stderr
        assert out.stdout.splitlines()[0].startswith(str(site)) and int(out.stdout.splitlines()[1]) >= 10
    else:
        assert out.returncode != 0
        assert "ProjectRootNotFound" in out.stderr and "Set EXPLAINERS_ROOT" in out.stderr
