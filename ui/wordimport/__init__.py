"""File > Import from Word...: read old notes from Word files, review them, then save.

Reading is done a file at a time from the event loop (a folder of a few hundred notes reads
in well under a minute, and the window stays responsive with a progress bar and Cancel);
nothing is saved until the secretary has looked at each draft beside what was read and
confirmed every guess.

The package's modules are imported by name (``ui.wordimport.action`` for the menu's action,
``ui.wordimport.dialog`` for the dialog): importing the package itself loads nothing, so the
window can make the action without loading python-docx.
"""
