"""CLI commands, one module per subject; each registers on corroborate.cli.app."""
