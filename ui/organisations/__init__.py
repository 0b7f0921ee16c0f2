"""The organisation directory and the name-and-abbreviation dialog."""
