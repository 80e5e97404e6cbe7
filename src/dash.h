/* dash.h -- the dashboard's files (HTML, CSS, JavaScript, the world map),
 * compiled into the binary from the bundle that scripts/build-dash.sh
 * makes of web/ (or, without node_modules, from a page saying that the
 * dashboard was not built).
 *
 * The server looks a request's raw path up in this table, byte for byte:
 * a path that is not one of these files is not a file, so no "..", "%2e"
 * or "//" can reach anything else.
 */
#ifndef ENT_DASH_H
#define ENT_DASH_H

#include <stddef.h>

typedef struct ent_dash_file {
    const char *path;  /* "/" for index.html, else "/NAME" */
    const char *ctype; /* Content-Type */
    const char *etag;  /* ETag: "..." of the content */
    const char *data;
    size_t len;
} ent_dash_file;

/* Prototypes */
/* The files, ended by one whose path is NULL (generated). */
extern const ent_dash_file ent_dash_files[];
/* The file served at path[0..n), or NULL. */
const ent_dash_file *ent_dash_find(const char *path, size_t n);

#endif
