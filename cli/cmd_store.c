/* cmd_store.c -- `entente ingest`, `entente recode`, `entente events`:
 * argument parsing over the store jobs of entente.h, nothing more.  Kept
 * apart from main.c so the store's commands grow without touching the
 * others'. */
#include "cmd_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "entente.h"

static const char *usage_ingest =
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

static const char *usage_recode =
    "usage: entente recode [--db URL] [--dicts PATH] [-j N] [--batch N]\n"
    "Re-code every stored document coded with another dictionary set, replacing\n"
    "its events in place.  Interrupted, it resumes where it stopped.\n";

static const char *usage_events =
    "usage: entente events [OPTIONS]\n"
    "Print stored events, by date.\n"
    "  --db URL                     store (default ./entente.db)\n"
    "  --actor CODE                 source or target is CODE or starts with it\n"
    "  --dyad A B                   events between A and B, both directions\n"
    "  --code CODE  --root RR  --quad 1..4\n"
    "  --from YYYY-MM-DD --to YYYY-MM-DD   date range, inclusive\n"
    CLI_USAGE_DATE_FIELD
    "  --text WORDS                 the sentence contains these words\n"
    "  --limit N                    at most N events; when N were printed, the\n"
    "                               cursor of the next page goes to stderr\n"
    "  --after CURSOR               the events after that cursor (the next page)\n"
    "  --format table|jsonl|csv|gdelt|plover   default: table; gdelt: the GDELT 2.0\n"
    "                               event table's 61 tab-separated columns; plover:\n"
    "                               JSON lines with each event's PLOVER type, mode\n"
    "                               and context (events of roots 01 and 02 have none)\n";

static const char *usage_index =
    "usage: entente index [--db URL] [--drop]\n"
    "Build the full-text index of the stored sentences that `events --text`\n"
    "searches, or bring it up to date; --drop removes it.  Ingest does not\n"
    "keep it up, for speed: on SQLite a text search first indexes what was\n"
    "stored since the last one; on PostgreSQL a search scans until this\n"
    "command has made the index, which the server then keeps.\n";

/* Options shared by ingest and recode; returns 1 when `a` was one of them
 * (advancing *i past its value), 0 when not, or an exit status > 1. */
static int common_opt(const char *usage, int argc, char **argv, int *i,
                      entente_ingest_opts *o) {
    const char *a = argv[*i], *v = *i + 1 < argc ? argv[*i + 1] : NULL;
    if (!strcmp(a, "--db") && v) o->db = v;
    else if (!strcmp(a, "--dicts") && v) o->dicts = v;
    else if (!strcmp(a, "-j") && v) {
        if (cli_int(v, 1, 64, &o->threads)) return cli_usage_error(usage, "-j wants 1..64", v);
    } else if (!strncmp(a, "-j", 2) && a[2]) {
        if (cli_int(a + 2, 1, 64, &o->threads)) return cli_usage_error(usage, "-j wants 1..64", a);
        return 1;
    } else if (!strcmp(a, "--batch") && v) {
        if (cli_int(v, 1, 100000, &o->batch)) return cli_usage_error(usage, "--batch wants 1..100000", v);
    } else if (!strcmp(a, "--progress") && v) {
        if (!strcmp(v, "bar")) o->progress = 0;
        else if (!strcmp(v, "lines")) o->progress = 1;
        else if (!strcmp(v, "none")) o->progress = -1;
        else return cli_usage_error(usage, "--progress wants bar, lines or none", v);
    } else return 0;
    (*i)++;
    return 1;
}

static int cmd_ingest(int argc, char **argv) {
    if (cli_wants_help(argc, argv)) return fputs(usage_ingest, stdout), 0;
    entente_ingest_opts o = {0};
    o.threads = 1;
    char **files = calloc((size_t)argc + 1, sizeof *files);
    if (!files) return fputs("entente: out of memory\n", stderr), 1;
    int n_files = 0, rc = 0;
    for (int i = 0; i < argc && !rc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        int c = common_opt(usage_ingest, argc, argv, &i, &o);
        if (c > 1) rc = c;
        else if (c == 1) continue;
        else if (!strcmp(a, "--from") && v) {
            if (!strcmp(v, "petrarch-xml")) o.from = ENTENTE_IN_PETRARCH_XML;
            else if (!strcmp(v, "conllu")) o.from = ENTENTE_IN_CONLLU;
            else if (!strcmp(v, "text")) o.from = ENTENTE_IN_TEXT;
            else if (!strcmp(v, "jsonl")) o.from = ENTENTE_IN_JSONL;
            else rc = cli_usage_error(usage_ingest, "unknown input form", v);
            i++;
        } else if (!strcmp(a, "--date") && v) {
            o.date = entente_parse_date(v);
            if (o.date < 0) rc = cli_usage_error(usage_ingest, "bad date (want YYYY-MM-DD)", v);
            i++;
        } else if (a[0] == '-' && a[1]) {
            rc = cli_usage_error(usage_ingest, "unknown or incomplete option", a);
        } else {
            files[n_files++] = argv[i];
        }
    }
    if (!rc) rc = entente_ingest(&o, files, n_files, stderr);
    free(files);
    return rc;
}

static int cmd_recode(int argc, char **argv) {
    if (cli_wants_help(argc, argv)) return fputs(usage_recode, stdout), 0;
    entente_ingest_opts o = {0};
    o.threads = 1;
    for (int i = 0; i < argc; i++) {
        int c = common_opt(usage_recode, argc, argv, &i, &o);
        if (c > 1) return c;
        if (c == 0) return cli_usage_error(usage_recode, "unknown or incomplete option", argv[i]);
    }
    return entente_recode(&o, stderr);
}

static int cmd_events(int argc, char **argv) {
    if (cli_wants_help(argc, argv)) return fputs(usage_events, stdout), 0;
    entente_events_opts o = {0};
    char next[64];
    o.next = next;
    o.next_cap = sizeof next;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!v) return cli_usage_error(usage_events, "unknown or incomplete option", a);
        if (!strcmp(a, "--db")) o.db = v;
        else if (!strcmp(a, "--actor")) o.actor = v;
        else if (!strcmp(a, "--dyad")) {
            if (i + 2 >= argc) return cli_usage_error(usage_events, "--dyad wants two codes", NULL);
            o.dyad_a = v;
            o.dyad_b = argv[i + 2];
            i++;
        } else if (!strcmp(a, "--code")) o.code = v;
        else if (!strcmp(a, "--root")) o.root = v;
        else if (!strcmp(a, "--quad")) {
            if (cli_int(v, 1, 4, &o.quad)) return cli_usage_error(usage_events, "--quad wants 1..4", v);
        } else if (!strcmp(a, "--from") || !strcmp(a, "--to")) {
            int32_t d = entente_parse_date(v);
            if (d < 0) return cli_usage_error(usage_events, "bad date (want YYYY-MM-DD)", v);
            if (a[2] == 'f') o.from = d;
            else o.to = d;
        } else if (!strcmp(a, "--text")) o.text = v;
        else if (!strcmp(a, "--date-field")) {
            if (cli_date_field(v, &o.date_field))
                return cli_usage_error(usage_events, "--date-field wants event or published", v);
        } else if (!strcmp(a, "--after")) o.after = v;
        else if (!strcmp(a, "--limit")) {
            int n;
            if (cli_int(v, 1, 2000000000, &n)) return cli_usage_error(usage_events, "--limit wants a count", v);
            o.limit = n;
        } else if (!strcmp(a, "--format")) {
            if (!strcmp(v, "table")) o.format = ENTENTE_FMT_TABLE;
            else if (!strcmp(v, "jsonl")) o.format = ENTENTE_FMT_JSONL;
            else if (!strcmp(v, "csv")) o.format = ENTENTE_FMT_CSV;
            else if (!strcmp(v, "gdelt")) o.format = ENTENTE_FMT_GDELT;
            else if (!strcmp(v, "plover")) o.format = ENTENTE_FMT_PLOVER;
            else return cli_usage_error(usage_events, "--format wants table, jsonl, csv, gdelt or plover", v);
        } else return cli_usage_error(usage_events, "unknown option", a);
        i++;
    }
    int rc = entente_events(&o, stdout, stderr);
    if (rc == 0 && next[0]) fprintf(stderr, "entente: more events: --after %s\n", next);
    return rc;
}

static int cmd_index(int argc, char **argv) {
    if (cli_wants_help(argc, argv)) return fputs(usage_index, stdout), 0;
    const char *db = NULL;
    int drop = 0;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--db") && i + 1 < argc) db = argv[++i];
        else if (!strcmp(argv[i], "--drop")) drop = 1;
        else return cli_usage_error(usage_index, "unknown or incomplete option", argv[i]);
    }
    return entente_text_index(db, drop, stdout, stderr);
}

int cmd_store(const char *cmd, int argc, char **argv) {
    if (!strcmp(cmd, "ingest")) return cmd_ingest(argc, argv);
    if (!strcmp(cmd, "recode")) return cmd_recode(argc, argv);
    if (!strcmp(cmd, "events")) return cmd_events(argc, argv);
    if (!strcmp(cmd, "index")) return cmd_index(argc, argv);
    return -1;
}
