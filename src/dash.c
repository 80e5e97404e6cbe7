/* dash.c -- the dashboard's files: looking a path up in the compiled-in
 * table (see dash.h).  A dozen files at most: a scan is enough. */
#include "dash.h"

#include <string.h>

const ent_dash_file *ent_dash_find(const char *path, size_t n) {
    for (const ent_dash_file *f = ent_dash_files; f->path; f++)
        if (strlen(f->path) == n && !memcmp(f->path, path, n)) return f;
    return NULL;
}
