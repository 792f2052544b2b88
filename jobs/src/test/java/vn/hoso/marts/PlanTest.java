package vn.hoso.marts;

import org.junit.jupiter.api.Test;
import vn.hoso.config.UserError;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanTest {
    private static Plan parse(String yaml) {
        return Plan.parse("p.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theThreeBundledPlansLoadWithTheirTargets() {
        List<Plan> plans = Plan.loadAll(Path.of("targets"));
        assertThat(plans).extracting(Plan::id).containsExactly("binh-dinh", "gia-lai", "ha-tinh");
        Plan bd = plans.get(0);
        assertThat(bd.sectorGroups()).containsEntry("dat_dai_xay_dung_dau_tu", List.of("DDAI", "XAYDUNG", "DAUTU"));
        assertThat(bd.targets()).filteredOn(t -> t.kpiCode().equals("adoption_rate")).extracting(Plan.Target::year)
                .containsExactly(2025, 2026, 2027, 2028, 2029, 2030);
        assertThat(bd.targets()).filteredOn(t -> t.kpiCode().equals("satisfaction_rate") && t.scope().startsWith("sector_group"))
                .allMatch(t -> t.target() == 0.85).hasSize(5);
        assertThat(plans.get(2).targets()).anyMatch(t -> t.scope().equals("procedures_min_received:1000"));
    }

    @Test
    void anUnknownKpiNamesTheFileAndTheEntry() {
        assertThatThrownBy(() -> parse("plan: x\ntargets:\n  - {kpi: online_rate, years: 2025, comparator: '>=', target: 0.5}\n"
                + "  - {kpi: happiness, years: 2025, comparator: '>=', target: 1}\n"))
                .isInstanceOf(UserError.class).hasMessageContaining("p.yaml").hasMessageContaining("target 2 (happiness)")
                .hasMessageContaining("unknown KPI code 'happiness'");
    }

    @Test
    void aBadComparatorOrYearOrMissingTargetIsNamed() {
        assertThatThrownBy(() -> parse("plan: x\ntargets:\n  - {kpi: online_rate, years: 2025, comparator: '=>', target: 0.5}\n"))
                .hasMessageContaining("target 1 (online_rate)").hasMessageContaining("bad comparator '=>'");
        assertThatThrownBy(() -> parse("plan: x\ntargets:\n  - {kpi: online_rate, years: 25, comparator: '>=', target: 0.5}\n"))
                .hasMessageContaining("bad year '25'");
        assertThatThrownBy(() -> parse("plan: x\ntargets:\n  - {kpi: online_rate, years: 'soon', comparator: '>=', target: 0.5}\n"))
                .hasMessageContaining("bad years");
        assertThatThrownBy(() -> parse("plan: x\ntargets:\n  - {kpi: online_rate, years: 2025, comparator: '>='}\n"))
                .hasMessageContaining("'target' must be a number");
        assertThatThrownBy(() -> parse("plan: x\ntargets:\n  - {kpi: online_rate, years: '2026-2025', comparator: '>prev'}\n"))
                .hasMessageContaining("bad year range");
    }

    @Test
    void groupsMustBeDefinedAndOnlyAdditiveKpisCanBeGrouped() {
        assertThatThrownBy(() -> parse("plan: x\ntargets:\n  - {kpi: online_rate, scope: {sector_group: land}, years: 2025, comparator: '>=', target: 0.5}\n"))
                .hasMessageContaining("sector group 'land' is not defined");
        assertThatThrownBy(() -> parse("plan: x\nsector_groups:\n  land: {sectors: [DDAI]}\ntargets:\n"
                + "  - {kpi: adoption_rate, scope: {sector_group: land}, years: 2025, comparator: '>=', target: 0.5}\n"))
                .hasMessageContaining("adoption_rate does not add up");
    }

    @Test
    void prevComparatorIsMetOnlyWhenHigherThanThePreviousYear() {
        assertThat(Scorecard.compare(0.61, ">prev", 0.60)).isTrue();
        assertThat(Scorecard.compare(0.60, ">prev", 0.60)).isFalse();
        assertThat(Scorecard.compare(0.0, "=", 0.0)).isTrue();
        assertThat(Scorecard.compare(0.95, ">", 0.95)).isFalse();
    }

    @Test
    void aPlanWithoutIdOrTargetsIsRejected() {
        assertThatThrownBy(() -> parse("title: x\n")).hasMessageContaining("'plan'");
        assertThatThrownBy(() -> parse("plan: x\ntargets: []\n")).hasMessageContaining("non-empty list");
        assertThatThrownBy(() -> parse("plan: [x\n")).hasMessageContaining("not valid YAML");
    }
}
