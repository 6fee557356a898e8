package org.uffdvisualizer.generate;

import java.io.IOException;
import java.io.Writer;
import java.util.BitSet;
import org.uffdvisualizer.format.UffdLogWriter;

/**
 * Writes the restore's uffd log in the extended format of this project's handler: the header
 * (memory file, one region below 3 GiB and, for bigger guests, one from 4 GiB on), then faults
 * in restore order. Most faults load frames the dump says somebody owns, in short runs as a
 * guest touching its memory produces them; some zero-fill frames nobody owned (allocated after
 * the dump); some load unowned frames; a few {@code UFFD_EVENT_REMOVE} give a range back (a
 * balloon), after which faults there are zero-filled.
 */
final class UffdLogGenerator {
    /** Frames one REMOVE gives back: 64 KiB, free memory a balloon reclaims. */
    private static final int REMOVED = 16;

    private final GuestRam ram;
    private final BitSet owned;
    private final Rng rng;
    private final BitSet faulted;

    UffdLogGenerator(GuestRam ram, BitSet owned, Rng rng) {
        this.ram = ram;
        this.owned = owned;
        this.rng = rng;
        this.faulted = new BitSet(ram.frames());
    }

    void write(int faults, Writer out) throws IOException {
        UffdLogWriter w = new UffdLogWriter(out);
        long host = 0x7f00_0000_0000L + rng.nextLong(0x8000) * (2L << 20);
        long size = ram.bytes();
        w.header("# uffd-handler log-format=extended version=1 page_size=4096 thread_id=1 t=ns-since-connect");
        w.header("Mapping memory file /srv/snapshots/guest.mem to address " + String.format("%#x-%#x", host + size,
                host + 2 * size) + ", size = " + size);
        long low = Math.min(size, GuestRam.HOLE_START);
        w.header("Create MemRegions for mapping GuestRegionUffdMapping { base_host_virt_addr: " + host + ", size: "
                + low + ", offset: 0 }");
        if (size > low) {
            w.header("Create MemRegions for mapping GuestRegionUffdMapping { base_host_virt_addr: " + (host + low)
                    + ", size: " + (size - low) + ", offset: " + low + " }");
        }
        int vmmPid = rng.between(300, 30000);
        w.header("Connected to PID " + vmmPid);
        int vcpus = size <= (4L << 30) ? 2 : size <= (64L << 30) ? 4 : 8;
        int firstThread = vmmPid + 5;

        int removes = faults == 0 ? 0 : Math.min(5, 1 + faults / 50_000);
        long nanos = 1_000_000 + rng.nextLong(500_000);
        int runFrame = -1;
        int runLeft = 0;
        int removedFrame = -1;
        int removedLeft = 0;
        for (int i = 0; i < faults; i++) {
            if (removes > 0 && i > 0 && i % (faults / (removes + 1) + 1) == 0) {
                removedFrame = freeRange(REMOVED);
                if (removedFrame >= 0) {
                    long from = host + GuestRam.fileOffset(removedFrame);
                    nanos += rng.between(2_000, 20_000);
                    w.remove(from, from + REMOVED * GuestRam.PAGE, nanos);
                    removedLeft = rng.between(2, 8);
                }
                removes--;
            }
            int frame;
            boolean zeroed;
            if (removedLeft > 0) {
                frame = removedFrame + rng.nextInt(REMOVED);
                zeroed = true;
                removedLeft--;
            } else if (runLeft > 0 && runFrame + 1 < ram.frames() && owned.get(runFrame + 1)
                    && !faulted.get(runFrame + 1)) {
                frame = ++runFrame;
                runLeft--;
                zeroed = false;
            } else {
                double r = rng.nextDouble();
                boolean wantOwned = r < 0.85 || r >= 0.97;
                zeroed = r >= 0.85 && r < 0.92 || r >= 0.97;
                frame = pick(wantOwned);
                if (wantOwned && !zeroed) {
                    runFrame = frame;
                    runLeft = rng.nextInt(12);
                } else {
                    runLeft = 0;
                }
            }
            faulted.set(frame);
            boolean write = rng.chance(0.4);
            long offset = GuestRam.fileOffset(frame);
            long page = host + offset;
            long address = page + (write ? rng.nextInt(512) * 8L : rng.nextInt(4096));
            nanos += rng.between(4_000, 40_000);
            w.extendedFault(write, firstThread + rng.nextInt(vcpus), address, page, zeroed, offset,
                    offset + GuestRam.PAGE, nanos, ram.physical(frame));
        }
    }

    /** A random frame owned (or not), not yet faulted if such a frame is found quickly. */
    private int pick(boolean wantOwned) {
        int frame = 0;
        for (int tries = 0; tries < 256; tries++) {
            frame = rng.nextInt(ram.frames());
            if (owned.get(frame) == wantOwned && !faulted.get(frame)) {
                return frame;
            }
        }
        return frame;
    }

    /** The first frame of an aligned run of {@code n} frames nobody owns, or -1. */
    private int freeRange(int n) {
        for (int tries = 0; tries < 1024; tries++) {
            int f = rng.nextInt(ram.frames() / n) * n;
            int next = owned.nextSetBit(f);
            if (next < 0 || next >= f + n) {
                return f;
            }
        }
        return -1;
    }
}
