"""Rules, one module per brief section, used by the rule-based extractor."""
