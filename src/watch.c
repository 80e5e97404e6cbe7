/* watch.c -- a directory watched for new files, each ingested once (see
 * watch.h).
 *
 * The thread sleeps in poll() on the inotify descriptor and on a pipe:
 * stopping writes a byte to the pipe, so ent_watch_stop never waits on a
 * timeout and never needs a signal.  Files are ingested one after the
 * other, on this thread, by the same job `entente ingest` runs.
 */
#include "watch.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

struct ent_watch {
    char *dir;
    char *db, *dicts; /* copies: the caller's strings may go */
    entente_ingest_opts o;
    ent_watch_fn done;
    void *user;
    FILE *log;
    int fd;      /* inotify */
    int stop[2]; /* a byte on stop[1] ends the thread */
    pthread_t thread;
    int started;
};

int ent_watch_ignored(const char *name) {
    size_t n = strlen(name);
    static const char *const ends[] = {"~", ".tmp", ".part", NULL};
    if (!n || name[0] == '.') return 1;
    for (int i = 0; ends[i]; i++) {
        size_t k = strlen(ends[i]);
        if (n >= k && !strcmp(name + n - k, ends[i])) return 1;
    }
    return 0;
}

static void watch_file(ent_watch *w, const char *name) {
    char path[PATH_MAX];
    int n = snprintf(path, sizeof path, "%s/%s", w->dir, name);
    if (n < 0 || (size_t)n >= sizeof path) {
        fprintf(w->log, "entente: watch: %s/%s: path too long, left alone\n", w->dir, name);
        return;
    }
    fprintf(w->log, "entente: watch: %s\n", path);
    char *files[1] = {path};
    int rc = entente_ingest(&w->o, files, 1, w->log);
    fflush(w->log);
    if (w->done) w->done(w->user, path, rc == 0);
}

static void *watch_main(void *arg) {
    ent_watch *w = arg;
    /* room for at least one event with the longest name, aligned as the
     * events are */
    char buf[sizeof(struct inotify_event) + NAME_MAX + 1 + 4096]
        __attribute__((aligned(__alignof__(struct inotify_event))));
    struct pollfd p[2] = {{.fd = w->fd, .events = POLLIN}, {.fd = w->stop[0], .events = POLLIN}};
    for (;;) {
        if (poll(p, 2, -1) < 0) {
            if (errno == EINTR) continue;
            fprintf(w->log, "entente: watch: %s: poll: %s; no longer watched\n", w->dir,
                    strerror(errno));
            return NULL;
        }
        if (p[1].revents) return NULL;
        ssize_t got = read(w->fd, buf, sizeof buf);
        if (got < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            fprintf(w->log, "entente: watch: %s: %s; no longer watched\n", w->dir, strerror(errno));
            return NULL;
        }
        for (ssize_t at = 0; at + (ssize_t)sizeof(struct inotify_event) <= got;) {
            const struct inotify_event *ev = (const struct inotify_event *)(buf + at);
            at += (ssize_t)(sizeof *ev + ev->len);
            if (ev->mask & IN_Q_OVERFLOW)
                fprintf(w->log,
                        "entente: watch: %s: too many files at once: some were missed "
                        "(ingest them with entente ingest)\n",
                        w->dir);
            if (ev->mask & (IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF)) {
                fprintf(w->log, "entente: watch: %s is gone; no longer watched\n", w->dir);
                return NULL;
            }
            if (!ev->len || (ev->mask & IN_ISDIR) || !(ev->mask & (IN_CLOSE_WRITE | IN_MOVED_TO)))
                continue;
            if (!ent_watch_ignored(ev->name)) watch_file(w, ev->name);
        }
    }
}

void ent_watch_stop(ent_watch *w) {
    if (!w) return;
    if (w->started) {
        ssize_t k;
        do k = write(w->stop[1], "x", 1);
        while (k < 0 && errno == EINTR);
        pthread_join(w->thread, NULL);
    }
    if (w->fd >= 0) close(w->fd);
    if (w->stop[0] >= 0) close(w->stop[0]);
    if (w->stop[1] >= 0) close(w->stop[1]);
    free(w->dir);
    free(w->db);
    free(w->dicts);
    free(w);
}

ent_watch *ent_watch_start(const char *dir, const entente_ingest_opts *o, ent_watch_fn done,
                           void *user, FILE *log) {
    ent_watch *w = calloc(1, sizeof *w);
    if (!w) {
        fprintf(log, "entente: out of memory\n");
        return NULL;
    }
    w->fd = w->stop[0] = w->stop[1] = -1;
    w->dir = strdup(dir);
    w->db = o->db ? strdup(o->db) : NULL;
    w->dicts = o->dicts ? strdup(o->dicts) : NULL;
    if (!w->dir || (o->db && !w->db) || (o->dicts && !w->dicts)) {
        fprintf(log, "entente: out of memory\n");
        ent_watch_stop(w);
        return NULL;
    }
    w->o = (entente_ingest_opts){
        .db = w->db, .dicts = w->dicts, .date = o->date, .threads = 1, .progress = -1};
    w->done = done;
    w->user = user;
    w->log = log;
    w->fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    if (w->fd < 0 || pipe2(w->stop, O_CLOEXEC) < 0) {
        fprintf(log, "entente: --watch %s: %s\n", dir, strerror(errno));
        ent_watch_stop(w);
        return NULL;
    }
    if (inotify_add_watch(w->fd, dir,
                          IN_CLOSE_WRITE | IN_MOVED_TO | IN_ONLYDIR | IN_DELETE_SELF |
                              IN_MOVE_SELF) < 0) {
        fprintf(log, "entente: --watch %s: %s\n", dir,
                errno == ENOTDIR ? "not a directory" : strerror(errno));
        ent_watch_stop(w);
        return NULL;
    }
    if (pthread_create(&w->thread, NULL, watch_main, w) != 0) {
        fprintf(log, "entente: --watch %s: cannot start a thread\n", dir);
        ent_watch_stop(w);
        return NULL;
    }
    w->started = 1;
    return w;
}
