"""Pieces every feature package shares.

Layout builders, icons, item-model bases, message boxes, commands and undo; the typed
settings; the date and time fields and the Qt-free rules that read what is typed into them.
"""
