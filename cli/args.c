/* args.c -- see args.h. */
#include "args.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_usage_error(const char *usage, const char *what, const char *arg) {
    fprintf(stderr, "entente: %s%s%s\n%s", what, arg ? ": " : "", arg ? arg : "", usage);
    return 64;
}

int cli_wants_help(int argc, char **argv) {
    for (int i = 0; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) return 1;
    return 0;
}

int32_t cli_date(const char *s) {
    /* YYYY-MM-DD or YYYYMMDD exactly: digits where digits belong, and a
     * day the month has (2021-02-31 is refused, as the readers refuse it). */
    static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    size_t n = strlen(s);
    int dashed = n == 10 && s[4] == '-' && s[7] == '-';
    if (!dashed && n != 8) return -1;
    char dig[9];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (dashed && (i == 4 || i == 7)) continue;
        if (!isdigit((unsigned char)s[i])) return -1;
        dig[k++] = s[i];
    }
    dig[k] = '\0';
    long v = strtol(dig, NULL, 10);
    int y = (int)(v / 10000), m = (int)(v / 100 % 100), d = (int)(v % 100);
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > days[m - 1]) return -1;
    if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))) return -1;
    return (int32_t)v;
}

int cli_int(const char *s, int lo, int hi, int *out) {
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < lo || v > hi) return -1;
    *out = (int)v;
    return 0;
}
