"""Flexwijs: flex hours, learner needs and professional development for secondary schools.

All logic lives in this package; the Streamlit views in ``pages/`` only read widgets, call into
it and draw what it returns.
"""
