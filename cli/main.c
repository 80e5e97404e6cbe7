/* main.c -- the `entente` command: argument parsing over libentente's
 * public interface (entente.h), nothing more. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_store.h"
#include "entente.h"

static const char *usage_main =
    "usage: entente COMMAND [OPTIONS] [ARGS]\n"
    "\n"
    "commands:\n"
    "  code [FILE...]          code parsed sentences and print events\n"
    "  validate RECORDS.xml    run PETRARCH validation records\n"
    "  explain RECORDS.xml     show how one record is coded (--id ID)\n"
    "  dict stats|check        load a dictionary set; counts, timing, messages\n"
    "  ingest [FILE|DIR]...    code documents and keep them in a store\n"
    "  recode                  re-code stored documents with another dictionary set\n"
    "  events                  list stored events, filtered\n"
    "  version                 print the version\n"
    "\n"
    "`entente COMMAND --help` describes a command; `man entente` all of them.\n";

static const char *usage_code =
    "usage: entente code [OPTIONS] [FILE...]\n"
    "Code sentences and write one event per line (stdin when no FILE or '-').\n"
    "  --from petrarch-xml|conllu   input form (default: petrarch-xml; conllu reads\n"
    "                               raw CoNLL-U or PETRARCH XML with CoNLL-U parses)\n"
    "  --to jsonl|tsv|petrarch      output form (default: jsonl)\n"
    "  --dicts PATH                 PETR_config.ini or a directory holding one\n"
    "  --parser given               use the parses in the input (the only parser yet)\n"
    "  --date YYYY-MM-DD            date for sentences that carry none\n"
    "  -j N                         threads (output stays in input order)\n"
    "  --stats                      print a throughput line on stderr\n"
    "  --strict                     stop at the first bad dictionary line\n";

static const char *usage_validate =
    "usage: entente validate RECORDS.xml [--dicts DIR] [--parser given] [--quiet]\n"
    "Code each record and compare with its expected <EventCoding>s; print the\n"
    "failures (expected vs got) and a closing \"N passed, N failed\" line.\n"
    "Dictionaries are those the records' <Environment> names, found in DIR\n"
    "(default: the records' directory).  Exit status 0 all passed, 2 some failed.\n";

static const char *usage_explain =
    "usage: entente explain RECORDS.xml --id ID [--dicts DIR]\n"
    "Show the tree, the tokens the dictionaries know, the verbs and patterns\n"
    "tried, the actors found and why each event was or was not produced.\n";

static const char *usage_dict =
    "usage: entente dict stats|check --dicts PATH\n"
    "  stats   load the set; print entry counts, load_ms and peak_rss_kb\n"
    "  check   the same, listing every message about a bad line (exit 2 if any)\n";

static int want_help(int argc, char **argv) {
    for (int i = 0; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) return 1;
    return 0;
}

static int bad_usage(const char *usage, const char *what, const char *arg) {
    fprintf(stderr, "entente: %s%s%s\n%s", what, arg ? ": " : "", arg ? arg : "", usage);
    return 64;
}

/* YYYY-MM-DD or YYYYMMDD -> YYYYMMDD; -1 when malformed. */
static int32_t parse_date(const char *s) {
    int y, m, d;
    char tail;
    if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 ||
        (strlen(s) == 8 && sscanf(s, "%4d%2d%2d%c", &y, &m, &d, &tail) == 3))
        if (m >= 1 && m <= 12 && d >= 1 && d <= 31) return y * 10000 + m * 100 + d;
    return -1;
}

static int cmd_code(int argc, char **argv) {
    if (want_help(argc, argv)) return fputs(usage_code, stdout), 0;
    entente_code_opts o = {0};
    o.threads = 1;
    o.from = ENTENTE_IN_PETRARCH_XML;
    char **files = calloc((size_t)argc + 1, sizeof *files);
    int n_files = 0;
    if (!files) return 1;
    int rc = 0;
    for (int i = 0; i < argc && !rc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--from") && v) {
            if (!strcmp(v, "petrarch-xml")) o.from = ENTENTE_IN_PETRARCH_XML;
            else if (!strcmp(v, "conllu")) o.from = ENTENTE_IN_CONLLU;
            else if (!strcmp(v, "text") || !strcmp(v, "jsonl"))
                rc = bad_usage(usage_code, "raw text needs the built-in parser, not available yet", v);
            else rc = bad_usage(usage_code, "unknown input form", v);
            i++;
        } else if (!strcmp(a, "--to") && v) {
            if (!strcmp(v, "jsonl")) o.to = ENTENTE_OUT_JSONL;
            else if (!strcmp(v, "tsv")) o.to = ENTENTE_OUT_TSV;
            else if (!strcmp(v, "petrarch")) o.to = ENTENTE_OUT_PETRARCH;
            else rc = bad_usage(usage_code, "unknown output form", v);
            i++;
        } else if (!strcmp(a, "--dicts") && v) {
            o.dicts = v;
            i++;
        } else if (!strcmp(a, "--parser") && v) {
            if (strcmp(v, "given")) rc = bad_usage(usage_code, "only --parser given is available", v);
            i++;
        } else if (!strcmp(a, "--date") && v) {
            o.date = parse_date(v);
            if (o.date < 0) rc = bad_usage(usage_code, "bad date (want YYYY-MM-DD)", v);
            i++;
        } else if (!strcmp(a, "-j") && v) {
            o.threads = atoi(v);
            if (o.threads < 1 || o.threads > 64) rc = bad_usage(usage_code, "-j wants 1..64", v);
            i++;
        } else if (!strncmp(a, "-j", 2) && a[2]) {
            o.threads = atoi(a + 2);
            if (o.threads < 1 || o.threads > 64) rc = bad_usage(usage_code, "-j wants 1..64", a);
        } else if (!strcmp(a, "--stats")) {
            o.stats = 1;
        } else if (!strcmp(a, "--strict")) {
            o.strict = 1;
        } else if (a[0] == '-' && a[1]) {
            rc = bad_usage(usage_code, "unknown or incomplete option", a);
        } else {
            files[n_files++] = argv[i];
        }
    }
    if (!rc && !o.dicts) rc = bad_usage(usage_code, "--dicts is required (no built-in set yet)", NULL);
    if (!rc) rc = entente_code_files(&o, files, n_files, stdout, stderr);
    free(files);
    return rc;
}

/* Shared by validate and explain: RECORDS [--dicts DIR] [--parser given]
 * [--quiet] [--id ID]. */
static int records_args(int argc, char **argv, const char *usage, const char **records,
                        const char **dicts, int *quiet, const char **id) {
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--dicts") && v) *dicts = argv[++i];
        else if (!strcmp(a, "--parser") && v) {
            if (strcmp(v, "given")) return bad_usage(usage, "only --parser given is available", v);
            i++;
        } else if (!strcmp(a, "--quiet") && quiet) *quiet = 1;
        else if (!strcmp(a, "--id") && v && id) *id = argv[++i];
        else if (a[0] == '-' && a[1]) return bad_usage(usage, "unknown or incomplete option", a);
        else if (!*records) *records = a;
        else return bad_usage(usage, "one records file only", a);
    }
    if (!*records) return bad_usage(usage, "no records file given", NULL);
    return 0;
}

static int cmd_validate(int argc, char **argv) {
    if (want_help(argc, argv)) return fputs(usage_validate, stdout), 0;
    const char *records = NULL, *dicts = NULL;
    int quiet = 0;
    int rc = records_args(argc, argv, usage_validate, &records, &dicts, &quiet, NULL);
    return rc ? rc : entente_validate(records, dicts, quiet, stdout, stderr);
}

static int cmd_explain(int argc, char **argv) {
    if (want_help(argc, argv)) return fputs(usage_explain, stdout), 0;
    const char *records = NULL, *dicts = NULL, *id = NULL;
    int rc = records_args(argc, argv, usage_explain, &records, &dicts, NULL, &id);
    if (rc) return rc;
    if (!id) return bad_usage(usage_explain, "--id is required", NULL);
    return entente_explain(records, id, dicts, stdout, stderr);
}

static int cmd_dict(int argc, char **argv) {
    if (want_help(argc, argv) || argc < 1) return fputs(usage_dict, argc < 1 ? stderr : stdout), argc < 1 ? 64 : 0;
    const char *dicts = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--dicts") && i + 1 < argc) dicts = argv[++i];
        else return bad_usage(usage_dict, "unknown or incomplete option", argv[i]);
    }
    if (!dicts) return bad_usage(usage_dict, "--dicts is required", NULL);
    if (!strcmp(argv[0], "stats")) return entente_dict_report(dicts, 0, stdout, stderr);
    if (!strcmp(argv[0], "check")) return entente_dict_report(dicts, 1, stdout, stderr);
    return bad_usage(usage_dict, "unknown dict command", argv[0]);
}

int main(int argc, char **argv) {
    if (argc < 2) return fputs(usage_main, stderr), 64;
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help"))
        return fputs(usage_main, stdout), 0;
    if (!strcmp(cmd, "version") || !strcmp(cmd, "--version"))
        return printf("entente %s\n", ENTENTE_VERSION), 0;
    if (!strcmp(cmd, "code")) return cmd_code(argc - 2, argv + 2);
    if (!strcmp(cmd, "validate")) return cmd_validate(argc - 2, argv + 2);
    if (!strcmp(cmd, "explain")) return cmd_explain(argc - 2, argv + 2);
    if (!strcmp(cmd, "dict")) return cmd_dict(argc - 2, argv + 2);
    int store_rc = cmd_store(cmd, argc - 2, argv + 2);
    if (store_rc >= 0) return store_rc;
    fprintf(stderr, "entente: unknown command '%s'\n%s", cmd, usage_main);
    return 64;
}
