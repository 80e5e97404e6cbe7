/* fuzz_ptb.c -- libFuzzer entry for the Penn Treebank reader: any bytes
 * must give a tree or a message, never a crash; a tree must render. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "diag.h"
#include "ptb.h"
#include "tree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    ent_tree t;
    ent_diags d;
    ent_buf out = {0};
    ent_tree_init(&t);
    ent_diags_init(&d, NULL, 0);
    int rc = ent_ptb_read(&t, (const char *)data, size, &d, "fuzz", 1);
    if (rc == 0) {
        if (t.root < 0 || ent_tree_to_ptb(&t, &out) < 0) abort();
    } else if (d.count != 1) {
        abort(); /* a refusal always says why, once */
    }
    ent_buf_free(&out);
    ent_diags_free(&d);
    ent_tree_free(&t);
    return 0;
}
