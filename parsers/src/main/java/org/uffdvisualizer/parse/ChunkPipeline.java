package org.uffdvisualizer.parse;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.ZipException;

/**
 * Reads a text file in chunks of whole lines, parses the chunks on a pool of workers, and hands
 * the results, in file order and one at a time, to a consumer that puts them together. A plain file
 * is read by the workers themselves, each chunk with positional reads (chunk {@code k} owns the
 * lines that start in its {@value #CHUNK} bytes); a gzip file is inflated by one reader thread
 * that cuts the text at line ends. Memory stays bounded: at most {@link #inFlight} chunks exist
 * at any time, their buffers reused.
 *
 * <p>Threads: the reader and the workers are daemon threads owned by this object;
 * {@link #consumeAll} is called by one thread, and the consumer runs on it or on a worker, one
 * at a time; {@link #close()} stops everything (also from that thread).
 *
 * @param <R> what a worker makes of a chunk
 */
final class ChunkPipeline<R> implements AutoCloseable {
    /**
     * Bytes per chunk. A line longer than {@link LineReader#MAX_LINE} stays one line, of which
     * only the start is handed out (the chunk ends without its newline), as the line reader does.
     * 256 KiB stays below G1's humongous-object size even with its smallest regions.
     */
    static final int CHUNK = 1 << 18;
    private static final AtomicInteger PIPELINES = new AtomicInteger();

    /** A piece of the text: {@code buf[offset .. length)} holds whole lines. */
    static final class Chunk {
        byte[] buf;
        int offset;
        int length;
        /** Bytes read from disk once this chunk was complete (for progress). */
        long rawPosition;

        Chunk(byte[] buf) {
            this.buf = buf;
        }
    }

    /** A chunk and, once {@link #ready}, its result; or the end, and why reading stopped. */
    static final class Item<R> {
        final Chunk chunk;
        /** An {@link EOFException}, {@link ZipException} or other {@link IOException}; null if none. */
        final IOException failure;
        /** What the parser made of the chunk, or what it threw; both written before {@link #ready}. */
        private R value;
        private Throwable error;
        private volatile boolean ready;

        Item(Chunk chunk, IOException failure) {
            this.chunk = chunk;
            this.failure = failure;
        }

        boolean isEnd() {
            return chunk == null;
        }
    }

    /** Parses one chunk; runs on a worker thread, must not keep the chunk. */
    interface Parser<R> {
        R parse(Chunk chunk) throws Exception;
    }

    /**
     * Takes the chunks' results in file order, one at a time, on whichever thread of the
     * pipeline is there to do it (see {@link #consumeAll}); may keep nothing of the chunk.
     */
    interface Consumer<R> {
        void accept(Chunk chunk, R result) throws Exception;
    }

    /**
     * Chunks in flight (read, parsed or waiting to be taken) per worker: 2 MiB of text. Chunks are
     * taken in file order, so while the worker parsing the oldest one is off the CPU the other can
     * only parse those after it that are in flight; with 3 per worker (6 in all) it soon ran out,
     * and a core stood idle for 120 of the 64 GiB parse's 780 core-ms (60 with 8 per worker; parse
     * and index 641 -> 606 ms). Each costs a 272 KiB buffer and a parsed chunk (about 12 MB more
     * peak heap at 64 GiB).
     */
    private static final int CHUNKS_PER_WORKER = 8;

    /** Bytes read past a plain-file chunk's end to finish its last line (more when that is not enough). */
    private static final int TAIL = 1 << 14;

    private final CaptureInput input;
    private final Parser<R> parser;
    private final ExecutorService workers;
    private final BlockingQueue<Item<R>> results;
    private final BlockingQueue<byte[]> free;
    private final int inFlight;
    private final Thread reader;
    /** Held by the thread handing results to the consumer; tried, never waited for, by the workers. */
    private final ReentrantLock consuming = new ReentrantLock();
    private volatile Consumer<R> consumer;
    private volatile Thread waiting;
    /** What the consumer or a chunk (in file order) threw: the pipeline stops there. */
    private volatile Throwable consumeFailure;
    private final FileChannel channel;
    private final long size;
    private final long chunks;
    /** Plain files: chunks submitted so far; changed by the constructor, then only while {@link #consuming} is held. */
    private long submitted;
    private int allocated;
    private volatile boolean stopped;

    ChunkPipeline(CaptureInput input, Parser<R> parser, int workerCount) throws IOException {
        this.input = input;
        this.parser = parser;
        int id = PIPELINES.incrementAndGet();
        workers = Executors.newFixedThreadPool(workerCount, new WorkerFactory(id));
        inFlight = CHUNKS_PER_WORKER * workerCount;
        results = new ArrayBlockingQueue<>(inFlight + 2);
        free = new ArrayBlockingQueue<>(inFlight + 2);
        if (input.isGzip()) {
            channel = null;
            size = -1;
            chunks = 0;
            reader = new Thread(this::read, "uffdvisualizer-read-" + id);
            reader.setDaemon(true);
            reader.start();
        } else {
            reader = null;
            input.close();
            channel = FileChannel.open(input.file(), StandardOpenOption.READ);
            size = channel.size();
            chunks = (size + CHUNK - 1) / CHUNK;
            while (submitted < chunks && submitted < inFlight) {
                submit();
            }
        }
    }

    /**
     * Hands every chunk's result to {@code c} in file order and returns once all were taken: null,
     * or for gzip why reading stopped early (an {@link EOFException} or {@link ZipException} after
     * the last whole lines). Throws what the consumer threw, or a chunk's read or parse failure
     * (once the chunks before it were taken), and stops the pipeline there.
     *
     * <p>The results are taken by whichever thread is there: the worker that finishes the chunk
     * next in file order takes it (and those after it that are done) while the others go on
     * parsing; this thread takes those that were done before it got here, then waits. With one
     * thread taking them all (this one), the workers waited for it whenever it was off the CPU
     * (two workers, it and the JIT's compilers share two cores): 20-40 % of their time at 64 GiB.
     * The consumer runs on one thread at a time, each handing over to the next through
     * {@link #consuming}, so what it keeps needs no more care than on one thread.
     */
    IOException consumeAll(Consumer<R> c) throws Exception {
        waiting = Thread.currentThread();
        consumer = c;
        while (true) {
            drain();
            consuming.lock();
            try {
                Throwable t = consumeFailure;
                if (t instanceof Exception e) {
                    throw e;
                } else if (t instanceof Error e) {
                    throw e;
                } else if (t != null) {
                    throw new IllegalStateException(t);
                }
                Item<R> head = results.peek();
                if (reader == null ? head == null && submitted == chunks : head != null && head.isEnd()) {
                    return head == null ? null : head.failure;
                }
            } finally {
                consuming.unlock();
            }
            // A worker whose chunk became ready while this thread held the lock found it taken and
            // left the chunk to the holder: look again before waiting, or it waits for the timeout.
            Item<R> head = results.peek();
            if (consumeFailure != null || head != null && (head.isEnd() || head.ready)) {
                continue;
            }
            LockSupport.parkNanos(this, 50_000_000L);      // woken when all are taken or one failed
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /**
     * Gives the consumer the results that are ready, in file order, unless another thread is
     * doing so; then tries again if a result became ready meanwhile (its worker found the lock
     * taken and left it to this one).
     */
    private void drain() {
        Consumer<R> c = consumer;
        if (c == null) {
            return;                                        // consumeAll not called yet
        }
        while (consuming.tryLock()) {
            try {
                Item<R> head;
                while (consumeFailure == null && (head = results.peek()) != null && !head.isEnd() && head.ready) {
                    results.poll();
                    if (head.error != null) {
                        throw head.error;
                    }
                    c.accept(head.chunk, head.value);
                    release(head.chunk.buf);
                    if (reader == null && submitted < chunks) {
                        submit();
                    }
                }
            } catch (Throwable t) {
                consumeFailure = t;
                stopped = true;
            } finally {
                consuming.unlock();
            }
            Item<R> head = results.peek();
            if (consumeFailure != null || (reader == null ? head == null : head != null && head.isEnd())) {
                LockSupport.unpark(waiting);               // all taken, or failed
                return;
            }
            if (head == null || !head.ready) {
                return;
            }
        }
    }

    /** Plain files: starts reading and parsing the next chunk on a worker. */
    private void submit() {
        long k = submitted++;
        Chunk c = new Chunk(null);
        c.rawPosition = Math.min(size, (k + 1) * CHUNK);
        Item<R> item = new Item<>(c, null);
        results.add(item);
        workers.execute(new ReadAndParse(item, k));
    }

    /**
     * Reads the lines that start in chunk {@code k}: from just after the first newline at or after
     * the byte before the chunk, to the first newline at or after its last byte (or the file's end).
     */
    private void readChunk(Chunk c, long k) throws IOException, InterruptedException {
        long start = k * CHUNK;
        long end = Math.min(size, start + CHUNK);
        long from = k == 0 ? 0 : start - 1;
        byte[] buf = buffer();
        int n = readAt(buf, 0, from, (int) Math.min(buf.length, size - from));
        int first = 0;
        if (k > 0) {
            while (first < n && buf[first] != '\n') {
                first++;
            }
            first++;                                 // the first line starting at or after start
        }
        if (from + first >= end) {                   // no line starts in this chunk
            c.buf = buf;
            c.offset = 0;
            c.length = 0;
            return;
        }
        int last = (int) (end - 1 - from);           // the chunk's last byte, in buf
        while (true) {
            while (last < n && buf[last] != '\n') {
                last++;
            }
            if (last < n || from + n >= size) {
                break;
            }
            if (n - (end - 1 - from) > LineReader.MAX_LINE + 1) {
                break;                               // overlong: its start is enough (MemMappingChunk reports it)
            }
            // The last line goes on past what was read: read more of it.
            if (n == buf.length) {
                byte[] bigger = java.util.Arrays.copyOf(buf, buf.length * 2);
                release(buf);
                buf = bigger;
            }
            n += readAt(buf, n, from + n, (int) Math.min(buf.length - n, size - from - n));
        }
        c.buf = buf;
        c.offset = first;
        c.length = Math.min(last + 1, n);
    }

    private int readAt(byte[] buf, int offset, long position, int length) throws IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(buf, offset, length);
        int done = 0;
        while (b.hasRemaining()) {
            int r = channel.read(b, position + done);
            if (r < 0) {
                // Only asked for bytes below the size the file had when opened: it was cut short.
                throw new IOException("the file got shorter while it was read (" + size + " bytes when opened, "
                        + channel.size() + " now)");
            }
            done += r;
        }
        return done;
    }

    private void release(byte[] buf) {
        if (buf != null && buf.length == CHUNK + TAIL) {
            free.offer(buf);
        }
    }

    /**
     * Stops reading and parsing, in order: first the reader (it submits to the workers), then the
     * workers, then the file; a worker never outlives the channel it reads.
     */
    @Override
    public void close() {
        stopped = true;
        try {
            if (reader != null) {
                reader.interrupt();
                reader.join(10_000);
            }
            workers.shutdownNow();
            workers.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // reading is over either way
                }
            }
        }
    }

    private byte[] buffer() throws InterruptedException {
        byte[] b = free.poll();
        if (b != null) {
            return b;
        }
        synchronized (this) {
            if (allocated < inFlight + 2) {
                allocated++;
                return new byte[CHUNK + TAIL];
            }
        }
        return free.take();
    }

    private void read() {
        InputStream in = input.stream();
        boolean discarding = false;        // skipping the rest of an overlong line
        try {
            Chunk cur = new Chunk(buffer());
            int fill = 0;
            int limit = CHUNK;
            while (!stopped) {
                if (limit > cur.buf.length) {
                    byte[] bigger = java.util.Arrays.copyOf(cur.buf, limit);
                    release(cur.buf);
                    cur.buf = bigger;
                }
                int n;
                try {
                    n = in.read(cur.buf, fill, limit - fill);
                    if (discarding && n > 0) {
                        n = afterLineEnd(cur.buf, fill, n);
                        discarding = n < 0;
                        n = Math.max(n, 0);
                    }
                } catch (EOFException | ZipException e) {
                    // Truncated or corrupt gzip: keep the whole lines read so far, then say why it stopped.
                    cur.length = lastLineEnd(cur.buf, fill);
                    emit(cur);
                    end(new Item<>(null, e));
                    return;
                }
                if (n < 0) {
                    cur.length = fill;                   // the last line may lack its newline
                    emit(cur);
                    end(new Item<>(null, null));
                    return;
                }
                fill += n;
                if (fill < limit) {
                    continue;
                }
                int end = lastLineEnd(cur.buf, fill);
                if (end == 0 && fill <= LineReader.MAX_LINE + 1) {
                    limit = Math.min(2 * limit, LineReader.MAX_LINE + CHUNK);   // a long line: read on
                    continue;
                }
                if (end == 0) {
                    // Longer than any real line: hand out its start as one line and skip the rest,
                    // as LineReader does.
                    cur.length = fill;
                    emit(cur);
                    cur = new Chunk(buffer());
                    fill = 0;
                    limit = CHUNK;
                    discarding = true;
                    continue;
                }
                int carry = fill - end;
                Chunk next = new Chunk(carry <= TAIL ? buffer() : new byte[carry + CHUNK]);
                System.arraycopy(cur.buf, end, next.buf, 0, carry);
                cur.length = end;
                emit(cur);
                fill = carry;
                limit = carry <= TAIL ? CHUNK : carry + CHUNK;
                cur = next;
            }
        } catch (InterruptedException | java.util.concurrent.RejectedExecutionException e) {
            // stopped by close() (rejected only if close() gave up waiting for this thread)
        } catch (IOException e) {
            try {
                end(new Item<>(null, e));
            } catch (InterruptedException ignored) {
                // stopped by close()
            }
        } finally {
            try {
                input.close();
            } catch (IOException ignored) {
                // reading is over either way
            }
        }
    }

    private void emit(Chunk c) throws InterruptedException {
        c.rawPosition = input.bytesRead();
        Item<R> item = new Item<>(c, null);
        results.put(item);
        workers.execute(new Parse(item));
    }

    /** Gzip: the end of the text (and why, if early), after the last chunk; wakes the waiting thread if all are taken. */
    private void end(Item<R> last) throws InterruptedException {
        results.put(last);
        drain();
    }

    /** Runs the parser on a chunk, keeps its result or failure in the item, and hands what is ready to the consumer. */
    private void parse(Item<R> item, long k) {
        try {
            if (k >= 0) {
                readChunk(item.chunk, k);
            }
            item.value = parser.parse(item.chunk);
        } catch (Throwable t) {
            item.error = t;
        }
        item.ready = true;
        drain();
    }

    // The tasks and the thread factory are classes, not lambdas: in a fresh JVM each new lambda
    // shape costs milliseconds to spin up, and this runs once per capture, at the start of a load.

    /** Names the workers and makes them daemons. */
    private static final class WorkerFactory implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger count = new AtomicInteger();

        WorkerFactory(int pipeline) {
            prefix = "uffdvisualizer-parse-" + pipeline + "-";
        }

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, prefix + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }

    /** Plain files: reads chunk {@code k} and parses it. */
    private final class ReadAndParse implements Runnable {
        private final Item<R> item;
        private final long k;

        ReadAndParse(Item<R> item, long k) {
            this.item = item;
            this.k = k;
        }

        @Override
        public void run() {
            parse(item, k);
        }
    }

    /** Gzip: parses a chunk the reader thread cut. */
    private final class Parse implements Runnable {
        private final Item<R> item;

        Parse(Item<R> item) {
            this.item = item;
        }

        @Override
        public void run() {
            parse(item, -1);
        }
    }

    /**
     * Drops the bytes up to and including the first newline among the {@code n} bytes just read at
     * {@code buf[fill ..]}, moving what follows it to {@code fill}; returns how many bytes remain,
     * or -1 if there is no newline (all of them dropped).
     */
    private static int afterLineEnd(byte[] buf, int fill, int n) {
        for (int i = fill; i < fill + n; i++) {
            if (buf[i] == '\n') {
                int rest = fill + n - i - 1;
                System.arraycopy(buf, i + 1, buf, fill, rest);
                return rest;
            }
        }
        return -1;
    }

    /** Length of the whole lines in {@code buf[0 .. fill)}: just after the last newline, or 0. */
    private static int lastLineEnd(byte[] buf, int fill) {
        for (int i = fill - 1; i >= 0; i--) {
            if (buf[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }
}
