package vn.hoso.spark;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConcurrentlyTest {
    @Test
    void sideBySideTheTasksOverlapAndTheResultsKeepTheTasksOrder() {
        // each task waits for the other: they can only finish if they run at the same time
        CountDownLatch both = new CountDownLatch(2);
        Callable<String> a = () -> {
            both.countDown();
            assertThat(both.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(50); // finishes after b
            return "a";
        };
        Callable<String> b = () -> {
            both.countDown();
            assertThat(both.await(10, TimeUnit.SECONDS)).isTrue();
            return "b";
        };
        assertThat(Concurrently.run(List.of(a, b))).containsExactly("a", "b");
    }

    @Test
    void aFailureIsThrownOnlyOnceEveryTaskHasStoppedWithTheOthersSuppressed() {
        AtomicBoolean slowFinished = new AtomicBoolean();
        assertThatThrownBy(() -> Concurrently.run(
                () -> {
                    throw new IllegalArgumentException("first");
                },
                () -> {
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    slowFinished.set(true);
                },
                () -> {
                    throw new IllegalStateException("second");
                }))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("first")
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .satisfies(s -> assertThat(s).hasMessage("second")));
        assertThat(slowFinished).isTrue();
    }

    @Test
    void aCheckedExceptionComesBackAsAnUncheckedOneWithItsCause() {
        Callable<Object> failing = () -> {
            throw new java.io.IOException("disk full");
        };
        assertThatThrownBy(() -> Concurrently.run(List.of(failing)))
                .isInstanceOf(IllegalStateException.class).hasRootCauseInstanceOf(java.io.IOException.class);
    }
}
