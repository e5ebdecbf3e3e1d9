"""Officer-level nomination assignment, the pure core: no Django here.

Coordinators nominate officers into their agency's allocated seats. Given the candidates
(officer, session, value, eligibility), the agency's seats per session, session dates, officer
caps and program prerequisites, ``solve`` fills a whole term at once: no officer in two
sessions that share a day, no agency over its seats, no officer over their cap, every
prerequisite met by a completed record or an earlier session assigned this term. Every
candidate left out gets a reason, every seat a waiting list in priority order, and a
withdrawal offers the freed seat to the first on that list who fits.

    problem = Problem(officers, sessions, candidates, seats, prerequisites)
    result = solve(problem)              # LP relaxation + rounding + repair + greedy fill
    result.assigned, result.gap, result.reasons, result.waiting_lists
    problem.violations(result.assigned)  # [] — what any assignment breaks, in words
    withdraw(problem, result.assigned, candidate_id)   # who is offered the freed seat
"""
from .model import (
    ASSIGNMENT_REASONS,
    INACTIVE,
    INELIGIBLE,
    NO_SEATS,
    NOT_ELIGIBLE,
    OFFICER_CAP,
    OVERLAP,
    PREREQUISITE,
    PREREQUISITE_UNASSIGNED,
    SEATS_FULL,
    VETTING,
    Candidate,
    Officer,
    Problem,
    ProblemError,
    Result,
    SessionSlot,
    not_eligible,
)
from .solver import Relaxation, lp_relaxation, solve
from .synthetic import generate
from .waitlist import Offer, Withdrawal, next_offer, waiting_list, withdraw

__all__ = [
    "ASSIGNMENT_REASONS", "INACTIVE", "INELIGIBLE", "NO_SEATS", "NOT_ELIGIBLE", "OFFICER_CAP", "OVERLAP",
    "PREREQUISITE", "PREREQUISITE_UNASSIGNED", "SEATS_FULL", "VETTING",
    "Candidate", "Offer", "Officer", "Problem", "ProblemError", "Relaxation", "Result", "SessionSlot", "Withdrawal",
    "generate", "lp_relaxation", "next_offer", "not_eligible", "solve", "waiting_list", "withdraw",
]
