"""The action log window: every action across meetings."""
