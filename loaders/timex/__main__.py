"""`python -m loaders.timex`: see cli.py."""
import sys

from .cli import main

sys.exit(main())
