/* cmd_analysis.c -- `entente dyad`, `trends`, `blocs`, `actors`: argument
 * parsing over the analysis jobs of entente.h, nothing more.  The four
 * commands share one option parser, each accepting the options its usage
 * lists, so a flag means the same thing everywhere. */
#include "cmd_analysis.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "entente.h"

const char cmd_dyad_usage[] =
    "usage: entente dyad A B [OPTIONS]\n"
    "The relations between A and B per period: events per QuadClass (q1 verbal\n"
    "cooperation, q2 material cooperation, q3 verbal conflict, q4 material conflict),\n"
    "then neutral (statements and appeals, roots 01 and 02, part of q1), cooperation\n"
    "(the rest of q1+q2) and conflict (q3+q4), Goldstein sum and mean, for A->B,\n"
    "B->A and both; every period from the first to the last, empty ones as zeros.\n"
    "A and B are actor codes or prefixes; a 3-letter code is a country and matches\n"
    "every code starting with it.\n"
    "  --db URL                     store (default ./entente.db)\n"
    "  --by day|week|month|quarter|year   period (default: month); weeks start on Monday\n"
    "  --from YYYY-MM-DD --to YYYY-MM-DD   date range, inclusive (and the series' ends)\n"
    "  --normalize                  counts as shares of all stored events of the period\n"
    "  --plot FILE.png|FILE.svg     chart on a time axis: cooperation above the axis,\n"
    "                               conflict below, both directions\n" CLI_USAGE_DATE_FIELD CLI_USAGE_COUNT
    "  --format table|tsv|csv|jsonl default: table\n";

const char cmd_trends_usage[] =
    "usage: entente trends [OPTIONS]\n"
    "The directed country dyads whose cooperation (q1+q2 without the neutral\n"
    "roots 01 and 02) or conflict (q3+q4) in the last window departs most from\n"
    "their own history (the window's neutral events are shown beside).  Statistic: x = the\n"
    "window's event count, mu and sd = mean and sample standard deviation of the\n"
    "counts in the BASELINE windows before it, z = (x - mu) / max(sd, sqrt(max(mu, 1)))\n"
    "(the floor is the Poisson noise of the mean).  Dyad-groups with\n"
    "max(x, mu) < MIN-EVENTS are left out; the rest are ranked by |z|, each shown\n"
    "with three of the window's events (largest |Goldstein| first).\n"
    "  --db URL                     store (default ./entente.db)\n"
    "  --window Nd|Nw               window length (default 7d)\n"
    "  --baseline N                 windows of history, 2..64 (default 12)\n"
    "  --min-events N               default 5\n"
    "  --top K                      rows (default 20)\n"
    "  --to YYYY-MM-DD              last day of the window (default: latest "
    "event)\n" CLI_USAGE_DATE_FIELD CLI_USAGE_COUNT "  --format table|tsv|csv|jsonl default: table\n";

const char cmd_blocs_usage[] =
    "usage: entente blocs [OPTIONS]\n"
    "Communities of actors in the signed graph of relations over a period.  Each\n"
    "pair of actors with at least MIN-EVENTS cooperation and conflict events between\n"
    "them (both directions; neutral events, roots 01 and 02, left out) is a tie\n"
    "weighted by their Goldstein sum or by cooperation minus conflict events; blocs\n"
    "are the communities of the positive ties by greedy modularity optimisation\n"
    "(igraph_community_fastgreedy, deterministic).  Each bloc is listed with its\n"
    "members and its strongest internal and cross-bloc ties, with their sign.\n"
    "  --db URL                     store (default ./entente.db)\n"
    "  --from YYYY-MM-DD --to YYYY-MM-DD   period, inclusive (default: all)\n"
    "  --level country|full         actors as 3-letter countries (default) or full codes\n"
    "  --min-events N               default 10\n"
    "  --weight goldstein|count     tie weight (default: goldstein)\n"
    "  --plot FILE.png|FILE.svg     the network: nodes by bloc, ties "
    "green/red\n" CLI_USAGE_DATE_FIELD CLI_USAGE_COUNT "  --format table|tsv|csv|jsonl default: table\n";

const char cmd_actors_usage[] =
    "usage: entente actors [OPTIONS]\n"
    "The most active actors (events as source or target), their neutral (roots 01\n"
    "and 02), cooperation and conflict events, and their main partners.\n"
    "  --db URL                     store (default ./entente.db)\n"
    "  --from YYYY-MM-DD --to YYYY-MM-DD   period, inclusive (default: all)\n"
    "  --level country|full         3-letter countries (default) or full codes\n"
    "  --top K                      default 20\n" CLI_USAGE_DATE_FIELD CLI_USAGE_COUNT
    "  --format table|tsv|csv|jsonl default: table\n"
    "  --unknown                    instead: the proper-noun phrases of the stored\n"
    "                               sentences (of stories in the period) that the\n"
    "                               dictionaries do not know, most frequent first,\n"
    "                               each with a sentence, to guide dictionary work\n"
    "  --dicts PATH                 with --unknown: the set (default: the built-in)\n";

/* "7d", "2w", "30" (days) -> days; -1 when malformed. */
static int window_arg(const char *s) {
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || v < 1) return -1;
    long mult = !*end || !strcmp(end, "d") ? 1 : !strcmp(end, "w") ? 7 : -1;
    if (mult < 0 || v * mult > 3660) return -1;
    return (int)(v * mult);
}

/* Each option's code is also the bit that allows it in parse, but for
 * --from (allowed by O_DATES) and --to (by O_DATES, or O_TO where it ends
 * the window, not the series); --date-field and --count go everywhere.  Codes start
 * past getopt's short letters and CLI_ARG.  --dicts goes with --unknown. */
enum {
    O_DB = 1 << 8,
    O_BY = 1 << 9,
    O_DATES = 1 << 10,
    O_PLOT = 1 << 11,
    O_FORMAT = 1 << 12,
    O_WINDOW = 1 << 13,
    O_BASELINE = 1 << 14,
    O_MIN = 1 << 15,
    O_TOP = 1 << 16,
    O_LEVEL = 1 << 17,
    O_TO = 1 << 18,
    O_NORMALIZE = 1 << 19,
    O_WEIGHT = 1 << 20,
    O_FROM = 1 << 21,
    O_DATE_FIELD = 1 << 22,
    O_UNKNOWN = 1 << 23,
    O_DICTS = 1 << 24,
    O_COUNT = 1 << 25
};

static const struct option options[] = {{"db", required_argument, NULL, O_DB},
                                        {"by", required_argument, NULL, O_BY},
                                        {"from", required_argument, NULL, O_FROM},
                                        {"to", required_argument, NULL, O_TO},
                                        {"date-field", required_argument, NULL, O_DATE_FIELD},
                                        {"count", required_argument, NULL, O_COUNT},
                                        {"plot", required_argument, NULL, O_PLOT},
                                        {"format", required_argument, NULL, O_FORMAT},
                                        {"window", required_argument, NULL, O_WINDOW},
                                        {"baseline", required_argument, NULL, O_BASELINE},
                                        {"min-events", required_argument, NULL, O_MIN},
                                        {"top", required_argument, NULL, O_TOP},
                                        {"weight", required_argument, NULL, O_WEIGHT},
                                        {"level", required_argument, NULL, O_LEVEL},
                                        {"normalize", no_argument, NULL, O_NORMALIZE},
                                        {"unknown", no_argument, NULL, O_UNKNOWN},
                                        {"dicts", required_argument, NULL, O_DICTS},
                                        {NULL, 0, NULL, 0}};

static int allows(unsigned allowed, int c) {
    if (c == O_FROM) return (allowed & O_DATES) != 0;
    if (c == O_TO) return (allowed & (O_DATES | O_TO)) != 0;
    if (c == O_DICTS) return (allowed & O_UNKNOWN) != 0;
    return c == O_DATE_FIELD || c == O_COUNT || (allowed & (unsigned)c) != 0;
}

/* Parse argv into o, accepting the options in `allowed`; positional
 * arguments go to pos[0..max_pos).  0, or an exit status. */
static int parse(const char *usage, unsigned allowed, int argc, char **argv,
                 entente_analysis_opts *o, const char **pos, int max_pos) {
    int n_pos = 0;
    cli_opts p;
    cli_begin(&p, argc, argv, CLI_SHORTS(""), options, usage, "unknown option");
    for (int c; (c = cli_next(&p)) != CLI_END;) {
        const char *v = p.value;
        if (c == CLI_ERROR) return 64;
        if (c == CLI_ARG) {
            if (n_pos >= max_pos) return cli_usage_error(usage, "unexpected argument", v);
            pos[n_pos++] = v;
            continue;
        }
        if (!allows(allowed, c)) return cli_unexpected(&p);
        int32_t d;
        switch (c) {
        case O_NORMALIZE: o->normalize = 1; break;
        case O_UNKNOWN: o->unknown = 1; break;
        case O_DICTS: o->dicts = v; break;
        case O_DB: o->db = v; break;
        case O_BY:
            if (!strcmp(v, "day")) o->by = ENTENTE_BY_DAY;
            else if (!strcmp(v, "week")) o->by = ENTENTE_BY_WEEK;
            else if (!strcmp(v, "month")) o->by = ENTENTE_BY_MONTH;
            else if (!strcmp(v, "quarter")) o->by = ENTENTE_BY_QUARTER;
            else if (!strcmp(v, "year")) o->by = ENTENTE_BY_YEAR;
            else return cli_usage_error(usage, "--by wants day, week, month, quarter or year", v);
            break;
        case O_FROM:
        case O_TO:
            if (cli_date(usage, v, &d)) return 64;
            if (c == O_FROM) o->from = d;
            else if (allowed & O_TO) o->end = d;
            else o->to = d;
            break;
        case O_DATE_FIELD:
            if (cli_date_field(v, &o->date_field))
                return cli_usage_error(usage, "--date-field wants event or published", v);
            break;
        case O_COUNT:
            if (cli_count(v, &o->count))
                return cli_usage_error(usage, "--count wants happenings or mentions", v);
            break;
        case O_PLOT: o->plot = v; break;
        case O_FORMAT:
            if (!strcmp(v, "table")) o->format = ENTENTE_FMT_TABLE;
            else if (!strcmp(v, "jsonl")) o->format = ENTENTE_FMT_JSONL;
            else if (!strcmp(v, "csv")) o->format = ENTENTE_FMT_CSV;
            else if (!strcmp(v, "tsv")) o->format = ENTENTE_FMT_TSV;
            else return cli_usage_error(usage, "--format wants table, tsv, csv or jsonl", v);
            break;
        case O_WINDOW:
            o->window_days = window_arg(v);
            if (o->window_days < 0)
                return cli_usage_error(usage, "--window wants Nd or Nw (up to 3660 days)", v);
            break;
        case O_BASELINE:
            if (cli_int(v, 2, 64, &o->baseline))
                return cli_usage_error(usage, "--baseline wants 2..64", v);
            break;
        case O_MIN:
            if (cli_int(v, 1, 1000000000, &o->min_events))
                return cli_usage_error(usage, "--min-events wants a count", v);
            break;
        case O_TOP:
            if (cli_int(v, 1, 100000, &o->top))
                return cli_usage_error(usage, "--top wants 1..100000", v);
            break;
        case O_WEIGHT:
            if (!strcmp(v, "goldstein")) o->weight = ENTENTE_WEIGHT_GOLDSTEIN;
            else if (!strcmp(v, "count")) o->weight = ENTENTE_WEIGHT_COUNT;
            else return cli_usage_error(usage, "--weight wants goldstein or count", v);
            break;
        case O_LEVEL:
            if (!strcmp(v, "country")) o->level = ENTENTE_LEVEL_COUNTRY;
            else if (!strcmp(v, "full")) o->level = ENTENTE_LEVEL_FULL;
            else return cli_usage_error(usage, "--level wants country or full", v);
            break;
        }
    }
    if (n_pos < max_pos) return cli_usage_error(usage, "two actor codes are needed", NULL);
    return 0;
}

int cmd_dyad(int argc, char **argv) {
    entente_analysis_opts o = {.by = ENTENTE_BY_MONTH};
    const char *pos[2] = {NULL, NULL};
    int rc = parse(cmd_dyad_usage, O_DB | O_BY | O_DATES | O_PLOT | O_FORMAT | O_NORMALIZE, argc,
                   argv, &o, pos, 2);
    if (rc) return rc;
    o.a = pos[0];
    o.b = pos[1];
    return entente_dyad(&o, stdout, stderr);
}

int cmd_trends(int argc, char **argv) {
    entente_analysis_opts o = {0};
    int rc = parse(cmd_trends_usage, O_DB | O_FORMAT | O_WINDOW | O_BASELINE | O_MIN | O_TOP | O_TO,
                   argc, argv, &o, NULL, 0);
    return rc ? rc : entente_trends(&o, stdout, stderr);
}

int cmd_blocs(int argc, char **argv) {
    entente_analysis_opts o = {0};
    int rc = parse(cmd_blocs_usage, O_DB | O_DATES | O_PLOT | O_FORMAT | O_MIN | O_LEVEL | O_WEIGHT,
                   argc, argv, &o, NULL, 0);
    return rc ? rc : entente_blocs(&o, stdout, stderr);
}

int cmd_actors(int argc, char **argv) {
    entente_analysis_opts o = {0};
    int rc = parse(cmd_actors_usage, O_DB | O_DATES | O_FORMAT | O_TOP | O_LEVEL | O_UNKNOWN, argc,
                   argv, &o, NULL, 0);
    return rc ? rc : entente_actors(&o, stdout, stderr);
}
