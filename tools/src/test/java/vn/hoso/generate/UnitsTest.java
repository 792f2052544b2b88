package vn.hoso.generate;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Units of Bình Định before and after 1 July 2025, and which unit handles which dossier. */
class UnitsTest {
    private static final LocalDate BEFORE = LocalDate.of(2025, 6, 30);
    private static final LocalDate AFTER = LocalDate.of(2025, 7, 1);
    private final Path landing = Samples.sample();
    private final Map<String, String[]> units = units(landing);

    @Test
    void unitCountsBeforeAndAfterTheMerger() {
        assertThat(countOn(BEFORE)).containsExactlyInAnyOrderEntriesOf(
                Map.of("TINH", 1L, "SO", 20L, "HUYEN", 11L, "XA", 158L));
        assertThat(countOn(AFTER)).containsExactlyInAnyOrderEntriesOf(Map.of("TINH", 1L, "SO", 14L, "XA", 58L));
        assertThat(units.get(Generator.PROVINCE_UNIT)[5]).as("the province keeps its code").isEmpty();
    }

    @Test
    void everyEndedUnitHasAValidSuccessorAndEveryParentExists() {
        for (String[] u : units.values()) {
            if (!u[3].isEmpty()) {
                assertThat(units).containsKey(u[3]);
            }
            if (!u[5].isEmpty()) {
                assertThat(u[5]).isEqualTo("2025-06-30");
                String[] heir = units.get(u[6]);
                assertThat(heir).as("successor of " + u[0]).isNotNull();
                assertThat(valid(heir, AFTER)).isTrue();
                if (!u[2].equals("SO")) {
                    assertThat(heir[2]).as("districts and communes pass to a new commune").isEqualTo("XA");
                }
            }
        }
        List<String> names = units.values().stream().map(u -> u[1]).toList();
        assertThat(names).contains("Sở Tư pháp", "UBND huyện Tuy Phước", "UBND xã Phước Lộc", "UBND phường Quy Nhơn Nam",
                "Sở Nông nghiệp và Môi trường");
        String[] tuyPhuoc = units.values().stream().filter(u -> u[1].equals("UBND huyện Tuy Phước")).findFirst().orElseThrow();
        assertThat(units.get(tuyPhuoc[6])[1]).as("the commune holding the former seat").isEqualTo("UBND xã Tuy Phước");
    }

    @Test
    void eachDossierIsHandledByAUnitOfItsLevelThatExistsOnItsReceivedDay() {
        Map<String, String[]> procedures = Landing.proceduresOn(landing, LocalDate.of(2024, 12, 31));
        long afterMerger = 0;
        for (JsonNode d : Samples.latest().values()) {
            JsonNode received = d.get("NgayTiepNhan");
            if (ContractCheck.missing(received)) {
                continue;
            }
            LocalDate day = ContractCheck.parse(received.asText()).atZoneSameInstant(ContractCheck.VIETNAM).toLocalDate();
            String[] unit = units.get(d.get("DonViXuLy").asText());
            assertThat(unit).isNotNull();
            assertThat(valid(unit, day)).as(d.get("MaHoSo").asText() + " received " + day + " by " + unit[0]).isTrue();
            String cap = procedures.get(d.get("MaTTHC").asText())[4];
            String expected = switch (cap) {
                case "TINH" -> "SO";
                case "HUYEN" -> day.isBefore(AFTER) ? "HUYEN" : "XA";
                default -> "XA";
            };
            assertThat(unit[2]).isEqualTo(expected);
            afterMerger += day.isBefore(AFTER) ? 0 : 1;
        }
        assertThat(afterMerger).isPositive();
    }

    private Map<String, Long> countOn(LocalDate day) {
        Map<String, Long> out = new HashMap<>();
        units.values().stream().filter(u -> valid(u, day)).forEach(u -> out.merge(u[2], 1L, Long::sum));
        return out;
    }

    private static boolean valid(String[] u, LocalDate day) {
        return !day.isBefore(LocalDate.parse(u[4])) && (u[5].isEmpty() || !day.isAfter(LocalDate.parse(u[5])));
    }

    private static Map<String, String[]> units(Path landing) {
        List<String[]> rows = Landing.csv(landing.resolve("catalog/units.csv"));
        Map<String, String[]> out = new HashMap<>();
        rows.subList(1, rows.size()).forEach(r -> out.put(r[0], r));
        return out;
    }
}
