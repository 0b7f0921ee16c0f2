"""The "Shared archive" page of File > Settings: the PostgreSQL server the window opens.

Address, port, database, user and TLS mode (libpq's ``sslmode``) are kept in the settings;
the password goes to the operating system's keyring (models.connection) and never into the
settings file or the log. The window is already connected to one archive, so the choice is
applied at the next start, and the page says so. ``--db`` and ``RRB_DATABASE_URL`` still
win over it (a one-off look at another archive).
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSpinBox, QWidget

from models.connection import DEFAULT_PORT, SSL_MODES, ServerSettings
from models.errors import DatabaseOpenError
from ui.common.layout import add_field, container, hint, new_form, vbox

SSL_MODE_LABELS = {
    "disable": "disable: never encrypted",
    "allow": "allow: encrypted only if the server insists",
    "prefer": "prefer: encrypted when the server offers it",
    "require": "require: always encrypted (the certificate is not checked)",
    "verify-ca": "verify-ca: encrypted, the server's certificate checked",
    "verify-full": "verify-full: encrypted, certificate and server name checked",
}
NEXT_START = "Applied at the next start of the app."


class ServerPage(QWidget):
    """Where the shared archive is, and who connects to it."""

    def __init__(
        self,
        saved: ServerSettings | None,
        *,
        enabled: bool,
        password_stored: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.use_check = QCheckBox("&Use a shared archive on a PostgreSQL server")
        self.use_check.setChecked(enabled)
        self.host_edit = QLineEdit(saved.host if saved else "")
        self.host_edit.setPlaceholderText("db.example.org")
        self.port_spin = QSpinBox()
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(saved.port if saved else DEFAULT_PORT)
        self.database_edit = QLineEdit(saved.database if saved else "rrb")
        self.user_edit = QLineEdit(saved.user if saved else "")
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(
            "Stored in the keyring: leave empty to keep it"
            if password_stored
            else "Kept in your system's keyring"
        )
        self.sslmode_combo = QComboBox()
        for mode in SSL_MODES:
            self.sslmode_combo.addItem(SSL_MODE_LABELS[mode], mode)
        self.sslmode_combo.setCurrentIndex(SSL_MODES.index(saved.sslmode if saved else "prefer"))

        form = new_form()
        form.addRow("", self.use_check)
        self.host_message = add_field(form, "Server &address:", self.host_edit)
        add_field(form, "&Port:", self.port_spin)
        add_field(form, "Data&base:", self.database_edit)
        self.user_message = add_field(form, "U&ser:", self.user_edit)
        add_field(form, "Pass&word:", self.password_edit)
        add_field(form, "&TLS mode:", self.sslmode_combo)
        self.next_start_note = hint(
            f"{NEXT_START} The password is kept in your system's keyring, never in the"
            " settings file. A --db option or RRB_DATABASE_URL, when given, wins over these."
            " Without a shared archive, the app uses the archive file on this computer."
        )
        form.addRow("", self.next_start_note)
        self.setLayout(vbox(container(form), "stretch", margins=0))
        self.use_check.toggled.connect(self._enable)
        self._enable(enabled)

    def _enable(self, enabled: bool) -> None:
        for field in (
            self.host_edit, self.port_spin, self.database_edit, self.user_edit,
            self.password_edit, self.sslmode_combo,
        ):  # fmt: skip
            field.setEnabled(enabled)

    @property
    def enabled(self) -> bool:
        return self.use_check.isChecked()

    def server(self) -> ServerSettings | None:
        """The server as entered (None if too little is entered to name one)."""
        try:
            return self._entered()
        except DatabaseOpenError:
            return None

    def _entered(self) -> ServerSettings:
        return ServerSettings(
            host=self.host_edit.text().strip(),
            user=self.user_edit.text().strip(),
            database=self.database_edit.text().strip() or "rrb",
            port=self.port_spin.value(),
            sslmode=str(self.sslmode_combo.currentData()),
        )

    def password(self) -> str:
        return self.password_edit.text()

    def check(self) -> str:
        """The problem with what is entered, shown under its field ("" when none, or when
        no shared archive is to be used)."""
        self.host_message.show_message("")
        self.user_message.show_message("")
        if not self.enabled:
            return ""
        try:
            self._entered()
        except DatabaseOpenError as error:
            message = str(error)
            field = self.user_message if "user" in message else self.host_message
            field.show_message(message[0].upper() + message[1:] + ".")
            (self.user_edit if field is self.user_message else self.host_edit).setFocus()
            return message
        return ""
