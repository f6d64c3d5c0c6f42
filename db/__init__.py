"""The SQLite database: shape, loader and Datasette configuration."""
