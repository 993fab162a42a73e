"""The notebook layer: magics, widgets, batch runs."""
