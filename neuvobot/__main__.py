import sys

from neuvobot.cli import main

sys.exit(main())
