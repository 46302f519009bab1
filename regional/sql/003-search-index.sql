-- SPDX-License-Identifier: GPL-3.0-or-later
-- Version 3: the search index used under row-level security.
--
-- A department's search reads experiments through row-level security, and
-- PostgreSQL runs no condition of the query before the policies' unless
-- it is LEAKPROOF: the built-in @@ of tsvector is not marked so, hence the
-- GIN index of version 2 was never used for a department (every visible
-- document was read and matched, whatever the words). transfo.@@ is the
-- same function (ts_match_vq) marked LEAKPROOF: it returns a boolean
-- computed from its two arguments and raises no error that depends on the
-- stored document (only on the query, which is the caller's own), so it
-- tells a department nothing about a row it may not see. Its operator
-- class has the built-in tsvector_ops's support functions, so the index
-- is the same, only usable. Creating a LEAKPROOF function needs a
-- superuser, as `transfo regional init` is documented to run.
--
-- fastupdate off: a publish writes its lexemes into the index at once
-- (a few milliseconds), rather than into a pending list that every search
-- reads until a vacuum empties it.

CREATE FUNCTION transfo.matches (tsvector, tsquery) RETURNS boolean
  LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF
  AS 'ts_match_vq';
CREATE OPERATOR transfo.@@ (
  LEFTARG = tsvector, RIGHTARG = tsquery, FUNCTION = transfo.matches,
  RESTRICT = tsmatchsel, JOIN = tsmatchjoinsel
);
CREATE OPERATOR CLASS transfo.search_ops FOR TYPE tsvector USING gin AS
  OPERATOR 1 transfo.@@ (tsvector, tsquery),
  FUNCTION 1 gin_cmp_tslexeme (text, text),
  FUNCTION 2 gin_extract_tsvector (tsvector, internal, internal),
  FUNCTION 3 gin_extract_tsquery (tsvector, internal, smallint, internal, internal, internal, internal),
  FUNCTION 4 gin_tsquery_consistent (internal, smallint, tsvector, integer, internal, internal, internal, internal),
  FUNCTION 5 gin_cmp_prefix (text, text, smallint, internal),
  FUNCTION 6 gin_tsquery_triconsistent (internal, smallint, tsvector, integer, internal, internal, internal),
  STORAGE text;

DROP INDEX transfo.experiments_search;
CREATE INDEX experiments_search ON transfo.experiments
  USING gin (search transfo.search_ops) WITH (fastupdate = off);
