package vn.hoso.marts;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scorecard has no value rule of its own: a group scope's summed numerator and denominator go to the
 * rule it is given (MartsJob passes sql/marts/kpi_values.sql), and its line shows what that rule returns.
 */
class ScorecardTest {
    @Test
    void groupScopesAreValuedByTheGivenRuleOnly() {
        Plan plan = new Plan("p", "Plan", Map.of("g", List.of("S1", "S2")), List.of(
                new Plan.Target("online_rate", "sector_group:g", 2025, ">=", 0.5, "src"),
                new Plan.Target("online_rate", "province", 2025, ">=", 0.5, "src")));
        List<Scorecard.KpiRow> rows = List.of(
                new Scorecard.KpiRow(2025, "sector", "S1", "online_rate", 1L, 4L, 0.25, false),
                new Scorecard.KpiRow(2025, "sector", "S2", "online_rate", 2L, 6L, 0.33, false),
                new Scorecard.KpiRow(2025, "province", "P", "online_rate", 3L, 10L, 0.3, false));
        List<Scorecard.GroupSum> asked = new ArrayList<>();
        List<Scorecard.Line> lines = Scorecard.compute(List.of(plan), rows, sums -> {
            asked.addAll(sums);
            // a rule that suppresses everything: the line must show exactly that
            return Map.of(sums.get(0).key(), new Scorecard.Measure(sums.get(0).numerator(), sums.get(0).denominator(), null, true));
        });
        assertThat(asked).extracting(Scorecard.GroupSum::kpiCode, Scorecard.GroupSum::numerator, Scorecard.GroupSum::denominator)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("online_rate", 3L, 10L));
        assertThat(lines.get(0).numerator()).isEqualTo(3L);
        assertThat(lines.get(0).denominator()).isEqualTo(10L);
        assertThat(lines.get(0).suppressed()).isTrue();
        assertThat(lines.get(0).value()).isNull();
        assertThat(lines.get(0).met()).isNull();
        // a province line is the gold kpi row as it is
        assertThat(lines.get(1).value()).isEqualTo(0.3);
        assertThat(lines.get(1).met()).isFalse();
    }
}
