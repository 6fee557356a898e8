package org.uffdvisualizer.parse;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipException;

/**
 * Reads a text stream in chunks of whole lines on one thread (decompressing gzip there), parses
 * the chunks on a pool of workers, and hands the results back in file order, so that one caller
 * thread can put them together. Memory stays bounded: at most {@link #inFlight} chunks exist at
 * any time, their buffers reused.
 *
 * <p>Threads: the reader and the workers are daemon threads owned by this object;
 * {@link #next()} and {@link #release} are called by the one consuming thread; {@link #close()}
 * stops everything (also from that thread).
 *
 * @param <R> what a worker makes of a chunk
 */
final class ChunkPipeline<R> implements AutoCloseable {
    /**
     * Bytes per chunk; a line longer than this is cut, as the line reader cuts absurd lines.
     * 256 KiB stays below G1's humongous-object size even with its smallest regions.
     */
    static final int CHUNK = 1 << 18;
    private static final AtomicInteger PIPELINES = new AtomicInteger();

    /** A piece of the text: {@code buf[0 .. length)} holds whole lines. */
    static final class Chunk {
        final byte[] buf;
        int length;
        /** Bytes read from disk once this chunk was complete (for progress). */
        long rawPosition;

        Chunk(byte[] buf) {
            this.buf = buf;
        }
    }

    /** What {@link #next()} returns: a chunk and its result, the end, or why reading stopped. */
    static final class Item<R> {
        final Chunk chunk;
        final Future<R> result;
        /** An {@link EOFException}, {@link ZipException} or other {@link IOException}; null if none. */
        final IOException failure;

        Item(Chunk chunk, Future<R> result, IOException failure) {
            this.chunk = chunk;
            this.result = result;
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

    private final CaptureInput input;
    private final Parser<R> parser;
    private final ExecutorService workers;
    private final BlockingQueue<Item<R>> results;
    private final BlockingQueue<byte[]> free;
    private final int inFlight;
    private final Thread reader;
    private int allocated;
    private volatile boolean stopped;

    ChunkPipeline(CaptureInput input, Parser<R> parser, int workerCount) {
        this.input = input;
        this.parser = parser;
        int id = PIPELINES.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        workers = Executors.newFixedThreadPool(workerCount, r -> {
            Thread t = new Thread(r, "uffdvisualizer-parse-" + id + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        inFlight = 2 * workerCount + 2;
        results = new ArrayBlockingQueue<>(inFlight + 2);
        free = new ArrayBlockingQueue<>(inFlight + 2);
        reader = new Thread(this::read, "uffdvisualizer-read-" + id);
        reader.setDaemon(true);
        reader.start();
    }

    /** The next item in file order; blocks until it is there. */
    Item<R> next() throws InterruptedException {
        return results.take();
    }

    /** Gives a chunk's buffer back once its result has been used. */
    void release(Chunk chunk) {
        free.offer(chunk.buf);
    }

    @Override
    public void close() {
        stopped = true;
        reader.interrupt();
        workers.shutdownNow();
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private byte[] buffer() throws InterruptedException {
        byte[] b = free.poll();
        if (b != null) {
            return b;
        }
        synchronized (this) {
            if (allocated < inFlight) {
                allocated++;
                return new byte[CHUNK];
            }
        }
        return free.take();
    }

    private void read() {
        InputStream in = input.stream();
        try {
            Chunk cur = new Chunk(buffer());
            int fill = 0;
            while (!stopped) {
                int n;
                try {
                    n = in.read(cur.buf, fill, CHUNK - fill);
                } catch (EOFException | ZipException e) {
                    // Truncated or corrupt gzip: keep the whole lines read so far, then say why it stopped.
                    cur.length = lastLineEnd(cur.buf, fill);
                    emit(cur);
                    results.put(new Item<>(null, null, e));
                    return;
                }
                if (n < 0) {
                    cur.length = fill;                   // the last line may lack its newline
                    emit(cur);
                    results.put(new Item<>(null, null, null));
                    return;
                }
                fill += n;
                if (fill < CHUNK) {
                    continue;
                }
                int end = lastLineEnd(cur.buf, fill);
                if (end == 0) {
                    end = fill;                          // no newline in a whole chunk: cut the line
                }
                Chunk next = new Chunk(buffer());
                System.arraycopy(cur.buf, end, next.buf, 0, fill - end);
                cur.length = end;
                emit(cur);
                fill -= end;
                cur = next;
            }
        } catch (InterruptedException e) {
            // stopped by close()
        } catch (IOException e) {
            try {
                results.put(new Item<>(null, null, e));
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
        Callable<R> task = () -> parser.parse(c);
        results.put(new Item<>(c, workers.submit(task), null));
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
