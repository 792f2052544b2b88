package vn.hoso.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Reads a generated landing zone the way the pipeline would, for the generator's tests. */
final class Landing {
    private static final ObjectMapper JSON = new ObjectMapper();
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
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (byte b : all) {
                if (b == '\n') {
                    out.add(line.toByteArray());
                    line.reset();
                } else {
                    line.write(b);
                }
            }
            if (line.size() > 0) {
                out.add(line.toByteArray());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each good snapshot line (the contract accepts it) with its export day, in file order. */
    static void goodSnapshots(Path landing, BiConsumer<LocalDate, JsonNode> sink) {
        for (Path file : dossierFiles(landing)) {
            LocalDate day = exportDay(file);
            for (byte[] line : lines(file)) {
                if (ContractCheck.check(line, day) == null) {
                    try {
                        sink.accept(day, JSON.readTree(line));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
    }

    /** Each dossier's latest snapshot (greatest ThoiDiemDongBo; on a tie the later export). */
    static Map<String, JsonNode> latest(Path landing) {
        Map<String, JsonNode> latest = new HashMap<>();
        Map<String, OffsetDateTime> synced = new HashMap<>();
        goodSnapshots(landing, (day, node) -> {
            String id = node.get("MaHoSo").asText();
            OffsetDateTime t = ContractCheck.parse(node.get("ThoiDiemDongBo").asText());
            OffsetDateTime before = synced.get(id);
            if (before == null || !t.isBefore(before)) {
                synced.put(id, t);
                latest.put(id, node);
            }
        });
        return latest;
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
        return bom ? java.util.Arrays.copyOfRange(b, 3, b.length) : b;
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
