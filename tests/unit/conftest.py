"""Fixtures shared by the unit tests: a throw-away project (build tests) and a fresh page (voice tests)."""

import shutil
from pathlib import Path

import pytest

from explainers import chapter
from explainers.core import paths

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture()
def project(tmp_path, monkeypatch):
    """A project root holding one working notebook; data/ is the real one (read-only)."""
    (tmp_path / "notebooks").mkdir()
    shutil.copy(FIXTURES / "ok_notebook.ipynb", tmp_path / "notebooks" / "98_ok.ipynb")
    real_data = paths.data_dir()
    monkeypatch.setenv("EXPLAINERS_ROOT", str(tmp_path))
    monkeypatch.setenv("EXPLAINERS_DATA_DIR", str(real_data))
    monkeypatch.delenv("EXPLAINERS_SITE_DIR", raising=False)
    monkeypatch.delenv("EXPLAINERS_CACHE_DIR", raising=False)
    monkeypatch.delenv("EXPLAINERS_FIGURES_DIR", raising=False)
    return tmp_path


@pytest.fixture()
def snapshot():
    """Return a function reading every file under a folder, for before/after comparisons."""

    def read(folder: Path) -> dict[str, bytes]:
        return {
            p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
        }

    return read


@pytest.fixture()
def fresh_page():
    """Each test renders its own page: no status marker explained yet, nothing recorded as used."""
    chapter.new_page()
    yield
    chapter.new_page()
