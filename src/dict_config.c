/* dict_config.c -- loading a whole dictionary set: a PETRARCH-style
 * PETR_config.ini (or a directory holding one), or a list of named files.
 *
 *   [Dictionaries]
 *   verbfile_name    = CAMEO.2.0.txt
 *   actorfile_list   = Countries.actors.txt, International.actors.txt
 *   agentfile_name   = agents.txt
 *   discardfile_name = discards.txt
 *   issuefile_name   = issues.txt
 *   [Options]
 *   require_dyad = True
 *
 * File names are relative to the ini's directory.  Other sections are the
 * business of other PETRARCH components and are ignored; unknown keys in
 * these two sections are reported.  Design: both entry points build the
 * same flat list of paths and hand it to one loader, so a set named by an
 * ini and one named by a validation record load identically.  The files
 * load in a fixed order (verbs, actors, agents, discards, issues), which
 * is also the order their bytes enter the set's identity hash.
 */
#include "dict.h"
#include "dict_lex.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* Paths of one set, all NULL-able; strings owned by `tmp`. */
typedef struct set_paths {
    const char *verbs, *agents, *discards, *issues, *nouns;
    const char **actors;
    int n_actors;
} set_paths;

/* dir + "/" + name, unless name is absolute or dir is empty. */
static const char *join_path(ent_arena *tmp, const char *dir, const char *name, size_t n) {
    if (!dir || !*dir || (n > 0 && name[0] == '/')) return ent_arena_strndup(tmp, name, n);
    size_t dn = strlen(dir);
    char *p = ent_arena_alloc(tmp, dn + 1 + n + 1);
    if (!p) return NULL;
    memcpy(p, dir, dn);
    p[dn] = '/';
    memcpy(p + dn + 1, name, n);
    p[dn + 1 + n] = '\0';
    return p;
}

/* Load every file of the set into d, then freeze.  0 or -1. */
static int load_set(ent_dict *d, const set_paths *sp, ent_diags *diags) {
    if (sp->verbs && ent_load_verbs(d, sp->verbs, diags) < 0) return -1;
    for (int i = 0; i < sp->n_actors; i++)
        if (ent_load_actors(d, sp->actors[i], diags) < 0) return -1;
    if (sp->agents && ent_load_agents(d, sp->agents, diags) < 0) return -1;
    if (sp->discards && ent_load_discards(d, sp->discards, diags) < 0) return -1;
    if (sp->issues && ent_load_issues(d, sp->issues, diags) < 0) return -1;
    if (sp->nouns && ent_load_nouns(d, sp->nouns, diags) < 0) return -1;
    if (ent_dict_freeze(d) < 0) {
        ent_diag(diags, d->name, 0, "out of memory");
        return -1;
    }
    return 0;
}

static ent_dict *new_dict(const char *name, ent_diags *diags) {
    ent_dict *d = malloc(sizeof *d);
    if (!d || ent_dict_init(d) < 0) {
        free(d);
        ent_diag(diags, name, 0, "out of memory");
        return NULL;
    }
    d->owned = 1;
    d->name = ent_arena_strdup(&d->arena, name);
    if (!d->name) {
        ent_dict_free(d);
        ent_diag(diags, name, 0, "out of memory");
        return NULL;
    }
    return d;
}

ent_dict *ent_dict_load_files(const char *dir, const ent_dict_files *files, ent_diags *diags) {
    ent_dict *d = new_dict(dir ? dir : "", diags);
    if (!d) return NULL;
    ent_arena tmp;
    ent_arena_init(&tmp, 4096);
    set_paths sp = {0};
    const char *actors[16];
    int ok = 1;
#define JOIN(f) ((f) ? join_path(&tmp, dir, (f), strlen(f)) : NULL)
    sp.verbs = JOIN(files->verbs);
    sp.agents = JOIN(files->agents);
    sp.discards = JOIN(files->discards);
    sp.issues = JOIN(files->issues);
    sp.nouns = JOIN(files->nouns);
    ok = (!files->verbs || sp.verbs) && (!files->agents || sp.agents) &&
         (!files->discards || sp.discards) && (!files->issues || sp.issues) &&
         (!files->nouns || sp.nouns);
    int na = files->n_actors < 0 ? 0 : files->n_actors;
    int too_many = na > 16;
    if (too_many) {
        ent_diag(diags, d->name, 0, "more than 16 actor files");
        na = 0;
    }
    for (int i = 0; i < na; i++) {
        if (!files->actors[i]) continue;
        const char *p = JOIN(files->actors[i]);
        if (!p) ok = 0;
        actors[sp.n_actors++] = p;
    }
#undef JOIN
    sp.actors = actors;
    if (!ok) ent_diag(diags, d->name, 0, "out of memory");
    if (!ok || too_many || load_set(d, &sp, diags) < 0) {
        ent_dict_free(d);
        d = NULL;
    }
    ent_arena_free(&tmp);
    return d;
}

/* ---- PETR_config.ini --------------------------------------------------------- */

enum { SEC_OTHER, SEC_DICTS, SEC_OPTIONS };

/* Split a comma/newline separated list into paths relative to dir. */
static int add_actor_list(ent_arena *tmp, ent_vec *list, const char *dir, const char *v, size_t n) {
    const char *p = v, *end = v + n;
    while (p < end) {
        const char *q = p;
        while (q < end && *q != ',' && *q != '\n') q++;
        const char *s = p;
        size_t sn = (size_t)(q - p);
        ent_lex_trim(&s, &sn);
        if (sn > 0) {
            const char **slot = ent_vec_push(list);
            if (!slot || !(*slot = join_path(tmp, dir, s, sn))) return -1;
        }
        p = q + 1;
    }
    return 0;
}

/* Act on one complete key = value (value may span continuation lines,
 * joined with '\n').  0, -1 stop, -2 OOM. */
static int config_entry(ent_lex *lx, ent_arena *tmp, const char *dir, int section, long line,
                        const char *k, size_t kn, const char *v, size_t vn, set_paths *sp,
                        ent_vec *actors) {
    ent_dict *d = lx->d;
    if (section == SEC_DICTS) {
        static const char *const keys[] = {"verbfile_name", "agentfile_name", "discardfile_name",
                                           "issuefile_name", "nounfile_name"};
        const char **dst[] = {&sp->verbs, &sp->agents, &sp->discards, &sp->issues, &sp->nouns};
        if (kn == 14 && strncasecmp(k, "actorfile_list", 14) == 0)
            return add_actor_list(tmp, actors, dir, v, vn) < 0 ? -2 : 0;
        for (int i = 0; i < 5; i++) {
            if (strlen(keys[i]) != kn || strncasecmp(k, keys[i], kn) != 0) continue;
            if (vn == 0) return 0; /* "key =" with nothing: not loaded */
            return (*dst[i] = join_path(tmp, dir, v, vn)) ? 0 : -2;
        }
        return ent_lex_diag(lx, line, "unknown key in [Dictionaries]: %.*s", ENT_LEX_SHOW(k, kn));
    }
    if (section == SEC_OPTIONS) {
        char *name = ent_arena_strndup(tmp, k, kn), *val = ent_arena_strndup(tmp, v, vn);
        if (!name || !val) return -2;
        if (ent_options_set(&d->options, name, val) == 0) return 0;
        ent_options probe;
        ent_options_default(&probe);
        if (ent_options_set(&probe, name, "0") == 0)
            return ent_lex_diag(lx, line, "bad value for option %s: %s", name, val);
        return ent_lex_diag(lx, line, "unknown option: %s", name);
    }
    return 0;
}

/* Parse the ini into sp (paths relative to its directory) and d->options.
 * 0 or -1. */
static int read_config(ent_dict *d, const char *ini, ent_arena *tmp, set_paths *sp,
                       ent_diags *diags) {
    ent_lex lx;
    if (ent_lex_open(&lx, d, ini, diags) < 0) return -1;
    const char *slash = strrchr(ini, '/');
    const char *dir = slash ? ent_arena_strndup(tmp, ini, (size_t)(slash - ini)) : "";
    ent_vec actors;
    ent_vec_init(&actors, sizeof(const char *));
    ent_buf val = {0};
    int section = SEC_OTHER, rc = dir ? 0 : -2, r, have_key = 0;
    const char *key = NULL;
    size_t key_n = 0;
    long key_line = 0;
    ent_lex_line ln;
    while (rc >= 0) {
        r = ent_lex_next(&lx, &ln);
        if (r < 0) { rc = -1; break; }
        /* An indented line continues the value above it. */
        if (r > 0 && have_key && ln.indented && ln.n > 0 && ln.s[0] != ';') {
            if (ent_buf_putc(&val, '\n') < 0 || ent_buf_append(&val, ln.s, ln.n) < 0) rc = -2;
            continue;
        }
        if (have_key) {
            rc = config_entry(&lx, tmp, dir, section, key_line, key, key_n,
                              val.data ? val.data : "", val.len, sp, &actors);
            have_key = 0;
            if (rc < 0) break;
        }
        if (r == 0) break;
        if (ln.n == 0 || ln.s[0] == ';') continue;
        if (ln.s[0] == '[') {
            const char *close = memchr(ln.s, ']', ln.n);
            if (!close) {
                rc = ent_lex_diag(&lx, ln.no, "malformed section header: %.*s",
                                  ENT_LEX_SHOW(ln.s, ln.n));
                section = SEC_OTHER;
                continue;
            }
            const char *nm = ln.s + 1;
            size_t nn = (size_t)(close - nm);
            ent_lex_trim(&nm, &nn);
            section = nn == 12 && strncasecmp(nm, "Dictionaries", 12) == 0 ? SEC_DICTS
                    : nn == 7 && strncasecmp(nm, "Options", 7) == 0     ? SEC_OPTIONS
                                                                          : SEC_OTHER;
            continue;
        }
        const char *eq = memchr(ln.s, '=', ln.n);
        const char *colon = memchr(ln.s, ':', ln.n);
        if (!eq || (colon && colon < eq)) eq = colon;
        if (!eq) {
            if (section != SEC_OTHER)
                rc = ent_lex_diag(&lx, ln.no, "expected key = value: %.*s",
                                  ENT_LEX_SHOW(ln.s, ln.n));
            continue;
        }
        key = ln.s;
        key_n = (size_t)(eq - ln.s);
        ent_lex_trim(&key, &key_n);
        const char *v = eq + 1;
        size_t vn = (size_t)(ln.s + ln.n - v);
        ent_lex_trim(&v, &vn);
        ent_buf_clear(&val);
        if (vn && ent_buf_append(&val, v, vn) < 0) rc = -2;
        have_key = 1;
        key_line = ln.no;
    }
    if (rc >= 0) {
        sp->n_actors = (int)actors.len;
        sp->actors = ent_arena_alloc(tmp, (actors.len ? actors.len : 1) * sizeof *sp->actors);
        if (!sp->actors) rc = -2;
        else if (actors.len) memcpy(sp->actors, actors.items, actors.len * sizeof *sp->actors);
        /* A missing or misspelt [Dictionaries] section would load an empty
         * set that codes nothing, without a word. */
        if (rc >= 0 && !sp->verbs && !sp->n_actors && !sp->agents && !sp->discards &&
            !sp->issues) {
            ent_lex_diag(&lx, 0, "names no dictionary file (a [Dictionaries] section with "
                                 "verbfile_name, actorfile_list, ...)");
            rc = -1;
        }
    }
    if (rc == -2) ent_lex_diag(&lx, lx.line_no, "out of memory");
    ent_buf_free(&val);
    ent_vec_free(&actors);
    ent_lex_close(&lx);
    return rc < 0 ? -1 : 0;
}

ent_dict *ent_dict_load(const char *path, ent_diags *diags) {
    ent_arena tmp;
    ent_arena_init(&tmp, 4096);
    const char *ini = path;
    struct stat st;
    if (stat(path, &st) < 0) {
        ent_diag(diags, path, 0, "cannot read: %s", strerror(errno));
        return NULL;
    }
    if (S_ISDIR(st.st_mode)) {
        ini = join_path(&tmp, path, "PETR_config.ini", 15);
        if (!ini) {
            ent_diag(diags, path, 0, "out of memory");
            ent_arena_free(&tmp);
            return NULL;
        }
    }
    ent_dict *d = new_dict(path, diags);
    set_paths sp = {0};
    if (d && (read_config(d, ini, &tmp, &sp, diags) < 0 || load_set(d, &sp, diags) < 0)) {
        ent_dict_free(d);
        d = NULL;
    }
    ent_arena_free(&tmp);
    return d;
}
