/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "regional/tf-pg-cluster.h"

G_BEGIN_DECLS

/* A simulated region for the regional_* metrics: 100 departments (roles
 * dep_001 … dep_100, members of transfo_department), 5,000 published
 * experiments of 1,000 insights each (5 million), in the database
 * "region" of a PostgreSQL server of the bench's own. */
#define TF_BENCH_REGION_DB           "region"
#define TF_BENCH_REGION_DEPARTMENTS  100
#define TF_BENCH_REGION_EXPERIMENTS  5000
#define TF_BENCH_REGION_NOTES        1000

/* Starts the region's server, its data kept between runs in
 * /var/tmp/transfo-bench-region-<schema version> (or
 * $TRANSFO_BENCH_REGION_DIR): generated there first when missing, half
 * made, or when @rebuild. MISSING (TF_PG_CLUSTER_ERROR) when PostgreSQL's
 * server programs are not installed. */
TfPgCluster *tf_bench_region_open (gboolean   rebuild,
                                   GError   **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
