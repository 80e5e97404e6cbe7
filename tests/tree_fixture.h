/* tree_fixture.h -- the cmocka fixture shared by the parse readers' tests:
 * a tree, its diagnostics and a buffer to render it into. */
#ifndef ENT_TREE_FIXTURE_H
#define ENT_TREE_FIXTURE_H

#include "testutil.h"

#include "diag.h"
#include "tree.h"

typedef struct fixture {
    ent_tree t;
    ent_diags d;
    ent_buf out;
} fixture;

static int setup(void **state) {
    fixture *f = calloc(1, sizeof *f);
    if (!f) return -1;
    ent_tree_init(&f->t);
    ent_diags_init(&f->d, NULL, 0);
    *state = f;
    return 0;
}

static int teardown(void **state) {
    fixture *f = *state;
    ent_tree_free(&f->t);
    ent_diags_free(&f->d);
    ent_buf_free(&f->out);
    free(f);
    return 0;
}

/* The tree as one Treebank line. */
static const char *render(fixture *f) {
    ent_buf_clear(&f->out);
    assert_int_equal(ent_tree_to_ptb(&f->t, &f->out), 0);
    return f->out.data;
}

#endif
