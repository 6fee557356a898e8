#!/usr/bin/env bash
# Fuzzes each parser's Jazzer target (ParserFuzzTest) for a while, one Maven run per target
# (Jazzer fuzzes one target per JVM). `mvn verify` only replays the seeds; this looks for new
# inputs. Usage: parsers/fuzz.sh [DURATION]   (default 30s, the CI run; 10m for a longer one)
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-30s}
for target in memMapping uffdLog nmt; do
    echo "fuzzing ParserFuzzTest#$target for $duration"
    JAZZER_FUZZ=1 mvn -B -ntp -q -pl parsers -am verify -Dcheckstyle.skip -Dtest="ParserFuzzTest#$target" \
        -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.max_duration="$duration" \
        '-Dsurefire.headless.arg=-Djava.awt.headless=true -Xmx1g'
done
echo "fuzz: 3 targets, $duration each, no finding"
