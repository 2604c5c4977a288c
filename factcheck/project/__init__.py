"""The project: its settings file and the folders it names."""
