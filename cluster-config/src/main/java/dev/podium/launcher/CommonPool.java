package dev.podium.launcher;

import org.slf4j.LoggerFactory;

import java.util.concurrent.ForkJoinPool;

/**
 * Keeps CompletableFuture's default executor a pool. Pekko's Java API hands out Scala futures
 * converted to CompletableFutures whose non-async callbacks run on that default executor, and the
 * JDK makes it a new thread per task when the common pool has fewer than two threads, which it
 * has on a 2-CPU machine (parallelism = CPUs - 1). Measured with ConfigMapCreateBench on 2 cores:
 * about 5 threads started per request, and 436 creates/s against 708 with a pool.
 */
final class CommonPool {
    static final String PROPERTY = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private CommonPool() {}

    /** Must run before anything touches ForkJoinPool or CompletableFuture: the first lines of main. */
    static void ensureParallel() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, String.valueOf(Math.max(2, Runtime.getRuntime().availableProcessors())));
        }
    }

    /** For embedders that start a node in a JVM where it is too late to change. */
    static void warnIfThreadPerTask() {
        if (ForkJoinPool.getCommonPoolParallelism() < 2) {
            LoggerFactory.getLogger(CommonPool.class).warn("the common ForkJoinPool has {} thread(s), so every CompletableFuture callback "
                    + "starts a thread; start the JVM with -D{}=2 (or more) for much faster requests",
                    ForkJoinPool.getCommonPoolParallelism(), PROPERTY);
        }
    }
}
