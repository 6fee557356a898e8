package org.uffdvisualizer.generate;

/**
 * One {@code v} line of a process and how its {@code p} lines come about. Pages from
 * {@code firstResident} on are resident with probability {@code resident}; where they come from
 * depends on the kind.
 */
final class MappingPlan {
    /** Where a mapping's resident pages come from. */
    enum Kind {
        /** Never resident (reserved address space, guard pages, special mappings). */
        NONE,
        /** Private anonymous memory: a fresh frame per page, exclusively mapped. */
        ANON,
        /** A file's cached pages, shared with every process mapping the same file page. */
        FILE_SHARED,
        /** A file's private, written pages (data, relro): a fresh frame each, no longer a file page. */
        FILE_PRIVATE,
        /** Shared anonymous memory: the frames of a segment several processes map. */
        SHARED_ANON
    }

    final long start;
    final long end;
    final String name;
    final Kind kind;
    final double resident;
    final int firstResident;
    /** The file or segment frames, for FILE_SHARED and SHARED_ANON. */
    final int[] frames;
    /** Page of {@code frames} this mapping starts at. */
    final int frameOffset;

    private MappingPlan(long start, long end, String name, Kind kind, double resident, int firstResident,
                        int[] frames, int frameOffset) {
        if (end <= start || (start & 0xfff) != 0 || (end & 0xfff) != 0) {
            throw new IllegalArgumentException("bad mapping " + Long.toHexString(start) + "-" + Long.toHexString(end));
        }
        this.start = start;
        this.end = end;
        this.name = name;
        this.kind = kind;
        this.resident = resident;
        this.firstResident = firstResident;
        this.frames = frames;
        this.frameOffset = frameOffset;
    }

    static MappingPlan none(long start, long end, String name) {
        return new MappingPlan(start, end, name, Kind.NONE, 0, 0, null, 0);
    }

    static MappingPlan anon(long start, long end, String name, double resident) {
        return new MappingPlan(start, end, name, Kind.ANON, resident, 0, null, 0);
    }

    /** Anonymous memory resident only in its top pages (a thread stack's used part). */
    static MappingPlan anonTop(long start, long end, String name, int residentTopPages) {
        int pages = (int) ((end - start) / GuestRam.PAGE);
        return new MappingPlan(start, end, name, Kind.ANON, 1.0, Math.max(0, pages - residentTopPages), null, 0);
    }

    static MappingPlan fileShared(long start, long end, SharedFile file, int filePage, double resident) {
        return new MappingPlan(start, end, file.path, Kind.FILE_SHARED, resident, 0, file.frames, filePage);
    }

    static MappingPlan filePrivate(long start, long end, String name, double resident) {
        return new MappingPlan(start, end, name, Kind.FILE_PRIVATE, resident, 0, null, 0);
    }

    static MappingPlan sharedAnon(long start, long end, String name, int[] frames, double resident) {
        return new MappingPlan(start, end, name, Kind.SHARED_ANON, resident, 0, frames, 0);
    }

    int pages() {
        return (int) ((end - start) / GuestRam.PAGE);
    }
}
