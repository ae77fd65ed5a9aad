"""Export and import: the whole record as JSON, sessions as CSV, and other tools' files in.

- :mod:`.export` writes the record (``skilltrack export``), streaming sessions from the record;
- :mod:`.formats` tells a file's format and reads it a piece at a time (JSON through
  :mod:`.json_reader`), with :mod:`.document` (our JSON) and :mod:`.external` (our CSV, Watson,
  Timewarrior), every field checked by :mod:`.fields`;
- :mod:`.staging` keeps the sessions read until they are written, outside memory;
- :mod:`.mapping` decides which skill each project or tag stands for;
- :mod:`.importing` writes what is new in one transaction (``skilltrack import``), in bulk through
  :mod:`.storage`.
"""
