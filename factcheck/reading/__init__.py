"""Reading one file at a time: bytes to YAML nodes to field values, claim and source files, registries, snapshots."""
