"""The audit: duplicated goals and direction ↔ project links over a loaded index."""
