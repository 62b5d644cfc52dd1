"""The atlases facade: every name notebooks 00-02 use is the object of the module that does the job."""

import importlib
import importlib.util

import pytest

from explainers import atlases


@pytest.mark.parametrize("name", atlases.__all__)
def test_facade_re_exports_without_copying(name):
    value = getattr(atlases, name)
    homes = ("rois", "nodes", "volumes", "anatomy", "surfaces", "vocabulary")
    origins = [m for m in homes if getattr(importlib.import_module(f"explainers.{m}"), name, None) is value]
    assert origins, f"atlases.{name} is defined in the facade instead of a module of one job"


def test_facade_defines_nothing_of_its_own():
    source = importlib.util.find_spec("explainers.atlases").origin
    with open(source, encoding="utf-8") as handle:
        text = handle.read()
    assert "\ndef " not in text and "\nclass " not in text
