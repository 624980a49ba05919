"""Matching for `mentor match`: the people, the hard rules, the solvers and the proposals they
write.
"""
