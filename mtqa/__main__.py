"""``python -m mtqa`` = the ``mtqa`` command."""
from .cli import main

main()
