"""The directory entry made on the spot for an organisation a box does not know.

Adding an attendee, adding a hearing's member, the chair's organisation and an action's
owners all take an organisation typed into a box; when the directory has none by that name or
abbreviation, each offers the same small dialog (name and abbreviation, suggested from what
was typed) rather than refuse, and goes on with the organisation it made, or back to the box
if the person cancels.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from models import organisations
from models.organisation_labels import suggest_name_and_abbreviation
from ui.organisations.organisations_dialog import NameAbbreviationDialog

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from models.services import OrganisationRow
    from ui.editor.session import EditSession


def abbreviation_hint(abbreviation: str) -> str:
    """What follows the refusal of an organisation's full name typed where its abbreviation
    goes (the chair's organisation, an owner): nothing is offered, as the directory has it."""
    return f"Type {abbreviation}, the abbreviation of that name."


def offer_new_organisation(
    parent: QWidget,
    session: EditSession,
    typed: str,
    *,
    then: str,
    finished: Callable[[OrganisationRow | None], None],
) -> NameAbbreviationDialog[OrganisationRow]:
    """Open (window-modal) the dialog that adds ``typed`` to the directory; ``then`` ends
    its sentence ("it is added to this meeting's attendees"), and ``finished`` gets the
    organisation made, or None if the person cancelled."""
    name, abbreviation = suggest_name_and_abbreviation(typed)

    def create(name: str, abbreviation: str) -> OrganisationRow:
        return session.read(lambda db: organisations.add_organisation(db, name, abbreviation))

    dialog: NameAbbreviationDialog[OrganisationRow] = NameAbbreviationDialog(
        parent,
        title="New organisation",
        intro=f"No organisation in the directory matches “{typed}”. Add it, and {then}:",
        create=create,
        name=name,
        abbreviation=abbreviation,
        accept_label="Add organisation",
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.finished.connect(lambda _result: finished(dialog.created))
    dialog.open()
    return dialog
