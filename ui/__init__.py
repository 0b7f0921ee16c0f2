"""The window: Qt widgets and models over ``models.services`` (never SQL or the ORM)."""
