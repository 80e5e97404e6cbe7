/* main.c -- the `entente` command: argument parsing over libentente's
 * public interface (entente.h), nothing more. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_analysis.h"
#include "cmd_queue.h"
#include "cmd_serve.h"
#include "cmd_store.h"
#include "args.h"
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
    "  index                   build the full-text index that events --text uses\n"
    "  overview                what a store holds, in one screen\n"
    "  dyad A B                a dyad's series by period, both directions (--plot)\n"
    "  trends                  dyads departing most from their own history\n"
    "  blocs                   communities in the graph of cooperation and conflict\n"
    "  actors                  the most active actors and their partners\n"
    "  serve                   a JSON API over a store (HTTP)\n"
    "  publish [FILE|DIR]...   send documents to a NATS JetStream work queue\n"
    "  worker                  code documents from the work queue into a shared store\n"
    "  status                  the work queue's counts, workers and dead letters\n"
    "  version                 print the version\n"
    "\n"
    "`entente COMMAND --help` describes a command; `man entente` all of them.\n";

static const char *usage_code =
    "usage: entente code [OPTIONS] [FILE...]\n"
    "Code news and write one event per line (stdin when no FILE or '-').\n"
    "  --from text|jsonl|petrarch-xml|conllu\n"
    "                       input form (default: by extension: .jsonl, .xml,\n"
    "                       .conllu, else text; stdin by its first bytes).  text: one story per\n"
    "                       file, or blank-line separated stories with --date.\n"
    "                       jsonl: {\"id\",\"date\",\"text\"} per line\n"
    "  --parser builtin|given|auto\n"
    "                       builtin: the built-in tokenizer, tagger and parser;\n"
    "                       given: the parses in the input; auto (default):\n"
    "                       given where a sentence has a parse, else builtin\n"
    "  --to jsonl|tsv|petrarch   output form (default: jsonl)\n"
    "  --dicts PATH         PETR_config.ini or a directory holding one\n"
    "                       (default: the built-in set)\n"
    "  --date YYYY-MM-DD    date for documents that carry none\n"
    "  -j N                 threads (output stays in input order)\n"
    "  --stats              print a throughput line on stderr\n"
    "  --stages             the same, with the time spent in each stage\n"
    "  --strict             stop at the first bad dictionary line\n";

static const char *usage_validate =
    "usage: entente validate RECORDS.xml [--dicts DIR] [--parser MODE] [--score] [--quiet]\n"
    "                        [--compare EVENTS.tsv [--judged JUDGEMENTS.tsv]]\n"
    "       entente validate RECORDS.xml --parser-agreement [--dicts DIR] [--verbose]\n"
    "Code each record and compare with its expected <EventCoding>s; print the\n"
    "failures (expected vs got) and a closing \"N passed, N failed\" line.\n"
    "Dictionaries are those the records' <Environment> names, found in DIR\n"
    "(default: the records' directory); records that name none use DIR as a\n"
    "set, or the built-in set.\n"
    "  --parser given     the parses in the records\n"
    "  --parser builtin   the built-in tokenizer, tagger and parser on <Text>\n"
    "  --parser reparse   the records' tokens and tags, the built-in parser\n"
    "  --parser auto      given when a record has a parse, else builtin (default)\n"
    "  --score            precision, recall and F1 on (source country, target\n"
    "                     country, root) and on exact codes\n"
    "  --compare EVENTS.tsv  another coder's events for the same records (a header\n"
    "                     names the columns id, source, target, code): list each\n"
    "                     event only one side has, with the record's text, then\n"
    "                     the agreement's precision, recall and F1 (in place of\n"
    "                     the failures)\n"
    "  --judged JUDGEMENTS.tsv  with --compare: verdicts on disagreements (a header\n"
    "                     names id, side, event, verdict, reason); after the\n"
    "                     agreement, how many are judged which way, and each\n"
    "                     disagreement not judged\n"
    "  --parser-agreement the built-in tokenizer, tagger and parser on <Text>\n"
    "                     against each record's Treebank parse: labelled bracket\n"
    "                     precision, recall and F1, and tag accuracy (nothing is\n"
    "                     coded); --verbose adds a line per record\n"
    "A failure under --parser builtin or reparse is coded again with the record's\n"
    "parse and tagged [parser: ...] when it then passes, [coder/dictionary: ...]\n"
    "when it does not, [text/parse: ...] when that parse has other words.\n"
    "Exit status 0 all passed, 2 some failed, 1 when the records could not be read\n"
    "(or held none).\n";

static const char *usage_explain =
    "usage: entente explain RECORDS.xml --id ID [--dicts DIR] [--parser MODE]\n"
    "       entente explain \"ANY SENTENCE\" [--dicts DIR] [--date YYYY-MM-DD]\n"
    "       entente explain --db URL --event ID [--dicts DIR]\n"
    "Show the tokens and tags, the tree, the tokens the dictionaries know, the\n"
    "verbs and patterns tried, the actors found and why each event was or was\n"
    "not produced, and each event's date.  A sentence is read by the built-in\n"
    "tokenizer, tagger and parser; the dictionaries default to the built-in set;\n"
    "--date is the story's date, which actor codes and relative dates read.\n"
    "--event explains a stored event (its event_id in an export): its sentence\n"
    "coded again under its story's date, with the set the store coded it with\n"
    "when that set is at hand, and whether the stored event comes out again.\n";

static const char *usage_dict =
    "usage: entente dict stats|check [--dicts PATH]\n"
    "       entente dict lookup \"PHRASE\" [--date YYYY-MM-DD] [--dicts PATH]\n"
    "  stats    load the set; print entry counts, load_ms and peak_rss_kb\n"
    "  check    the same, listing every message about a bad line, and the whole-set\n"
    "           checks: codes CAMEO does not have, phrases naming two actors (or an\n"
    "           actor and an agent), overlapping date ranges, patterns that can\n"
    "           never win (exit 2 if any)\n"
    "  lookup   what a phrase resolves to on a date and why\n"
    "PATH defaults to the built-in set.\n";




static int cmd_code(int argc, char **argv) {
    if (cli_wants_help(argc, argv)) return fputs(usage_code, stdout), 0;
    entente_code_opts o = {0};
    o.threads = 1;
    char **files = calloc((size_t)argc + 1, sizeof *files);
    int n_files = 0;
    if (!files) return 1;
    int rc = 0;
    for (int i = 0; i < argc && !rc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--from") && v) {
            if (!strcmp(v, "petrarch-xml")) o.from = ENTENTE_IN_PETRARCH_XML;
            else if (!strcmp(v, "conllu")) o.from = ENTENTE_IN_CONLLU;
            else if (!strcmp(v, "text")) o.from = ENTENTE_IN_TEXT;
            else if (!strcmp(v, "jsonl")) o.from = ENTENTE_IN_JSONL;
            else rc = cli_usage_error(usage_code, "unknown input form", v);
            i++;
        } else if (!strcmp(a, "--to") && v) {
            if (!strcmp(v, "jsonl")) o.to = ENTENTE_OUT_JSONL;
            else if (!strcmp(v, "tsv")) o.to = ENTENTE_OUT_TSV;
            else if (!strcmp(v, "petrarch")) o.to = ENTENTE_OUT_PETRARCH;
            else rc = cli_usage_error(usage_code, "unknown output form", v);
            i++;
        } else if (!strcmp(a, "--dicts") && v) {
            o.dicts = v;
            i++;
        } else if (!strcmp(a, "--parser") && v) {
            if (!strcmp(v, "given")) o.parser = ENTENTE_PARSER_GIVEN;
            else if (!strcmp(v, "builtin")) o.parser = ENTENTE_PARSER_BUILTIN;
            else if (!strcmp(v, "auto")) o.parser = ENTENTE_PARSER_AUTO;
            else rc = cli_usage_error(usage_code, "--parser wants builtin, given or auto", v);
            i++;
        } else if (!strcmp(a, "--date") && v) {
            o.date = entente_parse_date(v);
            if (o.date < 0) rc = cli_usage_error(usage_code, "bad date (want YYYY-MM-DD)", v);
            i++;
        } else if (!strcmp(a, "-j") && v) {
            if (cli_int(v, 1, 64, &o.threads)) rc = cli_usage_error(usage_code, "-j wants 1..64", v);
            i++;
        } else if (!strncmp(a, "-j", 2) && a[2]) {
            if (cli_int(a + 2, 1, 64, &o.threads)) rc = cli_usage_error(usage_code, "-j wants 1..64", a);
        } else if (!strcmp(a, "--stats")) {
            if (!o.stats) o.stats = 1;
        } else if (!strcmp(a, "--stages")) {
            o.stats = 2;
        } else if (!strcmp(a, "--strict")) {
            o.strict = 1;
        } else if (a[0] == '-' && a[1]) {
            rc = cli_usage_error(usage_code, "unknown or incomplete option", a);
        } else {
            files[n_files++] = argv[i];
        }
    }
    if (!rc) rc = entente_code_files(&o, files, n_files, stdout, stderr);
    free(files);
    return rc;
}

/* Shared by validate and explain: RECORDS [--dicts DIR] [--parser MODE]
 * [--quiet] [--score] [--id ID]. */
static int records_args(int argc, char **argv, const char *usage, const char **records,
                        entente_validate_opts *o, const char **id, int32_t *date) {
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--dicts") && v) o->dicts = argv[++i];
        else if (!strcmp(a, "--parser") && v) {
            if (!strcmp(v, "given")) o->parser = ENTENTE_PARSER_GIVEN;
            else if (!strcmp(v, "builtin")) o->parser = ENTENTE_PARSER_BUILTIN;
            else if (!strcmp(v, "reparse")) o->parser = ENTENTE_PARSER_REPARSE;
            else if (!strcmp(v, "auto")) o->parser = ENTENTE_PARSER_AUTO;
            else return cli_usage_error(usage, "--parser wants given, builtin, reparse or auto", v);
            i++;
        } else if (!strcmp(a, "--quiet")) o->quiet = 1;
        else if (!strcmp(a, "--score")) o->score = 1;
        else if (!strcmp(a, "--compare") && v) o->compare = argv[++i];
        else if (!strcmp(a, "--judged") && v) o->judged = argv[++i];
        else if (!strcmp(a, "--parser-agreement")) o->parser_agreement = 1;
        else if (!strcmp(a, "--verbose")) o->verbose = 1;
        else if (!strcmp(a, "--id") && v && id) *id = argv[++i];
        else if (!strcmp(a, "--date") && v && date) {
            if ((*date = entente_parse_date(argv[++i])) < 0)
                return cli_usage_error(usage, "bad date (want YYYY-MM-DD)", v);
        }
        else if (a[0] == '-' && a[1]) return cli_usage_error(usage, "unknown or incomplete option", a);
        else if (!*records) *records = a;
        else return cli_usage_error(usage, "one records file only", a);
    }
    if (!*records) return cli_usage_error(usage, "no records file given", NULL);
    return 0;
}

static int cmd_validate(int argc, char **argv) {
    if (cli_wants_help(argc, argv)) return fputs(usage_validate, stdout), 0;
    const char *records = NULL;
    entente_validate_opts o = {0};
    int rc = records_args(argc, argv, usage_validate, &records, &o, NULL, NULL);
    return rc ? rc : entente_validate(records, &o, stdout, stderr);
}

/* explain --db URL --event ID [--dicts DIR]; 0 when argv has no --event. */
static int explain_stored(int argc, char **argv, int *rc) {
    const char *db = NULL, *event = NULL, *dicts = NULL;
    int any = 0;
    for (int i = 0; i < argc; i++) any |= !strcmp(argv[i], "--event");
    if (!any) return 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!v) return *rc = cli_usage_error(usage_explain, "incomplete option", a), 1;
        if (!strcmp(a, "--db")) db = v;
        else if (!strcmp(a, "--event")) event = v;
        else if (!strcmp(a, "--dicts")) dicts = v;
        else return *rc = cli_usage_error(usage_explain, "with --event: --db and --dicts only", a), 1;
        i++;
    }
    *rc = entente_explain_event(db, event, dicts, stdout, stderr);
    return 1;
}

static int cmd_explain(int argc, char **argv) {
    if (cli_wants_help(argc, argv)) return fputs(usage_explain, stdout), 0;
    int stored_rc;
    if (explain_stored(argc, argv, &stored_rc)) return stored_rc;
    const char *records = NULL, *id = NULL;
    entente_validate_opts o = {0};
    int32_t date = 0;
    int rc = records_args(argc, argv, usage_explain, &records, &o, &id, &date);
    if (rc) return rc;
    /* not a file: the argument is a sentence to explain */
    FILE *probe = fopen(records, "r");
    if (!probe) return entente_explain_text(records, o.dicts, date, stdout, stderr);
    fclose(probe);
    if (!id) return cli_usage_error(usage_explain, "--id is required", NULL);
    return entente_explain(records, id, &o, stdout, stderr);
}

static int cmd_dict(int argc, char **argv) {
    if (cli_wants_help(argc, argv) || argc < 1)
        return fputs(usage_dict, argc < 1 ? stderr : stdout), argc < 1 ? 64 : 0;
    const char *dicts = NULL, *phrase = NULL;
    int32_t date = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--dicts") && i + 1 < argc) dicts = argv[++i];
        else if (!strcmp(argv[i], "--date") && i + 1 < argc) {
            date = entente_parse_date(argv[++i]);
            if (date < 0) return cli_usage_error(usage_dict, "bad date (want YYYY-MM-DD)", argv[i]);
        } else if (argv[i][0] != '-' && !phrase && !strcmp(argv[0], "lookup")) phrase = argv[i];
        else return cli_usage_error(usage_dict, "unknown or incomplete option", argv[i]);
    }
    if (!strcmp(argv[0], "stats")) return entente_dict_report(dicts, 0, stdout, stderr);
    if (!strcmp(argv[0], "check")) return entente_dict_report(dicts, 1, stdout, stderr);
    if (!strcmp(argv[0], "lookup")) {
        if (!phrase) return cli_usage_error(usage_dict, "lookup wants a phrase", NULL);
        return entente_dict_lookup(dicts, phrase, date, stdout, stderr);
    }
    return cli_usage_error(usage_dict, "unknown dict command", argv[0]);
}

static const char *usage_overview =
    "usage: entente overview [--db URL] [--format table|json]\n"
    "What a store holds, in one screen: totals, the busiest dyads, the most\n"
    "active actors, what changed most (entente trends) and the blocs (entente\n"
    "blocs).  URL: a SQLite file (default ./entente.db) or postgres://...\n"
    "--format json gives the same as one JSON object.\n";

static int cmd_overview(int argc, char **argv) {
    if (cli_wants_help(argc, argv)) return fputs(usage_overview, stdout), 0;
    const char *db = NULL;
    int format = ENTENTE_FMT_TABLE;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--db") && i + 1 < argc) db = argv[++i];
        else if (!strcmp(argv[i], "--format") && i + 1 < argc) {
            const char *v = argv[++i];
            if (!strcmp(v, "table")) format = ENTENTE_FMT_TABLE;
            else if (!strcmp(v, "json")) format = ENTENTE_FMT_JSONL;
            else return cli_usage_error(usage_overview, "--format wants table or json", v);
        } else return cli_usage_error(usage_overview, "unknown or incomplete option", argv[i]);
    }
    return entente_overview_format(db, format, 0, stdout, stderr);
}

static int run(int argc, char **argv) {
    if (argc < 2) return fputs(usage_main, stderr), 64;
    /* an empty --db (an unset shell variable) would quietly mean
     * ./entente.db: refused here, for every command at once */
    for (int i = 2; i + 1 < argc; i++)
        if (!strcmp(argv[i], "--db") && !argv[i + 1][0])
            return fprintf(stderr, "entente: --db is empty: name a SQLite file or a postgres:// "
                                   "URL (default ./entente.db when --db is not given)\n"),
                   64;
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help"))
        return fputs(usage_main, stdout), 0;
    if (!strcmp(cmd, "version") || !strcmp(cmd, "--version"))
        return printf("entente %s\n", ENTENTE_VERSION), 0;
    if (!strcmp(cmd, "code")) return cmd_code(argc - 2, argv + 2);
    if (!strcmp(cmd, "validate")) return cmd_validate(argc - 2, argv + 2);
    if (!strcmp(cmd, "explain")) return cmd_explain(argc - 2, argv + 2);
    if (!strcmp(cmd, "dict")) return cmd_dict(argc - 2, argv + 2);
    if (!strcmp(cmd, "overview")) return cmd_overview(argc - 2, argv + 2);
    if (!strcmp(cmd, "serve")) return cmd_serve(argc - 2, argv + 2);
    int store_rc = cmd_store(cmd, argc - 2, argv + 2);
    if (store_rc >= 0) return store_rc;
    int analysis_rc = cmd_analysis(cmd, argc - 2, argv + 2);
    if (analysis_rc >= 0) return analysis_rc;
    int queue_rc = cmd_queue(cmd, argc - 2, argv + 2);
    if (queue_rc >= 0) return queue_rc;
    fprintf(stderr, "entente: unknown command '%s'\n%s", cmd, usage_main);
    return 64;
}

/* Whatever the command, what it wrote must have reached standard output:
 * a full disk or a closed pipe makes the run fail, never a quiet exit 0.
 * A job that already said so (status 1) is not told twice. */
static int finish_stdout(int rc) {
    errno = 0;
    int ok = fflush(stdout) == 0 && !ferror(stdout);
    int e = errno;
    if (fclose(stdout) != 0 && ok) ok = 0, e = errno;
    if (ok) return rc;
    if (rc != 1)
        fprintf(stderr, "entente: cannot write standard output: %s\n",
                e ? strerror(e) : "write error (output lost)");
    return 1;
}

int main(int argc, char **argv) { return finish_stdout(run(argc, argv)); }
