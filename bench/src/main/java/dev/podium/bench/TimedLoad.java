package dev.podium.bench;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/** {@code clients} threads each sending requests one after another for {@code seconds}: rate, latency and failures. */
final class TimedLoad {
    record Result(double perSecond, Histogram micros, long failures) {}

    /** A client's next request: true when it succeeded. */
    interface Request {
        boolean send() throws Exception;
    }

    private TimedLoad() {}

    /** {@code client} makes client i's request (its own connection, resolver …). */
    static Result run(int clients, int seconds, IntFunction<Callable<Request>> client) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        Histogram all = new Histogram(60_000_000L, 3);
        AtomicLong failures = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long t0 = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Callable<Request> make = client.apply(c);
            running.add(pool.submit(() -> {
                Request request = make.call();
                Histogram mine = new Histogram(60_000_000L, 3);
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    try {
                        if (request.send()) mine.recordValue(Math.min(60_000_000L, (System.nanoTime() - start) / 1000));
                        else failures.incrementAndGet();
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
                synchronized (all) {
                    all.add(mine);
                }
                return null;
            }));
        }
        for (Future<?> f : running) f.get();
        pool.shutdown();
        return new Result(all.getTotalCount() / ((System.nanoTime() - t0) / 1e9), all, failures.get());
    }
}
