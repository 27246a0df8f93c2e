"""What briefgen derives around a brief: citation numbers, git revisions, semantic diffs."""
