/* fuzz_petrxml.c -- libFuzzer entry for the PETRARCH XML reader: read every
 * record of any bytes, feeding each parse to both parse readers. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conllu.h"
#include "diag.h"
#include "petrxml.h"
#include "ptb.h"
#include "tree.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    ent_diags d;
    ent_tree t;
    ent_diags_init(&d, NULL, 0);
    ent_tree_init(&t);
    ent_petrxml *r = ent_petrxml_open_mem((const char *)data, size, "fuzz.xml", &d);
    if (r) {
        ent_record rec;
        int rc, guard = 0;
        while ((rc = ent_petrxml_next(r, &rec)) == 1 && guard++ < 100000) {
            if (rec.kind == ENT_REC_SENTENCE && rec.parse) {
                size_t n = strlen(rec.parse);
                ent_ptb_read(&t, rec.parse, n, &d, "fuzz.xml", rec.parse_line);
                ent_conllu_read(&t, rec.parse, n, &d, "fuzz.xml", rec.parse_line);
            }
            if (rec.kind == ENT_REC_SENTENCE && rec.date) ent_parse_date(rec.date, strlen(rec.date));
        }
        if (rc < 0 && d.count == 0) abort(); /* a failure always says why */
        const ent_environment *e = ent_petrxml_env(r);
        if (e->n_actorfiles > 16 || e->n_config > 32) abort();
        ent_petrxml_close(r);
    }
    ent_tree_free(&t);
    ent_diags_free(&d);
    return 0;
}
