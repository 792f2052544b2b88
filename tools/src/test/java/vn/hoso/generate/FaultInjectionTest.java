package vn.hoso.generate;

import org.junit.jupiter.api.Test;
import vn.hoso.contract.QuarantineReason;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * With a bad rate of 2%, the manifest lists every injected line at its file and line, with the reason
 * the contract gives it; every other line is good.
 */
class FaultInjectionTest {
    private final Path landing = Samples.sample();
    private final GenerationSummary summary = Samples.sampleSummary();

    @Test
    void theManifestNamesEveryFaultyDossierLineAndNoOther() {
        Map<String, QuarantineReason> manifest = manifest(landing, "dossiers");
        Landing.Scan scan = Samples.scan();
        assertThat(scan.faulty()).isEqualTo(manifest);
        long dossierFaults = summary.badLines().entrySet().stream().filter(e -> !e.getKey().startsWith("rating"))
                .mapToLong(Map.Entry::getValue).sum();
        assertThat((long) manifest.size()).isEqualTo(dossierFaults);
        assertThat((double) dossierFaults / summary.snapshotLines()).isCloseTo(0.02, within(0.003));
        Set<QuarantineReason> reasons = EnumSet.copyOf(manifest.values());
        // faults the generator does not make: hostile input (HostileInputIngestTest and ParserPropertyTest cover
        // it) and the due date before the received day (DossierParserTest and NightGateTest cover it)
        Set<QuarantineReason> hostile = EnumSet.of(QuarantineReason.DUPLICATE_KEY, QuarantineReason.LINE_TOO_LONG,
                QuarantineReason.UNTERMINATED_QUOTE, QuarantineReason.BROKEN_FILE, QuarantineReason.OUT_OF_RANGE,
                QuarantineReason.DUE_BEFORE_RECEIVED);
        assertThat(reasons).isEqualTo(EnumSet.complementOf(EnumSet.copyOf(hostile)));
    }

    @Test
    void lineNumbersCountDecompressedLinesOfGzippedFiles() {
        GeneratorConfig c = Samples.config(2024, 2024, 2_000, 11, 0.05, true);
        Generator.generate(c, line -> { });
        Map<String, QuarantineReason> manifest = manifest(c.landing(), "dossiers");
        assertThat(manifest).isNotEmpty().allSatisfy((line, reason) -> assertThat(line).contains(".jsonl.gz:"));
        assertThat(Landing.scan(c.landing()).faulty()).isEqualTo(manifest);
    }

    @Test
    void theManifestNamesEveryFaultyRatingsRow() {
        Map<String, QuarantineReason> manifest = manifest(landing, "ratings");
        Map<String, QuarantineReason> found = new HashMap<>();
        for (Path file : Landing.datedFiles(landing, "ratings")) {
            List<String[]> rows = Landing.csv(file);
            for (int i = 1; i < rows.size(); i++) {
                QuarantineReason reason = ratingReason(rows.get(i));
                if (reason != null) {
                    found.put(landing.relativize(file) + ":" + (i + 1), reason);
                }
            }
        }
        assertThat(found).isNotEmpty().isEqualTo(manifest);
        assertThat((long) manifest.size()).isEqualTo(summary.badLines().get("rating_unknown_level")
                + summary.badLines().get("rating_unparseable_timestamp"));
    }

    private static QuarantineReason ratingReason(String[] row) {
        try {
            ContractCheck.parse(row[1]);
        } catch (DateTimeException e) {
            return QuarantineReason.BAD_TIMESTAMP;
        }
        return row[2].matches("[123]") ? null : QuarantineReason.BAD_ENUM;
    }

    /** "file:line" → expected reason, for one feed. */
    private static Map<String, QuarantineReason> manifest(Path landing, String feed) {
        List<String[]> rows = Landing.csv(landing.resolve(Generator.MANIFEST));
        assertThat(rows.get(0)).containsExactly("feed", "file", "line", "fault", "expected_reason_code");
        Map<String, QuarantineReason> out = new HashMap<>();
        for (String[] r : rows.subList(1, rows.size())) {
            if (r[0].equals(feed)) {
                assertThat(r[1]).startsWith(feed + "/date=");
                out.put(r[1] + ":" + r[2], QuarantineReason.valueOf(r[4]));
            }
        }
        return out;
    }
}
