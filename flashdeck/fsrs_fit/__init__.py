"""Fitting FSRS's parameters to the learner's review log (`flashdeck fsrs optimize`, issue 18).

py-fsrs's optimiser trains with torch, so it runs in a child process (`python -m
flashdeck.fsrs_fit`): the CLI and the TUI never import torch. The parent sends the reviews as
JSON lines on the child's stdin and reads the parameters back as one JSON line on its stdout;
the child's stderr (py-fsrs's progress bar) goes to the learner's terminal.
"""
