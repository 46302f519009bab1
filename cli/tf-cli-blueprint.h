/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "blueprints/tf-blueprint-checks.h"

G_BEGIN_DECLS

/* `transfo blueprint check EXPERIMENT [--board NAME] [--json]`: @argv holds
 * the arguments after "blueprint". Prints the findings of the blueprint
 * checks (blueprints/tf-blueprint-checks.h) of every blueprint of the
 * experiment, or of the one named. Unlike the other commands, its status
 * tells a script what was found: 0 when no finding is an error (silenced
 * ones do not count), 1 when one is, 2 when nothing could be checked (bad
 * arguments, an archive that cannot be read, no such experiment or
 * blueprint); those errors are one line "transfo: …" on stderr. */
int tf_cli_blueprint (const char  *archive,
                      int          argc,
                      char       **argv);

/* Where a finding is, for the text and the JSON: its step (or the first
 * concerned card's), its lane (likewise) and the first card concerned (for
 * an arrow, the card it starts from); NULL when it has none. */
const TfBpStep *tf_cli_blueprint_finding_step (const TfBlueprint *bp,
                                               const TfBpFinding *finding);
const TfBpLane *tf_cli_blueprint_finding_lane (const TfBlueprint *bp,
                                               const TfBpFinding *finding);
const TfBpCard *tf_cli_blueprint_finding_card (const TfBlueprint *bp,
                                               const TfBpFinding *finding);

G_END_DECLS
