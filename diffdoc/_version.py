"""The version of diffdoc, in one place: the package face, the caches and the pages read it
from here (importing it never imports the rest of the package)."""

__version__ = "0.1.0"
