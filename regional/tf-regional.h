/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The regional archive: one PostgreSQL database where departments publish
 * experiments (as bundles, with their searchable metadata), search the
 * whole region's and fetch them into their own archive.
 *
 * Every PostgreSQL statement of Transfo is in this wing: the schema in the
 * versioned migrations of regional/sql/ (compiled in), the queries in
 * tf-regional.c. Who sees and changes what is decided by the database's
 * row-level security, never by this client. Every call is bounded in
 * time (connect_timeout, tcp_user_timeout, statement_timeout,
 * lock_timeout); a TfRegional is used by one thread at a time, and
 * tf_regional_cancel() may be called from any thread. */

#include "core/tf-bundle.h"
#include "core/tf-store.h"

G_BEGIN_DECLS

#define TF_REGIONAL_ERROR (tf_regional_error_quark ())

typedef enum {
  TF_REGIONAL_ERROR_CONNECT,     /* the server could not be reached or refused us */
  TF_REGIONAL_ERROR_SCHEMA,      /* not initialised, or at another version */
  TF_REGIONAL_ERROR_DENIED,      /* the database's rules forbid it */
  TF_REGIONAL_ERROR_OLDER,       /* publishing a version older than the region's */
  TF_REGIONAL_ERROR_NOT_FOUND,   /* no such experiment (or not visible) */
  TF_REGIONAL_ERROR_LOST,        /* the connection broke: nothing was changed */
  TF_REGIONAL_ERROR_TIMEOUT,     /* took too long, or cancelled: nothing was changed */
  TF_REGIONAL_ERROR_FAILED,      /* any other failure */
} TfRegionalError;

/* The schema version this Transfo writes and reads. */
#define TF_REGIONAL_SCHEMA_VERSION 3
/* Bounds on every regional operation. */
#define TF_REGIONAL_CONNECT_TIMEOUT_S    10
#define TF_REGIONAL_STATEMENT_TIMEOUT_MS 60000
#define TF_REGIONAL_LOCK_TIMEOUT_MS      10000
/* The most results a search returns. */
#define TF_REGIONAL_SEARCH_LIMIT 50

typedef enum {
  TF_REGIONAL_VISIBLE_KEEP,         /* as before (the region for a first publish) */
  TF_REGIONAL_VISIBLE_REGION,       /* every department */
  TF_REGIONAL_VISIBLE_DEPARTMENTS,  /* the publishing one and those of visible_to */
  TF_REGIONAL_VISIBLE_DEPARTMENT,   /* the publishing department alone */
} TfRegionalVisibility;

typedef struct {
  guint                 drop;        /* TfBundleDrop: anonymisation */
  const char           *department;  /* (nullable) the role published for: the
                                      * connection's own by default */
  TfRegionalVisibility  visibility;
  const char *const    *visible_to;  /* (nullable) roles, for DEPARTMENTS */
} TfRegionalPublish;

typedef struct {
  gint64  id;         /* the experiment's id in the region */
  int     version;    /* the version just written (1 for a first publish) */
  guint   n_texts;    /* item texts made searchable */
  gsize   size;       /* of the bundle, bytes */
} TfRegionalPublished;

typedef struct {
  const char *text;        /* (nullable) words, as typed ("" lists the newest) */
  const char *department;  /* (nullable) a publishing role or a department's name */
  const char *territory;   /* (nullable) */
  int         phase;       /* a TfPhase, or -1 */
  int         year;        /* that the experiment's dates cover, or 0 */
  const char *tag;         /* (nullable) */
  guint       limit;       /* 0: TF_REGIONAL_SEARCH_LIMIT */
  gboolean    excerpts;    /* TfRegionalHit.excerpt wanted (the window's list) */
  guint       offset;      /* results skipped, in the same order (the next page) */
} TfRegionalQuery;

#define TF_REGIONAL_QUERY_INIT { NULL, NULL, NULL, -1, 0, NULL, 0, FALSE, 0 }

typedef struct {
  gint64   id;
  char    *title;
  char    *department;       /* the publishing role */
  char    *department_name;  /* the experiment's own field */
  char    *visibility;       /* "region", "departments", "department" */
  char    *theme;
  char    *place;
  char    *territory;
  char    *start_date;
  char    *end_date;
  int      phase;
  GStrv    tags;
  int      version;
  char    *published_at;     /* ISO 8601, UTC */
  double   rank;
  /* The connection's role published it (or is an administrator): it may
   * publish it again or withdraw it (the database decides, this only
   * says what to offer). */
  gboolean may_withdraw;
  /* With TfRegionalQuery.excerpts and words: one of the experiment's
   * texts that matches, shortened, the words found between
   * TF_REGIONAL_MARK_START and TF_REGIONAL_MARK_END; NULL for none. */
  char    *excerpt;
} TfRegionalHit;

/* Around the words found in an excerpt (private-use characters, which no
 * text typed in Transfo carries). */
#define TF_REGIONAL_MARK_START "\xee\x80\x80"  /* U+E000 */
#define TF_REGIONAL_MARK_END   "\xee\x80\x81"  /* U+E001 */

typedef struct _TfRegional TfRegional;

GQuark       tf_regional_error_quark   (void);

/* The regional archive given for this run: `--regional CONNINFO` on the
 * command line (taken out of the arguments, for a command or the window),
 * else $TRANSFO_REGIONAL; NULL when neither. For this run it wins over
 * the window's preference. Set once at start, before any thread. */
const char  *tf_regional_get_command_line_conninfo (void);
void         tf_regional_set_command_line_conninfo (const char *conninfo);

/* Connects with @conninfo (any libpq connection string, URI or
 * "service=NAME"), bounded in time. */
TfRegional  *tf_regional_connect       (const char            *conninfo,
                                        GError               **error) G_GNUC_WARN_UNUSED_RESULT;
void         tf_regional_close         (TfRegional            *self);
/* The role the connection acts as. */
const char  *tf_regional_get_role      (TfRegional            *self);
/* The server process of the connection (tests end it to cut a publish). */
int          tf_regional_get_backend_pid (TfRegional          *self);
/* Asks the server to stop the current statement; any thread. */
void         tf_regional_cancel        (TfRegional            *self);

/* The schema version in the database: 0 when not initialised, -1 with
 * @error set. */
int          tf_regional_schema_version (TfRegional           *self,
                                         GError              **error);
/* Brings the schema to version @target (0: TF_REGIONAL_SCHEMA_VERSION)
 * in one transaction; @from (nullable): the version found. For the
 * administrator: needs a role that may create roles, schemas and the
 * unaccent extension. */
gboolean     tf_regional_migrate       (TfRegional            *self,
                                        int                    target,
                                        int                   *from,
                                        GError               **error);

/* Publishes experiment @experiment_id of @store: its bundle (anonymised
 * with @options->drop) and the metadata read back from that bundle, in
 * one transaction; a new version when it is in the region already. */
gboolean     tf_regional_publish       (TfRegional            *self,
                                        TfStore               *store,
                                        gint64                 experiment_id,
                                        const TfRegionalPublish *options,
                                        TfRegionalPublished   *published,
                                        GError               **error);
/* The same for a bundle's bytes (checked with tf_bundle_open_bytes()). */
gboolean     tf_regional_publish_bundle (TfRegional           *self,
                                         GBytes               *bundle,
                                         const TfRegionalPublish *options,
                                         TfRegionalPublished  *published,
                                         GError              **error);
/* For tests: called inside a publish's transaction, once the version is
 * written and before it commits. */
void         tf_regional_set_publish_hook (TfRegional         *self,
                                           void              (*hook) (TfRegional *regional,
                                                                       gpointer    data),
                                           gpointer            data);

/* The experiments the connection's role may see that match @query, best
 * first: a GPtrArray of TfRegionalHit. */
GPtrArray   *tf_regional_search        (TfRegional            *self,
                                        const TfRegionalQuery *query,
                                        GError               **error) G_GNUC_WARN_UNUSED_RESULT;
/* The same, and @more (nullable) set to whether more results follow
 * those (the next page: @query->offset moved past them). */
GPtrArray   *tf_regional_search_page   (TfRegional            *self,
                                        const TfRegionalQuery *query,
                                        gboolean              *more,
                                        GError               **error) G_GNUC_WARN_UNUSED_RESULT;
void         tf_regional_hit_free      (TfRegionalHit         *hit);

/* The bundle of version @version (0: the current one) of experiment @id. */
GBytes      *tf_regional_fetch         (TfRegional            *self,
                                        gint64                 id,
                                        int                    version,
                                        GError               **error) G_GNUC_WARN_UNUSED_RESULT;
/* Takes experiment @id and all its versions out of the region. */
gboolean     tf_regional_withdraw      (TfRegional            *self,
                                        gint64                 id,
                                        GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TfRegional, tf_regional_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TfRegionalHit, tf_regional_hit_free)

G_END_DECLS
