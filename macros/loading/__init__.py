"""Stage 1, loading: read the YAML files, explain their errors, validate them and derive each
cohort's plan and rules.
"""
