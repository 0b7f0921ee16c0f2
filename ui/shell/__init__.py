"""The main window that wires the feature packages together, and its welcome page."""
