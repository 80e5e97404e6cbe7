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

/* A file or directory under examples/ in the source tree (tests run from
 * the tree or a build directory in it), or NULL (static buffer). */
static inline const char *tu_example(const char *what) {
    static char path[256];
    static const char *pre[] = {"", "../", "../../", NULL};
    for (int i = 0; pre[i]; i++) {
        snprintf(path, sizeof path, "%sexamples/%s", pre[i], what);
        if (access(path, R_OK) == 0) return path;
    }
    return NULL;
}

/* The `entente` binary of this build (BUILD/entente beside BUILD/tests/),
 * or NULL (static buffer). */
static inline const char *tu_entente_binary(void) {
    static char path[4096];
    ssize_t n = readlink("/proc/self/exe", path, sizeof path - 32);
    if (n <= 0) return NULL;
    path[n] = '\0';
    char *slash = strrchr(path, '/');
    if (!slash) return NULL;
    *slash = '\0';
    slash = strrchr(path, '/');
    if (!slash) return NULL;
    strcpy(slash, "/entente");
    return access(path, X_OK) == 0 ? path : NULL;
}

/* Everything written to f (a tmpfile), as a malloc'd string. */
static inline char *tu_capture(FILE *f) {
    fflush(f);
    long n = ftell(f);
    rewind(f);
    char *buf = calloc((size_t)n + 1, 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    return buf;
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

/* Write text to a new file at path; the test fails when it cannot. */
static inline void tu_write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_true(fputs(text, f) >= 0);
    assert_int_equal(fclose(f), 0);
}

#endif
