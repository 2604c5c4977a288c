"""The records a checked site is made of: claims, evidence, sources, people, topics, verdicts."""
