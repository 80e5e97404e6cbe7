/* args.c -- see args.h. */
#include "args.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entente.h"

int cli_usage_error(const char *usage, const char *what, const char *arg) {
    fprintf(stderr, "entente: %s%s%s\n%s", what, arg ? ": " : "", arg ? arg : "", usage);
    return 64;
}

int cli_wants_help(int argc, char **argv) {
    for (int i = 0; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) return 1;
    return 0;
}

void cli_begin(cli_opts *p, int argc, char **argv, const char *shorts, const struct option *longs,
               const char *usage, const char *unknown) {
    *p = (cli_opts){.argc = argc,
                    .argv = argv,
                    .shorts = shorts,
                    .longs = longs,
                    .usage = usage,
                    .unknown = unknown,
                    .at = 1};
    /* getopt_long keeps its place in libc's optind and in state of its
     * own; 0 (not 1) is the documented way to start a new argument list
     * afresh, and the one that rereads the "-" at the start of shorts. */
    optind = 0;
}

/* The argument being read, named in an error. */
static int bad_option(const cli_opts *p, int missing_value) {
    const char *what = !missing_value && p->unknown && p->at + 1 < p->argc
                           ? p->unknown
                           : "unknown or incomplete option";
    return cli_usage_error(p->usage, what, p->argv[p->at]);
}

int cli_unexpected(const cli_opts *p) { return bad_option(p, 0); }

int cli_next(cli_opts *p) {
    if (p->rest) {
        if (p->rest >= p->argc) return CLI_END;
        p->at = p->rest++;
        p->value = p->shown = p->argv[p->at];
        return CLI_ARG;
    }
    p->at = optind ? optind : 1;
    int index = -1;
    int c = getopt_long(p->argc, p->argv, p->shorts, p->longs, &index);
    if (c == -1) {
        /* after "--" optind is the first argument past it; at the end
         * of the list it is argc */
        if (optind >= p->argc) return CLI_END;
        p->rest = optind;
        return cli_next(p);
    }
    if (c == ':' || c == '?') return bad_option(p, c == ':'), CLI_ERROR;
    if (index >= 0) {
        const char *word = p->argv[p->at] + 2, *name = p->longs[index].name;
        size_t len = strlen(name);
        if (strncmp(word, name, len) || (word[len] && word[len] != '='))
            return bad_option(p, 0), CLI_ERROR;
    }
    p->value = optarg;
    p->shown = optarg && optarg != p->argv[optind - 1] ? p->argv[p->at] : optarg;
    return c;
}

int cli_int(const char *s, int lo, int hi, int *out) {
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < lo || v > hi) return -1;
    *out = (int)v;
    return 0;
}

int cli_input_form(const char *usage, const char *v, int *from) {
    static const struct {
        const char *name;
        int form;
    } forms[] = {{"petrarch-xml", ENTENTE_IN_PETRARCH_XML},
                 {"conllu", ENTENTE_IN_CONLLU},
                 {"text", ENTENTE_IN_TEXT},
                 {"jsonl", ENTENTE_IN_JSONL}};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        if (!strcmp(v, forms[i].name)) return *from = forms[i].form, 0;
    return cli_usage_error(usage, "unknown input form", v);
}

int cli_date(const char *usage, const char *v, int32_t *date) {
    int32_t d = entente_parse_date(v);
    if (d < 0) return cli_usage_error(usage, "bad date (want YYYY-MM-DD)", v);
    *date = d;
    return 0;
}

int cli_count(const char *v, int *count) {
    if (!strcmp(v, "happenings")) *count = ENTENTE_COUNT_HAPPENINGS;
    else if (!strcmp(v, "mentions")) *count = ENTENTE_COUNT_MENTIONS;
    else return -1;
    return 0;
}

int cli_date_field(const char *v, int *field) {
    if (!strcmp(v, "event")) *field = ENTENTE_DATE_EVENT;
    else if (!strcmp(v, "published")) *field = ENTENTE_DATE_PUBLISHED;
    else return -1;
    return 0;
}
