"""Textual: the App, screens, widgets and their .tcss styles."""
