package vn.hoso.generate;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The procedure catalogue and how dossier volume spreads over it. */
class CatalogueTest {
    private static final LocalDate COUNT_DAY = LocalDate.of(2024, 12, 31);
    private final Path landing = Samples.sample();

    @Test
    void serviceLevelSharesAreThoseOfBinhDinhIn2024() {
        Map<String, String[]> valid = Landing.proceduresOn(landing, COUNT_DAY);
        assertThat(valid).hasSize(1_856);
        double n = valid.size();
        assertThat(count(valid, 5, "TOAN_TRINH") / n).isCloseTo(0.592, within(0.005));
        assertThat(count(valid, 5, "MOT_PHAN") / n).isCloseTo(0.311, within(0.005));
        assertThat(count(valid, 5, "KHONG") / n).isCloseTo(0.096, within(0.005));
    }

    @Test
    void rowsAreWellFormedAndSomeProceduresChangedLevel() {
        List<String[]> rows = Landing.csv(landing.resolve("catalog/procedures.csv"));
        List<String[]> data = rows.subList(1, rows.size());
        int procedures = Landing.distinctCodes(rows).size();
        double twoRows = (data.size() - procedures) / (double) procedures;
        assertThat(twoRows).isBetween(0.02, 0.03);
        for (String[] r : data) {
            assertThat(r[0]).matches("^[12]\\.\\d{6}(\\.[A-Z0-9]+)?$");
            assertThat(r[4]).isIn("TINH", "HUYEN", "XA");
            assertThat(r[5]).isIn("TOAN_TRINH", "MOT_PHAN", "KHONG");
            if (r[5].equals("TOAN_TRINH")) {
                assertThat(r[6]).as("TOAN_TRINH implies eligible").isEqualTo("1");
            }
            assertThat(Integer.parseInt(r[10])).isPositive();
            if (!r[11].isEmpty()) {
                assertThat(LocalDate.parse(r[11]).getYear()).isBetween(2022, 2025);
            }
        }
        Map<String, String[]> valid = Landing.proceduresOn(landing, COUNT_DAY);
        long upgradeCandidates = valid.values().stream().filter(r -> r[5].equals("MOT_PHAN") && r[6].equals("1")).count();
        assertThat(upgradeCandidates).isBetween(100L, 250L);
        double paperRequired = count(valid, 7, "1") / (double) valid.size();
        assertThat(paperRequired).isBetween(0.01, 0.05);
    }

    @Test
    void commonProceduresCarryTheirNationalCodesAndSectorsIncludeLandConstructionInvestment() {
        Map<String, String[]> valid = Landing.proceduresOn(landing, COUNT_DAY);
        assertThat(valid.get("2.000815")[1]).isEqualTo("Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan tổ chức"
                + " có thẩm quyền của Việt Nam cấp hoặc chứng nhận");
        assertThat(valid.get("2.000908")[1]).isEqualTo("Cấp bản sao từ sổ gốc");
        assertThat(valid.get("1.001193")[1]).isEqualTo("Đăng ký khai sinh");
        assertThat(valid.get("1.004222")[1]).isEqualTo("Đăng ký thường trú");
        assertThat(valid.get("1.001612")[1]).isEqualTo("Đăng ký thành lập hộ kinh doanh");
        assertThat(valid.keySet()).contains("2.000884", "1.000894", "1.000656", "1.004873", "1.004194", "2.000488");
        Map<String, String> sectors = new HashMap<>();
        valid.values().forEach(r -> sectors.put(r[2], r[3]));
        assertThat(sectors).containsKeys(Generator.LAND_CONSTRUCTION_INVESTMENT_SECTORS.toArray(String[]::new));
        assertThat(sectors).containsValues("Đất đai", "Hoạt động xây dựng", "Đầu tư tại Việt Nam", "Chứng thực", "Hộ tịch",
                "Cư trú", "Thành lập và hoạt động của hộ kinh doanh", "Giáo dục và Đào tạo", "Y tế");
    }

    @Test
    void volumeIsSkewedTowardsCertificationCivilStatusAndResidence() {
        Map<String, Long> byProcedure = new HashMap<>();
        Map<String, Long> bySector = new HashMap<>();
        Map<String, String[]> valid = Landing.proceduresOn(landing, COUNT_DAY);
        long notOnlineDossiers = 0;
        for (JsonNode d : Samples.latest().values()) {
            String code = d.get("MaTTHC").asText();
            byProcedure.merge(code, 1L, Long::sum);
            bySector.merge(d.get("MaLinhVuc").asText(), 1L, Long::sum);
            if (valid.get(code)[5].equals("KHONG")) {
                notOnlineDossiers++;
                assertThat(d.get("KenhThucHien").asInt()).as("KHONG procedures are filed in person").isNotEqualTo(2);
            }
        }
        double total = Samples.latest().size();
        String top = byProcedure.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertThat(top).isEqualTo("2.000815");
        assertThat(byProcedure.get(top) / total).isBetween(0.25, 0.30);
        assertThat(notOnlineDossiers / total).isLessThan(0.08);
        List<String> leaders = bySector.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(3).map(Map.Entry::getKey).toList();
        assertThat(leaders).containsExactlyInAnyOrder("CHUNGTHUC", "HOTICH", "CUTRU");
        assertThat(byProcedure.keySet().size()).as("the long tail is reached").isGreaterThan(500);
        long provincial = byProcedure.entrySet().stream().filter(e -> valid.get(e.getKey())[4].equals("TINH"))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).skip(5)
                .mapToLong(Map.Entry::getValue).max().orElse(0);
        assertThat(provincial / total).as("provincial procedures beyond the named ones form a tail").isLessThan(0.01);
    }

    private static long count(Map<String, String[]> rows, int column, String value) {
        return rows.values().stream().filter(r -> r[column].equals(value)).count();
    }
}
