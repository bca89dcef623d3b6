"""publish: the store's rows as tables and files."""
