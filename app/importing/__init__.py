"""Importing the exports schools already have: one pipeline for the upload page and the CLI."""
