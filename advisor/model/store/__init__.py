"""Queries more than one service asks: the audit's inputs read in one pass, a student by roll
number, the students of a degree, intake or search. Services call these instead of each other,
and the rules engine in `advisor.model.audit` stays free of SQLAlchemy (tests/test_layers.py)."""
