"""Stage two: a brief's revisions in git, read under the marking policy, and their diffs."""
