/* fuzz_docmsg.c -- libFuzzer entry for a worker's reading of queue
 * messages (docmsg.h), which anyone who can publish to the subject can
 * send: a message is refused with a reason, or becomes a document that
 * encodes to a message decoding to the same document. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "docmsg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int same(const char *a, const char *b) { return (!a && !b) || (a && b && !strcmp(a, b)); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    ent_batch b;
    ent_batch_init(&b);
    char why[256] = "";
    ent_batch_doc *d = ent_docmsg_decode(&b, (const char *)data, size, why, sizeof why);
    if (!d && (!why[0] || b.n != 0)) abort(); /* a refusal says why, leaves nothing */
    if (d) {
        ent_buf msg = {0};
        if (ent_docmsg_encode(d, &msg)) abort();
        ent_batch_doc *e = ent_docmsg_decode(&b, msg.data, msg.len, why, sizeof why);
        d = &b.docs[0]; /* the push may have moved it */
        if (!e || !same(d->d.id, e->d.id) || d->d.date != e->d.date || !same(d->text, e->text) ||
            d->n_sents != e->n_sents || d->d.text_hash != e->d.text_hash ||
            d->d.norm_hash != e->d.norm_hash)
            abort();
        ent_buf_free(&msg);
    }
    ent_batch_free(&b);
    return 0;
}
