package vn.hoso.cli;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import vn.hoso.config.Settings;
import vn.hoso.config.UserError;
import vn.hoso.io.LandingZone;
import vn.hoso.marts.Plan;
import vn.hoso.pipeline.RunMode;
import vn.hoso.pipeline.RunRequest;
import vn.hoso.pipeline.StageState;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code --dry-run}: what a stage would do, after validating its arguments, paths and inputs, without starting
 * Spark. Problems that would stop the stage are {@link UserError}s (exit 2); outputs that an earlier stage
 * makes (silver before the gate, gold before publish) are reported as such, since a scheduler checks a whole
 * chain of tasks before the first one runs.
 */
final class DryRun {
    enum Stage {
        INGEST("ingest", true, true), CHECK("check", false, false), MARTS("marts", false, false),
        RUN("run", true, true), PUBLISH("publish", false, false);

        final String command;
        private final boolean secret;
        private final boolean landing;

        Stage(String command, boolean secret, boolean landing) {
            this.command = command;
            this.secret = secret;
            this.landing = landing;
        }

        boolean needsSecret() {
            return secret;
        }

        boolean readsLanding() {
            return landing;
        }
    }

    private DryRun() {
    }

    static String plan(Stage stage, Settings settings, RunRequest request) {
        Configuration conf = new Configuration();
        StringBuilder s = new StringBuilder();
        s.append("dry run of hoso ").append(stage.command).append(request == null ? "" : " for " + request.describe())
                .append(": arguments and inputs are valid; nothing was started\n");
        line(s, "config", settings.configFile() == null ? "none (defaults and environment)" : settings.configFile().toString());
        line(s, "warehouse", settings.warehouse() + (exists(settings.warehouse(), conf) ? "" : " (will be created)"));
        if (stage.readsLanding()) {
            line(s, "landing", settings.landing());
            line(s, "secret", settings.secret() != null && !settings.secret().isBlank() ? "from the environment"
                    : "the demo secret (sample data only)");
            landing(s, new LandingZone(settings.landing(), conf), request);
        }
        if (stage != Stage.PUBLISH) {
            line(s, "spark master", settings.master() + " (ignored under spark-submit)");
            List<Plan> plans = Plan.loadAll(settings.targets());
            line(s, "plans", plans.isEmpty() ? "none in " + settings.targets()
                    : plans.stream().map(Plan::id).collect(Collectors.joining(", ")) + " (" + settings.targets() + ")");
            line(s, "province scope", settings.provinceCode() == null ? "the current province unit of the catalogue" : settings.provinceCode());
        }
        if (stage == Stage.CHECK || stage == Stage.MARTS) {
            line(s, "needs", state(settings, conf, request, stage));
        }
        if (stage == Stage.PUBLISH) {
            if (!settings.localWarehouse()) {
                throw new UserError("publishing to DuckDB needs a local warehouse, not " + settings.warehouse());
            }
            boolean gold = exists(settings.warehouse() + "/gold", conf);
            line(s, "gold tables", gold ? "present" : "none yet (the marts stage makes them)");
            line(s, "target", settings.localWarehousePath().resolve("hoso.duckdb").toAbsolutePath().toString());
        }
        if (stage == Stage.PUBLISH || stage == Stage.RUN) {
            line(s, "duckdb storage", settings.duckdbStorageVersion() + " (the oldest DuckDB client that opens the file)");
        }
        s.append("would: ").append(switch (stage) {
            case INGEST -> "read the landing files, quarantine bad records, merge into silver, rewrite the touched partitions";
            case CHECK -> "run the data-quality checks on silver and the night's input; exit 3 if an error check fails";
            case MARTS -> "recompute the gold marts of the touched years and the plan scorecards";
            case RUN -> "ingest, check, marts, then publish the DuckDB file";
            case PUBLISH -> "build the DuckDB file beside the old one and swap it in";
        }).append('\n');
        return s.toString();
    }

    private static void landing(StringBuilder s, LandingZone landing, RunRequest request) {
        TreeSet<LocalDate> present = landing.exportDates();
        TreeSet<LocalDate> dates = request.mode() == RunMode.FULL ? present : request.dates();
        if (request.mode() == RunMode.FULL && present.isEmpty()) {
            throw new UserError("landing folder " + landing.root() + " has no dossiers/, ratings/ or feedback/ date= folders");
        }
        long withFolders = dates.stream().filter(present::contains).count();
        line(s, "export dates", dates.size() + " requested (" + dates.first() + (dates.size() > 1 ? ".." + dates.last() : "")
                + "), " + withFolders + " with landing folders" + (withFolders < dates.size() ? "; the others count as empty nights" : ""));
        StringBuilder files = new StringBuilder();
        for (String feed : LandingZone.DATED_FEEDS) {
            files.append(files.length() == 0 ? "" : ", ").append(feed).append(' ').append(landing.files(feed, dates).size());
        }
        line(s, "files", files.toString());
        List<String> missing = LandingZone.CATALOG_FEEDS.stream().filter(f -> landing.catalogFile(f) == null).toList();
        line(s, "catalogue", missing.isEmpty() ? String.join(", ", LandingZone.CATALOG_FEEDS)
                : "missing " + String.join(", ", missing) + (LandingZone.REQUIRED_CATALOG.stream().anyMatch(missing::contains)
                ? "" : " (optional: their tables stay empty)"));
    }

    private static String state(Settings settings, Configuration conf, RunRequest request, Stage stage) {
        Optional<StageState> state = readState(settings.warehouse(), conf);
        if (state.isEmpty()) {
            return "the ingest of " + request.describe() + " (none in this warehouse yet)";
        }
        StageState st = state.get();
        String ready = st.matches(request) ? "ready: " : "not ready, the last ingest is another: ";
        return ready + st.describe() + ", gate " + (st.quality() == null ? "not run" : st.quality())
                + (st.martsDone() ? ", marts done" : "");
    }

    private static Optional<StageState> readState(String warehouse, Configuration conf) {
        Path file = new Path(warehouse + "/ops/stage_state.json");
        try {
            FileSystem fs = file.getFileSystem(conf);
            if (!fs.exists(file)) {
                return Optional.empty();
            }
            try (InputStream in = fs.open(file)) {
                return Optional.of(StageState.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), file.toString()));
            }
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static boolean exists(String path, Configuration conf) {
        try {
            Path p = new Path(path);
            return p.getFileSystem(conf).exists(p);
        } catch (IOException e) {
            return false;
        }
    }

    private static void line(StringBuilder s, String key, String value) {
        s.append(String.format("  %-15s %s%n", key + ":", value));
    }
}
