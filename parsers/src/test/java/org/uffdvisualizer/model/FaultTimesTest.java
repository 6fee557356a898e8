package org.uffdvisualizer.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each fault's time after the first, never decreasing, with and without a copy of the times. */
class FaultTimesTest {

    private static FaultTrace trace(long... nanos) {
        FaultTrace.Builder b = FaultTrace.builder();
        for (int i = 0; i < nanos.length; i++) {
            b.fault(0, 0x7f0000000000L + 4096L * i, 4096L * i, 1, 1, nanos[i], -1, i + 1);
        }
        return b.build(MemoryLayout.IDENTITY);
    }

    @Test
    void countsFromTheFirstFaultNotFromTheLogsOrigin() {
        FaultTimes t = FaultTimes.of(trace(5_000_000, 6_500_000, 6_500_000, 9_000_000));
        assertThat(t.known()).isTrue();
        assertThat(t.nanosAfterFirst(0)).isZero();
        assertThat(t.nanosAfterFirst(1)).isEqualTo(1_500_000);
        assertThat(t.msAfterFirst(3)).isEqualTo(4.0);
        assertThat(t.spanNanos()).isEqualTo(4_000_000);
        assertThat(t.countBy(-1, 0)).isZero();                 // before the first fault
        assertThat(t.countBy(0, 0)).isEqualTo(1);
        assertThat(t.countBy(1_500_000, 0)).isEqualTo(3);      // both faults at 1.5 ms
        assertThat(t.countBy(3_999_999, 2)).isEqualTo(3);
        assertThat(t.countBy(Long.MAX_VALUE, 0)).isEqualTo(4);
    }

    @Test
    void aFaultLoggedOutOfOrderCountsAtTheTimeOfTheOneBeforeIt() {
        // Handler threads that log concurrently can write a fault after a later one.
        FaultTimes t = FaultTimes.of(trace(1_000, 4_000, 2_000, 5_000, 3_000));
        long[] expected = {0, 3_000, 3_000, 4_000, 4_000};
        for (int i = 0; i < expected.length; i++) {
            assertThat(t.nanosAfterFirst(i)).as("fault %d", i).isEqualTo(expected[i]);
        }
        assertThat(t.spanNanos()).isEqualTo(4_000);
        assertThat(t.countBy(3_500, 0)).isEqualTo(3);
    }

    @Test
    void withoutTimesNothingIsKnown() {
        FaultTimes t = FaultTimes.of(trace(-1, -1, -1));
        assertThat(t.known()).isFalse();
        assertThat(t.nanosAfterFirst(2)).isEqualTo(-1);
        assertThat(t.spanNanos()).isZero();
        assertThat(FaultTimes.of(trace()).known()).isFalse();
        assertThat(FaultTimes.of(trace(7)).spanNanos()).isZero();
    }
}
