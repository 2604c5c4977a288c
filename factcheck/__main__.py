import sys

from factcheck.cli.main import main

sys.exit(main())
