/* fuzz_conllu.c -- libFuzzer entry for the CoNLL-U reader: any bytes must
 * give a tree holding every word once, or a message; never a crash. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "conllu.h"
#include "diag.h"
#include "tree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    ent_tree t;
    ent_diags d;
    ent_buf out = {0};
    ent_tree_init(&t);
    ent_diags_init(&d, NULL, 0);
    int rc = ent_conllu_read(&t, (const char *)data, size, &d, "fuzz", 1);
    if (rc == 0) {
        if (t.root < 0 || t.n_tokens == 0 || ent_tree_to_ptb(&t, &out) < 0) abort();
        for (int32_t i = 0; i < t.n_tokens; i++)
            if (t.nodes[t.tokens[i].node].token != i) abort();
    } else if (d.count < 1) {
        abort();
    }
    ent_buf_free(&out);
    ent_diags_free(&d);
    ent_tree_free(&t);
    return 0;
}
