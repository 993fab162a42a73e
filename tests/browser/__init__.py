"""Helpers for the real-browser test: a quiet JupyterLab server and a Playwright-driven notebook page."""
