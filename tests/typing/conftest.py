# These files are for mypy (tests/test_typing.py), not for pytest to import.
collect_ignore = ["mistakes.py", "correct.py"]
