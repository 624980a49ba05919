"""The typed model: programmes, their group design and the shared content."""

from .base import ID_RE, Strict, name_problem
from .cohort import Cohort
from .group import GroupDesign, Variant
from .network import NetworkDesign
from .programme import LearningLanguage, Programme, Role
from .shared import ModelDescription, SharedContent

__all__ = [
    "ID_RE",
    "Cohort",
    "GroupDesign",
    "LearningLanguage",
    "ModelDescription",
    "NetworkDesign",
    "Programme",
    "Role",
    "SharedContent",
    "Strict",
    "Variant",
    "name_problem",
]
