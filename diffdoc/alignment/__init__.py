"""The steps of paragraph alignment, one module each (anchors, gaps, moves) and the word
similarity they share; `diffdoc.align` runs them in order and is the only entry point."""
