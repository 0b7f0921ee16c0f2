"""Pieces every feature package shares.

Layout builders, icons, item-model bases, message boxes, commands and undo.
"""
