#!/bin/sh
# Checks visualizer/target/uffdvisualizer, the launcher that keeps an AppCDS archive for the jar, on the JDK on
# PATH (17: the archive written by the first run, under a name of its own, then moved in place) and on Temurin 25
# when installed (-XX:+AutoCreateSharedArchive): a command writes no archive, the window's first start does (here
# without a display, where it prints the summary), a later run maps the jar's classes from it and prints the same,
# a changed jar gets an archive of its own, a missing jar is an error.
# Run from the repository root after mvn package.
set -eu

launcher=visualizer/target/uffdvisualizer
jar=visualizer/target/UffdVisualizer.jar
capture=sample-data/jvm17-default
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
    echo "appcds-launcher: FAIL: $*" >&2
    exit 1
}

check_jdk() {
    java=$1
    name=$2
    cache=$work/$name
    # A command other than the window's start writes no archive.
    XDG_CACHE_HOME=$cache JAVA=$java sh "$launcher" summary "$capture" >/dev/null 2>&1 \
        || fail "$name: summary exited with $?"
    if ls "$cache"/uffdvisualizer/*.jsa >/dev/null 2>&1; then
        fail "$name: summary wrote an archive"
    fi
    # The window's start without a display prints the summary instead; it writes the archive.
    XDG_CACHE_HOME=$cache JAVA=$java env -u DISPLAY sh "$launcher" gui "$capture" >"$work/first" 2>"$work/first.err" \
        || fail "$name: first run exited with $? ($(cat "$work/first.err"))"
    [ -s "$work/first" ] || fail "$name: first run printed no summary"
    grep -q 'No display available' "$work/first.err" || fail "$name: first run: $(cat "$work/first.err")"
    set -- "$cache"/uffdvisualizer/*.jsa
    if [ $# -ne 1 ] || [ ! -f "$1" ]; then
        fail "$name: expected one archive in $cache/uffdvisualizer, found: $*"
    fi
    archive=$1
    if ls "$cache"/uffdvisualizer/*.partial >/dev/null 2>&1; then
        fail "$name: a partial archive was left"
    fi
    XDG_CACHE_HOME=$cache JAVA=$java UFFDVISUALIZER_JAVA_OPTS=-Xlog:class+load sh "$launcher" summary "$capture" \
        >"$work/second" 2>"$work/second.err" || fail "$name: second run exited with $?"
    grep -q 'org\.uffdvisualizer\.cli\.Main source: shared objects file (top)' "$work/second" \
        || fail "$name: the second run did not take the jar's classes from the archive"
    # The same summary, but for the parse times it reports.
    grep -v '\[class,load\]' "$work/second" | sed 's/ in [0-9]*ms//' >"$work/second.text"
    sed 's/ in [0-9]*ms//' "$work/first" | diff - "$work/second.text" >/dev/null \
        || fail "$name: the second run printed another summary"

    # A changed jar (its time) is another jar: a second archive, the first left alone.
    cp -p "$jar" "$work/other.jar"
    touch -d '2001-01-01' "$work/other.jar"
    XDG_CACHE_HOME=$cache JAVA=$java UFFDVISUALIZER_JAR=$work/other.jar env -u DISPLAY sh "$launcher" gui "$capture" \
        >/dev/null 2>&1 || fail "$name: run with another jar exited with $?"
    set -- "$cache"/uffdvisualizer/*.jsa
    [ $# -eq 2 ] || fail "$name: expected two archives after a run with another jar, found $#"
    [ -f "$archive" ] || fail "$name: the first archive is gone"
    echo "appcds-launcher: $name: archive written, then used; another jar gets its own"
}

[ -f "$launcher" ] || fail "no $launcher (run mvn package first)"
check_jdk java jdk-on-path
temurin=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
if [ -x "$temurin" ]; then
    check_jdk "$temurin" temurin-25
else
    echo "appcds-launcher: no Temurin 25 at $temurin: JDK 19+ path not checked"
fi

# Nowhere to keep an archive: it starts as java -jar does.
env -u HOME -u XDG_CACHE_HOME sh "$launcher" summary "$capture" >"$work/homeless" 2>&1 \
    || fail "without HOME: exited with $? ($(cat "$work/homeless"))"
grep -q 'Parsed .* mappings' "$work/homeless" || fail "without HOME: no summary"

if UFFDVISUALIZER_JAR=$work/missing.jar sh "$launcher" summary "$capture" >/dev/null 2>"$work/missing.err"; then
    fail "a missing jar did not fail"
fi
grep -q 'no jar at' "$work/missing.err" || fail "a missing jar did not say so: $(cat "$work/missing.err")"
echo "appcds-launcher: OK"
