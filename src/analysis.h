/* analysis.h -- what the store says about relations: dyad series, trends
 * (dyads departing from their own history), blocs (communities in the
 * signed graph of cooperation and conflict) and the most active actors.
 *
 * Every function reads the store through ent_store_query only, with bound
 * parameters, so SQLite and PostgreSQL answer alike.  Functions return 0,
 * or -1 with a message "DATABASE: STATEMENT: what" (or "what" for errors
 * that are not the database's) in err[errcap]: the convention of the
 * library's modules below the jobs (a status, one message in the
 * caller's buffer, or on the handle for a handle's calls, as store.h).  Results are plain arrays
 * owned by the caller, freed with the matching _free.
 *
 * Groups: neutral = the events of the neutral roots (01 statements, 02
 * appeals: ent_store_neutral_root), cooperation = the other events of
 * quad 1 + 2, conflict = the other events of quad 3 + 4.  The per-quad
 * counts stay CAMEO's (a statement is in q1 and in neutral).
 */
#ifndef ENT_ANALYSIS_H
#define ENT_ANALYSIS_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

enum ent_period { ENT_PERIOD_DAY = 0, ENT_PERIOD_WEEK, ENT_PERIOD_MONTH, ENT_PERIOD_QUARTER,
                  ENT_PERIOD_YEAR };
/* The weight of a tie of blocs: Goldstein sum, or cooperation - conflict. */
enum ent_weight { ENT_WEIGHT_GOLDSTEIN = 0, ENT_WEIGHT_COUNT };
/* Actors as 3-letter country codes (src_country, tgt_country) or full codes. */
enum ent_level { ENT_LEVEL_COUNTRY = 0, ENT_LEVEL_FULL };

/* ---- Dyad series ------------------------------------------------------------- */

typedef struct ent_dyad_cell {
    long count[4];            /* events per QuadClass 1..4 (index quad - 1) */
    long n;                   /* all events */
    long neutral, coop, conflict;   /* the groups (above); they sum to n */
    double gsum;              /* Goldstein sum; mean = gsum / n */
} ent_dyad_cell;

typedef struct ent_dyad_row {
    int32_t key;              /* the period: YYYYMMDD (day), Monday's day number
                                 since 1970 / 7 (week), YYYYMM (month), YYYY*10+Q,
                                 YYYY (year) */
    char label[16];           /* "2024-03-05", "2024-03-04" (the week's Monday),
                                 "2024-03", "2024Q1", "2024" */
    int32_t first_day;        /* the period's first day, days since 1970 */
    ent_dyad_cell dir[3];     /* 0: A->B, 1: B->A, 2: both */
    long all;                 /* every stored event of the period (for shares;
                                 -1 when not asked) */
} ent_dyad_row;

typedef struct ent_dyad_series {
    char a[64], b[64];        /* as asked, upper-cased */
    int by;                   /* enum ent_period */
    ent_dyad_row *rows;       /* every period from the first to the last, in
                                 time order, those without events too */
    int n;
} ent_dyad_series;

/* ---- Trends -------------------------------------------------------------------- */

/* Window k (k = 0 the current one, 1..baseline the history) holds the days
 * (end - (k+1)*window, end - k*window].  For each directed country dyad
 * and each group (cooperation, conflict), x = the current window's count,
 * mu and sd the mean and sample standard deviation of the baseline
 * windows' counts, z = (x - mu) / max(sd, sqrt(max(mu, 1))): the floor is
 * the Poisson noise of the mean, so a dyad with a flat history is not
 * called a trend over one event.  Dyads with max(x, mu) < min_events are
 * left out; the rest are ranked by |z|. */
typedef struct ent_trend_opts {
    int window_days;          /* default 7 */
    int baseline;             /* windows of history, default 12 */
    int min_events;           /* default 5 */
    int top;                  /* rows kept, default 20 */
    int32_t end;              /* YYYYMMDD, last day of the current window;
                                 0 = the latest event's date */
} ent_trend_opts;

typedef struct ent_trend_example {
    char doc[64];
    int32_t date;
    char source[32], target[32], code[8];
    double goldstein;
    char text[164];           /* the sentence, cut to 160 bytes at a character */
} ent_trend_example;

typedef struct ent_trend {
    char source[8], target[8];    /* country codes, source -> target */
    int group;                /* 0 cooperation, 1 conflict */
    long current;             /* x */
    long neutral;             /* the dyad's neutral events in the window */
    double mean, sd, z;
    long history[64];         /* baseline windows' counts, history[0] = window 1 */
    ent_trend_example ex[3];  /* the current window's weightiest events
                                 (largest |Goldstein|, then latest) */
    int n_ex;
} ent_trend;

typedef struct ent_trends {
    int32_t window_from, window_to;   /* the current window, YYYYMMDD */
    int32_t baseline_from;            /* first day of the history */
    int window_days, baseline;
    ent_trend *items;         /* ranked by |z|, at most opts.top */
    int n;
    long candidates;          /* dyad-groups that met min_events */
} ent_trends;

/* ---- Actors and the relations graph ----------------------------------------- */

/* A directed pair's events over a period. */
typedef struct ent_edge {
    int a, b;                 /* actor indexes, a -> b */
    long n, neutral, coop, conflict;   /* all events, and the groups */
    double gsum;              /* Goldstein sum of the events not neutral */
} ent_edge;

typedef struct ent_graph {
    int level;                /* enum ent_level */
    char (*actors)[32];       /* codes, sorted */
    int n_actors;
    ent_edge *edges;          /* directed, self pairs left out */
    int n_edges;
} ent_graph;

typedef struct ent_partner {
    int actor;                /* index in the graph */
    long n, neutral, coop, conflict;   /* both directions */
} ent_partner;

typedef struct ent_actor_stat {
    int actor;
    long as_source, as_target, total, neutral, coop, conflict;
    ent_partner partners[3];  /* most events first */
    int n_partners;
} ent_actor_stat;

/* ---- Blocs ----------------------------------------------------------------------- */

/* The undirected signed graph: for each pair of actors with at least
 * min_events cooperation and conflict events between them (both
 * directions; neutral events say nothing of the tie and count for
 * nothing), weight = the Goldstein sum of those events
 * (ENT_WEIGHT_GOLDSTEIN: a war outweighs a protest) or cooperation count
 * - conflict count (ENT_WEIGHT_COUNT).  Blocs are the communities of the positive part
 * (weights > 0) found by greedy modularity optimisation
 * (igraph_community_fastgreedy, Clauset-Newman-Moore) at the merge of
 * highest modularity: deterministic, so a store always gives the same
 * blocs.  Actors with no positive tie are blocs of their own. */
typedef struct ent_tie {
    int a, b;                 /* actor indexes, a < b */
    long n, neutral, coop, conflict;
    double gsum;              /* Goldstein sum of the events not neutral */
    double w;                 /* gsum, or coop - conflict (ent_blocs.weight) */
} ent_tie;

typedef struct ent_blocs {
    int weight;               /* enum ent_weight */
    ent_graph g;              /* the actors and directed edges it came from */
    ent_tie *ties;            /* kept pairs, strongest |w| first */
    int n_ties;
    int *bloc;                /* per actor: bloc index, -1 when in no kept tie */
    long *activity;           /* per actor: events in kept ties */
    int n_blocs;              /* blocs numbered by size, largest first */
    double modularity;        /* of the positive graph's partition */
} ent_blocs;

/* Prototypes */
/* The dyad A-B (each a code or prefix; a 3-letter code is a country and
 * matches the stored country columns) per period, from..to inclusive
 * (0 = open: from the first or to the last period with events).  With
 * `all`, each row's `all` is filled (else -1). */
int ent_dyad_series_get(ent_store *s, const char *a, const char *b, int by, int32_t from,
                        int32_t to, int all, ent_dyad_series *out, char *err, size_t errcap);
void ent_dyad_series_free(ent_dyad_series *d);

int ent_trends_get(ent_store *s, const ent_trend_opts *o, ent_trends *out, char *err,
                   size_t errcap);
void ent_trends_free(ent_trends *t);

/* Directed pairs of actors (level) with their event counts, from..to. */
int ent_graph_get(ent_store *s, int level, int32_t from, int32_t to, ent_graph *out, char *err,
                  size_t errcap);
void ent_graph_free(ent_graph *g);

/* The top actors of g by events as source or target (ties: by code) with
 * their three main partners.  out[top]; returns how many were written. */
int ent_actors_rank(const ent_graph *g, int top, ent_actor_stat *out);

int ent_blocs_get(ent_store *s, int level, int32_t from, int32_t to, int min_events,
                  int weight, ent_blocs *out, char *err, size_t errcap);
void ent_blocs_free(ent_blocs *b);
/* The k strongest ties (by |w|) of bloc `bloc`: internal ones (both ends
 * in the bloc) or cross-bloc ones (one end); indexes into b->ties in out[k].
 * Returns how many. */
int ent_blocs_ties(const ent_blocs *b, int bloc, int internal, int k, int *out);

#endif
