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

int cli_int(const char *s, int lo, int hi, int *out) {
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < lo || v > hi) return -1;
    *out = (int)v;
    return 0;
}

int cli_input_form(const char *v, int *from) {
    static const struct {
        const char *name;
        int form;
    } forms[] = {{"petrarch-xml", ENTENTE_IN_PETRARCH_XML},
                 {"conllu", ENTENTE_IN_CONLLU},
                 {"text", ENTENTE_IN_TEXT},
                 {"jsonl", ENTENTE_IN_JSONL}};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        if (!strcmp(v, forms[i].name)) return *from = forms[i].form, 0;
    return -1;
}

int cli_date_field(const char *v, int *field) {
    if (!strcmp(v, "event")) *field = ENTENTE_DATE_EVENT;
    else if (!strcmp(v, "published")) *field = ENTENTE_DATE_PUBLISHED;
    else return -1;
    return 0;
}
