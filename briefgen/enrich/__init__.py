"""Facts added to briefs from outside their YAML: git history and semantic diffs."""
