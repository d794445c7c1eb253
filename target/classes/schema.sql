-- Case number counters, one row per year (see CaseNumbers). Runs on H2 and PostgreSQL.
CREATE TABLE IF NOT EXISTS ops_case_sequence (
  seq_year   INTEGER NOT NULL PRIMARY KEY,
  last_value INTEGER NOT NULL
);
