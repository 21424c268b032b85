# parallel_dump: built with PGXS as C++17.
MODULE_big = parallel_dump
EXTENSION = parallel_dump
DATA = parallel_dump--0.1.sql parallel_dump--0.1--0.2.sql parallel_dump--0.2--0.3.sql parallel_dump--0.3--0.4.sql
# each version installs as 0.1 followed by its updates, so that every way gives the same objects
DATA_built = parallel_dump--0.2.sql parallel_dump--0.3.sql parallel_dump--0.4.sql

PURE_SRCS = $(wildcard src/pure/*.cpp)
# the catalog queries (src/catalog/*.sql) are compiled in from a generated source
CATALOG_SQL = $(sort $(wildcard src/catalog/*.sql))
CATALOG_GEN = src/pg/catalog_queries.gen.cpp
PG_SRCS = $(filter-out $(CATALOG_GEN),$(wildcard src/pg/*.cpp)) $(CATALOG_GEN)
OBJS = $(PURE_SRCS:.cpp=.o) $(PG_SRCS:.cpp=.o)

REGRESS = pd_dump_args
REGRESS_OPTS = --temp-instance=./tmp_regress --temp-config=test/regress.conf
TAP_TESTS = 1

PG_CONFIG ?= pg_config
PG_CXXFLAGS = -std=c++17 -O2 -Wall -Wextra -Werror -Wno-unused-parameter -Wno-missing-field-initializers \
	-Wno-register -Wno-sign-compare
# -MMD: rebuild every object whose headers changed (PGXS tracks no header
# dependencies, and a stale object with an old class layout corrupts memory).
PG_CPPFLAGS = -isystem $(shell $(PG_CONFIG) --includedir-server) -MMD -MP
# libpq-fe.h (pd_mirror): pg_config's include directory, or where libpq-dev put it
PG_CPPFLAGS += -isystem $(shell $(PG_CONFIG) --includedir) \
	$(patsubst -I%,-isystem %,$(shell pkg-config --cflags-only-I libpq 2>/dev/null))
# ISA-L's inflate (libisal-dev) for single-stream gzip files, when installed; zlib otherwise
ISAL_LIBS := $(shell pkg-config --libs libisal 2>/dev/null)
ifneq ($(ISAL_LIBS),)
PG_CPPFLAGS += -DPD_HAVE_ISAL
endif
SHLIB_LINK += -ldeflate -lz $(ISAL_LIBS) -lpq -lstdc++

EXTRA_CLEAN = $(OBJS:.o=.d) $(OBJS:.o=.bc.d) test/unit/run_unit_tests test/unit/obj tmp_regress results regression.diffs regression.out tmp_check $(CATALOG_GEN)

# No LLVM bitcode: PGXS would compile every source a second time with clang
# (a third of the build) for JIT inlining, which nothing of ours needs (our
# functions are called once per statement, not per row).  override: PGXS's
# Makefile.global sets with_llvm = yes after this line.
override with_llvm = no

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

-include $(OBJS:.o=.d)

# A bitcode directory an earlier version installed would let the JIT inline
# that old code: install and uninstall remove it.
install: remove-old-bitcode
uninstall: remove-old-bitcode
remove-old-bitcode:
	rm -rf '$(DESTDIR)$(bitcodedir)/$(MODULE_big)' '$(DESTDIR)$(bitcodedir)/$(MODULE_big).index.bc'

# Unit tests of the pure C++ part: no server needed.  One object per source
# (the pure sources again, with the sanitizers), so that make -j builds them
# in parallel and rebuilds only what changed (-MMD: header dependencies).
UNIT_SRCS = $(wildcard test/unit/*.cpp)
UNIT_OBJDIR = test/unit/obj
UNIT_OBJS = $(patsubst test/unit/%.cpp,$(UNIT_OBJDIR)/%.o,$(UNIT_SRCS)) \
	$(patsubst src/pure/%.cpp,$(UNIT_OBJDIR)/pure/%.o,$(PURE_SRCS))
UNIT_CXXFLAGS = -std=c++17 -O1 -g -Wall -Wextra -Werror -Wno-missing-field-initializers \
	-fsanitize=address,undefined $(if $(ISAL_LIBS),-DPD_HAVE_ISAL)

$(UNIT_OBJDIR)/%.o: test/unit/%.cpp
	@mkdir -p $(@D)
	$(CXX) $(UNIT_CXXFLAGS) -MMD -MP -c -o $@ $<

$(UNIT_OBJDIR)/pure/%.o: src/pure/%.cpp
	@mkdir -p $(@D)
	$(CXX) $(UNIT_CXXFLAGS) -MMD -MP -c -o $@ $<

test/unit/run_unit_tests: $(UNIT_OBJS)
	$(CXX) $(UNIT_CXXFLAGS) -o $@ $(UNIT_OBJS) -ldeflate -lz $(ISAL_LIBS)

-include $(UNIT_OBJS:.o=.d)

unitcheck: test/unit/run_unit_tests
	test/unit/run_unit_tests

.PHONY: unitcheck remove-old-bitcode

# Each catalog query is a .sql file of its own; embed.pl turns them into
# pd_sql::NAME constants.
$(CATALOG_GEN): src/catalog/embed.pl $(CATALOG_SQL)
	perl src/catalog/embed.pl $@ $(CATALOG_SQL)

parallel_dump--0.2.sql: parallel_dump--0.1.sql parallel_dump--0.1--0.2.sql
	{ echo '/* parallel_dump--0.2.sql: parallel_dump--0.1.sql then parallel_dump--0.1--0.2.sql (made by make) */'; \
	  sed 1d parallel_dump--0.1.sql; sed 1,2d parallel_dump--0.1--0.2.sql; } > $@

parallel_dump--0.3.sql: parallel_dump--0.2.sql parallel_dump--0.2--0.3.sql
	{ echo '/* parallel_dump--0.3.sql: parallel_dump--0.2.sql then parallel_dump--0.2--0.3.sql (made by make) */'; \
	  sed 1d parallel_dump--0.2.sql; sed 1,2d parallel_dump--0.2--0.3.sql; } > $@

parallel_dump--0.4.sql: parallel_dump--0.3.sql parallel_dump--0.3--0.4.sql
	{ echo '/* parallel_dump--0.4.sql: parallel_dump--0.3.sql then parallel_dump--0.3--0.4.sql (made by make) */'; \
	  sed 1d parallel_dump--0.3.sql; sed 1,2d parallel_dump--0.3--0.4.sql; } > $@
