-- SPDX-License-Identifier: GPL-3.0-or-later
-- Version 2: full-text search in French and English. Accents folded
-- (unaccent) before stemming; one weighted document per experiment (A the
-- title, B theme, place, territory, department and tags, C board names,
-- the item texts, without positions so that ten thousand notes stay
-- well under a tsvector's 1 MB), indexed with GIN.

-- In the schema transfo, unless the database has it already (then its
-- dictionary is found wherever it is).
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA transfo;

CREATE TEXT SEARCH CONFIGURATION transfo.fr (COPY = pg_catalog.french);
CREATE TEXT SEARCH CONFIGURATION transfo.en (COPY = pg_catalog.english);
DO $mapping$
DECLARE
  dictionary text;
BEGIN
  SELECT quote_ident (n.nspname) || '.' || quote_ident (d.dictname) INTO STRICT dictionary
    FROM pg_catalog.pg_ts_dict d JOIN pg_catalog.pg_namespace n ON n.oid = d.dictnamespace
   WHERE d.dictname = 'unaccent';
  EXECUTE format ('ALTER TEXT SEARCH CONFIGURATION transfo.fr'
                  ' ALTER MAPPING FOR hword, hword_part, word WITH %s, french_stem', dictionary);
  EXECUTE format ('ALTER TEXT SEARCH CONFIGURATION transfo.en'
                  ' ALTER MAPPING FOR hword, hword_part, word WITH %s, english_stem', dictionary);
END
$mapping$;

-- Both languages in one document: a French query and an English one each
-- find their stems.
CREATE FUNCTION transfo.document (body text, weight "char") RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog
  AS $$ SELECT setweight (to_tsvector ('transfo.fr', coalesce (body, '')) ||
                          to_tsvector ('transfo.en', coalesce (body, '')), weight) $$;
CREATE FUNCTION transfo.query (words text) RETURNS tsquery
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog
  AS $$ SELECT websearch_to_tsquery ('transfo.fr', words) || websearch_to_tsquery ('transfo.en', words) $$;

ALTER TABLE transfo.experiments ADD COLUMN search tsvector NOT NULL DEFAULT ''::tsvector;
-- Experiments published under version 1 become searchable.
UPDATE transfo.experiments e SET search =
     transfo.document (e.title, 'A')
  || transfo.document (concat_ws (' ', e.theme, e.place, e.territory, e.department_name,
                                  array_to_string (e.tags, ' ')), 'B')
  || transfo.document (array_to_string (e.boards, ' '), 'C')
  || coalesce ((SELECT strip (transfo.document (string_agg (t.body, ' '), 'D'))
                FROM transfo.texts t WHERE t.experiment_id = e.id), '');
CREATE INDEX experiments_search ON transfo.experiments USING gin (search);
