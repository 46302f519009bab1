-- SPDX-License-Identifier: GPL-3.0-or-later
-- Transfo's regional archive, version 1: the catalogue of published
-- experiments, their versions (every one kept) and who may see and change
-- them. Run by `transfo regional init` in one transaction, as a role that
-- may create roles and schemas.

-- Departments are roles: a department's role (LOGIN, or a group of users)
-- is a member of transfo_department; administrators of transfo_admin.
DO $roles$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'transfo_department') THEN
    CREATE ROLE transfo_department NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'transfo_admin') THEN
    CREATE ROLE transfo_admin NOLOGIN IN ROLE transfo_department;
  END IF;
END
$roles$;

CREATE SCHEMA transfo;
REVOKE ALL ON SCHEMA transfo FROM PUBLIC;
GRANT USAGE ON SCHEMA transfo TO transfo_department;

CREATE TABLE transfo.schema_version (
  version integer NOT NULL
);
INSERT INTO transfo.schema_version VALUES (0);
GRANT SELECT ON transfo.schema_version TO transfo_department;

-- The roles the current user acts for: its own and those it is a member
-- of. Called once per statement by the policies (as an InitPlan).
CREATE FUNCTION transfo.my_roles () RETURNS name[]
  LANGUAGE sql STABLE SECURITY INVOKER
  SET search_path = pg_catalog
  AS $$ SELECT array_agg (rolname) FROM pg_roles WHERE pg_has_role (current_user, oid, 'MEMBER') $$;
CREATE FUNCTION transfo.is_admin () RETURNS boolean
  LANGUAGE sql STABLE SECURITY INVOKER
  SET search_path = pg_catalog
  AS $$ SELECT pg_has_role (current_user, 'transfo_admin', 'MEMBER') $$;

-- One row per published experiment: its identity (the source archive's
-- UUID), who published it, who may see it, and its current version's
-- searchable metadata, read from the bundle itself (anonymised).
CREATE TABLE transfo.experiments (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source_uuid     text NOT NULL UNIQUE CHECK (length (source_uuid) BETWEEN 1 AND 64),
  department      name NOT NULL DEFAULT current_user,
  visibility      text NOT NULL DEFAULT 'region'
                  CHECK (visibility IN ('region', 'departments', 'department')),
  visible_to      name[] NOT NULL DEFAULT '{}',
  version         integer NOT NULL CHECK (version > 0),
  source_modified text NOT NULL,
  title           text NOT NULL,
  theme           text NOT NULL DEFAULT '',
  place           text NOT NULL DEFAULT '',
  territory       text NOT NULL DEFAULT '',
  department_name text NOT NULL DEFAULT '',
  start_date      text NOT NULL DEFAULT '',
  end_date        text NOT NULL DEFAULT '',
  phase           integer NOT NULL DEFAULT 0,
  tags            text[] NOT NULL DEFAULT '{}',
  boards          text[] NOT NULL DEFAULT '{}',
  published_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX experiments_by_department ON transfo.experiments (department);

-- Every version ever published, with its bundle (the unit that travels).
CREATE TABLE transfo.versions (
  experiment_id   bigint NOT NULL REFERENCES transfo.experiments (id) ON DELETE CASCADE,
  version         integer NOT NULL CHECK (version > 0),
  source_modified text NOT NULL,
  published_at    timestamptz NOT NULL DEFAULT now(),
  published_by    name NOT NULL DEFAULT current_user,
  anonymised      integer NOT NULL DEFAULT 0,
  bundle_sha256   text NOT NULL,
  bundle          bytea NOT NULL,
  PRIMARY KEY (experiment_id, version)
);

-- The current version's item texts (insights, cards, labels), one row
-- each, with the board they are on and their kind as data.
CREATE TABLE transfo.texts (
  experiment_id   bigint NOT NULL REFERENCES transfo.experiments (id) ON DELETE CASCADE,
  board           text NOT NULL,
  kind            text NOT NULL,
  body            text NOT NULL
);
CREATE INDEX texts_by_experiment ON transfo.texts (experiment_id);

GRANT SELECT, INSERT, UPDATE, DELETE ON transfo.experiments TO transfo_department;
GRANT SELECT, INSERT, DELETE ON transfo.versions, transfo.texts TO transfo_department;

-- Who sees what, in the database: the whole region, chosen departments,
-- or the publishing department alone; administrators see everything.
-- Only the publishing department (or an administrator) replaces or
-- withdraws. FORCE: the tables' owner is bound too.
ALTER TABLE transfo.experiments ENABLE ROW LEVEL SECURITY;
ALTER TABLE transfo.experiments FORCE ROW LEVEL SECURITY;
ALTER TABLE transfo.versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE transfo.versions FORCE ROW LEVEL SECURITY;
ALTER TABLE transfo.texts ENABLE ROW LEVEL SECURITY;
ALTER TABLE transfo.texts FORCE ROW LEVEL SECURITY;

CREATE POLICY experiments_see ON transfo.experiments FOR SELECT
  USING (visibility = 'region'
         OR department = ANY ((SELECT transfo.my_roles ())::name[])
         OR (visibility = 'departments' AND visible_to && (SELECT transfo.my_roles ()))
         OR (SELECT transfo.is_admin ()));
CREATE POLICY experiments_publish ON transfo.experiments FOR INSERT
  WITH CHECK (department = ANY ((SELECT transfo.my_roles ())::name[]) OR (SELECT transfo.is_admin ()));
CREATE POLICY experiments_replace ON transfo.experiments FOR UPDATE
  USING (department = ANY ((SELECT transfo.my_roles ())::name[]) OR (SELECT transfo.is_admin ()))
  WITH CHECK (department = ANY ((SELECT transfo.my_roles ())::name[]) OR (SELECT transfo.is_admin ()));
CREATE POLICY experiments_withdraw ON transfo.experiments FOR DELETE
  USING (department = ANY ((SELECT transfo.my_roles ())::name[]) OR (SELECT transfo.is_admin ()));

-- A version or a text is seen with its experiment, written by whoever may
-- write the experiment; a version is never changed once written.
CREATE POLICY versions_see ON transfo.versions FOR SELECT
  USING (EXISTS (SELECT FROM transfo.experiments e WHERE e.id = experiment_id));
CREATE POLICY versions_publish ON transfo.versions FOR INSERT
  WITH CHECK (EXISTS (SELECT FROM transfo.experiments e WHERE e.id = experiment_id
                      AND (e.department = ANY ((SELECT transfo.my_roles ())::name[]) OR (SELECT transfo.is_admin ()))));
CREATE POLICY versions_withdraw ON transfo.versions FOR DELETE
  USING (EXISTS (SELECT FROM transfo.experiments e WHERE e.id = experiment_id
                 AND (e.department = ANY ((SELECT transfo.my_roles ())::name[]) OR (SELECT transfo.is_admin ()))));
CREATE POLICY texts_see ON transfo.texts FOR SELECT
  USING (EXISTS (SELECT FROM transfo.experiments e WHERE e.id = experiment_id));
CREATE POLICY texts_publish ON transfo.texts FOR INSERT
  WITH CHECK (EXISTS (SELECT FROM transfo.experiments e WHERE e.id = experiment_id
                      AND (e.department = ANY ((SELECT transfo.my_roles ())::name[]) OR (SELECT transfo.is_admin ()))));
CREATE POLICY texts_replace ON transfo.texts FOR DELETE
  USING (EXISTS (SELECT FROM transfo.experiments e WHERE e.id = experiment_id
                 AND (e.department = ANY ((SELECT transfo.my_roles ())::name[]) OR (SELECT transfo.is_admin ()))));
