"""File > Import from Word...: read old notes from Word files, review them, then save.

Reading is done a file at a time from the event loop (a folder of a few hundred notes reads
in well under a minute, and the window stays responsive with a progress bar and Cancel);
nothing is saved until the secretary has looked at each draft beside what was read and
confirmed every guess.
"""

from __future__ import annotations

from ui.wordimport.dialog import WordImportDialog, import_from_word_action

__all__ = ["WordImportDialog", "import_from_word_action"]
