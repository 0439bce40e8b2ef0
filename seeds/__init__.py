"""Reference data and the demo ecosystem generator."""
