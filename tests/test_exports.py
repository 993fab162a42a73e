"""The curated public surface: ``__all__`` is sorted and every name in it resolves."""

from __future__ import annotations

import nemo_notebook


def test_all_is_sorted_and_unique() -> None:
    assert nemo_notebook.__all__ == sorted(set(nemo_notebook.__all__))


def test_every_exported_name_resolves() -> None:
    for name in nemo_notebook.__all__:
        assert getattr(nemo_notebook, name) is not None, name


def test_exported_classes_report_the_public_module() -> None:
    assert nemo_notebook.Timeline.__module__ == "nemo_notebook.timeline"
    assert issubclass(nemo_notebook.NoCredits, nemo_notebook.NemoError)
    assert dir(nemo_notebook) == nemo_notebook.__all__
