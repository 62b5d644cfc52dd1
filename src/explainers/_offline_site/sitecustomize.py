"""Loaded by every Python process started with explainers.offline.kernel_env(): block the network."""

import os

if os.environ.get("EXPLAINERS_OFFLINE") == "1":
    from explainers import offline

    offline.install()
