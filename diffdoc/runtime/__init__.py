"""Process-level helpers of the command line, not stages of the pipeline: pausing the cyclic
garbage collector for a whole command (gcpause) and reading the two sides of a large
comparison on two cores (pairload). The library never calls them on its own: pausing the
collector is process-wide, which a library must not do behind its caller's threads."""
