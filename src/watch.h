/* watch.h -- `entente serve --watch DIR`: a directory watched (inotify)
 * for files that appear in it, each coded and stored as `entente ingest`
 * would store it, on a thread of its own.
 *
 * A file is taken when it is closed after writing or moved into the
 * directory, so a writer that writes in place and one that renames a
 * finished file in are both read once whole; names that start with '.' or
 * end with '~', ".tmp" or ".part" are left alone (files still being
 * written, by the usual conventions).  The ingest job keeps its promise
 * here too: a document already stored, by id or by text, is not stored
 * again, so a file seen twice adds nothing.
 */
#ifndef ENT_WATCH_H
#define ENT_WATCH_H

#include <stdio.h>

#include "entente.h"

typedef struct ent_watch ent_watch;

/* Called on the watching thread after each file was ingested (stored == 1)
 * or failed (stored == 0). */
typedef void (*ent_watch_fn)(void *user, const char *path, int stored);

/* Prototypes */
/* Watch `dir` and ingest each new file with the options o (copied: db,
 * dicts, date; one coder thread; no progress), its summary and errors
 * written to log.  NULL, with a message on log, when the directory cannot
 * be watched. */
ent_watch *ent_watch_start(const char *dir, const entente_ingest_opts *o, ent_watch_fn done,
                           void *user, FILE *log);
/* Stop watching (a file being ingested is finished first) and free w. */
void ent_watch_stop(ent_watch *w);
/* 1 when the name is one a watch leaves alone (see above), else 0. */
int ent_watch_ignored(const char *name);

#endif
