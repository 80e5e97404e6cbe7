/* main.c -- the `entente` command: argument parsing over libentente's
 * public interface (entente.h), nothing more.  One table names every
 * command with its summary, usage and handler; main dispatches from it and
 * `entente --help` lists it.  The store's, the analyses', the server's and
 * the work queue's commands parse their options in cmd_*.c. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cmd_analysis.h"
#include "cmd_queue.h"
#include "cmd_serve.h"
#include "cmd_store.h"
#include "entente.h"

static const char usage_code[] =
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

static const char usage_validate[] =
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

static const char usage_explain[] =
    "usage: entente explain RECORDS.xml --id ID [--dicts DIR] [--parser MODE]\n"
    "       entente explain \"ANY SENTENCE\" [--dicts DIR] [--date YYYY-MM-DD]\n"
    "       entente explain --db URL --event ID [--dicts DIR]\n"
    "Show the tokens and tags, the tree, the tokens the dictionaries know, the\n"
    "verbs and patterns tried, the actors found and why each event was or was\n"
    "not produced, and each event's date and place.  A sentence is read by the\n"
    "built-in tokenizer, tagger and parser; the dictionaries default to the\n"
    "built-in set;\n"
    "--date is the story's date, which actor codes and relative dates read.\n"
    "--event explains a stored event (its event_id in an export): its sentence\n"
    "coded again under its story's date, with the set the store coded it with\n"
    "when that set is at hand, and whether the stored event comes out again.\n";

static const char usage_dict[] =
    "usage: entente dict stats|check [--dicts PATH]\n"
    "       entente dict lookup \"PHRASE\" [--date YYYY-MM-DD] [--dicts PATH]\n"
    "  stats    load the set; print entry counts, load_ms and peak_rss_kb\n"
    "  check    the same, listing every message about a bad line, and the whole-set\n"
    "           checks: codes CAMEO does not have, phrases naming two actors (or an\n"
    "           actor and an agent), overlapping date ranges, patterns that can\n"
    "           never win (exit 2 if any)\n"
    "  lookup   what a phrase resolves to on a date and why\n"
    "PATH defaults to the built-in set.\n";

static const char usage_overview[] =
    "usage: entente overview [--db URL] [--format table|json] [--count happenings|mentions]\n"
    "What a store holds, in one screen: totals, the busiest dyads, the most\n"
    "active actors, what changed most (entente trends) and the blocs (entente\n"
    "blocs).  URL: a SQLite file (default ./entente.db) or postgres://...\n"
    "--format json gives the same as one JSON object.  Events are happenings, each\n"
    "counted once however many sentences and stories mention it; --count mentions\n"
    "counts every mention.\n";

static const char usage_version[] = "usage: entente version\n"
                                    "Print the version.\n";

/* The long options of this file's commands; -j is the one short option. */
enum {
    O_FROM = 256,
    O_TO,
    O_DICTS,
    O_PARSER,
    O_DATE,
    O_STATS,
    O_STAGES,
    O_STRICT,
    O_QUIET,
    O_SCORE,
    O_COMPARE,
    O_JUDGED,
    O_AGREEMENT,
    O_VERBOSE,
    O_ID,
    O_DB,
    O_FORMAT,
    O_EVENT,
    O_COUNT
};

static const struct option code_options[] = {{"from", required_argument, NULL, O_FROM},
                                             {"to", required_argument, NULL, O_TO},
                                             {"dicts", required_argument, NULL, O_DICTS},
                                             {"parser", required_argument, NULL, O_PARSER},
                                             {"date", required_argument, NULL, O_DATE},
                                             {"stats", no_argument, NULL, O_STATS},
                                             {"stages", no_argument, NULL, O_STAGES},
                                             {"strict", no_argument, NULL, O_STRICT},
                                             {NULL, 0, NULL, 0}};

static int cmd_code(int argc, char **argv) {
    entente_code_opts o = {0};
    o.threads = 1;
    char **files = calloc((size_t)argc + 1, sizeof *files);
    if (!files) return fputs("entente: out of memory\n", stderr), 1;
    int n_files = 0, rc = 0, c;
    cli_opts p;
    cli_begin(&p, argc, argv, CLI_SHORTS("j:"), code_options, usage_code, NULL);
    while (!rc && (c = cli_next(&p)) != CLI_END) {
        const char *v = p.value;
        switch (c) {
        case CLI_ERROR: rc = 64; break;
        case CLI_ARG: files[n_files++] = argv[p.at]; break;
        case O_FROM: rc = cli_input_form(usage_code, v, &o.from); break;
        case O_TO:
            if (!strcmp(v, "jsonl")) o.to = ENTENTE_OUT_JSONL;
            else if (!strcmp(v, "tsv")) o.to = ENTENTE_OUT_TSV;
            else if (!strcmp(v, "petrarch")) o.to = ENTENTE_OUT_PETRARCH;
            else rc = cli_usage_error(usage_code, "unknown output form", v);
            break;
        case O_DICTS: o.dicts = v; break;
        case O_PARSER:
            if (!strcmp(v, "given")) o.parser = ENTENTE_PARSER_GIVEN;
            else if (!strcmp(v, "builtin")) o.parser = ENTENTE_PARSER_BUILTIN;
            else if (!strcmp(v, "auto")) o.parser = ENTENTE_PARSER_AUTO;
            else rc = cli_usage_error(usage_code, "--parser wants builtin, given or auto", v);
            break;
        case O_DATE: rc = cli_date(usage_code, v, &o.date); break;
        case 'j':
            if (cli_int(v, 1, 64, &o.threads))
                rc = cli_usage_error(usage_code, "-j wants 1..64", p.shown);
            break;
        case O_STATS: /* --stages already asks for more */
            if (!o.stats) o.stats = 1;
            break;
        case O_STAGES: o.stats = 2; break;
        case O_STRICT: o.strict = 1; break;
        }
    }
    if (!rc) rc = entente_code_files(&o, files, n_files, stdout, stderr);
    free(files);
    return rc;
}

static const struct option records_options[] = {
    {"dicts", required_argument, NULL, O_DICTS},
    {"parser", required_argument, NULL, O_PARSER},
    {"quiet", no_argument, NULL, O_QUIET},
    {"score", no_argument, NULL, O_SCORE},
    {"compare", required_argument, NULL, O_COMPARE},
    {"judged", required_argument, NULL, O_JUDGED},
    {"parser-agreement", no_argument, NULL, O_AGREEMENT},
    {"verbose", no_argument, NULL, O_VERBOSE},
    {"id", required_argument, NULL, O_ID},
    {"date", required_argument, NULL, O_DATE},
    {NULL, 0, NULL, 0}};

/* Shared by validate and explain: RECORDS [--dicts DIR] [--parser MODE]
 * [--quiet] [--score] ...; --id and --date only where id and date are
 * asked for (explain). */
static int records_args(int argc, char **argv, const char *usage, const char **records,
                        entente_validate_opts *o, const char **id, int32_t *date) {
    cli_opts p;
    cli_begin(&p, argc, argv, CLI_SHORTS(""), records_options, usage, NULL);
    for (int c; (c = cli_next(&p)) != CLI_END;) {
        const char *v = p.value;
        switch (c) {
        case CLI_ERROR: return 64;
        case CLI_ARG:
            if (*records) return cli_usage_error(usage, "one records file only", v);
            *records = v;
            break;
        case O_DICTS: o->dicts = v; break;
        case O_PARSER:
            if (!strcmp(v, "given")) o->parser = ENTENTE_PARSER_GIVEN;
            else if (!strcmp(v, "builtin")) o->parser = ENTENTE_PARSER_BUILTIN;
            else if (!strcmp(v, "reparse")) o->parser = ENTENTE_PARSER_REPARSE;
            else if (!strcmp(v, "auto")) o->parser = ENTENTE_PARSER_AUTO;
            else return cli_usage_error(usage, "--parser wants given, builtin, reparse or auto", v);
            break;
        case O_QUIET: o->quiet = 1; break;
        case O_SCORE: o->score = 1; break;
        case O_COMPARE: o->compare = v; break;
        case O_JUDGED: o->judged = v; break;
        case O_AGREEMENT: o->parser_agreement = 1; break;
        case O_VERBOSE: o->verbose = 1; break;
        case O_ID:
            if (!id) return cli_unexpected(&p);
            *id = v;
            break;
        case O_DATE:
            if (!date) return cli_unexpected(&p);
            if (cli_date(usage, v, date)) return 64;
            break;
        }
    }
    if (!*records) return cli_usage_error(usage, "no records file given", NULL);
    return 0;
}

static int cmd_validate(int argc, char **argv) {
    const char *records = NULL;
    entente_validate_opts o = {0};
    int rc = records_args(argc, argv, usage_validate, &records, &o, NULL, NULL);
    return rc ? rc : entente_validate(records, &o, stdout, stderr);
}

static const struct option explain_event_options[] = {{"db", required_argument, NULL, O_DB},
                                                      {"event", required_argument, NULL, O_EVENT},
                                                      {"dicts", required_argument, NULL, O_DICTS},
                                                      {NULL, 0, NULL, 0}};

/* explain --db URL --event ID [--dicts DIR]; 0 when argv has no --event. */
static int explain_stored(int argc, char **argv, int *rc) {
    const char *db = NULL, *event = NULL, *dicts = NULL;
    int any = 0;
    for (int i = 1; i < argc; i++) any |= !strcmp(argv[i], "--event") || !strncmp(argv[i], "--event=", 8);
    if (!any) return 0;
    cli_opts p;
    cli_begin(&p, argc, argv, CLI_SHORTS(""), explain_event_options, usage_explain, NULL);
    for (int c; (c = cli_next(&p)) != CLI_END;) {
        switch (c) {
        case CLI_ERROR: return *rc = 64, 1;
        case CLI_ARG: return *rc = cli_usage_error(usage_explain, "with --event: --db and --dicts only", p.value), 1;
        case O_DB: db = p.value; break;
        case O_EVENT: event = p.value; break;
        case O_DICTS: dicts = p.value; break;
        }
    }
    *rc = entente_explain_event(db, event, dicts, stdout, stderr);
    return 1;
}

static int cmd_explain(int argc, char **argv) {
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

static const struct option dict_options[] = {{"dicts", required_argument, NULL, O_DICTS},
                                             {"date", required_argument, NULL, O_DATE},
                                             {NULL, 0, NULL, 0}};

static int cmd_dict(int argc, char **argv) {
    if (argc < 2) return fputs(usage_dict, stderr), 64;
    const char *what = NULL, *dicts = NULL, *phrase = NULL;
    int32_t date = 0;
    cli_opts p;
    cli_begin(&p, argc, argv, CLI_SHORTS(""), dict_options, usage_dict, NULL);
    for (int c; (c = cli_next(&p)) != CLI_END;) {
        const char *v = p.value;
        switch (c) {
        case CLI_ERROR: return 64;
        case CLI_ARG: /* the dict command, then lookup's phrase */
            if (!what) what = v;
            else if (!phrase && !strcmp(what, "lookup")) phrase = v;
            else return cli_unexpected(&p);
            break;
        case O_DICTS: dicts = v; break;
        case O_DATE:
            if (cli_date(usage_dict, v, &date)) return 64;
            break;
        }
    }
    if (!what) return cli_usage_error(usage_dict, "no dict command given", NULL);
    if (!strcmp(what, "stats")) return entente_dict_report(dicts, 0, stdout, stderr);
    if (!strcmp(what, "check")) return entente_dict_report(dicts, 1, stdout, stderr);
    if (!strcmp(what, "lookup")) {
        if (!phrase) return cli_usage_error(usage_dict, "lookup wants a phrase", NULL);
        return entente_dict_lookup(dicts, phrase, date, stdout, stderr);
    }
    return cli_usage_error(usage_dict, "unknown dict command", what);
}

static const struct option overview_options[] = {{"db", required_argument, NULL, O_DB},
                                                 {"format", required_argument, NULL, O_FORMAT},
                                                 {"count", required_argument, NULL, O_COUNT},
                                                 {NULL, 0, NULL, 0}};

static int cmd_overview(int argc, char **argv) {
    const char *db = NULL;
    int format = ENTENTE_FMT_TABLE, count = ENTENTE_COUNT_HAPPENINGS;
    cli_opts p;
    cli_begin(&p, argc, argv, CLI_SHORTS(""), overview_options, usage_overview, NULL);
    for (int c; (c = cli_next(&p)) != CLI_END;) {
        const char *v = p.value;
        switch (c) {
        case CLI_ERROR: return 64;
        case CLI_ARG: return cli_unexpected(&p);
        case O_DB: db = v; break;
        case O_FORMAT:
            if (!strcmp(v, "table")) format = ENTENTE_FMT_TABLE;
            else if (!strcmp(v, "json")) format = ENTENTE_FMT_JSONL;
            else return cli_usage_error(usage_overview, "--format wants table or json", v);
            break;
        case O_COUNT:
            if (cli_count(v, &count))
                return cli_usage_error(usage_overview, "--count wants happenings or mentions", v);
            break;
        }
    }
    return entente_overview_count(db, format, count, 0, stdout, stderr);
}

/* `entente version` reads no arguments: whatever follows it, it prints
 * the version (but for --help, like every command). */
static int cmd_version(int argc, char **argv) {
    (void)argc, (void)argv;
    return printf("entente %s\n", ENTENTE_VERSION), 0;
}

/* Every command: `entente NAME` runs it, `entente NAME --help` prints its
 * usage, and `entente --help` lists them in this order. */
static const cli_command commands[] = {
    {"code", "[FILE...]", "code parsed sentences and print events", usage_code, cmd_code},
    {"validate", "RECORDS.xml", "run PETRARCH validation records", usage_validate, cmd_validate},
    {"explain", "RECORDS.xml", "show how one record is coded (--id ID)", usage_explain,
     cmd_explain},
    {"dict", "stats|check", "load a dictionary set; counts, timing, messages", usage_dict,
     cmd_dict},
    {"ingest", "[FILE|DIR]...", "code documents and keep them in a store", cmd_ingest_usage,
     cmd_ingest},
    {"recode", "", "re-code stored documents with another dictionary set", cmd_recode_usage,
     cmd_recode},
    {"events", "", "list stored events, filtered", cmd_events_usage, cmd_events},
    {"index", "", "build the full-text index that events --text uses", cmd_index_usage, cmd_index},
    {"overview", "", "what a store holds, in one screen", usage_overview, cmd_overview},
    {"dyad", "A B", "a dyad's series by period, both directions (--plot)", cmd_dyad_usage,
     cmd_dyad},
    {"trends", "", "dyads departing most from their own history", cmd_trends_usage, cmd_trends},
    {"blocs", "", "communities in the graph of cooperation and conflict", cmd_blocs_usage,
     cmd_blocs},
    {"actors", "", "the most active actors and their partners", cmd_actors_usage, cmd_actors},
    {"serve", "", "a JSON API over a store (HTTP)", cmd_serve_usage, cmd_serve},
    {"publish", "[FILE|DIR]...", "send documents to a NATS JetStream work queue", cmd_publish_usage,
     cmd_publish},
    {"worker", "", "code documents from the work queue into a shared store", cmd_worker_usage,
     cmd_worker},
    {"status", "", "the work queue's counts, workers and dead letters", cmd_status_usage,
     cmd_status},
    {"version", "", "print the version", usage_version, cmd_version},
};

static void list_commands(FILE *to) {
    fputs("usage: entente COMMAND [OPTIONS] [ARGS]\n\ncommands:\n", to);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        char synopsis[64];
        snprintf(synopsis, sizeof synopsis, "%s%s%s", commands[i].name,
                 commands[i].args[0] ? " " : "", commands[i].args);
        fprintf(to, "  %-23s %s\n", synopsis, commands[i].summary);
    }
    fputs("\n`entente COMMAND --help` describes a command; `man entente` all of them.\n", to);
}

static int run(int argc, char **argv) {
    if (argc < 2) return list_commands(stderr), 64;
    /* an empty --db (an unset shell variable) would quietly mean
     * ./entente.db: refused here, for every command at once */
    for (int i = 2; i < argc; i++)
        if ((!strcmp(argv[i], "--db") && i + 1 < argc && !argv[i + 1][0]) ||
            !strcmp(argv[i], "--db="))
            return fprintf(stderr, "entente: --db is empty: name a SQLite file or a postgres:// "
                                   "URL (default ./entente.db when --db is not given)\n"),
                   64;
    const char *name = argv[1];
    if (!strcmp(name, "--help") || !strcmp(name, "-h") || !strcmp(name, "help"))
        return list_commands(stdout), 0;
    if (!strcmp(name, "--version")) name = "version";
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        const cli_command *c = &commands[i];
        if (strcmp(name, c->name)) continue;
        /* --help or -h anywhere after the name wins over any other
         * argument: a long command line is asked about by adding it */
        if (cli_wants_help(argc - 2, argv + 2)) return fputs(c->usage, stdout), 0;
        return c->run(argc - 1, argv + 1);
    }
    fprintf(stderr, "entente: unknown command '%s'\n", name);
    return list_commands(stderr), 64;
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
