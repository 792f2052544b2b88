package vn.hoso.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hoso.Fixtures;
import vn.hoso.SparkTestBase;
import vn.hoso.io.WarehouseLock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** One writer per warehouse: a second run stops at once naming the first; dead holders are taken over or unlocked. */
class WarehouseLockTest extends SparkTestBase {
    @TempDir
    Path tmp;

    private Path landing() {
        Path landing = tmp.resolve("landing");
        Fixtures.catalog(landing);
        Fixtures.dossierFile(landing, "2024-03-04", "part-00000.jsonl",
                List.of(Fixtures.line(Fixtures.dossier("D1", "20240304100000", 2))));
        return landing;
    }

    private static String lockJson(String host, long pid) {
        return "{\"run_id\":\"20240304T010000Z-nightly-deadbeef\",\"command\":\"hoso run nightly 2024-03-04\",\"host\":\""
                + host + "\",\"pid\":" + pid + ",\"started_at\":\"2024-03-04T01:00:00Z\"}";
    }

    @Test
    void aSecondRunStopsAtOnceNamingTheHolderAndTheFirstFinishes() throws Exception {
        String landing = landing().toString();
        String wh = tmp.resolve("wh").toString();
        Path lock = tmp.resolve("wh/ops/lock.json");
        CompletableFuture<CliTest.Result> first = CompletableFuture.supplyAsync(() -> CliTest.execute("ingest", "--date",
                "2024-03-04", "--landing", landing, "--warehouse", wh, "--demo-secret"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(lock) && !first.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(lock).as("the first run holds the lock while it runs").exists();
        long start = System.nanoTime();
        CliTest.Result second = CliTest.execute("run", "--date", "2024-03-04", "--landing", landing, "--warehouse", wh,
                "--demo-secret");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(second.code()).isEqualTo(2);
        assertThat(second.err().strip().lines().count()).isEqualTo(1);
        assertThat(second.err()).contains("warehouse " + wh + " is locked by run ").contains("-nightly-")
                .contains("(hoso ingest nightly 2024-03-04)").contains("pid " + ProcessHandle.current().pid())
                .contains("on host ").contains("started 20").contains("hoso unlock").doesNotContain("Exception");
        assertThat(seconds).as("the second run stops at once").isLessThan(5);
        // a reading command does not take the lock
        CliTest.Result query = CliTest.execute("query", "--warehouse", wh, "select 1");
        assertThat(query.err()).doesNotContain("locked");

        CliTest.Result done = first.get(120, TimeUnit.SECONDS);
        assertThat(done.code()).as(done.err()).isZero();
        assertThat(lock).as("released at the end").doesNotExist();
        assertThat(tmp.resolve("wh/silver/dossiers")).isDirectory();
    }

    @Test
    void aLockLeftByADeadProcessOnThisHostIsTakenOver() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String wh = tmp.resolve("wh").toString();
        Fixtures.write(tmp.resolve("wh/ops/lock.json"), lockJson(java.net.InetAddress.getLocalHost().getHostName(), gone.pid()));
        try (WarehouseLock lock = WarehouseLock.acquire(wh, Map.of(), "me", "hoso test")) {
            assertThat(WarehouseLock.holder(wh, Map.of()).orElseThrow().runId()).isEqualTo("me");
        }
        assertThat(WarehouseLock.holder(wh, Map.of())).isEmpty();
    }

    @Test
    void unlockShowsTheHolderFreesItOnlyWithTheFlagAndNeverFreesALiveRunOfThisHost() throws Exception {
        String wh = tmp.resolve("wh").toString();
        Path lock = tmp.resolve("wh/ops/lock.json");
        Fixtures.write(lock, lockJson("worker-7.example", 4242));

        CliTest.Result blocked = CliTest.execute("publish", "--warehouse", wh);
        assertThat(blocked.code()).isEqualTo(2);
        assertThat(blocked.err()).contains("is locked by run 20240304T010000Z-nightly-deadbeef (hoso run nightly 2024-03-04)"
                + " on host worker-7.example, pid 4242, started 2024-03-04T01:00:00Z");

        CliTest.Result shown = CliTest.execute("unlock", "--warehouse", wh);
        assertThat(shown.code()).isEqualTo(2);
        assertThat(shown.err()).contains("worker-7.example, pid 4242").contains(WarehouseLock.UNLOCK_FLAG);
        assertThat(lock).exists();

        CliTest.Result freed = CliTest.execute("unlock", "--warehouse", wh, WarehouseLock.UNLOCK_FLAG);
        assertThat(freed.code()).as(freed.err()).isZero();
        assertThat(freed.out()).contains("freed the lock of run 20240304T010000Z-nightly-deadbeef");
        assertThat(lock).doesNotExist();
        assertThat(CliTest.execute("unlock", "--warehouse", wh).out()).contains("is not locked");

        try (WarehouseLock mine = WarehouseLock.acquire(wh, Map.of(), "alive", "hoso test")) {
            CliTest.Result refused = CliTest.execute("unlock", "--warehouse", wh, WarehouseLock.UNLOCK_FLAG);
            assertThat(refused.code()).isEqualTo(2);
            assertThat(refused.err()).contains("still running on this host");
            assertThat(lock).exists();
        }
    }

    @Test
    void publishingAWarehouseThatDoesNotExistCreatesNoLockAndNoFolder() {
        CliTest.Result r = CliTest.execute("publish", "--warehouse", tmp.resolve("nowhere").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("does not exist");
        assertThat(tmp.resolve("nowhere")).doesNotExist();
    }
}
