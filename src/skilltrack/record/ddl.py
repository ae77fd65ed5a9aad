"""The SQL that creates a new record: what :mod:`skilltrack.record.schema` compiles to.

Written by ``scripts/write_ddl.py``; do not edit by hand. Kept as text so that creating a record needs
no ORM (``tests/unit/test_schema.py`` holds it to the declarations).
"""

SCHEMA_VERSION = 4

SCHEMA = (
    (
        "CREATE TABLE posting (\n"
        "\tid INTEGER NOT NULL, \n"
        "\tuuid CHAR(32) NOT NULL, \n"
        "\tcompany VARCHAR NOT NULL, \n"
        "\ttitle VARCHAR NOT NULL, \n"
        "\tlink VARCHAR NOT NULL, \n"
        "\tposted_on DATE NOT NULL, \n"
        "\tstatus VARCHAR NOT NULL, \n"
        "\tstatus_changed_on DATE NOT NULL, \n"
        "\ttext VARCHAR NOT NULL, \n"
        "\tmatch_at_save INTEGER NOT NULL, \n"
        "\tcreated_at_utc DATETIME NOT NULL, \n"
        "\tPRIMARY KEY (id), \n"
        "\tCONSTRAINT posting_status_known CHECK (status IN ('considering', 'applied', 'interviewing', 'offer', 'rejected')), \n"
        "\tCONSTRAINT posting_match_range CHECK (match_at_save BETWEEN 0 AND 100), \n"
        "\tUNIQUE (uuid)\n"
        ")"
    ),
    "CREATE INDEX ix_posting_status ON posting (status)",
    (
        "CREATE TABLE profile (\n"
        "\tid INTEGER NOT NULL, \n"
        "\tuuid CHAR(32) NOT NULL, \n"
        "\tname VARCHAR NOT NULL, \n"
        "\ttitle VARCHAR NOT NULL, \n"
        "\tcareer_started_on DATE, \n"
        "\ttarget_level VARCHAR, \n"
        "\ttarget_date DATE, \n"
        "\ttime_zone VARCHAR, \n"
        "\tupdated_at_utc DATETIME NOT NULL, \n"
        "\tPRIMARY KEY (id), \n"
        "\tCONSTRAINT single_profile CHECK (id = 1), \n"
        "\tUNIQUE (uuid)\n"
        ")"
    ),
    (
        "CREATE TABLE project (\n"
        "\tid INTEGER NOT NULL, \n"
        "\tuuid CHAR(32) NOT NULL, \n"
        "\tname VARCHAR NOT NULL, \n"
        "\tname_key VARCHAR NOT NULL, \n"
        "\trole VARCHAR NOT NULL, \n"
        "\tstarted_on DATE NOT NULL, \n"
        "\tended_on DATE, \n"
        "\tin_production BOOLEAN NOT NULL, \n"
        "\timpact VARCHAR NOT NULL, \n"
        "\tlinks JSON NOT NULL, \n"
        "\tcreated_at_utc DATETIME NOT NULL, \n"
        "\tPRIMARY KEY (id), \n"
        "\tCONSTRAINT project_dates_order CHECK (ended_on IS NULL OR ended_on >= started_on), \n"
        "\tUNIQUE (uuid), \n"
        "\tUNIQUE (name_key)\n"
        ")"
    ),
    (
        "CREATE TABLE record_identity (\n"
        "\tid INTEGER NOT NULL, \n"
        "\tuuid CHAR(32) NOT NULL, \n"
        "\tPRIMARY KEY (id), \n"
        "\tCONSTRAINT single_identity CHECK (id = 1)\n"
        ")"
    ),
    (
        "CREATE TABLE skill (\n"
        "\tid INTEGER NOT NULL, \n"
        "\tuuid CHAR(32) NOT NULL, \n"
        "\tname VARCHAR NOT NULL, \n"
        "\tname_key VARCHAR NOT NULL, \n"
        "\tkind VARCHAR NOT NULL, \n"
        "\tcreated_at_utc DATETIME NOT NULL, \n"
        "\tPRIMARY KEY (id), \n"
        "\tUNIQUE (uuid), \n"
        "\tUNIQUE (name_key)\n"
        ")"
    ),
    (
        "CREATE TABLE sync_merge (\n"
        "\tentity VARCHAR NOT NULL, \n"
        "\tfrom_uuid VARCHAR NOT NULL, \n"
        "\tto_uuid VARCHAR NOT NULL, \n"
        "\tPRIMARY KEY (entity, from_uuid)\n"
        ")"
    ),
    (
        "CREATE TABLE sync_operation (\n"
        "\tid INTEGER NOT NULL, \n"
        "\tclock VARCHAR NOT NULL, \n"
        "\treplica VARCHAR NOT NULL, \n"
        "\tentity VARCHAR NOT NULL, \n"
        "\trow_uuid VARCHAR NOT NULL, \n"
        "\tfield VARCHAR NOT NULL, \n"
        "\taction VARCHAR NOT NULL, \n"
        "\tvalue JSON, \n"
        "\tref VARCHAR, \n"
        "\tPRIMARY KEY (id), \n"
        "\tCONSTRAINT sync_operation_action_known CHECK (action IN ('create', 'update', 'delete')), \n"
        "\tUNIQUE (entity, row_uuid, field, clock)\n"
        ")"
    ),
    "CREATE INDEX ix_sync_operation_ref ON sync_operation (entity, ref)",
    "CREATE INDEX ix_sync_operation_replica ON sync_operation (replica, clock)",
    (
        "CREATE TABLE sync_peer (\n"
        "\treplica VARCHAR NOT NULL, \n"
        "\tfile VARCHAR NOT NULL, \n"
        "\tread_bytes INTEGER NOT NULL, \n"
        "\tlast_clock VARCHAR NOT NULL, \n"
        "\tPRIMARY KEY (replica)\n"
        ")"
    ),
    (
        "CREATE TABLE sync_replica (\n"
        "\tid INTEGER NOT NULL, \n"
        "\treplica VARCHAR NOT NULL, \n"
        "\tclock_ms INTEGER NOT NULL, \n"
        "\tcounter INTEGER NOT NULL, \n"
        "\tapplying BOOLEAN NOT NULL, \n"
        "\tlast_sync_at_utc VARCHAR, \n"
        "\tlast_sync_folder VARCHAR, \n"
        "\tPRIMARY KEY (id), \n"
        "\tCONSTRAINT single_replica CHECK (id = 1)\n"
        ")"
    ),
    (
        "CREATE TABLE evidence (\n"
        "\tid INTEGER NOT NULL, \n"
        "\tuuid CHAR(32) NOT NULL, \n"
        "\tkind VARCHAR NOT NULL, \n"
        "\texpectation_id VARCHAR, \n"
        "\toccurred_on DATE NOT NULL, \n"
        "\ttitle VARCHAR NOT NULL, \n"
        "\tproject_id INTEGER, \n"
        "\tlink VARCHAR NOT NULL, \n"
        "\tnote VARCHAR NOT NULL, \n"
        "\tcreated_at_utc DATETIME NOT NULL, \n"
        "\tPRIMARY KEY (id), \n"
        "\tUNIQUE (uuid), \n"
        "\tFOREIGN KEY(project_id) REFERENCES project (id) ON DELETE SET NULL\n"
        ")"
    ),
    "CREATE INDEX ix_evidence_expectation_id ON evidence (expectation_id)",
    "CREATE INDEX ix_evidence_kind ON evidence (kind)",
    "CREATE INDEX ix_evidence_occurred_on ON evidence (occurred_on)",
    (
        "CREATE TABLE learning_session (\n"
        "\tid INTEGER NOT NULL, \n"
        "\tuuid CHAR(32) NOT NULL, \n"
        "\tskill_id INTEGER NOT NULL, \n"
        "\tstarted_at_utc DATETIME NOT NULL, \n"
        "\ttime_zone VARCHAR NOT NULL, \n"
        "\tlocal_day DATE NOT NULL, \n"
        "\tminutes INTEGER NOT NULL, \n"
        "\tkind VARCHAR NOT NULL, \n"
        "\tnote VARCHAR NOT NULL, \n"
        "\tcreated_at_utc DATETIME NOT NULL, \n"
        "\tPRIMARY KEY (id), \n"
        "\tCONSTRAINT session_minutes_range CHECK (minutes BETWEEN 1 AND 1440), \n"
        "\tUNIQUE (uuid), \n"
        "\tFOREIGN KEY(skill_id) REFERENCES skill (id) ON DELETE CASCADE\n"
        ")"
    ),
    "CREATE INDEX ix_learning_session_day ON learning_session (local_day, minutes)",
    "CREATE INDEX ix_learning_session_kind_day ON learning_session (kind, local_day, skill_id)",
    "CREATE INDEX ix_learning_session_skill_day ON learning_session (skill_id, local_day, minutes)",
    "CREATE INDEX ix_learning_session_started ON learning_session (started_at_utc)",
    (
        "CREATE TABLE project_skill (\n"
        "\tproject_id INTEGER NOT NULL, \n"
        "\tskill_id INTEGER NOT NULL, \n"
        "\tPRIMARY KEY (project_id, skill_id), \n"
        "\tFOREIGN KEY(project_id) REFERENCES project (id) ON DELETE CASCADE, \n"
        "\tFOREIGN KEY(skill_id) REFERENCES skill (id) ON DELETE CASCADE\n"
        ")"
    ),
    "CREATE INDEX ix_project_skill_skill_id ON project_skill (skill_id)",
    (
        "CREATE TABLE running_timer (\n"
        "\tid INTEGER NOT NULL, \n"
        "\tskill_id INTEGER NOT NULL, \n"
        "\tkind VARCHAR NOT NULL, \n"
        "\tstarted_at_utc DATETIME NOT NULL, \n"
        "\ttime_zone VARCHAR NOT NULL, \n"
        "\tPRIMARY KEY (id), \n"
        "\tCONSTRAINT single_timer CHECK (id = 1), \n"
        "\tFOREIGN KEY(skill_id) REFERENCES skill (id) ON DELETE CASCADE\n"
        ")"
    ),
    (
        "CREATE TABLE skill_alias (\n"
        "\tid INTEGER NOT NULL, \n"
        "\tskill_id INTEGER NOT NULL, \n"
        "\talias VARCHAR NOT NULL, \n"
        "\talias_key VARCHAR NOT NULL, \n"
        "\tPRIMARY KEY (id), \n"
        "\tFOREIGN KEY(skill_id) REFERENCES skill (id) ON DELETE CASCADE, \n"
        "\tUNIQUE (alias_key)\n"
        ")"
    ),
    "CREATE INDEX ix_skill_alias_skill_id ON skill_alias (skill_id)",
    (
        "CREATE TABLE skill_rating (\n"
        "\tid INTEGER NOT NULL, \n"
        "\tuuid CHAR(32) NOT NULL, \n"
        "\tskill_id INTEGER NOT NULL, \n"
        "\tlevel INTEGER NOT NULL, \n"
        "\trated_on DATE NOT NULL, \n"
        "\tnote VARCHAR NOT NULL, \n"
        "\tcreated_at_utc DATETIME NOT NULL, \n"
        "\tPRIMARY KEY (id), \n"
        "\tCONSTRAINT rating_level_range CHECK (level BETWEEN 0 AND 5), \n"
        "\tUNIQUE (uuid), \n"
        "\tFOREIGN KEY(skill_id) REFERENCES skill (id) ON DELETE CASCADE\n"
        ")"
    ),
    "CREATE INDEX ix_skill_rating_skill_day ON skill_rating (skill_id, rated_on, id)",
    (
        "CREATE TABLE story (\n"
        "\tid INTEGER NOT NULL, \n"
        "\tuuid CHAR(32) NOT NULL, \n"
        "\ttitle VARCHAR NOT NULL, \n"
        "\ttitle_key VARCHAR NOT NULL, \n"
        "\tsituation VARCHAR NOT NULL, \n"
        "\ttask VARCHAR NOT NULL, \n"
        "\taction VARCHAR NOT NULL, \n"
        "\tresult VARCHAR NOT NULL, \n"
        "\tproject_id INTEGER, \n"
        "\texpectation_id VARCHAR, \n"
        "\tthemes JSON NOT NULL, \n"
        "\tcreated_at_utc DATETIME NOT NULL, \n"
        "\tupdated_at_utc DATETIME NOT NULL, \n"
        "\tPRIMARY KEY (id), \n"
        "\tUNIQUE (uuid), \n"
        "\tUNIQUE (title_key), \n"
        "\tFOREIGN KEY(project_id) REFERENCES project (id) ON DELETE SET NULL\n"
        ")"
    ),
    "CREATE INDEX ix_story_expectation_id ON story (expectation_id)",
    "CREATE INDEX ix_story_project_id ON story (project_id)",
    (
        "CREATE TABLE interview_practice (\n"
        "\tid INTEGER NOT NULL, \n"
        "\tuuid CHAR(32) NOT NULL, \n"
        "\tsession_id INTEGER NOT NULL, \n"
        "\tround VARCHAR NOT NULL, \n"
        "\tscore INTEGER NOT NULL, \n"
        "\trubric JSON NOT NULL, \n"
        "\tcreated_at_utc DATETIME NOT NULL, \n"
        "\tPRIMARY KEY (id), \n"
        "\tCONSTRAINT interview_score_range CHECK (score BETWEEN 1 AND 5), \n"
        "\tCONSTRAINT interview_round_known CHECK (round IN ('system-design', 'coding', 'debugging', 'behavioural')), \n"
        "\tUNIQUE (uuid), \n"
        "\tUNIQUE (session_id), \n"
        "\tFOREIGN KEY(session_id) REFERENCES learning_session (id) ON DELETE CASCADE\n"
        ")"
    ),
    "CREATE INDEX ix_interview_practice_round ON interview_practice (round, session_id)",
)
