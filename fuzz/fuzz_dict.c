/* fuzz_dict.c -- libFuzzer target for the dictionary loaders.
 *
 * The loaders read files, so each input is written to a temporary file and
 * loaded as actors, agents, discards, issues and verbs in turn, each into
 * a fresh set that is then frozen and freed.  Non-strict mode, so every
 * line of a malformed input is exercised rather than only the first.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "dict.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char path[] = "/tmp/entente-fuzz-dict-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return 0;
    size_t off = 0;
    while (off < size) {
        ssize_t w = write(fd, data + off, size - off);
        if (w <= 0) break;
        off += (size_t)w;
    }
    close(fd);
    int (*loaders[])(ent_dict *, const char *, ent_diags *) = {
        ent_load_actors, ent_load_agents, ent_load_discards, ent_load_issues, ent_load_verbs,
    };
    for (size_t i = 0; i < sizeof loaders / sizeof loaders[0]; i++) {
        ent_dict d;
        ent_diags dg;
        ent_diags_init(&dg, NULL, 0);
        if (ent_dict_init(&d) == 0) {
            loaders[i](&d, path, &dg);
            ent_dict_freeze(&d);
            ent_dict_free(&d);
        }
        ent_diags_free(&dg);
    }
    unlink(path);
    return 0;
}
