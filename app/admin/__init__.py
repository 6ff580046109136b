"""Beheer (administration): backups, the control channel, privacy and erasure, the database's
figures and the audit log; the pages are pages/admin_*.py."""
