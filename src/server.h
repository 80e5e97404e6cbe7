/* server.h -- `entente serve`: the JSON API over a store, on libmicrohttpd.
 *
 * The public face is entente_server_start/port/stop in entente.h; this
 * header holds what the server's own files share.
 */
#ifndef ENT_SERVER_H
#define ENT_SERVER_H

/* Prototypes */
/* The OpenAPI 3 document served at /api/v1/openapi.json (compiled in
 * from data/openapi.json). */
extern const char ent_server_openapi[];

#endif
