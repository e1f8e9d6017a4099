// doctest's main, compiled once for every test binary (it costs seconds per translation unit).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
