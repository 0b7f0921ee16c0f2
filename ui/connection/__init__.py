"""The shared archive on a server, seen from the window: other people's changes as they
are saved, who else is editing, a read-only role, a server that stops answering, and the
server's settings."""
