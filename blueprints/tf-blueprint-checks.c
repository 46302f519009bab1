/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "canvas/tf-item.h"
#include "canvas/tf-scene.h"
#include "core/tf-item-rows.h"
#include "tf-blueprint-checks.h"
#include "tf-blueprint-layout.h"

/* The linter. One run indexes the blueprint once (the step and lane of
 * each card, what each step and lane holds, the arrows at each card), then
 * each check walks the cards, the arrows, the steps or the lanes once, so
 * all of them together stay linear in the size of the blueprint. Each
 * check is documented in docs/blueprint-checks.md; the order of the table
 * below is the order of that page.
 *
 * Severities: an error is a blueprint that contradicts itself (a support
 * process meeting the user, time running backwards); a warning is a gap
 * that is most likely a mistake (an action nobody does, a fail point
 * nobody owns); an info is a suggestion a team may well decline (an empty
 * lane, a mitigation still to be found). */

enum {
  CHECK_EVIDENCE_MISSING,
  CHECK_FRONTSTAGE_WITHOUT_CUSTOMER,
  CHECK_CARD_UNCONNECTED,
  CHECK_SUPPORT_TO_CUSTOMER,
  CHECK_FAIL_OWNER,
  CHECK_FAIL_MITIGATION,
  CHECK_WAIT_DURATION,
  CHECK_STEP_WITHOUT_ACTOR,
  CHECK_MARK_WITHOUT_INSIGHT,
  CHECK_LANE_EMPTY,
  CHECK_ARROW_BACKWARD,
  CHECK_TEXT_TOO_SMALL,
  N_CHECKS
};

static const TfBpCheck checks[N_CHECKS] = {
  [CHECK_EVIDENCE_MISSING] = {
    "evidence-missing", TF_BP_SEVERITY_WARNING,
    N_("Customer action without physical evidence") },
  [CHECK_FRONTSTAGE_WITHOUT_CUSTOMER] = {
    "frontstage-without-customer", TF_BP_SEVERITY_WARNING,
    N_("Frontstage action without a customer action") },
  [CHECK_CARD_UNCONNECTED] = {
    "card-unconnected", TF_BP_SEVERITY_WARNING,
    N_("Backstage or support card connected to nothing") },
  [CHECK_SUPPORT_TO_CUSTOMER] = {
    "support-to-customer", TF_BP_SEVERITY_ERROR,
    N_("Support process linked straight to a customer action") },
  [CHECK_FAIL_OWNER] = {
    "fail-owner", TF_BP_SEVERITY_WARNING,
    N_("Fail point without an owner") },
  [CHECK_FAIL_MITIGATION] = {
    "fail-mitigation", TF_BP_SEVERITY_INFO,
    N_("Fail point without a mitigation") },
  [CHECK_WAIT_DURATION] = {
    "wait-duration", TF_BP_SEVERITY_WARNING,
    N_("Wait point without a duration") },
  [CHECK_STEP_WITHOUT_ACTOR] = {
    "step-without-actor", TF_BP_SEVERITY_WARNING,
    N_("Step without an actor or a department") },
  [CHECK_MARK_WITHOUT_INSIGHT] = {
    "mark-without-insight", TF_BP_SEVERITY_INFO,
    N_("Pain point or opportunity citing no insight") },
  [CHECK_LANE_EMPTY] = {
    "lane-empty", TF_BP_SEVERITY_INFO,
    N_("Lane empty across the whole blueprint") },
  [CHECK_ARROW_BACKWARD] = {
    "arrow-backward", TF_BP_SEVERITY_ERROR,
    N_("Arrow going back in time, not marked as a loop") },
  [CHECK_TEXT_TOO_SMALL] = {
    "text-too-small", TF_BP_SEVERITY_WARNING,
    N_("Card text too small at the print size") },
};

/* A3 landscape, 9 pt, and the board export's default margin. */
#define DEFAULT_PAPER_WIDTH_MM  420.0
#define DEFAULT_PAPER_HEIGHT_MM 297.0
#define DEFAULT_MIN_TEXT_PT       9.0
#define PAPER_MARGIN_MM          12.0
#define PT_PER_MM (72.0 / 25.4)

/* How much of a card's or a step's text names it in a message. */
#define NAME_CHARS 32

const TfBpCheck *
tf_bp_checks (guint *n_checks)
{
  if (n_checks)
    *n_checks = N_CHECKS;
  return checks;
}

const TfBpCheck *
tf_bp_check_lookup (const char *id)
{
  if (id == NULL)
    return NULL;
  for (guint i = 0; i < N_CHECKS; i++)
    if (strcmp (checks[i].id, id) == 0)
      return &checks[i];
  return NULL;
}

const char *
tf_bp_severity_to_string (TfBpSeverity severity)
{
  switch (severity)
    {
    case TF_BP_SEVERITY_INFO:
      return "info";
    case TF_BP_SEVERITY_WARNING:
      return "warning";
    case TF_BP_SEVERITY_ERROR:
      return "error";
    default:
      return "unknown";
    }
}

const char *
tf_bp_severity_label (TfBpSeverity severity)
{
  switch (severity)
    {
    case TF_BP_SEVERITY_INFO:
      return _("Suggestion");
    case TF_BP_SEVERITY_WARNING:
      return _("Warning");
    case TF_BP_SEVERITY_ERROR:
      return _("Error");
    default:
      return "?";
    }
}

void
tf_bp_finding_free (TfBpFinding *finding)
{
  if (finding == NULL)
    return;
  g_clear_pointer (&finding->items, g_array_unref);
  g_free (finding->step_id);
  g_free (finding->lane_id);
  g_free (finding->message);
  g_free (finding->fix);
  g_free (finding->silenced);
  g_free (finding);
}

/* The index of one run. */

typedef struct {
  int          step;         /* in bp->steps; -1 when the blueprint has none */
  int          lane;         /* in bp->lanes; -1 when it has none */
  TfBpLaneRole role;
  int          next_in_step; /* the next card of the same step, -1 at the end */
  guint        n_arrows;     /* arrows joining it to another card */
  gboolean     to_customer;  /* one of them joins it to a customer action */
} CardInfo;

typedef struct {
  int      first_card;       /* -1 when empty */
  guint    n_customer;
  guint    n_evidence;
  gboolean has_actor;
} StepInfo;

typedef struct {
  TfBpFinding *finding;
  guint        check;
  int          step;         /* G_MAXINT: after every step */
  int          lane;
  int          order;
  guint        seq;
} Entry;

typedef struct {
  const TfBlueprint      *bp;
  const TfBpCheckOptions *options;
  CardInfo               *cards;
  StepInfo               *steps;
  guint                  *lane_cards;
  GHashTable             *card_index;   /* gint64 * (the card's) → index + 1 */
  char                  **step_names;   /* made when first needed */
  GArray                 *entries;      /* Entry */
} Run;

/* Whether @card cites an item showing physical evidence (a mockup's photo). */
static gboolean
cites_evidence (const Run      *run,
                const TfBpCard *card)
{
  if (run->options == NULL || run->options->evidence == NULL || card->cites == NULL)
    return FALSE;
  for (guint i = 0; i < card->cites->len; i++)
    if (g_hash_table_contains (run->options->evidence, &g_array_index (card->cites, gint64, i)))
      return TRUE;
  return FALSE;
}

static gboolean
is_evidence_kind (const char *kind_id)
{
  const TfItemKind *kind = kind_id != NULL ? tf_item_kind_lookup (kind_id) : NULL;

  return kind != NULL && (kind->roles & TF_ITEM_ROLE_EVIDENCE) != 0;
}

GHashTable *
tf_blueprint_cited_evidence (const TfBlueprint *bp,
                             TfStore           *store,
                             GPtrArray         *scenes)
{
  GHashTable *evidence = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) cited = g_hash_table_new (g_int64_hash, g_int64_equal);

  g_return_val_if_fail (bp != NULL, evidence);

  for (guint c = 0; c < bp->cards->len; c++)
    {
      const TfBpCard *card = g_ptr_array_index (bp->cards, c);

      for (guint i = 0; card->cites != NULL && i < card->cites->len; i++)
        g_hash_table_add (cited, &g_array_index (card->cites, gint64, i));
    }
  if (g_hash_table_size (cited) == 0)
    return evidence;

  if (store != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, cited);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          TfItemRow row = { 0 };

          if (tf_item_rows_read (store, *(gint64 *) key, &row) && is_evidence_kind (row.kind))
            g_hash_table_add (evidence, g_memdup2 (key, sizeof (gint64)));
          tf_item_row_clear (&row);
        }
      return evidence;
    }
  for (guint s = 0; scenes != NULL && s < scenes->len; s++)
    {
      GPtrArray *items = tf_scene_get_items (g_ptr_array_index (scenes, s));

      for (guint i = 0; i < items->len; i++)
        {
          const TfItem *item = g_ptr_array_index (items, i);

          if (!item->hidden && item->kind != NULL && (item->kind->roles & TF_ITEM_ROLE_EVIDENCE) != 0 &&
              g_hash_table_contains (cited, &item->id))
            g_hash_table_add (evidence, g_memdup2 (&item->id, sizeof (gint64)));
        }
    }
  return evidence;
}

static gboolean
blank (const char *s)
{
  if (s == NULL)
    return TRUE;
  for (; *s; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

static gboolean
is_standard_role (TfBpLaneRole role)
{
  return role < TF_BP_LANE_TIME;
}

/* The start of @text's first line, or NULL when it is blank. */
static char *
shorten (const char *text)
{
  g_autofree char *valid = NULL;
  const char *end;
  GString *s;
  guint n = 0;

  if (blank (text))
    return NULL;
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  while (g_ascii_isspace (*text))
    text++;
  for (end = text; *end && *end != '\n' && *end != '\r' && n < NAME_CHARS; n++)
    end = g_utf8_next_char (end);
  s = g_string_new_len (text, end - text);
  while (s->len > 0 && g_ascii_isspace (s->str[s->len - 1]))
    g_string_truncate (s, s->len - 1);
  /* Control characters (a tab) would break the one line. */
  for (gsize i = 0; i < s->len; i++)
    if ((guchar) s->str[i] < 0x20)
      s->str[i] = ' ';
  if (*end)
    g_string_append (s, "…");
  return g_string_free (s, FALSE);
}

static char *
card_name (const TfBpCard *card)
{
  char *name = shorten (card->text);

  return name ? name : g_strdup (_("(no text)"));
}

/* Borrowed: named once per run. */
static const char *
step_name (Run *run,
           int  step)
{
  if (step < 0)
    return "?";
  if (run->step_names[step] == NULL)
    {
      const TfBpStep *s = g_ptr_array_index (run->bp->steps, step);
      char *name = shorten (s->title);

      run->step_names[step] = name ? name : g_strdup_printf (_("Step %d"), step + 1);
    }
  return run->step_names[step];
}

static const TfBpCard *
card_at (const Run *run,
         int        i)
{
  return g_ptr_array_index (run->bp->cards, i);
}

static int
card_lookup (const Run *run,
             gint64     item_id)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (run->card_index, &item_id)) - 1;
}

/* A finding; @message is taken. */
static TfBpFinding *
add (Run        *run,
     guint       check,
     int         step,
     int         lane,
     int         order,
     char       *message,
     const char *fix)
{
  TfBpFinding *finding = g_new0 (TfBpFinding, 1);
  Entry entry = {
    .finding = finding,
    .check = check,
    .step = step < 0 ? G_MAXINT : step,
    .lane = lane < 0 ? G_MAXINT : lane,
    .order = order,
    .seq = run->entries->len,
  };

  finding->check = &checks[check];
  finding->items = g_array_new (FALSE, FALSE, sizeof (gint64));
  finding->message = message;
  finding->fix = g_strdup (fix);
  g_array_append_val (run->entries, entry);
  return finding;
}

/* Adds a card to a finding; the finding is silenced when the card
 * silences its check. */
static void
add_card (TfBpFinding    *finding,
          const TfBpCard *card)
{
  const char *reason;

  g_array_append_val (finding->items, card->item_id);
  if (finding->silenced != NULL || card->silenced == NULL)
    return;
  reason = g_hash_table_lookup (card->silenced, finding->check->id);
  if (reason != NULL || g_hash_table_contains (card->silenced, finding->check->id))
    finding->silenced = g_strdup (reason ? reason : "");
}

static TfBpFinding *
add_card_finding (Run            *run,
                  guint           check,
                  int             i,
                  char           *message,
                  const char     *fix)
{
  const CardInfo *ci = &run->cards[i];
  const TfBpCard *card = card_at (run, i);
  TfBpFinding *finding = add (run, check, ci->step, ci->lane, card->order, message, fix);

  add_card (finding, card);
  return finding;
}

static void
build_index (Run *run)
{
  const TfBlueprint *bp = run->bp;
  g_autoptr(GHashTable) steps = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) lanes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree int *last_in_step = NULL;
  guint n_cards = bp->cards->len;

  for (guint i = 0; i < bp->steps->len; i++)
    {
      const TfBpStep *step = g_ptr_array_index (bp->steps, i);
      if (step->id != NULL)
        g_hash_table_insert (steps, step->id, GINT_TO_POINTER (i + 1));
    }
  for (guint i = 0; i < bp->lanes->len; i++)
    {
      const TfBpLane *lane = g_ptr_array_index (bp->lanes, i);
      if (lane->id != NULL)
        g_hash_table_insert (lanes, lane->id, GINT_TO_POINTER (i + 1));
    }

  run->cards = g_new0 (CardInfo, n_cards);
  run->steps = g_new0 (StepInfo, bp->steps->len);
  run->step_names = g_new0 (char *, bp->steps->len + 1);
  run->lane_cards = g_new0 (guint, bp->lanes->len);
  run->card_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  last_in_step = g_new (int, bp->steps->len);
  for (guint s = 0; s < bp->steps->len; s++)
    run->steps[s].first_card = last_in_step[s] = -1;

  for (guint i = 0; i < n_cards; i++)
    {
      const TfBpCard *card = g_ptr_array_index (bp->cards, i);
      CardInfo *ci = &run->cards[i];
      int step, lane;

      /* Like tf_blueprint_from_scene(): a card out of the grid is in the
       * first cell. */
      step = card->step_id ? GPOINTER_TO_INT (g_hash_table_lookup (steps, card->step_id)) - 1 : -1;
      lane = card->lane_id ? GPOINTER_TO_INT (g_hash_table_lookup (lanes, card->lane_id)) - 1 : -1;
      ci->step = step >= 0 ? step : bp->steps->len > 0 ? 0 : -1;
      ci->lane = lane >= 0 ? lane : bp->lanes->len > 0 ? 0 : -1;
      ci->role = ci->lane >= 0 ? ((const TfBpLane *) g_ptr_array_index (bp->lanes, ci->lane))->role
                               : TF_BP_LANE_CUSTOM;
      ci->next_in_step = -1;
      g_hash_table_insert (run->card_index, (gpointer) &card->item_id, GUINT_TO_POINTER (i + 1));

      if (ci->lane >= 0)
        run->lane_cards[ci->lane]++;
      if (ci->step >= 0)
        {
          StepInfo *si = &run->steps[ci->step];

          if (last_in_step[ci->step] < 0)
            si->first_card = i;
          else
            run->cards[last_in_step[ci->step]].next_in_step = i;
          last_in_step[ci->step] = i;
          if (ci->role == TF_BP_LANE_CUSTOMER)
            si->n_customer++;
          if (ci->role == TF_BP_LANE_EVIDENCE || card->has_evidence || cites_evidence (run, card))
            si->n_evidence++;
          if (!blank (card->actor) || !blank (card->department))
            si->has_actor = TRUE;
        }
    }

  for (guint a = 0; a < bp->arrows->len; a++)
    {
      const TfBpArrow *arrow = g_ptr_array_index (bp->arrows, a);
      int from = card_lookup (run, arrow->from);
      int to = card_lookup (run, arrow->to);

      if (from < 0 || to < 0 || from == to)
        continue;
      run->cards[from].n_arrows++;
      run->cards[to].n_arrows++;
      if (run->cards[to].role == TF_BP_LANE_CUSTOMER)
        run->cards[from].to_customer = TRUE;
      if (run->cards[from].role == TF_BP_LANE_CUSTOMER)
        run->cards[to].to_customer = TRUE;
    }
}

/* The checks over each card. */
static void
check_cards (Run *run)
{
  const TfBlueprint *bp = run->bp;

  for (guint i = 0; i < bp->cards->len; i++)
    {
      const TfBpCard *card = g_ptr_array_index (bp->cards, i);
      const CardInfo *ci = &run->cards[i];
      const StepInfo *si = ci->step >= 0 ? &run->steps[ci->step] : NULL;
      g_autofree char *name = NULL;
      const char *step = NULL;

#define NAMES() G_STMT_START {                   \
          if (name == NULL)                     \
            {                                   \
              name = card_name (card);          \
              step = step_name (run, ci->step); \
            }                                   \
        } G_STMT_END

      if (ci->role == TF_BP_LANE_CUSTOMER && si != NULL && si->n_evidence == 0)
        {
          NAMES ();
          add_card_finding (run, CHECK_EVIDENCE_MISSING, i,
                            g_strdup_printf (_("Customer action “%s” (step “%s”) has no physical evidence above it"),
                                             name, step),
                            _("Add what the user sees or holds at this step (a letter, a page, a place) to the physical evidence lane"));
        }

      if (ci->role == TF_BP_LANE_FRONTSTAGE && si != NULL && si->n_customer == 0 && !ci->to_customer)
        {
          NAMES ();
          add_card_finding (run, CHECK_FRONTSTAGE_WITHOUT_CUSTOMER, i,
                            g_strdup_printf (_("Frontstage action “%s” (step “%s”) has no customer action in its step and no arrow to one"),
                                             name, step),
                            _("Add the customer action it answers, or draw an arrow to it; if the user does not see it, move it backstage"));
        }

      if ((ci->role == TF_BP_LANE_BACKSTAGE || ci->role == TF_BP_LANE_SUPPORT) && ci->n_arrows == 0)
        {
          const TfBpLane *lane = g_ptr_array_index (bp->lanes, ci->lane);
          g_autofree char *lane_title = shorten (tf_bp_lane_title (lane));

          NAMES ();
          add_card_finding (run, CHECK_CARD_UNCONNECTED, i,
                            g_strdup_printf (_("“%s” (step “%s”, %s) is connected to no other card"),
                                             name, step, lane_title ? lane_title : "?"),
                            _("Draw an arrow to the action it serves or to the one it waits for"));
        }

      if (card->marks & TF_BP_MARK_FAIL)
        {
          if (blank (card->fail_owner))
            {
              NAMES ();
              add_card_finding (run, CHECK_FAIL_OWNER, i,
                                g_strdup_printf (_("Fail point “%s” (step “%s”) has no owner"), name, step),
                                _("Name the person or the service who watches over this fail point"));
            }
          if (blank (card->fail_mitigation))
            {
              NAMES ();
              add_card_finding (run, CHECK_FAIL_MITIGATION, i,
                                g_strdup_printf (_("Fail point “%s” (step “%s”) has no mitigation"), name, step),
                                _("Write down what prevents this failure or what recovers from it"));
            }
        }

      if ((card->marks & TF_BP_MARK_WAIT) && blank (card->wait_duration))
        {
          NAMES ();
          add_card_finding (run, CHECK_WAIT_DURATION, i,
                            g_strdup_printf (_("Wait point “%s” (step “%s”) has no duration"), name, step),
                            _("Write how long the user waits here (“3 days”, “until the next session”)"));
        }

      if ((card->cites == NULL || card->cites->len == 0)
          && ((card->marks & (TF_BP_MARK_PAIN | TF_BP_MARK_OPPORTUNITY))
              || ci->role == TF_BP_LANE_PAIN || ci->role == TF_BP_LANE_OPPORTUNITY))
        {
          gboolean pain = (card->marks & TF_BP_MARK_PAIN) || ci->role == TF_BP_LANE_PAIN;

          NAMES ();
          add_card_finding (run, CHECK_MARK_WITHOUT_INSIGHT, i,
                            pain
                            ? g_strdup_printf (_("Pain point “%s” (step “%s”) cites no insight"), name, step)
                            : g_strdup_printf (_("Opportunity “%s” (step “%s”) cites no insight"), name, step),
                            _("Cite the quotes of the insight wall that show it"));
        }
#undef NAMES
    }
}

/* The checks over each arrow. */
static void
check_arrows (Run *run)
{
  const TfBlueprint *bp = run->bp;

  for (guint a = 0; a < bp->arrows->len; a++)
    {
      const TfBpArrow *arrow = g_ptr_array_index (bp->arrows, a);
      int from = card_lookup (run, arrow->from);
      int to = card_lookup (run, arrow->to);
      const CardInfo *fi, *ti;

      if (from < 0 || to < 0)
        continue;
      fi = &run->cards[from];
      ti = &run->cards[to];

      if ((fi->role == TF_BP_LANE_SUPPORT && ti->role == TF_BP_LANE_CUSTOMER)
          || (fi->role == TF_BP_LANE_CUSTOMER && ti->role == TF_BP_LANE_SUPPORT))
        {
          int support = fi->role == TF_BP_LANE_SUPPORT ? from : to;
          int customer = support == from ? to : from;
          g_autofree char *support_name = card_name (card_at (run, support));
          g_autofree char *customer_name = card_name (card_at (run, customer));
          const char *step = step_name (run, run->cards[customer].step);
          TfBpFinding *finding;

          finding = add (run, CHECK_SUPPORT_TO_CUSTOMER, run->cards[customer].step,
                         run->cards[customer].lane, card_at (run, customer)->order,
                         g_strdup_printf (_("The arrow between support process “%s” and customer action “%s” (step “%s”) skips the frontstage"),
                                          support_name, customer_name, step),
                         _("Go through the frontstage action the user meets, or move the card frontstage if the user sees it"));
          g_array_append_val (finding->items, arrow->item_id);
          add_card (finding, card_at (run, support));
          add_card (finding, card_at (run, customer));
        }

      if (!arrow->loop && !arrow->two_way && fi->step >= 0 && ti->step < fi->step)
        {
          g_autofree char *from_name = card_name (card_at (run, from));
          g_autofree char *to_name = card_name (card_at (run, to));
          const char *from_step = step_name (run, fi->step);
          const char *to_step = step_name (run, ti->step);
          TfBpFinding *finding;

          finding = add (run, CHECK_ARROW_BACKWARD, fi->step, fi->lane, card_at (run, from)->order,
                         g_strdup_printf (_("The arrow from “%s” (step “%s”) back to “%s” (step “%s”) goes back in time and is not marked as a loop"),
                                          from_name, from_step, to_name, to_step),
                         _("Mark it as a loop if the user really goes back; otherwise reverse it"));
          g_array_append_val (finding->items, arrow->item_id);
          add_card (finding, card_at (run, from));
          add_card (finding, card_at (run, to));
        }
    }
}

static void
check_steps (Run *run)
{
  for (guint s = 0; s < run->bp->steps->len; s++)
    {
      const StepInfo *si = &run->steps[s];
      const char *step;
      TfBpFinding *finding;

      if (si->has_actor)
        continue;
      step = step_name (run, s);
      finding = add (run, CHECK_STEP_WITHOUT_ACTOR, s, -1, 0,
                     g_strdup_printf (_("Step “%s” names no actor and no department"), step),
                     _("Give at least one card of this step an actor or a department: who does it?"));
      finding->step_id = g_strdup (((const TfBpStep *) g_ptr_array_index (run->bp->steps, s))->id);
      for (int i = si->first_card; i >= 0; i = run->cards[i].next_in_step)
        add_card (finding, card_at (run, i));
    }
}

static void
check_lanes (Run *run)
{
  for (guint l = 0; l < run->bp->lanes->len; l++)
    {
      const TfBpLane *lane = g_ptr_array_index (run->bp->lanes, l);
      gboolean standard = is_standard_role (lane->role);
      g_autofree char *title = NULL;
      TfBpFinding *finding;

      if (run->lane_cards[l] > 0 || (!standard && lane->hidden))
        continue;
      title = shorten (tf_bp_lane_title (lane));
      finding = add (run, CHECK_LANE_EMPTY, -1, l, 0,
                     g_strdup_printf (_("Lane “%s” is empty across the whole blueprint"), title ? title : "?"),
                     standard
                     ? _("Fill it in: an empty standard lane usually hides a part of the service nobody has looked at")
                     : _("Fill it in, or hide it"));
      finding->lane_id = g_strdup (lane->id);
    }
}

static void
check_text_size (Run *run)
{
  const TfBlueprint *bp = run->bp;
  const TfBpCheckOptions *o = run->options;
  double paper_w = DEFAULT_PAPER_WIDTH_MM, paper_h = DEFAULT_PAPER_HEIGHT_MM;
  double min_pt = DEFAULT_MIN_TEXT_PT;
  double avail_w, avail_h, scale, pt;
  g_autoptr(TfBpLayout) layout = NULL;
  g_autofree char *paper = NULL;
  g_autoptr(GArray) shown = NULL;
  TfBpFinding *loud = NULL;
  GHashTable *quiet = NULL;   /* reason → finding, borrowed */

  if (o != NULL && o->paper_width_mm > 0 && o->paper_height_mm > 0
      && isfinite (o->paper_width_mm) && isfinite (o->paper_height_mm))
    {
      paper_w = o->paper_width_mm;
      paper_h = o->paper_height_mm;
    }
  if (o != NULL && o->min_text_pt > 0 && isfinite (o->min_text_pt))
    min_pt = o->min_text_pt;

  /* Only cards that are drawn: a hidden lane's are off the board. */
  shown = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i < bp->cards->len; i++)
    {
      const CardInfo *ci = &run->cards[i];
      if (ci->lane >= 0 && !((const TfBpLane *) g_ptr_array_index (bp->lanes, ci->lane))->hidden)
        g_array_append_val (shown, i);
    }
  if (shown->len == 0)
    return;

  layout = tf_blueprint_layout (bp);
  if (layout == NULL || layout->bounds.width <= 0 || layout->bounds.height <= 0)
    return;
  avail_w = MAX (paper_w - 2 * PAPER_MARGIN_MM, 1.0) * PT_PER_MM;
  avail_h = MAX (paper_h - 2 * PAPER_MARGIN_MM, 1.0) * PT_PER_MM;
  scale = MIN (avail_w / layout->bounds.width, avail_h / layout->bounds.height);
  pt = scale * TF_BP_CARD_FONT_SIZE;
  if (pt >= min_pt)
    return;

  /* One finding for the cards that do not silence the check, and one per
   * reason for those that do: every card has the same text size, so a
   * finding per card would only repeat itself. */
  pt = floor (pt * 10) / 10;
  paper = g_strdup_printf (_("%.0f × %.0f mm"), paper_w, paper_h);
  for (guint k = 0; k < shown->len; k++)
    {
      int i = g_array_index (shown, int, k);
      const TfBpCard *card = card_at (run, i);
      const char *reason = card->silenced ? g_hash_table_lookup (card->silenced, checks[CHECK_TEXT_TOO_SMALL].id) : NULL;
      TfBpFinding **finding;
      TfBpFinding *quiet_finding = NULL;

      if (reason == NULL && card->silenced
          && g_hash_table_contains (card->silenced, checks[CHECK_TEXT_TOO_SMALL].id))
        reason = "";
      if (reason == NULL)
        finding = &loud;
      else
        {
          if (quiet == NULL)
            quiet = g_hash_table_new (g_str_hash, g_str_equal);
          quiet_finding = g_hash_table_lookup (quiet, reason);
          finding = &quiet_finding;
        }
      if (*finding == NULL)
        {
          *finding = add (run, CHECK_TEXT_TOO_SMALL, -1, -1, 0, NULL,
                          _("Print on a larger paper or as a poster, or split the blueprint by stage"));
          if (reason != NULL)
            {
              (*finding)->silenced = g_strdup (reason);
              g_hash_table_insert (quiet, (gpointer) reason, *finding);
            }
        }
      g_array_append_val ((*finding)->items, card->item_id);
    }
  if (quiet != NULL)
    g_hash_table_unref (quiet);

  /* The messages, once the cards are counted. */
  for (guint e = 0; e < run->entries->len; e++)
    {
      Entry *entry = &g_array_index (run->entries, Entry, e);
      TfBpFinding *finding = entry->finding;

      if (entry->check != CHECK_TEXT_TOO_SMALL || finding->message != NULL)
        continue;
      if (finding->items->len == 1)
        {
          gint64 id = g_array_index (finding->items, gint64, 0);
          g_autofree char *name = card_name (card_at (run, card_lookup (run, id)));

          finding->message = g_strdup_printf (_("The text of “%s” would print at %.1f pt on %s, under %.1f pt"),
                                              name, pt, paper, min_pt);
        }
      else
        finding->message = g_strdup_printf (ngettext ("The text of %u card would print at %.1f pt on %s, under %.1f pt",
                                                      "The text of %u cards would print at %.1f pt on %s, under %.1f pt",
                                                      finding->items->len),
                                            finding->items->len, pt, paper, min_pt);
    }
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = a, *y = b;

  if (x->finding->check->severity != y->finding->check->severity)
    return x->finding->check->severity > y->finding->check->severity ? -1 : 1;
  if (x->step != y->step)
    return x->step < y->step ? -1 : 1;
  if (x->lane != y->lane)
    return x->lane < y->lane ? -1 : 1;
  if (x->order != y->order)
    return x->order < y->order ? -1 : 1;
  if (x->check != y->check)
    return x->check < y->check ? -1 : 1;
  if ((x->finding->silenced == NULL) != (y->finding->silenced == NULL))
    return x->finding->silenced == NULL ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

GPtrArray *
tf_blueprint_check (const TfBlueprint      *bp,
                    const TfBpCheckOptions *options)
{
  Run run = { .bp = bp, .options = options };
  GPtrArray *findings;

  g_return_val_if_fail (bp != NULL, NULL);

  run.entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  build_index (&run);
  check_cards (&run);
  check_arrows (&run);
  check_steps (&run);
  check_lanes (&run);
  check_text_size (&run);

  g_array_sort (run.entries, compare_entries);
  findings = g_ptr_array_new_full (run.entries->len, (GDestroyNotify) tf_bp_finding_free);
  for (guint e = 0; e < run.entries->len; e++)
    g_ptr_array_add (findings, g_array_index (run.entries, Entry, e).finding);

  g_array_unref (run.entries);
  g_hash_table_unref (run.card_index);
  g_free (run.cards);
  g_free (run.steps);
  for (guint s = 0; s < bp->steps->len; s++)
    g_free (run.step_names[s]);
  g_free (run.step_names);
  g_free (run.lane_cards);
  return findings;
}
