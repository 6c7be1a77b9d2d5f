"""Extraction: load an article, segment it, find the rules' mentions and dates, and build its event frames."""
