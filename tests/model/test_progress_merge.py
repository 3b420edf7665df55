"""The merge rules alone: re-applying changes nothing, and nothing recorded ever moves back."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.model.importing.progress_merge import STATUS_RANK, CourseState, merge_course

states = st.builds(
    CourseState,
    status=st.sampled_from(sorted(STATUS_RANK)),
    progress=st.floats(0, 100),
    grade=st.none() | st.floats(0, 100),
    completed_on=st.none() | st.dates(date(2020, 1, 1), date(2027, 1, 1)),
    certificate=st.sampled_from(
        ["", "https://coursera.org/verify/A", "https://coursera.org/verify/B"]
    ),
)


@settings(max_examples=200, deadline=None)
@given(old=states, new=states)
def test_merge_never_downgrades_and_is_idempotent(old: CourseState, new: CourseState) -> None:
    merged = merge_course(old, new)
    assert STATUS_RANK[merged.status] >= STATUS_RANK[old.status]
    assert merged.progress >= old.progress
    assert old.grade is None or (merged.grade is not None and merged.grade >= old.grade)
    assert old.completed_on is None or (
        merged.completed_on is not None and merged.completed_on <= old.completed_on
    )
    assert merged.certificate == (old.certificate or new.certificate)
    assert merge_course(merged, new) == merged  # the same row again changes nothing
    assert merge_course(merged, old) == merged  # nor does the older one


@settings(max_examples=100, deadline=None)
@given(rows=st.lists(states, min_size=1, max_size=6))
def test_order_of_exports_decides_only_which_certificate_came_first(
    rows: list[CourseState],
) -> None:
    forward = backward = None
    for row in rows:
        forward = merge_course(forward, row)
    for row in reversed(rows):
        backward = merge_course(backward, row)
    assert forward is not None and backward is not None
    assert (forward.status, forward.progress, forward.grade, forward.completed_on) == (
        backward.status,
        backward.progress,
        backward.grade,
        backward.completed_on,
    )
