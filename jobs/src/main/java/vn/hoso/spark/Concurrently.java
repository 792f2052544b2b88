package vn.hoso.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Runs independent Spark actions side by side, each on its own thread. Much of a small query's time is
 * the driver's (planning, code generation): one action at a time leaves a core idle, while Spark's task
 * slots still bound how many tasks (and how much memory) run at once. Each thread is new, so it inherits
 * the caller's Spark local properties (the job description) as they are at the call.
 */
public final class Concurrently {
    private Concurrently() {
    }

    /**
     * @return the results in the order of the tasks, once all have finished; the first failure (in task
     * order) is thrown after every task has stopped, the others added to it as suppressed
     */
    public static <T> List<T> run(List<Callable<T>> tasks) {
        List<CompletableFuture<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            CompletableFuture<T> f = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    f.complete(task.call());
                } catch (Throwable e) {
                    f.completeExceptionally(e);
                }
            }, "hoso-concurrent");
            t.setDaemon(true);
            t.start();
            futures.add(f);
        }
        List<T> out = new ArrayList<>();
        RuntimeException failure = null;
        for (CompletableFuture<T> f : futures) {
            try {
                out.add(f.join());
            } catch (CompletionException e) {
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                RuntimeException r = e.getCause() instanceof RuntimeException re ? re
                        : new IllegalStateException(String.valueOf(e.getCause()), e.getCause());
                if (failure == null) {
                    failure = r;
                } else {
                    failure.addSuppressed(r);
                }
                out.add(null);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return out;
    }

    /** Runs actions without results side by side, as {@link #run(List)}. */
    public static void run(Runnable... actions) {
        List<Callable<Object>> tasks = new ArrayList<>();
        for (Runnable a : actions) {
            tasks.add(() -> {
                a.run();
                return null;
            });
        }
        run(tasks);
    }
}
