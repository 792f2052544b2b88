package vn.hoso.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample landing zone has exactly the layout and formats of CONTRACT.md. */
class LandingLayoutTest {
    private static final Pattern PORTAL = Pattern.compile("\"ThoiDiemDongBo\":\"\\d{14}\"");
    private static final Pattern ISO_LOCAL = Pattern.compile("\"ThoiDiemDongBo\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\"");
    private static final Pattern ISO_OFFSET =
            Pattern.compile("\"ThoiDiemDongBo\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+07:00\"");

    private final Path landing = Samples.sample();

    @Test
    void foldersAndFilesAreThoseOfTheContract() throws IOException {
        for (String f : List.of("catalog/procedures.csv", "catalog/units.csv", "catalog/civil_servants.csv",
                "catalog/holidays.csv", "catalog/unit_procedures.csv", "catalog/qd766_manual.csv",
                Generator.MANIFEST, Generator.SUMMARY)) {
            assertThat(landing.resolve(f)).isRegularFile();
        }
        assertThat(landing.resolve("catalog/qd766_portal.csv")).as("the portal's figures are not invented").doesNotExist();
        try (Stream<Path> top = Files.list(landing)) {
            assertThat(top.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("dossiers", "ratings", "feedback", "catalog", "_generator");
        }
        for (String feed : List.of("dossiers", "ratings", "feedback")) {
            String file = feed.equals("dossiers") ? "part-00000.jsonl" : "part-00000.csv";
            try (Stream<Path> days = Files.list(landing.resolve(feed))) {
                for (Path day : days.toList()) {
                    assertThat(day.getFileName().toString()).matches("date=\\d{4}-\\d\\d-\\d\\d");
                    LocalDate d = Landing.exportDay(day.resolve(file));
                    assertThat(d).isBetween(LocalDate.of(2023, 1, 1), LocalDate.of(2025, 12, 31));
                    try (Stream<Path> files = Files.list(day)) {
                        assertThat(files.map(p -> p.getFileName().toString())).containsExactly(file);
                    }
                }
            }
        }
        GenerationSummary s = Samples.sampleSummary();
        assertThat(s.firstExportDate()).isEqualTo(LocalDate.of(2023, 1, 1));
        assertThat(s.lastExportDate()).isEqualTo(LocalDate.of(2025, 12, 31));
    }

    @Test
    void everyGoodLineIsAFullSnapshotExportedOnItsSyncDayOrLater() {
        Landing.Scan scan = Samples.scan();
        assertThat(scan.problems()).isEmpty();
        GenerationSummary s = Samples.sampleSummary();
        assertThat(scan.goodLines()).isEqualTo(s.snapshotLines() + s.reExportLines());
        assertThat(scan.syncDayLines()).isEqualTo(s.snapshotLines());
        assertThat((double) s.reExportLines() / s.snapshotLines()).isBetween(0.02, 0.04);
        assertThat(scan.latest().size()).isBetween(29_900, 30_000);
        assertThat((double) s.snapshotLines() / scan.latest().size()).as("snapshots per dossier").isBetween(3.5, 6.0);
    }

    @Test
    void bothTimestampFormatsOccur() {
        long portal = 0, isoLocal = 0, isoOffset = 0;
        for (Path file : Landing.dossierFiles(landing).subList(400, 430)) {
            for (byte[] raw : Landing.lines(file)) {
                String line = new String(raw, StandardCharsets.UTF_8);
                portal += PORTAL.matcher(line).find() ? 1 : 0;
                isoLocal += ISO_LOCAL.matcher(line).find() ? 1 : 0;
                isoOffset += ISO_OFFSET.matcher(line).find() ? 1 : 0;
            }
        }
        long all = portal + isoLocal + isoOffset;
        assertThat((double) portal / all).isBetween(0.85, 0.95);
        assertThat(isoLocal).isPositive();
        assertThat(isoOffset).isPositive();
    }

    @Test
    void csvHeadersAreTheContractColumns() throws IOException {
        assertThat(header(landing.resolve("catalog/procedures.csv"))).isEqualTo(contractColumns("procedures"));
        assertThat(header(landing.resolve("catalog/units.csv"))).isEqualTo(contractColumns("units"));
        assertThat(header(landing.resolve("catalog/civil_servants.csv"))).isEqualTo(contractColumns("civil_servants"));
        for (String feed : List.of("holidays", "unit_procedures", "qd766_manual")) {
            assertThat(header(landing.resolve("catalog/" + feed + ".csv"))).as(feed).isEqualTo(contractColumns(feed));
        }
        assertThat(header(Landing.datedFiles(landing, "ratings").get(0))).isEqualTo(contractColumns("ratings"));
        assertThat(header(Landing.datedFiles(landing, "feedback").get(0))).isEqualTo(contractColumns("feedback"));
        byte[] units = Files.readAllBytes(landing.resolve("catalog/units.csv"));
        assertThat(units).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(Files.readAllBytes(landing.resolve("catalog/procedures.csv"))).startsWith("MaTTHC,".getBytes());
        String procedures = Files.readString(landing.resolve("catalog/procedures.csv"));
        assertThat(procedures).contains("2.000815,\"Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan");
    }

    @Test
    void civilServantsAreAboutFifteenHundredIdNumbersOfExistingUnitsAndFileSomeDossiersInPerson() {
        Set<String> units = Landing.distinctCodes(Landing.csv(landing.resolve("catalog/units.csv")));
        List<String[]> rows = Landing.csv(landing.resolve("catalog/civil_servants.csv"));
        assertThat(rows).hasSize(1 + 1_500);
        Set<String> civilServants = new HashSet<>();
        for (String[] r : rows.subList(1, rows.size())) {
            assertThat(r[0]).matches("052\\d{9}");
            assertThat(units).contains(r[1]);
            civilServants.add(r[0]);
        }
        Map<String, String[]> procedures = Landing.proceduresOn(landing, LocalDate.of(2024, 12, 31));
        long inPerson = 0;
        long byCivilServants = 0;
        for (JsonNode d : Samples.latest().values()) {
            boolean offeredOnline = !procedures.get(d.get("MaTTHC").asText())[5].equals("KHONG");
            if (d.get("KenhThucHien").asInt() != 2 && offeredOnline) {
                inPerson++;
                byCivilServants += civilServants.contains(d.get("SoGiayToChuHoSo").asText()) ? 1 : 0;
            }
        }
        assertThat((double) byCivilServants / inPerson).isBetween(0.005, 0.015);
    }

    @Test
    void feedbackHasRowsWithoutDossierAndLaterExportsWithTheAnswer() {
        Map<String, List<String[]>> byCode = new HashMap<>();
        long withoutDossier = 0;
        long rows = 0;
        for (Path file : Landing.datedFiles(landing, "feedback")) {
            List<String[]> csv = Landing.csv(file);
            for (String[] r : csv.subList(1, csv.size())) {
                byCode.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r);
                withoutDossier += r[1].isEmpty() ? 1 : 0;
                rows++;
            }
        }
        assertThat(rows).isEqualTo(Samples.sampleSummary().feedbackRows());
        assertThat(withoutDossier).isPositive();
        long answered = byCode.values().stream().filter(v -> v.size() == 2).count();
        assertThat(answered).isGreaterThan(byCode.size() / 2);
        for (List<String[]> exports : byCode.values()) {
            assertThat(exports.get(0)[5]).isEmpty();
            if (exports.size() == 2) {
                assertThat(exports.get(1)[5]).isNotEmpty();
            }
        }
        double dossiersWithFeedback = byCode.values().stream().filter(v -> !v.get(0)[1].isEmpty()).count() / 30_000.0;
        assertThat(dossiersWithFeedback).isBetween(0.003, 0.007);
    }

    @Test
    void applicantsLookRealAndComeFromTheExposedLists() {
        Set<String> names = new HashSet<>(Generator.FAKE_NAMES);
        int checked = 0;
        for (JsonNode d : Samples.latest().values()) {
            if (checked++ > 3_000) {
                break;
            }
            assertThat(names).contains(d.get("ChuHoSo").asText());
            String phone = d.get("SoDienThoai").asText();
            assertThat(Generator.FAKE_PHONE_PREFIXES.stream().anyMatch(phone::startsWith)).isTrue();
            assertThat(phone).matches("0\\d{9,10}");
            if (d.get("LoaiDoiTuong").asInt() == 1) {
                assertThat(d.get("SoGiayToChuHoSo").asText()).matches("052[0-3]\\d{8}");
            } else {
                assertThat(d.get("SoGiayToChuHoSo").asText()).matches("41\\d{8}");
            }
            JsonNode email = d.get("Email");
            if (!email.isNull()) {
                assertThat(Generator.FAKE_EMAIL_DOMAINS).contains(email.asText().substring(email.asText().indexOf('@') + 1));
            }
        }
    }

    @Test
    void theSummaryFileMatchesTheReturnedSummary() throws IOException {
        GenerationSummary s = Samples.sampleSummary();
        JsonNode json = new ObjectMapper().readTree(landing.resolve(Generator.SUMMARY).toFile());
        assertThat(json.get("snapshotLines").asLong()).isEqualTo(s.snapshotLines());
        assertThat(json.get("reExportLines").asLong()).isEqualTo(s.reExportLines());
        assertThat(json.get("ratingsRows").asLong()).isEqualTo(s.ratingsRows());
        assertThat(json.path("badLines").size()).isEqualTo(s.badLines().size());
        assertThat(json.get("faultsManifest").asText()).isEqualTo(Generator.MANIFEST);
        assertThat(s.faultsManifest()).isEqualTo(landing.resolve(Generator.MANIFEST));
    }

    private static List<String> header(Path csv) {
        return List.of(Landing.csv(csv).get(0));
    }

    private static List<String> contractColumns(String feed) throws IOException {
        try (InputStream in = LandingLayoutTest.class.getClassLoader()
                .getResourceAsStream("schemas/contract/" + feed + ".columns.json")) {
            List<String> out = new ArrayList<>();
            new ObjectMapper().readTree(in).path("columns").forEach(c -> out.add(c.get("name").asText()));
            return out;
        }
    }

    /** Every record of a catalogue file through the product's own parser and contract: the rejected ones' reasons. */
    private List<String> rejections(String feed) throws IOException {
        vn.hoso.contract.CsvRecordParser parser = new vn.hoso.contract.CsvRecordParser(feed,
                vn.hoso.contract.Contract.csvColumns(feed), new vn.hoso.contract.Pseudonymiser("k"));
        List<String> lines = Files.readAllLines(landing.resolve("catalog/" + feed + ".csv"), StandardCharsets.UTF_8);
        Map<String, Integer> header;
        try {
            header = parser.header(lines.get(0));
        } catch (vn.hoso.contract.Rejection e) {
            return List.of("header: " + e.getMessage());
        }
        List<String> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            try {
                parser.parse(line, header, LocalDate.of(2025, 12, 31));
            } catch (vn.hoso.contract.Rejection e) {
                out.add(e.code() + " " + e.getMessage());
            }
        }
        return out;
    }

    @Test
    void theDecision766CatalogueFilesPassTheContract() throws IOException {
        for (String feed : List.of("procedures", "holidays", "unit_procedures", "qd766_manual")) {
            assertThat(rejections(feed)).as(feed).isEmpty();
        }
        List<String[]> procedures = Landing.csv(landing.resolve("catalog/procedures.csv"));
        long forCitizens = procedures.stream().skip(1).filter(r -> r[14].equals("1")).count();
        assertThat((double) forCitizens / (procedures.size() - 1)).as("ChoCongDan").isBetween(0.5, 0.95);

        Map<String, String> holidays = new HashMap<>();
        Landing.csv(landing.resolve("catalog/holidays.csv")).stream().skip(1).forEach(r -> holidays.put(r[0], r[1]));
        assertThat(holidays).containsEntry("2024-01-01", "Tết Dương lịch").containsEntry("2024-02-10", "Tết Nguyên đán")
                .containsEntry("2024-04-18", "Giỗ Tổ Hùng Vương").containsEntry("2025-04-30", "Ngày Chiến thắng")
                .containsEntry("2025-05-01", "Ngày Quốc tế Lao động").containsEntry("2025-09-02", "Quốc khánh")
                .containsKeys("2023-01-21", "2023-01-25", "2025-09-01");
        // per year: 1/1, 5 days of Tết, Giỗ Tổ, 30/4, 1/5, 2/9 and the day beside it
        assertThat(holidays).hasSize(3 * 11);

        // every (unit, procedure) of a received dossier is applied; some applied procedures have no dossier there
        Set<String> pairs = new HashSet<>();
        Landing.csv(landing.resolve("catalog/unit_procedures.csv")).stream().skip(1).forEach(r -> pairs.add(r[0] + "|" + r[1]));
        Set<String> used = new HashSet<>();
        for (JsonNode d : Samples.latest().values()) {
            int status = d.get("TrangThaiHoSo").asInt();
            if (status != 1 && status != 3) {
                used.add(d.get("DonViXuLy").asText() + "|" + d.get("MaTTHC").asText());
            }
        }
        assertThat(pairs).containsAll(used);
        assertThat(pairs.size() - used.size()).isPositive().isLessThan(used.size() / 10);

        List<String[]> manual = Landing.csv(landing.resolve("catalog/qd766_manual.csv"));
        // 36 months, 12 quarters, 3 years, each with 1.1, 1.2 and 1.3 of the province
        assertThat(manual).hasSize(1 + 51 * 3);
        for (String[] r : manual.subList(1, manual.size())) {
            assertThat(r[2]).isEqualTo("province");
            assertThat(r[3]).isEqualTo(Generator.PROVINCE_UNIT);
            double max = r[4].equals("1.1") ? 6 : r[4].equals("1.2") ? 4 : 2;
            double score = Double.parseDouble(r[7]);
            assertThat(score).as(String.join(",", r)).isBetween(0.8 * max, max)
                    .isCloseTo(max * Double.parseDouble(r[5]) / Double.parseDouble(r[6]), org.assertj.core.data.Offset.offset(0.005));
        }
        assertThat(manual).anySatisfy(r -> assertThat(r[0] + r[1] + r[4]).isEqualTo("Q2025-Q31.2"))
                .anySatisfy(r -> assertThat(r[0] + r[1] + r[4]).isEqualTo("Y20241.3"));
    }

    @Test
    void dossiersCarryTheFieldsOfTheDecision766Index() {
        Map<String, List<String[]>> catalogue = ProvinceRates.catalogue(landing);
        long pendingSupplement = 0, twoOrMore = 0, zeroFeeList = 0, feeDossiers = 0, onlineCitizens = 0, vneid = 0;
        long all = 0, fromStore = 0, finished = 0, eResult = 0, citizenData = 0;
        for (JsonNode d : Samples.latest().values()) {
            int status = d.get("TrangThaiHoSo").asInt();
            if (status == 1 || status == 3) {
                continue;
            }
            all++;
            JsonNode supplements = d.path("DanhSachHoSoBoSung");
            if (status == 5 && supplements.size() > 0
                    && ContractCheck.missing(supplements.get(supplements.size() - 1).get("NgayTiepNhanBoSung"))) {
                pendingSupplement++;
            }
            twoOrMore += supplements.size() >= 2 ? 1 : 0;
            if (catalogue.get(d.get("MaTTHC").asText()).get(0)[8].equals("1")) {
                feeDossiers++;
                JsonNode fees = d.path("DanhSachLePhi");
                boolean allZero = fees.size() > 0;
                for (JsonNode f : fees) {
                    allZero &= f.path("Gia").asDouble(-1) == 0;
                }
                zeroFeeList += allZero ? 1 : 0;
            }
            boolean online = d.path("KenhThucHien").asInt() == 2;
            boolean citizen = d.path("LoaiDoiTuong").asInt() == 1;
            boolean verified = d.path("TaiKhoanDuocXacThucVoiVNeID").asInt() == 1;
            if (online && citizen) {
                onlineCitizens++;
                vneid += verified ? 1 : 0;
            }
            boolean store = false;
            for (JsonNode doc : d.path("TaiLieuNop")) {
                store |= doc.path("DuocLayTuKhoDMQG").asInt() == 1;
            }
            fromStore += store ? 1 : 0;
            citizenData += store || verified ? 1 : 0;
            if (status == 9 || status == 10) {
                finished++;
                boolean link = false;
                for (JsonNode r : d.path("DanhSachGiayToKetQua")) {
                    link |= !ContractCheck.missing(r.get("DuongDanTepTinKetQua"));
                }
                eResult += link ? 1 : 0;
            }
        }
        assertThat(pendingSupplement).as("status 5, last request unanswered").isPositive();
        assertThat(twoOrMore).as("two or more supplement requests").isPositive();
        assertThat(zeroFeeList).as("fee dossiers whose fees are all 0").isPositive().isLessThan(feeDossiers / 10);
        assertThat((double) vneid / onlineCitizens).as("VNeID among online citizen filings").isBetween(0.3, 0.95);
        assertThat((double) fromStore / all).as("DuocLayTuKhoDMQG").isBetween(0.1, 0.6);
        assertThat((double) citizenData / all).as("4.5b").isBetween(0.3, 0.8);
        assertThat((double) eResult / finished).as("e-result among finished").isBetween(0.6, 0.95);
    }
}
