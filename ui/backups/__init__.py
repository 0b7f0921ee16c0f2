"""Backups: File > Backups... (list, make, restore) and the offer made when the archive
cannot be opened at start."""
