package vn.hoso.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import vn.hoso.contract.QuarantineReason;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Reads a generated landing zone the way the pipeline would, for the generator's tests. */
final class Landing {
    private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

    private Landing() {
    }

    /** The dossier files in order of export day. */
    static List<Path> dossierFiles(Path landing) {
        return datedFiles(landing, "dossiers");
    }

    static List<Path> datedFiles(Path landing, String feed) {
        try (Stream<Path> days = Files.list(landing.resolve(feed))) {
            List<Path> out = new ArrayList<>();
            for (Path day : days.sorted().toList()) {
                try (Stream<Path> files = Files.list(day)) {
                    out.addAll(files.sorted().toList());
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LocalDate exportDay(Path file) {
        return LocalDate.parse(file.getParent().getFileName().toString().substring("date=".length()));
    }

    /** The raw lines of a dossier file (gunzipped), without their line feeds. */
    static List<byte[]> lines(Path file) {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            byte[] all = in.readAllBytes();
            List<byte[]> out = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < all.length; i++) {
                if (all[i] == '\n') {
                    out.add(Arrays.copyOfRange(all, start, i));
                    start = i + 1;
                }
            }
            if (start < all.length) {
                out.add(Arrays.copyOfRange(all, start, all.length));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One pass over the dossier feed, as the ingest would make it, noting what breaks the generator's
     * own promises on the way (the tests assert there is nothing).
     *
     * @param latest       each dossier's latest good snapshot (greatest ThoiDiemDongBo; on a tie the later export)
     * @param faulty       "file:line" (file relative to the landing root) → the reason the contract rejects it
     * @param goodLines    lines the contract accepts, re-exports included
     * @param syncDayLines good lines exported on the day of their ThoiDiemDongBo (the others are re-exports)
     * @param problems     the first broken promises: a field missing or out of order, a dossier code not of the
     *                     documented shape, a line exported before its sync day, a sync time not increasing
     */
    record Scan(Map<String, JsonNode> latest, Map<String, QuarantineReason> faulty, long goodLines,
                long syncDayLines, List<String> problems) {
    }

    private static final Pattern DOSSIER_CODE = Pattern.compile("000\\.\\d\\d\\.\\d\\d\\.H08-\\d{6}-\\d{4}");

    static Scan scan(Path landing) {
        List<String> fields = ContractCheck.fieldNames();
        Map<String, JsonNode> latest = new HashMap<>();
        Map<String, OffsetDateTime> synced = new HashMap<>();
        Map<String, OffsetDateTime> lastOriginal = new HashMap<>();
        Map<String, QuarantineReason> faulty = new HashMap<>();
        List<String> problems = new ArrayList<>();
        long good = 0;
        long syncDay = 0;
        for (Path file : dossierFiles(landing)) {
            LocalDate day = exportDay(file);
            List<byte[]> lines = lines(file);
            for (int i = 0; i < lines.size(); i++) {
                String where = landing.relativize(file) + ":" + (i + 1);
                ContractCheck.Checked checked = ContractCheck.read(lines.get(i), day);
                if (checked.reason() != null) {
                    faulty.put(where, checked.reason());
                    continue;
                }
                good++;
                JsonNode node = checked.json();
                List<String> names = new ArrayList<>();
                node.fieldNames().forEachRemaining(names::add);
                String id = node.get("MaHoSo").asText();
                OffsetDateTime t = ContractCheck.parse(node.get("ThoiDiemDongBo").asText());
                LocalDate tDay = t.atZoneSameInstant(ContractCheck.VIETNAM).toLocalDate();
                if (!names.equals(fields)) {
                    note(problems, where + ": fields " + names);
                }
                if (!DOSSIER_CODE.matcher(id).matches()) {
                    note(problems, where + ": dossier code " + id);
                }
                if (tDay.isAfter(day)) {
                    note(problems, where + ": synced " + t + " after the export day");
                }
                if (tDay.equals(day)) {
                    syncDay++;
                    OffsetDateTime before = lastOriginal.put(id, t);
                    if (before != null && !t.isAfter(before)) {
                        note(problems, where + ": ThoiDiemDongBo of " + id + " does not increase");
                    }
                }
                OffsetDateTime before = synced.get(id);
                if (before == null || !t.isBefore(before)) {
                    synced.put(id, t);
                    latest.put(id, node);
                }
            }
        }
        return new Scan(latest, faulty, good, syncDay, problems);
    }

    private static void note(List<String> problems, String problem) {
        if (problems.size() < 20) {
            problems.add(problem);
        }
    }

    /** Rows of a CSV file as string arrays, header first. */
    static List<String[]> csv(Path file) {
        try (MappingIterator<String[]> it = CSV.readerFor(String[].class).readValues(stripBom(Files.readAllBytes(file)))) {
            return it.readAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] stripBom(byte[] b) {
        boolean bom = b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF;
        return bom ? Arrays.copyOfRange(b, 3, b.length) : b;
    }

    /** The catalogue rows valid on a day, by MaTTHC. */
    static Map<String, String[]> proceduresOn(Path landing, LocalDate day) {
        List<String[]> rows = csv(landing.resolve("catalog/procedures.csv"));
        Map<String, String[]> out = new HashMap<>();
        for (String[] r : rows.subList(1, rows.size())) {
            LocalDate from = LocalDate.parse(r[12]);
            boolean valid = !day.isBefore(from) && (r[13].isEmpty() || !day.isAfter(LocalDate.parse(r[13])));
            if (valid) {
                out.put(r[0], r);
            }
        }
        return out;
    }

    static Set<String> distinctCodes(List<String[]> rowsWithHeader) {
        Set<String> out = new HashSet<>();
        for (String[] r : rowsWithHeader.subList(1, rowsWithHeader.size())) {
            out.add(r[0]);
        }
        return out;
    }
}
