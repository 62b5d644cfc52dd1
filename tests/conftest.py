"""Test-wide setup: the whole run is offline, in this process and in every notebook kernel."""

import os

from explainers.build import offline

# Kernels started by nbval inherit os.environ, so they load the offline sitecustomize too.
os.environ.update(offline.kernel_env())
offline.install()
