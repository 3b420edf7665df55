"""The credit audit: a pure rules engine over plain data (DESIGN.md §4).

- `result.py`   what an audit says (frozen dataclasses; `AuditResult.to_json()` is `audit --json`)
- `inputs.py`   the plain inputs: catalog programs, the policy, the student's progress, exceptions
- `engine.py`   `run_audit(request, today=…)`: the steps of DESIGN §4 in order, cap, reasons
- `completion.py` where a student stands in a program: complete, verified, completed when
- `exception_rules.py` waivers and substitutions as the audit applies them
- `assignment.py` the optimal (not greedy) search that gives programs to slots
- `reasons.py`  the plain-language sentences
- `comparison.py` a what-if audit beside the own one: what changes
- `student_audit.py` one student's audit from loaded inputs (what-if degree or policy year)

The inputs are read from the database by `advisor.model.store.audit_inputs`, for many students
in one query pass; nothing in this package touches the database (tests/test_layers.py).

The service API the UI, the letters and the command line call (advisor.model.services):

    services.audit.audit_student(roll_no, *, today, what_if_degree=None, what_if_policy=None,
                                 with_plan=False) -> AuditResult
        One student's audit. `what_if_degree` (a degree code) and `what_if_policy` (a year:
        the policy that year's intake would get) run the same audit against another degree or
        policy; the student's own intake date and semester are kept. `with_plan` adds the
        student's current plan (approved, else the latest) as projected completions and fills
        `projected_credits` and each program's `projected_completion`.
        Raises NotFoundError for an unknown roll number or degree code.

    services.audit.what_if(roll_no, *, today, degree=None, policy_year=None) -> AuditComparison
        The own audit and a what-if one side by side, with the requirements and programs that
        change (`comparison.py`).

    services.audit.audit_cohort(degree=None, intake=None, *, today) -> list[AuditResult]
        Every selected student (degree code; intake 'Fall 2023' or a year), by roll number.
"""
