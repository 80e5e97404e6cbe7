/* cameo.c -- lookups in the generated CAMEO table; see cameo.h. */
#include "cameo.h"

#include <ctype.h>
#include <string.h>

static const ent_cameo *cameo_exact(const char *code, size_t n) {
    int lo = 0, hi = ent_cameo_count - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        const char *c = ent_cameo_table[mid].code;
        int r = strncmp(c, code, n);
        if (r == 0 && c[n] != '\0') r = 1;
        if (r == 0) return &ent_cameo_table[mid];
        if (r < 0) lo = mid + 1; else hi = mid - 1;
    }
    return NULL;
}

const ent_cameo *ent_cameo_find(const char *code) {
    if (!code || !isdigit((unsigned char)code[0])) return NULL;
    for (size_t n = strlen(code); n >= 2; n--) {
        const ent_cameo *c = cameo_exact(code, n);
        if (c) return c;
    }
    return NULL;
}

void ent_cameo_root(const char *code, char out[3]) {
    out[0] = '\0';
    if (code && isdigit((unsigned char)code[0]) && isdigit((unsigned char)code[1])) {
        out[0] = code[0];
        out[1] = code[1];
        out[2] = '\0';
    }
}

int ent_cameo_quad(const char *code) {
    char r[3];
    ent_cameo_root(code, r);
    if (!r[0]) return 0;
    int root = (r[0] - '0') * 10 + (r[1] - '0');
    if (root >= 1 && root <= 5) return 1;
    if (root >= 6 && root <= 9) return 2;
    if (root >= 10 && root <= 14) return 3;
    if (root >= 15 && root <= 20) return 4;
    return 0;
}
