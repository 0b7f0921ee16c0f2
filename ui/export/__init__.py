"""Word export: the export dialog, the live preview and the export settings."""
