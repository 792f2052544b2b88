package vn.hoso.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hoso.Fixtures;
import vn.hoso.contract.Pseudonymiser;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {
    @TempDir
    Path tmp;

    private Path config() {
        Path f = tmp.resolve("hoso.yaml");
        Fixtures.write(f, "landing: /from/file/landing\nwarehouse: /from/file/warehouse\nspark:\n  master: local[3]\n  conf:\n    spark.sql.shuffle.partitions: 16\n");
        return f;
    }

    @Test
    void commandLineBeatsEnvironmentBeatsConfigFileBeatsDefault() {
        Path f = config();
        Settings cli = Settings.resolve(new Settings.Cli(f, "/cli", null, null, false),
                Map.of("HOSO_LANDING", "/env", "HOSO_WAREHOUSE", "/env/wh"));
        assertThat(cli.landing()).isEqualTo("/cli");
        assertThat(cli.warehouse()).isEqualTo("/env/wh");
        assertThat(cli.master()).isEqualTo("local[3]");
        assertThat(cli.sparkConf()).containsEntry("spark.sql.shuffle.partitions", "16");

        Settings file = Settings.resolve(new Settings.Cli(null, null, null, null, false), Map.of("HOSO_CONFIG", f.toString()));
        assertThat(file.landing()).isEqualTo("/from/file/landing");

        Settings defaults = Settings.resolve(new Settings.Cli(null, null, null, null, false), Map.of());
        assertThat(defaults.landing()).isEqualTo(Settings.DEFAULT_LANDING);
        assertThat(defaults.master()).isEqualTo(Settings.DEFAULT_MASTER);
    }

    @Test
    void aMissingOrBrokenConfigFileIsNamed() {
        assertThatThrownBy(() -> Settings.resolve(new Settings.Cli(tmp.resolve("nope.yaml"), null, null, null, false), Map.of()))
                .isInstanceOf(UserError.class).hasMessageContaining("nope.yaml").hasMessageContaining("does not exist");
        Path bad = tmp.resolve("bad.yaml");
        Fixtures.write(bad, "landing: [unclosed\n");
        assertThatThrownBy(() -> Settings.resolve(new Settings.Cli(bad, null, null, null, false), Map.of()))
                .isInstanceOf(UserError.class).hasMessageContaining("bad.yaml").hasMessageContaining("YAML");
    }

    @Test
    void theSecretComesFromTheEnvironmentOrIsTheNamedDemoSecret() {
        Settings none = Settings.resolve(new Settings.Cli(null, null, null, null, false), Map.of());
        assertThatThrownBy(none::pseudonymiser).isInstanceOf(UserError.class).hasMessageContaining(Pseudonymiser.SECRET_ENV);
        Settings demo = Settings.resolve(new Settings.Cli(null, null, null, null, true), Map.of());
        assertThat(demo.pseudonymiser().key("1")).isEqualTo(new Pseudonymiser(Pseudonymiser.DEMO_SECRET).key("1"));
        Settings env = Settings.resolve(new Settings.Cli(null, null, null, null, true), Map.of(Pseudonymiser.SECRET_ENV, "real"));
        assertThat(env.pseudonymiser().key("1")).isEqualTo(new Pseudonymiser("real").key("1"));
    }

    @Test
    void noStringOfTheSettingsShowsTheSecret() {
        Settings env = Settings.resolve(new Settings.Cli(null, "/l", null, null, false),
                Map.of(Pseudonymiser.SECRET_ENV, "s3cret-value-42"));
        assertThat(env.toString()).doesNotContain("s3cret-value-42").contains("secret=set, hidden").contains("landing=/l");
        assertThat(env.withPlans(tmp, "TINH-52").toString()).doesNotContain("s3cret-value-42");
        assertThat(String.valueOf(env.pseudonymiser())).doesNotContain("s3cret-value-42");
        assertThat(Settings.resolve(new Settings.Cli(null, null, null, null, false), Map.of()).toString()).contains("secret=not set");
    }

    @Test
    void theLineLimitIsACommandLineEnvironmentOrConfigSettingOf1MiBByDefault() {
        Path f = tmp.resolve("limit.yaml");
        Fixtures.write(f, "max_line_bytes: 4096\n");
        Map<String, String> env = Map.of("HOSO_CONFIG", f.toString());
        assertThat(Settings.resolve(new Settings.Cli(null, null, null, null, false), Map.of()).maxLineBytes()).isEqualTo(1L << 20);
        assertThat(Settings.resolve(new Settings.Cli(null, null, null, null, false), env).maxLineBytes()).isEqualTo(4096);
        assertThat(Settings.resolve(new Settings.Cli(null, null, null, null, false),
                Map.of("HOSO_CONFIG", f.toString(), "HOSO_MAX_LINE_BYTES", "2048")).maxLineBytes()).isEqualTo(2048);
        assertThat(Settings.resolve(new Settings.Cli(null, null, null, null, false, null, 1024L, null),
                Map.of("HOSO_CONFIG", f.toString(), "HOSO_MAX_LINE_BYTES", "2048")).maxLineBytes()).isEqualTo(1024);
        assertThatThrownBy(() -> Settings.resolve(new Settings.Cli(null, null, null, null, false), Map.of("HOSO_MAX_LINE_BYTES", "1MB")))
                .isInstanceOf(UserError.class).hasMessageContaining("HOSO_MAX_LINE_BYTES").hasMessageContaining("'1MB'");
        assertThatThrownBy(() -> Settings.resolve(new Settings.Cli(null, null, null, null, false, null, 0L, null), Map.of()))
                .isInstanceOf(UserError.class).hasMessageContaining("--max-line-bytes");
    }

    @Test
    void theDuckdbStorageVersionFollowsTheSamePrecedenceAndIsChecked() {
        Path f = tmp.resolve("storage.yaml");
        Fixtures.write(f, "duckdb:\n  storage_version: v1.1.0\n");
        Map<String, String> env = Map.of("HOSO_DUCKDB_STORAGE_VERSION", "v1.4.0");
        assertThat(Settings.resolve(new Settings.Cli(f, null, null, null, false, null, null, "v1.0.0"), env).duckdbStorageVersion())
                .isEqualTo("v1.0.0");
        assertThat(Settings.resolve(new Settings.Cli(f, null, null, null, false), env).duckdbStorageVersion()).isEqualTo("v1.4.0");
        assertThat(Settings.resolve(new Settings.Cli(f, null, null, null, false), Map.of()).duckdbStorageVersion()).isEqualTo("v1.1.0");
        assertThat(Settings.resolve(new Settings.Cli(null, null, null, null, false), Map.of()).duckdbStorageVersion())
                .isEqualTo(Settings.DEFAULT_DUCKDB_STORAGE_VERSION).isEqualTo("v1.2.0");
        assertThatThrownBy(() -> Settings.resolve(new Settings.Cli(null, null, null, null, false, null, null, "1.2"), Map.of()))
                .isInstanceOf(UserError.class).hasMessageContaining("'1.2'").hasMessageContaining("v1.2.0");
    }
}
