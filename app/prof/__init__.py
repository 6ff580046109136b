"""Professionalisation: competences, plan, requests, budget, evaluation and expertise."""
