"""python -m diffdoc"""

from diffdoc.cli import main

main()
