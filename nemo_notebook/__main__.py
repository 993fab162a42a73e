"""``python -m nemo_notebook`` runs the ``nemo-notebook`` command."""

from __future__ import annotations

import sys

from .cli import main

sys.exit(main())
