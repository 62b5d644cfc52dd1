"""One spelling for every name the collection uses: networks, claim statuses and verdicts.

Every module, figure, table and notebook takes its names from here. Each atlas's own
spelling is an *alias* that maps to one canonical name, so "DorsAttn", "Dorsal Attention"
and "DorsalAttention" are one network everywhere.
"""

from __future__ import annotations

# --------------------------------------------------------------------------- networks
# (section owned by the package-structure work: canonical names, display labels, aliases)

# --------------------------------------------------------------------------- claim statuses
# (section owned by the fidelity-and-voice work: verified / secondary / unverified, markers)

# --------------------------------------------------------------------------- verdicts
# (section owned by the fidelity-and-voice work: supported / overstated / beyond the data /
# not tested / factual error, each with its meaning, colour and marker)
