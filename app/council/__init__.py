"""Class councils: learners' needs at a glance, decisions, self-reflection and progress."""
