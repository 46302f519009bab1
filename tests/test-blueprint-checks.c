/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>
#include <time.h>

#include "blueprints/tf-blueprint-checks.h"
#include "blueprints/tf-blueprint-commands.h"
#include "blueprints/tf-blueprint-layout.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

/* The blueprint linter (docs/blueprint-checks.md): each check on a
 * blueprint that triggers it and on a near miss that does not; silencing,
 * sorting, severities, the as-is/to-be comparison, and the documentation
 * listing exactly the checks there are. Blueprints are built in memory. */

/* Building blueprints. */

static TfBpStep *
push_step (TfBlueprint *bp,
           const char  *title)
{
  return tf_blueprint_add_step (bp, -1, title, NULL);
}

static TfBpLane *
push_lane (TfBlueprint  *bp,
           TfBpLaneRole  role,
           gboolean      hidden)
{
  TfBpLane *lane = tf_blueprint_add_lane (bp, -1, role, NULL);

  lane->hidden = hidden;
  return lane;
}

static const char *
lane_id (TfBlueprint  *bp,
         TfBpLaneRole  role)
{
  TfBpLane *lane = tf_blueprint_lane_of_role (bp, role);

  g_assert_nonnull (lane);
  return lane->id;
}

static TfBpCard *
push_card (TfBlueprint  *bp,
           gint64        item_id,
           guint         step,
           TfBpLaneRole  role,
           const char   *text)
{
  const TfBpStep *s = g_ptr_array_index (bp->steps, step);

  return tf_blueprint_add_card (bp, item_id, s->id, lane_id (bp, role), text);
}

static TfBpArrow *
push_arrow (TfBlueprint *bp,
            gint64       item_id,
            gint64       from,
            gint64       to)
{
  return tf_blueprint_add_arrow (bp, item_id, from, to);
}

static void
set_str (char      **field,
         const char *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* A small blueprint with no finding at all: two steps, a card in each of
 * the five lanes of each step (ids 10 × step + lane + 1), the customer
 * actions done by an élu, the support and backstage cards joined upwards
 * (arrows 100 + …). */
static TfBlueprint *
clean_blueprint (void)
{
  TfBlueprint *bp = tf_blueprint_new ();
  static const char *texts[2][5] = {
    { "Kit box", "Opens the kit", "Hands the kit over", "Prepares the kit", "Prints the guide" },
    { "E-mail", "Writes to the cabinet", "Answers the élu", "Finds the service", "Staff directory" },
  };

  push_step (bp, "Receive the kit");
  push_step (bp, "Ask a collaborator");
  for (guint s = 0; s < 2; s++)
    {
      for (guint l = 0; l < 5; l++)
        push_card (bp, 10 * (s + 1) + l + 1, s, TF_BP_LANE_EVIDENCE + l, texts[s][l]);
      set_str (&tf_blueprint_card (bp, 10 * (s + 1) + 2)->actor, "elu");
      /* support → backstage → frontstage → customer */
      push_arrow (bp, 100 + 10 * s + 1, 10 * (s + 1) + 5, 10 * (s + 1) + 4);
      push_arrow (bp, 100 + 10 * s + 2, 10 * (s + 1) + 4, 10 * (s + 1) + 3);
      push_arrow (bp, 100 + 10 * s + 3, 10 * (s + 1) + 3, 10 * (s + 1) + 2);
    }
  return bp;
}

static TfBpCard *
card_of (TfBlueprint *bp,
         gint64       item_id)
{
  TfBpCard *card = tf_blueprint_card (bp, item_id);

  g_assert_nonnull (card);
  return card;
}

static void
remove_card (TfBlueprint *bp,
             gint64       item_id)
{
  TfBpCard *card = card_of (bp, item_id);

  for (guint a = bp->arrows->len; a > 0; a--)
    {
      const TfBpArrow *arrow = g_ptr_array_index (bp->arrows, a - 1);
      if (arrow->from == item_id || arrow->to == item_id)
        g_ptr_array_remove_index (bp->arrows, a - 1);
    }
  g_assert_true (g_ptr_array_remove (bp->cards, card));
}

static void
remove_arrow (TfBlueprint *bp,
              gint64       item_id)
{
  for (guint a = 0; a < bp->arrows->len; a++)
    if (((const TfBpArrow *) g_ptr_array_index (bp->arrows, a))->item_id == item_id)
      {
        g_ptr_array_remove_index (bp->arrows, a);
        return;
      }
  g_assert_not_reached ();
}

/* Findings. */

static GPtrArray *
check (const TfBlueprint *bp)
{
  GPtrArray *findings = tf_blueprint_check (bp, NULL);

  g_assert_nonnull (findings);
  /* Every finding is whole: a known check, one-line message and fix. */
  for (guint i = 0; i < findings->len; i++)
    {
      const TfBpFinding *f = g_ptr_array_index (findings, i);

      g_assert_nonnull (f->check);
      g_assert_true (tf_bp_check_lookup (f->check->id) == f->check);
      g_assert_nonnull (f->items);
      g_assert_nonnull (f->message);
      g_assert_nonnull (f->fix);
      g_assert_cmpuint (strlen (f->message), >, 0);
      g_assert_cmpuint (strlen (f->fix), >, 0);
      g_assert_null (strchr (f->message, '\n'));
      g_assert_null (strchr (f->fix, '\n'));
      g_assert_true (g_utf8_validate (f->message, -1, NULL));
    }
  return findings;
}

static guint
count (GPtrArray  *findings,
       const char *id)
{
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    if (strcmp (((const TfBpFinding *) g_ptr_array_index (findings, i))->check->id, id) == 0)
      n++;
  return n;
}

static const TfBpFinding *
find (GPtrArray  *findings,
      const char *id)
{
  for (guint i = 0; i < findings->len; i++)
    {
      const TfBpFinding *f = g_ptr_array_index (findings, i);
      if (strcmp (f->check->id, id) == 0)
        return f;
    }
  g_assert_not_reached ();
  return NULL;
}

static gboolean
has_item (const TfBpFinding *finding,
          gint64             item_id)
{
  for (guint i = 0; i < finding->items->len; i++)
    if (g_array_index (finding->items, gint64, i) == item_id)
      return TRUE;
  return FALSE;
}

/* The only findings of @bp are @n of check @id; returns the first. */
static const TfBpFinding *
assert_only (GPtrArray  *findings,
             const char *id,
             guint       n)
{
  for (guint i = 0; i < findings->len; i++)
    {
      const TfBpFinding *f = g_ptr_array_index (findings, i);
      if (strcmp (f->check->id, id) != 0)
        g_error ("unexpected finding %s: %s", f->check->id, f->message);
    }
  g_assert_cmpuint (findings->len, ==, n);
  return n > 0 ? g_ptr_array_index (findings, 0) : NULL;
}

#define assert_contains(haystack, needle) G_STMT_START {                            \
    if (strstr ((haystack), (needle)) == NULL)                                      \
      g_error ("“%s” does not contain “%s”", (haystack), (needle));                 \
  } G_STMT_END

/* The checks, one by one. */

static void
test_clean (void)
{
  g_autoptr(TfBlueprint) bp = clean_blueprint ();
  g_autoptr(GPtrArray) findings = check (bp);

  assert_only (findings, "none", 0);
}

static void
test_evidence_missing (void)
{
  g_autoptr(TfBlueprint) bp = clean_blueprint ();
  g_autoptr(GPtrArray) findings = NULL;
  const TfBpFinding *f;

  remove_card (bp, 21);   /* the e-mail over "Writes to the cabinet" */
  findings = check (bp);
  f = assert_only (findings, "evidence-missing", 1);
  g_assert_cmpuint (f->items->len, ==, 1);
  g_assert_true (has_item (f, 22));
  g_assert_null (f->silenced);
  g_assert_null (f->step_id);
  assert_contains (f->message, "“Writes to the cabinet”");
  assert_contains (f->message, "“Ask a collaborator”");
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* A photo reference on a card of the step is evidence too. */
  card_of (bp, 22)->has_evidence = TRUE;
  findings = check (bp);
  assert_only (findings, "evidence-missing", 0);
}

static void
test_frontstage_without_customer (void)
{
  g_autoptr(TfBlueprint) bp = clean_blueprint ();
  g_autoptr(GPtrArray) findings = NULL;
  const TfBpFinding *f;

  /* "Answers the élu" loses its customer action (and the evidence that
   * went with it). */
  remove_card (bp, 21);
  remove_card (bp, 22);
  set_str (&card_of (bp, 23)->actor, "collaborateur");
  findings = check (bp);
  f = assert_only (findings, "frontstage-without-customer", 1);
  g_assert_true (has_item (f, 23));
  assert_contains (f->message, "“Answers the élu”");
  assert_contains (f->message, "“Ask a collaborator”");
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* An arrow to a customer action of another step is enough. */
  push_arrow (bp, 200, 23, 12)->loop = TRUE;
  findings = check (bp);
  assert_only (findings, "frontstage-without-customer", 0);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* So is one from it, either way. */
  remove_arrow (bp, 200);
  push_arrow (bp, 201, 12, 23);
  findings = check (bp);
  assert_only (findings, "frontstage-without-customer", 0);
}

static void
test_card_unconnected (void)
{
  g_autoptr(TfBlueprint) bp = clean_blueprint ();
  g_autoptr(GPtrArray) findings = NULL;
  const TfBpFinding *f;

  remove_arrow (bp, 111);   /* support "Staff directory" → backstage */
  findings = check (bp);
  f = assert_only (findings, "card-unconnected", 1);
  g_assert_true (has_item (f, 25));
  assert_contains (f->message, "“Staff directory”");
  assert_contains (f->message, "Support");
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* A backstage card too, once both its arrows are gone; an arrow to
   * itself joins it to nothing. */
  remove_arrow (bp, 112);
  push_arrow (bp, 300, 24, 24);
  findings = check (bp);
  f = assert_only (findings, "card-unconnected", 2);
  g_assert_true (has_item (f, 24));
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* An arrow between the two (either way) connects them both. */
  push_arrow (bp, 301, 24, 25);
  findings = check (bp);
  assert_only (findings, "card-unconnected", 0);
}

static void
test_support_to_customer (void)
{
  g_autoptr(TfBlueprint) bp = clean_blueprint ();
  g_autoptr(GPtrArray) findings = NULL;
  const TfBpFinding *f;

  push_arrow (bp, 400, 15, 12);
  findings = check (bp);
  f = assert_only (findings, "support-to-customer", 1);
  g_assert_cmpint (f->check->severity, ==, TF_BP_SEVERITY_ERROR);
  g_assert_true (has_item (f, 400));
  g_assert_true (has_item (f, 15));
  g_assert_true (has_item (f, 12));
  assert_contains (f->message, "“Prints the guide”");
  assert_contains (f->message, "“Opens the kit”");
  assert_contains (f->message, "“Receive the kit”");
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* The other way round too. */
  ((TfBpArrow *) g_ptr_array_index (bp->arrows, bp->arrows->len - 1))->from = 12;
  ((TfBpArrow *) g_ptr_array_index (bp->arrows, bp->arrows->len - 1))->to = 15;
  findings = check (bp);
  assert_only (findings, "support-to-customer", 1);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* Through the frontstage, as in the clean blueprint, it is fine; and
   * so is support to backstage or frontstage. */
  remove_arrow (bp, 400);
  push_arrow (bp, 401, 15, 13);
  findings = check (bp);
  assert_only (findings, "support-to-customer", 0);
}

static void
test_fail_point (void)
{
  g_autoptr(TfBlueprint) bp = clean_blueprint ();
  g_autoptr(GPtrArray) findings = NULL;
  TfBpCard *card = card_of (bp, 24);
  const TfBpFinding *f;

  card->marks |= TF_BP_MARK_FAIL;
  findings = check (bp);
  g_assert_cmpuint (findings->len, ==, 2);
  f = find (findings, "fail-owner");
  g_assert_true (has_item (f, 24));
  assert_contains (f->message, "“Finds the service”");
  assert_contains (f->message, "“Ask a collaborator”");
  f = find (findings, "fail-mitigation");
  g_assert_true (has_item (f, 24));
  /* The warning comes before the suggestion. */
  g_assert_true (g_ptr_array_index (findings, 0) == find (findings, "fail-owner"));
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* Blank is empty. */
  set_str (&card->fail_owner, "  \t");
  set_str (&card->fail_mitigation, "Shared inbox, answered within 2 days");
  findings = check (bp);
  assert_only (findings, "fail-owner", 1);
  g_clear_pointer (&findings, g_ptr_array_unref);

  set_str (&card->fail_owner, "Cabinet secretariat");
  set_str (&card->fail_mitigation, "");
  findings = check (bp);
  assert_only (findings, "fail-mitigation", 1);
  g_clear_pointer (&findings, g_ptr_array_unref);

  set_str (&card->fail_mitigation, "Shared inbox");
  findings = check (bp);
  assert_only (findings, "none", 0);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* Without the marker, the empty fields say nothing. */
  card->marks = 0;
  set_str (&card->fail_owner, "");
  set_str (&card->fail_mitigation, "");
  findings = check (bp);
  assert_only (findings, "none", 0);
}

static void
test_wait_duration (void)
{
  g_autoptr(TfBlueprint) bp = clean_blueprint ();
  g_autoptr(GPtrArray) findings = NULL;
  TfBpCard *card = card_of (bp, 12);
  const TfBpFinding *f;

  card->marks |= TF_BP_MARK_WAIT;
  findings = check (bp);
  f = assert_only (findings, "wait-duration", 1);
  g_assert_true (has_item (f, 12));
  assert_contains (f->message, "“Opens the kit”");
  g_clear_pointer (&findings, g_ptr_array_unref);

  set_str (&card->wait_duration, "2 weeks");
  findings = check (bp);
  assert_only (findings, "wait-duration", 0);
}

static void
test_step_without_actor (void)
{
  g_autoptr(TfBlueprint) bp = clean_blueprint ();
  g_autoptr(GPtrArray) findings = NULL;
  const TfBpFinding *f;

  set_str (&card_of (bp, 22)->actor, "");
  findings = check (bp);
  f = assert_only (findings, "step-without-actor", 1);
  g_assert_cmpstr (f->step_id, ==, ((TfBpStep *) g_ptr_array_index (bp->steps, 1))->id);
  g_assert_null (f->lane_id);
  g_assert_cmpuint (f->items->len, ==, 5);
  assert_contains (f->message, "“Ask a collaborator”");
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* A department on any card of the step names who does it. */
  set_str (&card_of (bp, 25)->department, "Service des ressources humaines");
  findings = check (bp);
  assert_only (findings, "step-without-actor", 0);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* A step with no card has no actor either; an untitled step is named
   * by its number. */
  push_step (bp, "");
  findings = check (bp);
  f = find (findings, "step-without-actor");
  g_assert_cmpuint (count (findings, "step-without-actor"), ==, 1);
  g_assert_cmpuint (f->items->len, ==, 0);
  assert_contains (f->message, "Step 3");
}

static void
test_mark_without_insight (void)
{
  g_autoptr(TfBlueprint) bp = clean_blueprint ();
  g_autoptr(GPtrArray) findings = NULL;
  TfBpCard *card = card_of (bp, 22);
  const TfBpFinding *f;
  gint64 insight = 4242;

  card->marks |= TF_BP_MARK_PAIN;
  findings = check (bp);
  f = assert_only (findings, "mark-without-insight", 1);
  g_assert_true (has_item (f, 22));
  assert_contains (f->message, "Pain point “Writes to the cabinet”");
  g_clear_pointer (&findings, g_ptr_array_unref);

  card->marks = TF_BP_MARK_OPPORTUNITY;
  findings = check (bp);
  f = assert_only (findings, "mark-without-insight", 1);
  assert_contains (f->message, "Opportunity “Writes to the cabinet”");
  g_clear_pointer (&findings, g_ptr_array_unref);

  g_array_append_val (card->cites, insight);
  findings = check (bp);
  assert_only (findings, "mark-without-insight", 0);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* A card of the pain-point lane is a pain point. */
  push_lane (bp, TF_BP_LANE_PAIN, FALSE);
  push_card (bp, 500, 0, TF_BP_LANE_PAIN, "The kit is heavy");
  findings = check (bp);
  f = assert_only (findings, "mark-without-insight", 1);
  g_assert_true (has_item (f, 500));
  g_array_append_val (card_of (bp, 500)->cites, insight);
  g_clear_pointer (&findings, g_ptr_array_unref);
  findings = check (bp);
  assert_only (findings, "mark-without-insight", 0);
}

static void
test_lane_empty (void)
{
  g_autoptr(TfBlueprint) bp = clean_blueprint ();
  g_autoptr(GPtrArray) findings = NULL;
  TfBpLane *emotion;
  const TfBpFinding *f;

  /* An optional lane, shown and empty. */
  emotion = push_lane (bp, TF_BP_LANE_EMOTION, FALSE);
  findings = check (bp);
  f = assert_only (findings, "lane-empty", 1);
  g_assert_cmpstr (f->lane_id, ==, emotion->id);
  g_assert_null (f->step_id);
  g_assert_cmpuint (f->items->len, ==, 0);
  assert_contains (f->message, tf_bp_lane_title (emotion));
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* Hidden, it is not. */
  emotion->hidden = TRUE;
  findings = check (bp);
  assert_only (findings, "lane-empty", 0);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* A standard lane always is, hidden or not. */
  remove_card (bp, 15);
  remove_card (bp, 25);
  tf_blueprint_lane_of_role (bp, TF_BP_LANE_SUPPORT)->hidden = TRUE;
  findings = check (bp);
  f = assert_only (findings, "lane-empty", 1);
  g_assert_cmpstr (f->lane_id, ==, lane_id (bp, TF_BP_LANE_SUPPORT));
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* One card anywhere fills it. */
  push_card (bp, 600, 1, TF_BP_LANE_SUPPORT, "Staff directory");
  push_arrow (bp, 601, 600, 24);
  findings = check (bp);
  assert_only (findings, "lane-empty", 0);
}

static void
test_arrow_backward (void)
{
  g_autoptr(TfBlueprint) bp = clean_blueprint ();
  g_autoptr(GPtrArray) findings = NULL;
  TfBpArrow *arrow;
  const TfBpFinding *f;

  arrow = push_arrow (bp, 700, 22, 12);   /* step 2 → step 1 */
  findings = check (bp);
  f = assert_only (findings, "arrow-backward", 1);
  g_assert_cmpint (f->check->severity, ==, TF_BP_SEVERITY_ERROR);
  g_assert_true (has_item (f, 700));
  assert_contains (f->message, "“Writes to the cabinet” (step “Ask a collaborator”)");
  assert_contains (f->message, "“Opens the kit” (step “Receive the kit”)");
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* Marked as a loop, it is a loop. */
  arrow->loop = TRUE;
  findings = check (bp);
  assert_only (findings, "arrow-backward", 0);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* A two-way arrow is an exchange, not a sequence. */
  arrow->loop = FALSE;
  arrow->two_way = TRUE;
  findings = check (bp);
  assert_only (findings, "arrow-backward", 0);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* Forwards, or within a step (upwards), it is fine. */
  arrow->two_way = FALSE;
  arrow->from = 12;
  arrow->to = 22;
  findings = check (bp);
  assert_only (findings, "arrow-backward", 0);
}

/* @n_steps steps of the clean pattern. */
static TfBlueprint *
wide_blueprint (guint n_steps)
{
  TfBlueprint *bp = tf_blueprint_new ();

  for (guint s = 0; s < n_steps; s++)
    {
      g_autofree char *title = g_strdup_printf ("Step number %u", s + 1);
      gint64 base = 1000 + 10 * s;

      push_step (bp, title);
      for (guint l = 0; l < 5; l++)
        push_card (bp, base + l, s, TF_BP_LANE_EVIDENCE + l, "A short card");
      set_str (&tf_blueprint_card (bp, base + 1)->actor, "elu");
      push_arrow (bp, base + 5, base + 4, base + 3);
      push_arrow (bp, base + 6, base + 3, base + 2);
    }
  return bp;
}

static void
test_text_too_small (void)
{
  g_autoptr(TfBlueprint) narrow = wide_blueprint (3);
  g_autoptr(TfBlueprint) wide = wide_blueprint (30);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(TfBpLayout) layout = tf_blueprint_layout (wide);
  TfBpCheckOptions a0 = { .paper_width_mm = 1189, .paper_height_mm = 841 };
  TfBpCheckOptions tiny = { .paper_width_mm = 420, .paper_height_mm = 297, .min_text_pt = 1.5 };
  const TfBpFinding *f;
  TfBpLane *hidden;
  double pt;

  findings = check (narrow);
  assert_only (findings, "text-too-small", 0);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* 30 steps on A3: 150 cards, one finding naming them all. The size is
   * the layout's, scaled to the paper inside its 12 mm margins. */
  pt = MIN ((420 - 24) * 72 / 25.4 / layout->bounds.width,
            (297 - 24) * 72 / 25.4 / layout->bounds.height) * TF_BP_CARD_FONT_SIZE;
  g_assert_cmpfloat (pt, <, 9);
  findings = check (wide);
  f = assert_only (findings, "text-too-small", 1);
  g_assert_cmpint (f->check->severity, ==, TF_BP_SEVERITY_WARNING);
  g_assert_cmpuint (f->items->len, ==, 150);
  g_assert_null (f->silenced);
  assert_contains (f->message, "150 cards");
  assert_contains (f->message, "420 × 297 mm");
  {
    g_autofree char *size = g_strdup_printf ("%.1f pt", floor (pt * 10) / 10);
    assert_contains (f->message, size);
  }
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* The options: a paper where it is still too small, a minimum it meets. */
  g_clear_pointer (&findings, g_ptr_array_unref);
  findings = tf_blueprint_check (wide, &a0);
  f = assert_only (findings, "text-too-small", 1);
  assert_contains (f->message, "1189 × 841 mm");
  g_clear_pointer (&findings, g_ptr_array_unref);
  findings = tf_blueprint_check (wide, &tiny);
  assert_only (findings, "text-too-small", 0);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* Cards that silence it are reported apart, silenced; the cards of a
   * hidden lane are not printed, so not counted. */
  g_hash_table_insert (card_of (wide, 1000)->silenced, g_strdup ("text-too-small"), g_strdup ("Printed as a poster"));
  hidden = push_lane (wide, TF_BP_LANE_METRICS, TRUE);
  push_card (wide, 9000, 0, TF_BP_LANE_METRICS, "Hidden");
  findings = check (wide);
  g_assert_cmpuint (findings->len, ==, 2);
  f = g_ptr_array_index (findings, 0);
  g_assert_cmpstr (f->check->id, ==, "text-too-small");
  g_assert_null (f->silenced);
  g_assert_cmpuint (f->items->len, ==, 149);
  g_assert_false (has_item (f, 1000));
  g_assert_false (has_item (f, 9000));
  f = g_ptr_array_index (findings, 1);
  g_assert_cmpstr (f->check->id, ==, "text-too-small");
  g_assert_cmpstr (f->silenced, ==, "Printed as a poster");
  g_assert_cmpuint (f->items->len, ==, 1);
  assert_contains (f->message, "“A short card”");
  (void) hidden;
}

/* Across checks. */

static void
test_silencing (void)
{
  g_autoptr(TfBlueprint) bp = clean_blueprint ();
  g_autoptr(GPtrArray) findings = NULL;
  TfBpCard *card = card_of (bp, 24);
  const TfBpFinding *f;

  card->marks |= TF_BP_MARK_FAIL | TF_BP_MARK_WAIT;
  g_hash_table_insert (card->silenced, g_strdup ("fail-owner"), g_strdup ("Owned by the whole cabinet"));
  /* An arrow finding is silenced by either card; a step finding by any
   * card of the step. */
  push_arrow (bp, 800, 22, 14);
  g_hash_table_insert (card_of (bp, 14)->silenced, g_strdup ("arrow-backward"), g_strdup ("Drawn on purpose"));
  set_str (&card_of (bp, 22)->actor, "");
  g_hash_table_insert (card_of (bp, 21)->silenced, g_strdup ("step-without-actor"), g_strdup (""));

  findings = check (bp);
  g_assert_cmpuint (findings->len, ==, 5);
  f = find (findings, "fail-owner");
  g_assert_cmpstr (f->silenced, ==, "Owned by the whole cabinet");
  g_assert_true (has_item (f, 24));
  g_assert_null (find (findings, "fail-mitigation")->silenced);
  g_assert_null (find (findings, "wait-duration")->silenced);
  g_assert_cmpstr (find (findings, "arrow-backward")->silenced, ==, "Drawn on purpose");
  /* An empty reason still silences. */
  g_assert_cmpstr (find (findings, "step-without-actor")->silenced, ==, "");
}

static int
step_of (const TfBlueprint *bp,
         const TfBpFinding *f)
{
  if (f->step_id)
    return tf_blueprint_step_index (bp, f->step_id);
  if (f->items->len > 0)
    {
      /* The first card among the items. */
      for (guint i = 0; i < f->items->len; i++)
        {
          TfBpCard *card = tf_blueprint_card (bp, g_array_index (f->items, gint64, i));
          if (card)
            return tf_blueprint_step_index (bp, card->step_id);
        }
    }
  return G_MAXINT;
}

static void
assert_sorted (const TfBlueprint *bp,
               GPtrArray         *findings)
{
  for (guint i = 1; i < findings->len; i++)
    {
      const TfBpFinding *a = g_ptr_array_index (findings, i - 1);
      const TfBpFinding *b = g_ptr_array_index (findings, i);

      g_assert_cmpint (a->check->severity, >=, b->check->severity);
      if (a->check->severity == b->check->severity && !a->lane_id
          && strcmp (a->check->id, "text-too-small") != 0)
        g_assert_cmpint (step_of (bp, a), <=, step_of (bp, b));
    }
}

static void
test_sorting (void)
{
  g_autoptr(TfBlueprint) bp = clean_blueprint ();
  g_autoptr(GPtrArray) findings = NULL;
  const char *expected[] = {
    "arrow-backward",        /* error, step 2 */
    "support-to-customer",   /* error, step 3 (after, though it comes first in the table) */
    "wait-duration",         /* warning, step 1 */
    "fail-owner",            /* warning, step 2, backstage */
    "step-without-actor",    /* warning, step 3 (the whole step) */
    "fail-mitigation",       /* info, step 2 */
    "lane-empty",            /* info, a lane: after the steps */
  };

  push_step (bp, "Get the answer");
  push_card (bp, 31, 2, TF_BP_LANE_EVIDENCE, "Letter");
  push_card (bp, 32, 2, TF_BP_LANE_CUSTOMER, "Reads the answer");
  push_card (bp, 33, 2, TF_BP_LANE_FRONTSTAGE, "Sends the answer");
  push_arrow (bp, 900, 33, 32);
  push_arrow (bp, 901, 35, 32);
  push_card (bp, 35, 2, TF_BP_LANE_SUPPORT, "Mail room");
  push_arrow (bp, 902, 22, 12);
  card_of (bp, 24)->marks |= TF_BP_MARK_FAIL;
  card_of (bp, 12)->marks |= TF_BP_MARK_WAIT;
  push_lane (bp, TF_BP_LANE_TIME, FALSE);

  findings = check (bp);
  for (guint i = 0; i < findings->len; i++)
    g_test_message ("%s: %s", ((TfBpFinding *) g_ptr_array_index (findings, i))->check->id,
                    ((TfBpFinding *) g_ptr_array_index (findings, i))->message);
  g_assert_cmpuint (findings->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (((TfBpFinding *) g_ptr_array_index (findings, i))->check->id, ==, expected[i]);
  assert_sorted (bp, findings);
}

static void
test_table (void)
{
  static const struct {
    const char  *id;
    TfBpSeverity severity;
  } expected[] = {
    { "evidence-missing", TF_BP_SEVERITY_WARNING },
    { "frontstage-without-customer", TF_BP_SEVERITY_WARNING },
    { "card-unconnected", TF_BP_SEVERITY_WARNING },
    { "support-to-customer", TF_BP_SEVERITY_ERROR },
    { "fail-owner", TF_BP_SEVERITY_WARNING },
    { "fail-mitigation", TF_BP_SEVERITY_INFO },
    { "wait-duration", TF_BP_SEVERITY_WARNING },
    { "step-without-actor", TF_BP_SEVERITY_WARNING },
    { "mark-without-insight", TF_BP_SEVERITY_INFO },
    { "lane-empty", TF_BP_SEVERITY_INFO },
    { "arrow-backward", TF_BP_SEVERITY_ERROR },
    { "text-too-small", TF_BP_SEVERITY_WARNING },
  };
  guint n;
  const TfBpCheck *table = tf_bp_checks (&n);
  g_autoptr(GRegex) kebab = g_regex_new ("^[a-z]+(-[a-z]+)*$", 0, 0, NULL);

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (table[i].id, ==, expected[i].id);
      g_assert_cmpint (table[i].severity, ==, expected[i].severity);
      g_assert_true (g_regex_match (kebab, table[i].id, 0, NULL));
      g_assert_nonnull (table[i].title);
      g_assert_true (tf_bp_check_lookup (table[i].id) == &table[i]);
    }
  g_assert_null (tf_bp_check_lookup ("no-such-check"));
  g_assert_null (tf_bp_check_lookup (NULL));

  g_assert_cmpstr (tf_bp_severity_to_string (TF_BP_SEVERITY_ERROR), ==, "error");
  g_assert_cmpstr (tf_bp_severity_to_string (TF_BP_SEVERITY_WARNING), ==, "warning");
  g_assert_cmpstr (tf_bp_severity_to_string (TF_BP_SEVERITY_INFO), ==, "info");
  g_assert_cmpstr (tf_bp_severity_label (TF_BP_SEVERITY_INFO), ==, "Suggestion");
}

static void
test_names (void)
{
  g_autoptr(TfBlueprint) bp = clean_blueprint ();
  g_autoptr(GPtrArray) findings = NULL;
  TfBpCard *card = card_of (bp, 24);
  const TfBpFinding *f;

  /* The start of the first line, cut with an ellipsis; no text at all is
   * said so. */
  card->marks |= TF_BP_MARK_WAIT;
  set_str (&card->text, "  Finds the service that knows the answer to the question\nsecond line");
  card = card_of (bp, 14);
  card->marks |= TF_BP_MARK_WAIT;
  set_str (&card->text, " \n ");
  findings = check (bp);
  g_assert_cmpuint (findings->len, ==, 2);
  f = g_ptr_array_index (findings, 0);
  assert_contains (f->message, "“(no text)” (step “Receive the kit”)");
  f = g_ptr_array_index (findings, 1);
  assert_contains (f->message, "“Finds the service that knows the…” (step “Ask a collaborator”)");
}

static void
test_empty_blueprint (void)
{
  g_autoptr(TfBlueprint) bp = tf_blueprint_new ();
  g_autoptr(GPtrArray) findings = check (bp);

  /* Five standard lanes, all empty; nothing else to say. */
  assert_only (findings, "lane-empty", 5);
}

/* The comparison. */

static void
test_compare (void)
{
  g_autoptr(TfBlueprint) as_is = clean_blueprint ();
  g_autoptr(TfBlueprint) to_be = tf_blueprint_new ();
  g_autoptr(TfBpComparison) cmp = NULL;
  TfBpCard *card;
  gint64 kept[] = { 11, 12, 13, 14, 15, 21, 22, 23 };   /* 24 and 25 are removed */

  push_step (to_be, "Receive the kit");
  push_step (to_be, "Ask a collaborator");
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      const TfBpCard *was = card_of (as_is, kept[i]);
      guint step = kept[i] / 10 - 1;
      guint lane = kept[i] % 10 - 1;

      card = push_card (to_be, kept[i] + 1000, step, TF_BP_LANE_EVIDENCE + lane, was->text);
      set_str (&card->actor, was->actor);
      card->origin = kept[i];
    }
  push_card (to_be, 2000, 1, TF_BP_LANE_BACKSTAGE, "One contact for the élus")->origin = 0;
  push_card (to_be, 2001, 1, TF_BP_LANE_SUPPORT, "From elsewhere")->origin = 99;   /* not in the as-is */

  /* Unchanged. */
  cmp = tf_blueprint_compare (as_is, to_be);
  g_assert_cmpuint (cmp->added->len, ==, 2);
  g_assert_cmpint (g_array_index (cmp->added, gint64, 0), ==, 2000);
  g_assert_cmpint (g_array_index (cmp->added, gint64, 1), ==, 2001);
  g_assert_cmpuint (cmp->changed->len, ==, 0);
  g_assert_cmpuint (cmp->removed->len, ==, 2);
  g_assert_cmpint (g_array_index (cmp->removed, gint64, 0), ==, 24);
  g_assert_cmpint (g_array_index (cmp->removed, gint64, 1), ==, 25);
  g_clear_pointer (&cmp, tf_bp_comparison_free);

  /* Text, cell, actor, department, markers and what they say. */
  set_str (&card_of (to_be, 1011)->text, "Opens a lighter kit");
  set_str (&card_of (to_be, 1012)->lane_id, lane_id (to_be, TF_BP_LANE_FRONTSTAGE));
  set_str (&card_of (to_be, 1013)->actor, "collaborateur");
  set_str (&card_of (to_be, 1014)->department, "Imprimerie");
  card_of (to_be, 1021)->marks |= TF_BP_MARK_PAIN;
  card_of (as_is, 23)->marks |= TF_BP_MARK_FAIL;
  card_of (to_be, 1023)->marks |= TF_BP_MARK_FAIL;
  set_str (&card_of (to_be, 1023)->fail_mitigation, "A shared inbox");
  /* Not a change: the order in the cell, the cited insights. */
  card_of (to_be, 1015)->order = 3;
  cmp = tf_blueprint_compare (as_is, to_be);
  g_assert_cmpuint (cmp->changed->len, ==, 6);
  {
    gint64 changed[] = { 1011, 1012, 1013, 1014, 1021, 1023 };
    for (guint i = 0; i < G_N_ELEMENTS (changed); i++)
      g_assert_cmpint (g_array_index (cmp->changed, gint64, i), ==, changed[i]);
  }
  g_assert_cmpuint (cmp->added->len, ==, 2);
  g_assert_cmpuint (cmp->removed->len, ==, 2);
  g_clear_pointer (&cmp, tf_bp_comparison_free);

  /* A blueprint compared with itself: its cards have no origin there. */
  cmp = tf_blueprint_compare (as_is, as_is);
  g_assert_cmpuint (cmp->added->len, ==, as_is->cards->len);
  g_assert_cmpuint (cmp->removed->len, ==, as_is->cards->len);
}

/* Through the archive: a blueprint drawn with the commands and read back
 * from its scene, its "silenced" payload included; then its to-be copy. */

static TfBlueprint *
blueprint_of (TfTestBoard *f,
              gint64       board)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfScene) scene = tf_scene_new_for_board (f->store, board, &error);

  g_assert_no_error (error);
  return tf_blueprint_from_scene (scene);
}

static void
archive_set_up (TfTestBoard  *f,
                gconstpointer data)
{
  (void) data;
  tf_test_board_set_up (f, "blueprint-checks", "Kit du mandat", "blueprint");
}

static void
archive_tear_down (TfTestBoard  *f,
                   gconstpointer data)
{
  (void) data;
  tf_test_board_tear_down (f);
}

static void
test_archive (TfTestBoard  *f,
              gconstpointer data)
{
  g_autoptr(TfBlueprint) bp = blueprint_of (f, f->board);
  g_autoptr(TfBlueprint) again = NULL;
  g_autoptr(TfBlueprint) as_is = NULL;
  g_autoptr(TfBlueprint) to_be = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(TfBpCard) copy = NULL;
  g_autoptr(TfBpComparison) cmp = NULL;
  const char *step = ((TfBpStep *) g_ptr_array_index (bp->steps, 0))->id;
  const TfBpFinding *f_owner;
  gint64 receive, hand, board;

  (void) data;
  receive = tf_test_execute (f->history, tf_bp_command_add_card (f->board, step, lane_id (bp, TF_BP_LANE_CUSTOMER),
                                                                 -1, "Reçoit le kit"));
  hand = tf_test_execute (f->history, tf_bp_command_add_card (f->board, step, lane_id (bp, TF_BP_LANE_BACKSTAGE),
                                                              -1, "Prépare le kit"));

  /* A fail point whose owner is silenced, with a reason, through the
   * panel's command. */
  again = blueprint_of (f, f->board);
  copy = tf_bp_card_copy (card_of (again, hand));
  copy->marks |= TF_BP_MARK_FAIL;
  g_hash_table_insert (copy->silenced, g_strdup ("fail-owner"), g_strdup ("Tout le cabinet"));
  tf_test_execute (f->history, tf_bp_command_set_card (copy, NULL));
  g_clear_pointer (&again, tf_blueprint_free);

  again = blueprint_of (f, f->board);
  findings = check (again);
  g_assert_cmpuint (count (findings, "evidence-missing"), ==, 1);
  g_assert_true (has_item (find (findings, "evidence-missing"), receive));
  g_assert_cmpuint (count (findings, "card-unconnected"), ==, 1);
  g_assert_cmpuint (count (findings, "fail-owner"), ==, 1);
  f_owner = find (findings, "fail-owner");
  g_assert_true (has_item (f_owner, hand));
  g_assert_cmpstr (f_owner->silenced, ==, "Tout le cabinet");
  g_assert_null (find (findings, "fail-mitigation")->silenced);
  assert_sorted (again, findings);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* Fixed: an owner and a mitigation. */
  set_str (&copy->fail_owner, "Secrétariat du cabinet");
  set_str (&copy->fail_mitigation, "Une liste de contrôle");
  tf_test_execute (f->history, tf_bp_command_set_card (copy, NULL));
  g_clear_pointer (&again, tf_blueprint_free);
  again = blueprint_of (f, f->board);
  findings = check (again);
  g_assert_cmpuint (count (findings, "fail-owner"), ==, 0);
  g_assert_cmpuint (count (findings, "fail-mitigation"), ==, 0);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* Undone, the finding is back. */
  tf_test_undo (f->history);
  g_clear_pointer (&again, tf_blueprint_free);
  again = blueprint_of (f, f->board);
  findings = check (again);
  g_assert_cmpuint (count (findings, "fail-owner"), ==, 1);
  tf_test_redo (f->history);

  /* The to-be: one card rewritten, one added. */
  board = tf_test_execute (f->history, tf_bp_command_duplicate_to_be (f->board, "Kit, à venir"));
  to_be = blueprint_of (f, board);
  g_clear_pointer (&copy, tf_bp_card_free);
  for (guint i = 0; i < to_be->cards->len; i++)
    if (((TfBpCard *) g_ptr_array_index (to_be->cards, i))->origin == receive)
      copy = tf_bp_card_copy (g_ptr_array_index (to_be->cards, i));
  g_assert_nonnull (copy);
  set_str (&copy->text, "Reçoit le kit chez lui");
  tf_test_execute (f->history, tf_bp_command_set_card (copy, NULL));
  tf_test_execute (f->history, tf_bp_command_add_card (board, step, lane_id (to_be, TF_BP_LANE_FRONTSTAGE),
                                                       -1, "Appelle l’élu"));
  g_clear_pointer (&to_be, tf_blueprint_free);
  to_be = blueprint_of (f, board);
  as_is = blueprint_of (f, f->board);
  cmp = tf_blueprint_compare (as_is, to_be);
  g_assert_cmpuint (cmp->changed->len, ==, 1);
  g_assert_cmpint (g_array_index (cmp->changed, gint64, 0), ==, copy->item_id);
  g_assert_cmpuint (cmp->added->len, ==, 1);
  g_assert_cmpuint (cmp->removed->len, ==, 0);
}

/* The documentation lists exactly the checks, each with its severity, an
 * incorrect and a correct example and how to silence it. */
static void
test_docs (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs", "blueprint-checks.md", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) sections = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GRegex) heading = g_regex_new ("^## ([a-z0-9-]+)\\s*$", G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  const TfBpCheck *table;
  guint n;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);

  g_regex_match (heading, text, 0, &match);
  while (g_match_info_matches (match))
    {
      g_ptr_array_add (ids, g_match_info_fetch (match, 1));
      g_match_info_next (match, NULL);
    }
  g_ptr_array_set_free_func (ids, g_free);

  table = tf_bp_checks (&n);
  g_assert_cmpuint (ids->len, ==, n);
  sections = g_strsplit (text, "\n## ", -1);
  for (guint i = 0; i < n; i++)
    {
      const char *severity = table[i].severity == TF_BP_SEVERITY_ERROR ? "**Error.**"
                             : table[i].severity == TF_BP_SEVERITY_WARNING ? "**Warning.**"
                             : "**Suggestion.**";
      const char *section = NULL;

      /* In the table's order. */
      g_assert_cmpstr (g_ptr_array_index (ids, i), ==, table[i].id);
      for (guint s = 0; sections[s]; s++)
        if (g_str_has_prefix (sections[s], table[i].id)
            && sections[s][strlen (table[i].id)] == '\n')
          section = sections[s];
      g_assert_nonnull (section);
      assert_contains (section, severity);
      assert_contains (section, "**Why.**");
      assert_contains (section, "Incorrect");
      assert_contains (section, "\nCorrect");
      assert_contains (section, "```");
      assert_contains (section, "**Silence**");
    }
}

/* Not a test but a measure (-m perf): every check over 30 steps × 8 lanes,
 * 600 cards and 100 arrows. transfo-bench's blueprint_check is the
 * reference figure; this one is to look at while changing the checks. */
static TfBlueprint *
big_blueprint (void)
{
  TfBlueprint *bp = tf_blueprint_new ();
  TfBpLaneRole extra[] = { TF_BP_LANE_TIME, TF_BP_LANE_EMOTION, TF_BP_LANE_PAIN };
  g_autoptr(GRand) rand = g_rand_new_with_seed (10);

  for (guint i = 0; i < G_N_ELEMENTS (extra); i++)
    push_lane (bp, extra[i], FALSE);
  for (guint s = 0; s < 30; s++)
    {
      g_autofree char *title = g_strdup_printf ("Step %u of the service", s + 1);
      push_step (bp, title);
    }
  for (guint c = 0; c < 600; c++)
    {
      guint step = c % 30, lane = (c / 30) % 8;
      g_autofree char *text = g_strdup_printf ("Card %u: someone does something at this step", c);
      TfBpCard *card;
      const TfBpLane *l = g_ptr_array_index (bp->lanes, lane);

      card = push_card (bp, c + 1, step, l->role, text);
      if (c % 3 == 0)
        set_str (&card->actor, "elu");
      if (c % 7 == 0)
        card->marks |= TF_BP_MARK_FAIL;
      if (c % 11 == 0)
        card->marks |= TF_BP_MARK_WAIT;
      if (c % 13 == 0)
        card->marks |= TF_BP_MARK_PAIN;
      if (c % 17 == 0)
        g_hash_table_insert (card->silenced, g_strdup ("fail-owner"), g_strdup ("Known"));
    }
  for (guint a = 0; a < 100; a++)
    push_arrow (bp, 10000 + a, g_rand_int_range (rand, 1, 601), g_rand_int_range (rand, 1, 601))->loop = a % 5 == 0;
  return bp;
}

/* The thread's CPU time (µs): what a loaded machine does not inflate. */
static gint64
cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_GINT64_CONSTANT (1000000) + ts.tv_nsec / 1000;
}

static void
test_perf (void)
{
  g_autoptr(TfBlueprint) bp = NULL;
  gint64 best = G_MAXINT64, total = 0, first = 0, cpu = 0;
  gint64 layout_best = G_MAXINT64, layout_total = 0;
  guint n_findings = 0;
  const guint runs = 50;

  if (!g_test_perf ())
    {
      g_test_skip ("a measure: run with -m perf");
      return;
    }
  bp = big_blueprint ();
  for (guint r = 0; r < runs; r++)
    {
      gint64 start = g_get_monotonic_time ();
      gint64 cpu_start = cpu_time ();
      g_autoptr(GPtrArray) findings = tf_blueprint_check (bp, NULL);
      gint64 took = g_get_monotonic_time () - start;

      if (r > 0)
        cpu += cpu_time () - cpu_start;

      if (r == 0)
        first = took;
      else
        {
          best = MIN (best, took);
          total += took;
        }
      n_findings = findings->len;
    }
  /* Of which the layout (the readability check's blueprint size). */
  for (guint r = 0; r < runs; r++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(TfBpLayout) layout = tf_blueprint_layout (bp);
      gint64 took = g_get_monotonic_time () - start;

      layout_best = MIN (layout_best, took);
      layout_total += took;
    }
  g_test_message ("of which tf_blueprint_layout(): %.3f ms best, %.3f ms mean",
                  layout_best / 1000.0, layout_total / 1000.0 / runs);

  /* The first run measures the 600 card texts with Pango (the layout
   * keeps their heights); the others find them measured, as the window
   * does while a user edits. */
  g_test_minimized_result (best / 1000.0,
                           "every check, 30 × 8, 600 cards, 100 arrows: first run %.3f ms, then %.3f ms best, "
                           "%.3f ms mean (%.3f ms of CPU); %u findings",
                           first / 1000.0, best / 1000.0, total / 1000.0 / (runs - 1),
                           cpu / 1000.0 / (runs - 1), n_findings);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();

  g_test_add_func ("/blueprint-checks/clean", test_clean);
  g_test_add_func ("/blueprint-checks/evidence-missing", test_evidence_missing);
  g_test_add_func ("/blueprint-checks/frontstage-without-customer", test_frontstage_without_customer);
  g_test_add_func ("/blueprint-checks/card-unconnected", test_card_unconnected);
  g_test_add_func ("/blueprint-checks/support-to-customer", test_support_to_customer);
  g_test_add_func ("/blueprint-checks/fail-point", test_fail_point);
  g_test_add_func ("/blueprint-checks/wait-duration", test_wait_duration);
  g_test_add_func ("/blueprint-checks/step-without-actor", test_step_without_actor);
  g_test_add_func ("/blueprint-checks/mark-without-insight", test_mark_without_insight);
  g_test_add_func ("/blueprint-checks/lane-empty", test_lane_empty);
  g_test_add_func ("/blueprint-checks/arrow-backward", test_arrow_backward);
  g_test_add_func ("/blueprint-checks/text-too-small", test_text_too_small);
  g_test_add_func ("/blueprint-checks/silencing", test_silencing);
  g_test_add_func ("/blueprint-checks/sorting", test_sorting);
  g_test_add_func ("/blueprint-checks/table", test_table);
  g_test_add_func ("/blueprint-checks/names", test_names);
  g_test_add_func ("/blueprint-checks/empty", test_empty_blueprint);
  g_test_add_func ("/blueprint-checks/compare", test_compare);
  g_test_add ("/blueprint-checks/archive", TfTestBoard, NULL, archive_set_up, test_archive, archive_tear_down);
  g_test_add_func ("/blueprint-checks/docs", test_docs);
  g_test_add_func ("/blueprint-checks/perf", test_perf);

  return g_test_run ();
}
