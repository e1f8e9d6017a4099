#!/bin/sh
# Every CTest test carries one of the project's labels. Debian's doctest 2.4.9 discovers a test
# case whose name holds a comma or a semicolon without its label (or splits it in two), and
# then `ctest -L quick` under the sanitizers silently skips it: name test cases without them.
#   check_labels.sh BUILD_DIR
unlabelled=$(ctest --test-dir "$1" -N -LE '^(quick|library|sweep|screenshots)$' | grep 'Test *#')
if [ -n "$unlabelled" ]; then
  echo "tests without a label (a comma or semicolon in a doctest name?):"
  echo "$unlabelled"
  exit 1
fi
echo "every test carries a label"
