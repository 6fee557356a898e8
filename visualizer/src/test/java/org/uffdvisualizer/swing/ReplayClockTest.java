package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.MemoryLayout;

/** Wall time to replay position, by order and by timestamp. */
class ReplayClockTest {

    private static FaultTrace trace(long... nanos) {
        FaultTrace.Builder b = FaultTrace.builder();
        for (int i = 0; i < nanos.length; i++) {
            b.fault(0, 0x7f0000000000L + 4096L * i, 4096L * i, 1, 1, nanos[i], -1, i + 1);
        }
        return b.build(MemoryLayout.IDENTITY);
    }

    @Test
    void byOrderAppliesTheRateAndCarriesFractions() {
        ReplayClock c = new ReplayClock(trace(new long[100]));
        c.set(ReplayClock.Mode.ORDER, 60, 0);
        int k = 0;
        for (int tick = 0; tick < 30; tick++) {
            k = c.advance(k, 16_666_667);     // 30 ticks of 1/60 s at 60 faults/s: one per tick
        }
        assertThat(k).isBetween(29, 30);
        c.set(ReplayClock.Mode.ORDER, 10, k);
        assertThat(c.advance(k, 50_000_000)).isEqualTo(k);   // half a fault: not yet
        assertThat(c.advance(k, 50_000_000)).isEqualTo(k + 1);
        assertThat(c.advance(99, 10_000_000_000L)).isEqualTo(100);   // never past the end
    }

    @Test
    void byTimestampFollowsTheLogsTimesScaled() {
        ReplayClock c = new ReplayClock(trace(1000, 2000, 3000, 10_000, 10_500));
        assertThat(c.hasTimestamps()).isTrue();
        c.set(ReplayClock.Mode.TIMESTAMP, 1, 0);
        assertThat(c.advance(0, 1)).isEqualTo(1);        // the first fault at once
        assertThat(c.advance(1, 1000)).isEqualTo(2);     // t = 2000
        assertThat(c.advance(2, 5000)).isEqualTo(3);     // t = 7000: the fault at 10,000 is not due
        c.set(ReplayClock.Mode.TIMESTAMP, 10, 3);        // ten times faster from fault 3 (t = 3000)
        assertThat(c.advance(3, 700)).isEqualTo(4);      // t = 10,000
        assertThat(c.traceNanos(4)).isEqualTo(9_000);      // 10,000, counted from the first fault (1,000)
    }

    @Test
    void timestampModeNeedsTimes() {
        ReplayClock c = new ReplayClock(trace(-1, -1));
        assertThat(c.hasTimestamps()).isFalse();
        assertThat(c.traceNanos(1)).isEqualTo(-1);
        assertThatThrownBy(() -> c.set(ReplayClock.Mode.TIMESTAMP, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
