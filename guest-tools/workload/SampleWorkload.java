import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small, steady JVM workload to capture with the guest tools.
 *
 * <p>It allocates MIB one-MiB byte arrays that stay live (the "data set"),
 * then runs THREADS worker threads that keep reading and writing random bytes
 * in them (about ten rounds a second each) and do a little string, map and
 * arithmetic work so the JIT compilers have something to compile. After
 * WARMUP_SECONDS it prints one line "READY pid=N" on stdout (scripts wait for
 * it) and goes on until killed, or for RUN_SECONDS if given.
 *
 * <pre>
 *   java SampleWorkload.java [MIB=96] [THREADS=3] [WARMUP_SECONDS=8] [RUN_SECONDS=0 (forever)]
 * </pre>
 */
public class SampleWorkload {
    static final AtomicLong checksum = new AtomicLong();

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 96;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int warmupSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int runSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 0;

        List<byte[]> data = new ArrayList<>(mib);
        for (int i = 0; i < mib; i++) {
            byte[] b = new byte[1 << 20];
            for (int j = 0; j < b.length; j += 4096) {
                b[j] = (byte) (i + j); // touch every page
            }
            data.add(b);
        }

        for (int t = 0; t < threads; t++) {
            final int id = t;
            Thread worker = new Thread(() -> work(id, data), "sample-worker-" + t);
            worker.setDaemon(true);
            worker.start();
        }

        Thread.sleep(warmupSeconds * 1000L);
        System.out.println("READY pid=" + ProcessHandle.current().pid()
                + " mib=" + mib + " threads=" + threads);
        System.out.flush();

        if (runSeconds > 0) {
            Thread.sleep(runSeconds * 1000L);
            System.out.println("DONE checksum=" + checksum.get());
        } else {
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    static void work(int id, List<byte[]> data) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        Map<String, Integer> words = new HashMap<>();
        long round = 0;
        while (true) {
            long sum = 0;
            for (int i = 0; i < 2000; i++) {
                byte[] b = data.get(rnd.nextInt(data.size()));
                int at = rnd.nextInt(b.length);
                sum += b[at];
                b[rnd.nextInt(b.length)] = (byte) sum;
            }
            for (int i = 0; i < 200; i++) {
                String key = "w" + id + "-" + (rnd.nextInt(500));
                words.merge(key, 1, Integer::sum);
            }
            if (words.size() > 400) {
                words.clear();
            }
            sum += fib(18 + (int) (round % 4));
            checksum.addAndGet(sum);
            round++;
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    static long fib(int n) {
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }
}
