"""The record on disk: the one way to its SQLite file, and one module per family of tables.

- :mod:`~skilltrack.record.opener`: :func:`open_record` and the short read and write transactions;
  :mod:`~skilltrack.record.connection`: the settings and identity checks every connection shares.
- One module per table family, owning its reads and writes: :mod:`skills` (with aliases and ratings),
  :mod:`sessions` (and the timer), :mod:`projects`, :mod:`evidence`, :mod:`profile`, :mod:`postings`,
  :mod:`interviews`, :mod:`stories`. Functions take an open transaction's connection, then keywords.
- :mod:`facts` (what readiness reads) and :mod:`overview` (status, dashboard, plan, report), each read
  in one transaction.
- The schema: declared once in :mod:`schema` (SQLModel, never imported at run time), created from
  :mod:`ddl` (the SQL it compiles to), moved forward by :mod:`migrations`; kept safe by :mod:`backup`
  and examined by :mod:`check`.
"""
