"""The editor of one open meeting: details, attendees, agenda and notes, actions."""
