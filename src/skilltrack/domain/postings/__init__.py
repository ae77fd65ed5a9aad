"""Job postings read as a hiring manager reads them and held against the record: input checks (``text``),
what a posting asks for (``asks``, ``reading``) and how well the record answers (``matching``)."""
