"""Surveys: any export in long form, charted at once, tagged for the other pages."""
