"""Turn the YAML documents of ``modules/`` into a validated ``Curriculum``: ``load_curriculum``.

Two passes, and every problem of both is reported together, at the line and column of the value:

1. each file on its own against its model (types, required fields, unknown keys): ``files``, with
   pydantic's errors worded for instructors by the table in ``pydantic_messages``, at the place in the
   file that ``model_paths`` finds;
2. the files together: ``references`` between them (session -> tool, session -> reading, run -> session,
   results -> plan), the ``timetable`` of each run, and the course's own messages (``overrides``).

``pipeline`` runs the steps in order.
"""

from .pipeline import load_curriculum

__all__ = ["load_curriculum"]
