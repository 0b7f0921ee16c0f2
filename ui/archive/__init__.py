"""Looking back: the archive tree of meetings and the search tab."""
