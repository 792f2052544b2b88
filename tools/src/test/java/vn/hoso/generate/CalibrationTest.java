package vn.hoso.generate;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The 2024 province rates computed from the generated files as METRICS.md defines them come out at the
 * Bình Định baselines (Quyết định 4492/QĐ-UBND), and the other years trend around them.
 */
class CalibrationTest {
    private static final double TOLERANCE = 0.015;
    private final Path landing = Samples.sample();
    private final Map<String, List<String[]>> catalogue = ProvinceRates.catalogue(landing);

    @Test
    void the2024RatesAreTheBinhDinhBaselines() {
        ProvinceRates r = rates(2024);
        assertThat(r.received()).isGreaterThan(9_000);
        assertThat(r.online()).as("online_rate").isCloseTo(0.90, within(TOLERANCE));
        assertThat(r.onlinePayment()).as("online_payment_rate").isCloseTo(0.85, within(TOLERANCE));
        assertThat(r.digitization()).as("digitization_rate").isCloseTo(0.94, within(TOLERANCE));
        assertThat(r.reuse()).as("reuse_rate").isCloseTo(0.47, within(TOLERANCE));
        assertThat(r.eResult()).as("e_result_rate").isCloseTo(0.84, within(TOLERANCE));
        assertThat(r.adoption()).as("adoption_rate").isCloseTo(0.60, within(TOLERANCE));
    }

    @Test
    void otherYearsTrendAroundTheBaseline() {
        ProvinceRates y2023 = rates(2023);
        ProvinceRates y2024 = rates(2024);
        ProvinceRates y2025 = rates(2025);
        assertThat(y2023.online()).isLessThan(y2024.online());
        assertThat(y2025.online()).isGreaterThan(y2024.online());
        assertThat(y2023.reuse()).isLessThan(y2024.reuse());
        assertThat(y2025.reuse()).isGreaterThan(y2024.reuse());
        assertThat(y2023.adoption()).isLessThan(y2024.adoption());
        assertThat(y2025.adoption()).isGreaterThan(y2024.adoption());
    }

    @Test
    void channelsApplicantsPaperAndLateness() {
        ProvinceRates r = rates(2024);
        assertThat(r.paperParallel()).as("paper_parallel_rate").isBetween(0.08, 0.12);
        assertThat(r.remote()).as("remote_rate").isCloseTo(0.40, within(0.03));
        assertThat(r.assisted()).as("assisted_rate").isCloseTo(0.25, within(0.03));
        assertThat(r.businesses()).as("business applicants").isCloseTo(0.10, within(0.02));
        assertThat(r.late()).as("late dossiers").isBetween(0.05, 0.10);
    }

    @Test
    void aboutSixtyPercentOfFinishedDossiersAreRatedMostlySatisfied() {
        Map<String, OffsetDateTime> ratedAt = new HashMap<>();
        Map<String, Integer> rating = new HashMap<>();
        for (Path file : Landing.datedFiles(landing, "ratings")) {
            List<String[]> rows = Landing.csv(file);
            for (String[] r : rows.subList(1, rows.size())) {
                if (r[0].contains("BAD")) {
                    continue;
                }
                OffsetDateTime at = ContractCheck.parse(r[1]);
                OffsetDateTime before = ratedAt.get(r[0]);
                if (before == null || !at.isBefore(before)) {
                    ratedAt.put(r[0], at);
                    rating.put(r[0], Integer.parseInt(r[2]));
                }
            }
        }
        long finished = 0, rated = 0, satisfied = 0, lciRated = 0, lciSatisfied = 0;
        for (JsonNode d : Samples.latest().values()) {
            int status = d.get("TrangThaiHoSo").asInt();
            if (status != 9 && status != 10) {
                continue;
            }
            finished++;
            Integer level = rating.get(d.get("MaHoSo").asText());
            if (level != null) {
                rated++;
                satisfied += level >= 2 ? 1 : 0;
                if (Generator.LAND_CONSTRUCTION_INVESTMENT_SECTORS.contains(d.get("MaLinhVuc").asText())) {
                    lciRated++;
                    lciSatisfied += level >= 2 ? 1 : 0;
                }
            }
        }
        assertThat((double) rated / finished).as("rating_coverage").isCloseTo(0.60, within(0.03));
        assertThat((double) satisfied / rated).as("satisfaction_rate").isCloseTo(0.92, within(0.02));
        assertThat((double) lciSatisfied / lciRated).as("satisfaction, land + construction + investment")
                .isCloseTo(0.80, within(0.05));
    }

    @Test
    void vneidIsAboutHalfOfOnlineDossiers() {
        long online = 0, vneid = 0;
        for (JsonNode d : Samples.latest().values()) {
            JsonNode received = d.get("NgayTiepNhan");
            if (ContractCheck.missing(received) || d.get("KenhThucHien").asInt() != 2
                    || ContractCheck.parse(received.asText()).getYear() != 2024) {
                continue;
            }
            online++;
            vneid += d.get("TaiKhoanDuocXacThucVoiVNeID").asInt();
        }
        assertThat((double) vneid / online).isBetween(0.4, 0.6);
    }

    private ProvinceRates rates(int year) {
        return ProvinceRates.of(Samples.latest().values(), catalogue, year);
    }
}
