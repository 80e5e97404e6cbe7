/* testutil.h -- helpers shared by the cmocka test programs. */
#ifndef ENT_TESTUTIL_H
#define ENT_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

/* Directory of the PETRARCH reference data, or NULL when it is absent
 * (tests that need it then skip, saying so). */
static inline const char *tu_peers(void) {
    static const char *cands[] = {"../shared/peers/petrarch", "../../shared/peers/petrarch", NULL};
    const char *env = getenv("ENTENTE_PEERS");
    if (env && access(env, R_OK) == 0) return env;
    for (int i = 0; cands[i]; i++)
        if (access(cands[i], R_OK) == 0) return cands[i];
    return NULL;
}

/* Write `text` to a fresh temporary file and return its path (static
 * buffer per call site is enough for tests). */
static inline char *tu_write_tmp(const char *text, const char *suffix) {
    char *path = malloc(256);
    if (!path) return NULL;
    snprintf(path, 256, "/tmp/entente-test-XXXXXX%s", suffix ? suffix : "");
    int fd = mkstemps(path, suffix ? (int)strlen(suffix) : 0);
    if (fd < 0) { free(path); return NULL; }
    size_t n = strlen(text);
    if (write(fd, text, n) != (ssize_t)n) { close(fd); free(path); return NULL; }
    close(fd);
    return path;
}

#endif
