"""python -m diffdoc, and the `diffdoc` command: the command line, with the cyclic garbage
collector paused for the whole command (its objects form no reference cycles; see
diffdoc/runtime/gcpause.py). The edge of the process is the one place that may pause it."""

from diffdoc.cli import main
from diffdoc.runtime.gcpause import paused_gc


def run() -> None:
    """Run the command line with the collector paused."""
    with paused_gc():
        main()


if __name__ == "__main__":
    run()
