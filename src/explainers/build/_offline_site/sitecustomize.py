"""Loaded by every Python process started with explainers.build.offline.kernel_env(): block the network."""

import os

if os.environ.get("EXPLAINERS_OFFLINE") == "1":
    from explainers.build import offline

    offline.install()
