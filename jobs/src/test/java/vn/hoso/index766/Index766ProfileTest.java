package vn.hoso.index766;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hoso.Fixtures;
import vn.hoso.config.Settings;
import vn.hoso.config.UserError;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The profile file and its loader: what the file says, and that each kind of mistake stops with one named line. */
class Index766ProfileTest {
    @TempDir
    Path tmp;

    static String defaultText() {
        try (InputStream in = Index766ProfileTest.class.getClassLoader().getResourceAsStream("sql/index766/" + Index766Profile.DEFAULT + ".yml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A test copy of the default profile with one text replaced (which must occur). */
    static Path copyWith(Path dir, String from, String to) {
        String text = defaultText();
        assertThat(text).contains(from);
        Path f = dir.resolve("copy-" + Math.abs((from + to).hashCode()) + ".yml");
        Fixtures.write(f, text.replace(from, to));
        return f;
    }

    @Test
    void theDefaultProfileIsTheSpecsTable() {
        Index766Profile p = Index766Profile.load(Index766Profile.DEFAULT);
        assertThat(p.groups()).extracting(Index766Profile.Group::code)
                .containsExactly("cong_khai", "tien_do", "dvctt", "thanh_toan", "so_hoa", "hai_long");
        assertThat(p.groups()).extracting(g -> g.maxPoints().intValue()).containsExactly(18, 20, 12, 10, 22, 18);
        assertThat(p.indicators()).extracting(Index766Profile.Indicator::code).containsExactly(
                "1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "3.1", "3.2", "3.3", "3.5", "3.5b", "3.6",
                "4.1", "4.2", "4.3", "4.4", "4.5a", "4.5b", "4.6", "5.2", "5.3", "5.4");
        // the budget of the spec: C 68, C+cat 12, X 20
        Map<String, BigDecimal> byKind = new java.util.TreeMap<>();
        p.indicators().forEach(i -> byKind.merge(i.kind(), i.maxPoints(), BigDecimal::add));
        assertThat(byKind).extractingByKeys("C", "C+cat", "X").map(BigDecimal::intValue).containsExactly(68, 12, 20);
        assertThat(p.indicator("3.1").scopes()).containsExactly("province");
        assertThat(p.indicator("5.4").threshold()).isEqualByComparingTo("0.9");
        assertThat(p.indicator("3.3").threshold()).isEqualByComparingTo("0.5");
        assertThat(p.indicator("5.2").empty()).isEqualTo("full");
        assertThat(p.indicator("4.1").empty()).isEqualTo("null");
        assertThat(p.indicator("3.2").confidence()).isEqualTo("INFERRED");
        assertThat(p.indicators()).filteredOn(Index766Profile.Indicator::lateSensitive).extracting(Index766Profile.Indicator::code)
                .containsExactly("2.1", "5.4");
        assertThat(p.parameters()).containsEntry("supplement_gt1_scope", "pending_only")
                .containsEntry("subtract_supplement_time", false).containsEntry("fee_synced_numerator", "fees_synced")
                .containsEntry("e_result_requires_paper_result", false).containsEntry("at_risk_days", 3);
    }

    @Test
    void eachMistakeStopsWithOneLineNamingTheEntry() {
        assertLoadFails(copyWith(tmp, "code: \"2.1\", name: on_time, group: tien_do, max_points: 20",
                "code: \"2.1\", name: on_time, group: tien_do, max_points: 19"), "group tien_do weigh 19 points, not its max_points 20");
        assertLoadFails(copyWith(tmp, "code: hai_long,   label_vi: \"Mức độ hài lòng\",          label_en: \"Satisfaction\",               max_points: 18",
                "code: hai_long,   label_vi: \"Mức độ hài lòng\",          label_en: \"Satisfaction\",               max_points: 19"), "sum to 101, not 100");
        assertLoadFails(copyWith(tmp, "max_points: 20, rule: LIN", "max_points: 20, rule: LINEAR"), "indicator 2.1: unknown rule 'LINEAR'");
        assertLoadFails(copyWith(tmp, "rule: LIN, empty: zero, kind: C, confidence: VERIFIED, late_sensitive",
                "rule: LIN, empty: nothing, kind: C, confidence: VERIFIED, late_sensitive"), "indicator 2.1: unknown empty 'nothing'");
        assertLoadFails(copyWith(tmp, "threshold: 0.9", "threshold: 1.2"), "indicator 5.4: threshold 1.2 must be in (0, 1]");
        assertLoadFails(copyWith(tmp, "threshold: 0.9", "threshold: 0"), "indicator 5.4: threshold 0 must be in (0, 1]");
        assertLoadFails(copyWith(tmp, "fee_synced_numerator: fees_synced", "fee_synced_numerator: fees"), "switches.fee_synced_numerator must be one of");
        assertLoadFails(copyWith(tmp, "at_risk_days: 3", "at_risk_days: soon"), "at_risk_days must be a whole number");
        assertLoadFails(copyWith(tmp, "group: so_hoa, max_points: 6", "group: digital, max_points: 6"), "indicator 4.1: unknown group digital");
    }

    private static void assertLoadFails(Path file, String message) {
        assertThatThrownBy(() -> Index766Profile.load(file)).isInstanceOf(UserError.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void theSettingPicksTheProfileByNameAndAnUnknownNameStopsEarly() {
        Settings defaults = Settings.resolve(new Settings.Cli(null, null, null, null, false), Map.of());
        assertThat(defaults.index766Profile()).isEqualTo("qd766-portal-2026");
        Path config = tmp.resolve("hoso.yaml");
        Fixtures.write(config, "index766_profile: qd766-portal-2026\n");
        assertThat(Settings.resolve(new Settings.Cli(config, null, null, null, false), Map.of()).index766Profile()).isEqualTo("qd766-portal-2026");
        Fixtures.write(config, "index766_profile: qd766-guidance-2030\n");
        assertThatThrownBy(() -> Settings.resolve(new Settings.Cli(config, null, null, null, false), Map.of()))
                .isInstanceOf(UserError.class).hasMessageContaining("index766_profile 'qd766-guidance-2030'")
                .hasMessageContaining("sql/index766/qd766-guidance-2030.yml");
        assertThatThrownBy(() -> Settings.resolve(new Settings.Cli(null, null, null, null, false), Map.of("HOSO_INDEX766_PROFILE", "../etc/passwd")))
                .isInstanceOf(UserError.class).hasMessageContaining("must be a file name");
    }

    /** {@code off} skips the index: no profile, and the marts' graph has none of its models (nor their sources). */
    @Test
    void offLeavesTheIndexOut() {
        Settings off = Settings.resolve(new Settings.Cli(null, null, null, null, false), Map.of("HOSO_INDEX766_PROFILE", "off"));
        assertThat(off.index766Profile()).isEqualTo(Index766Profile.OFF);
        assertThat(Index766Profile.forSetting(off.index766Profile())).isNull();
        assertThat(Index766Profile.forSetting("qd766-portal-2026")).isNotNull();
        vn.hoso.marts.ModelGraph without = vn.hoso.marts.MartsJob.graph(null);
        vn.hoso.marts.ModelGraph with = vn.hoso.marts.MartsJob.graph(Index766Profile.load(Index766Profile.DEFAULT));
        assertThat(with.order()).anyMatch(m -> m.name().equals("fct_index766_summary"));
        assertThat(without.order()).noneMatch(m -> m.name().contains("index766"))
                .anyMatch(m -> m.name().equals("fct_kpi"));
        assertThat(without.sources()).noneMatch(s -> s.startsWith("config.index766"));
    }
}
