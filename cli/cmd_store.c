/* cmd_store.c -- `entente ingest`, `recode`, `events` and `index`:
 * argument parsing over the store jobs of entente.h, nothing more.  Kept
 * apart from main.c so the store's commands grow without touching the
 * others'. */
#include "cmd_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "entente.h"

const char cmd_ingest_usage[] =
    "usage: entente ingest [OPTIONS] [FILE|DIR|-]...\n"
    "Code documents and store them with their sentences and events.  A document\n"
    "already stored (same id, or same normalised text) is skipped and counted;\n"
    "documents commit in batches, so an interrupted ingest resumes where it stopped.\n"
    "  --db URL                     store: a SQLite file (default ./entente.db)\n"
    "                               or postgres://user@host:port/dbname\n"
    "  --dicts PATH                 PETR_config.ini or a directory holding one\n"
    "                               (default: the built-in set)\n"
    "  --from petrarch-xml|conllu|text|jsonl   input form (default: by extension)\n"
    "  --date YYYY-MM-DD            date for documents that carry none\n"
    "  -j N                         coder threads (one writer)\n"
    "  --batch N                    documents per transaction (default 256)\n"
    "  --progress bar|lines|none    default: a bar on a terminal, else lines\n";

const char cmd_recode_usage[] =
    "usage: entente recode [--db URL] [--dicts PATH] [-j N] [--batch N]\n"
    "Re-code every stored document coded with another dictionary set, replacing\n"
    "its events in place.  Interrupted, it resumes where it stopped.\n";

const char cmd_events_usage[] =
    "usage: entente events [OPTIONS]\n"
    "Print stored events, by date.\n"
    "  --db URL                     store (default ./entente.db)\n"
    "  --actor CODE                 source or target is CODE or starts with it\n"
    "  --dyad A B                   events between A and B, both directions\n"
    "  --code CODE  --root RR  --quad 1..4\n"
    "  --from YYYY-MM-DD --to YYYY-MM-DD   date range, inclusive\n" CLI_USAGE_DATE_FIELD
    "  --text WORDS                 the sentence contains these words\n"
    "  --unique                     one event a happening (its first mention), with\n"
    "                               its mentions, sources and documents counts\n"
    "  --limit N                    at most N events; when N were printed, the\n"
    "                               cursor of the next page goes to stderr\n"
    "  --after CURSOR               the events after that cursor (the next page)\n"
    "  --format table|jsonl|csv|tsv|gdelt|plover  default: table; gdelt: the GDELT 2.0\n"
    "                               event table's 61 tab-separated columns; plover:\n"
    "                               JSON lines with each event's PLOVER type, mode\n"
    "                               and context (events of roots 01 and 02 have none)\n";

const char cmd_index_usage[] =
    "usage: entente index [--db URL] [--drop]\n"
    "Build the full-text index of the stored sentences that `events --text`\n"
    "searches, or bring it up to date; --drop removes it.  Ingest does not\n"
    "keep it up, for speed: on SQLite a text search first indexes what was\n"
    "stored since the last one; on PostgreSQL a search scans until this\n"
    "command has made the index, which the server then keeps.\n";

enum {
    O_DB = 256,
    O_DICTS,
    O_BATCH,
    O_PROGRESS,
    O_FROM,
    O_DATE,
    O_TO,
    O_ACTOR,
    O_DYAD,
    O_CODE,
    O_ROOT,
    O_QUAD,
    O_TEXT,
    O_DATE_FIELD,
    O_AFTER,
    O_LIMIT,
    O_FORMAT,
    O_DROP,
    O_UNIQUE
};

static const struct option recode_options[] = {{"db", required_argument, NULL, O_DB},
                                               {"dicts", required_argument, NULL, O_DICTS},
                                               {"batch", required_argument, NULL, O_BATCH},
                                               {"progress", required_argument, NULL, O_PROGRESS},
                                               {NULL, 0, NULL, 0}};

/* recode's and these two */
static const struct option ingest_options[] = {{"db", required_argument, NULL, O_DB},
                                               {"dicts", required_argument, NULL, O_DICTS},
                                               {"batch", required_argument, NULL, O_BATCH},
                                               {"progress", required_argument, NULL, O_PROGRESS},
                                               {"from", required_argument, NULL, O_FROM},
                                               {"date", required_argument, NULL, O_DATE},
                                               {NULL, 0, NULL, 0}};

/* An option ingest and recode share into o: 0, or the exit status of a
 * usage error. */
static int common_opt(const char *usage, int c, const cli_opts *p, entente_ingest_opts *o) {
    const char *v = p->value;
    switch (c) {
    case O_DB: o->db = v; break;
    case O_DICTS: o->dicts = v; break;
    case 'j':
        if (cli_int(v, 1, 64, &o->threads))
            return cli_usage_error(usage, "-j wants 1..64", p->shown);
        break;
    case O_BATCH:
        if (cli_int(v, 1, 100000, &o->batch))
            return cli_usage_error(usage, "--batch wants 1..100000", v);
        break;
    case O_PROGRESS:
        if (!strcmp(v, "bar")) o->progress = 0;
        else if (!strcmp(v, "lines")) o->progress = 1;
        else if (!strcmp(v, "none")) o->progress = -1;
        else return cli_usage_error(usage, "--progress wants bar, lines or none", v);
        break;
    }
    return 0;
}

int cmd_ingest(int argc, char **argv) {
    entente_ingest_opts o = {0};
    o.threads = 1;
    char **files = calloc((size_t)argc + 1, sizeof *files);
    if (!files) return fputs("entente: out of memory\n", stderr), 1;
    int n_files = 0, rc = 0, c;
    cli_opts p;
    cli_begin(&p, argc, argv, CLI_SHORTS("j:"), ingest_options, cmd_ingest_usage, NULL);
    while (!rc && (c = cli_next(&p)) != CLI_END) {
        const char *v = p.value;
        switch (c) {
        case CLI_ERROR: rc = 64; break;
        case CLI_ARG: files[n_files++] = argv[p.at]; break;
        case O_FROM: rc = cli_input_form(cmd_ingest_usage, v, &o.from); break;
        case O_DATE: rc = cli_date(cmd_ingest_usage, v, &o.date); break;
        default: rc = common_opt(cmd_ingest_usage, c, &p, &o);
        }
    }
    if (!rc) rc = entente_ingest(&o, files, n_files, stderr);
    free(files);
    return rc;
}

int cmd_recode(int argc, char **argv) {
    entente_ingest_opts o = {0};
    o.threads = 1;
    cli_opts p;
    cli_begin(&p, argc, argv, CLI_SHORTS("j:"), recode_options, cmd_recode_usage, NULL);
    for (int c, rc; (c = cli_next(&p)) != CLI_END;) {
        if (c == CLI_ERROR) return 64;
        if (c == CLI_ARG) return cli_unexpected(&p);
        if ((rc = common_opt(cmd_recode_usage, c, &p, &o))) return rc;
    }
    return entente_recode(&o, stderr);
}

static const struct option events_options[] = {
    {"db", required_argument, NULL, O_DB},
    {"actor", required_argument, NULL, O_ACTOR},
    {"dyad", required_argument, NULL, O_DYAD}, /* and the argument after it */
    {"code", required_argument, NULL, O_CODE},
    {"root", required_argument, NULL, O_ROOT},
    {"quad", required_argument, NULL, O_QUAD},
    {"from", required_argument, NULL, O_FROM},
    {"to", required_argument, NULL, O_TO},
    {"text", required_argument, NULL, O_TEXT},
    {"date-field", required_argument, NULL, O_DATE_FIELD},
    {"after", required_argument, NULL, O_AFTER},
    {"limit", required_argument, NULL, O_LIMIT},
    {"format", required_argument, NULL, O_FORMAT},
    {"unique", no_argument, NULL, O_UNIQUE},
    {NULL, 0, NULL, 0}};

int cmd_events(int argc, char **argv) {
    entente_events_opts o = {0};
    char next[64];
    o.next = next;
    o.next_cap = sizeof next;
    const char *usage = cmd_events_usage;
    cli_opts p;
    cli_begin(&p, argc, argv, CLI_SHORTS(""), events_options, usage, "unknown option");
    for (int c; (c = cli_next(&p)) != CLI_END;) {
        const char *v = p.value;
        int32_t d;
        switch (c) {
        case CLI_ERROR: return 64;
        case CLI_ARG: return cli_unexpected(&p);
        case O_DB: o.db = v; break;
        case O_ACTOR: o.actor = v; break;
        case O_DYAD:
            /* getopt_long takes one value; the second code is the next
             * argument, whatever it looks like, and reading goes on after it */
            if (optind >= argc) return cli_usage_error(usage, "--dyad wants two codes", NULL);
            o.dyad_a = v;
            o.dyad_b = argv[optind++];
            break;
        case O_CODE: o.code = v; break;
        case O_ROOT: o.root = v; break;
        case O_QUAD:
            if (cli_int(v, 1, 4, &o.quad)) return cli_usage_error(usage, "--quad wants 1..4", v);
            break;
        case O_FROM:
        case O_TO:
            if (cli_date(usage, v, &d)) return 64;
            if (c == O_FROM) o.from = d;
            else o.to = d;
            break;
        case O_TEXT: o.text = v; break;
        case O_DATE_FIELD:
            if (cli_date_field(v, &o.date_field))
                return cli_usage_error(usage, "--date-field wants event or published", v);
            break;
        case O_AFTER: o.after = v; break;
        case O_UNIQUE: o.unique = 1; break;
        case O_LIMIT: {
            int n;
            if (cli_int(v, 1, 2000000000, &n))
                return cli_usage_error(usage, "--limit wants a count", v);
            o.limit = n;
            break;
        }
        case O_FORMAT:
            if (!strcmp(v, "table")) o.format = ENTENTE_FMT_TABLE;
            else if (!strcmp(v, "jsonl")) o.format = ENTENTE_FMT_JSONL;
            else if (!strcmp(v, "csv")) o.format = ENTENTE_FMT_CSV;
            else if (!strcmp(v, "tsv")) o.format = ENTENTE_FMT_TSV;
            else if (!strcmp(v, "gdelt")) o.format = ENTENTE_FMT_GDELT;
            else if (!strcmp(v, "plover")) o.format = ENTENTE_FMT_PLOVER;
            else return cli_usage_error(usage, "--format wants table, jsonl, csv, tsv, gdelt or plover", v);
            break;
        }
    }
    int rc = entente_events(&o, stdout, stderr);
    if (rc == 0 && next[0]) fprintf(stderr, "entente: more events: --after %s\n", next);
    return rc;
}

static const struct option index_options[] = {
    {"db", required_argument, NULL, O_DB}, {"drop", no_argument, NULL, O_DROP}, {NULL, 0, NULL, 0}};

int cmd_index(int argc, char **argv) {
    const char *db = NULL;
    int drop = 0;
    cli_opts p;
    cli_begin(&p, argc, argv, CLI_SHORTS(""), index_options, cmd_index_usage, NULL);
    for (int c; (c = cli_next(&p)) != CLI_END;) {
        if (c == CLI_ERROR) return 64;
        if (c == CLI_ARG) return cli_unexpected(&p);
        if (c == O_DB) db = p.value;
        else drop = 1;
    }
    return entente_text_index(db, drop, stdout, stderr);
}
