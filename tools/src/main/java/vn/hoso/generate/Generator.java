package vn.hoso.generate;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code hoso generate}: writes a synthetic landing zone of Bình Định's online public services in the
 * exact format of CONTRACT.md, calibrated so that the 2024 province rates of METRICS.md come out at the
 * Bình Định baselines.
 *
 * <p>Dossiers are generated day by day in order of submission. Every snapshot, re-export, rating and
 * feedback of a dossier falls on or after its submission day, so once the generator moves on to a day
 * the files of all earlier days are complete and written; memory holds only the days still open.
 */
public final class Generator {
    /** Sector codes (MaLinhVuc) of land, construction and investment, the sector group of the Bình Định plan. */
    public static final List<String> LAND_CONSTRUCTION_INVESTMENT_SECTORS =
            List.of(Sector.LAND, Sector.CONSTRUCTION, Sector.INVESTMENT);
    /** Every applicant name (ChuHoSo) the generator writes: persons and businesses. Personal data to scan for. */
    public static final List<String> FAKE_NAMES = People.ALL_NAMES;
    /** Phone numbers (SoDienThoai) are one of these prefixes and 7 more digits. */
    public static final List<String> FAKE_PHONE_PREFIXES =
            Stream.concat(People.MOBILE_PREFIXES.stream(), Stream.of(People.LANDLINE_PREFIX)).toList();
    /** E-mail domains of applicants. */
    public static final List<String> FAKE_EMAIL_DOMAINS = People.EMAIL_DOMAINS;
    /** Code (MaDonVi) of the provincial people's committee; unit codes are {@code 000.BB.CC.H08}. */
    public static final String PROVINCE_UNIT = Units.PROVINCE;
    /** Districts are abolished and communes merged on this day. */
    public static final LocalDate MERGER_DATE = Units.MERGER;
    /** Landing-relative path of the fault manifest. */
    public static final String MANIFEST = "_generator/faults.csv";
    /** Landing-relative path of the summary. */
    public static final String SUMMARY = "_generator/summary.json";

    private static final double[] WEEKDAY_VOLUME = {1.0, 1.0, 1.0, 1.0, 1.0, 0.25, 0.08};
    private static final double YEARLY_GROWTH = 1.08;

    private Generator() {
    }

    public static GenerationSummary generate(GeneratorConfig c, Consumer<String> progress) {
        requireEmpty(c.landing());
        SplittableRandom master = new SplittableRandom(c.seed());
        SplittableRandom dossierRng = master.split();
        SplittableRandom reExportRng = master.split();
        SplittableRandom faultRng = master.split();
        SplittableRandom civilServantRng = master.split();
        // split after the others, so that the streams above (and the files they give) are those of before
        SplittableRandom index766Rng = master.split();
        SplittableRandom unitProcedureRng = master.split();
        SplittableRandom manualRng = master.split();

        LocalDate epoch = LocalDate.of(Math.min(2018, c.fromYear()), 1, 1);
        Catalogue catalogue = new Catalogue(c.seed(), epoch);
        Units units = new Units(c.seed(), epoch);
        People people = new People(c.seed(), units);
        LocalDate firstDay = LocalDate.of(c.fromYear(), 1, 1);
        int[] perDay = dailyVolume(firstDay, c.lastSubmissionDay(), c.dossiers());
        Calibration calibration = new Calibration(catalogue, c.fromYear(), perYear(firstDay, perDay, c));

        Path landing = c.landing();
        LandingWriter.writeCsv(landing.resolve("catalog/procedures.csv"), Catalogue.HEADER, catalogue.rows(), false);
        // The contract tolerates a byte-order mark; units.csv carries one so that readers are tested on it.
        LandingWriter.writeCsv(landing.resolve("catalog/units.csv"), Units.HEADER, units.rows(), true);
        LandingWriter.writeCsv(landing.resolve("catalog/civil_servants.csv"), new String[]{"SoDinhDanh", "MaDonVi"},
                people.civilServantRows(units.employers(c.until()), civilServantRng), false);
        LandingWriter.writeCsv(landing.resolve("catalog/holidays.csv"), Index766Files.HOLIDAYS_HEADER,
                Index766Files.holidays(c.fromYear(), Math.max(c.toYear(), c.until().getYear())), false);
        LandingWriter.writeCsv(landing.resolve("catalog/qd766_manual.csv"), Index766Files.QD766_HEADER,
                Index766Files.manual(c.fromYear(), c.until(), PROVINCE_UNIT, catalogue.procedures().size(), manualRng), false);

        LandingWriter writer = new LandingWriter(landing, c.gzip());
        Exporter exporter = new Exporter(writer, c.badRate(), c.until(), reExportRng, faultRng);
        try (writer) {
            Lifecycle lifecycle = new Lifecycle(catalogue, units, people, calibration, exporter,
                    Times.at(c.until(), Times.DAY - 1), index766Rng);
            long done = 0;
            long nextReport = 1;
            for (int i = 0; i < perDay.length; i++) {
                LocalDate day = firstDay.plusDays(i);
                writer.flushBefore(day);
                for (Lifecycle.Submission s : lifecycle.submissions(day.toEpochDay(), perDay[i], dossierRng)) {
                    lifecycle.run(s, dossierRng);
                }
                done += perDay[i];
                if (done * 10 >= nextReport * c.dossiers()) {
                    progress.accept("generated " + done + "/" + c.dossiers() + " dossiers");
                    nextReport = done * 10 / c.dossiers() + 1;
                }
            }
            LandingWriter.writeCsv(landing.resolve("catalog/unit_procedures.csv"), Index766Files.UNIT_PROCEDURES_HEADER,
                    Index766Files.unitProcedures(lifecycle.pairs(), catalogue, unitProcedureRng), false);
        }
        Map<String, Long> bad = new LinkedHashMap<>();
        for (FaultKind kind : FaultKind.values()) {
            bad.put(kind.label(), exporter.faults(kind));
        }
        GenerationSummary summary = new GenerationSummary(c.dossiers(), exporter.snapshots(), exporter.reExports(),
                bad, exporter.ratings(), exporter.feedback(), writer.firstDay(), writer.lastDay(), landing,
                landing.resolve(MANIFEST), landing.resolve(SUMMARY));
        writeSummary(summary, c);
        progress.accept("wrote " + summary.snapshotLines() + " snapshot lines, " + summary.reExportLines()
                + " re-exports, " + summary.totalBadLines() + " faulty lines to " + landing);
        return summary;
    }

    /**
     * Dossiers per day: weekdays busy, weekends quiet, a Tết dip in February, a year-end rush, growing
     * each year. Rounding the running total makes the days add up to exactly {@code total}.
     */
    static int[] dailyVolume(LocalDate first, LocalDate last, long total) {
        int days = (int) ChronoUnit.DAYS.between(first, last) + 1;
        double[] cumulative = new double[days];
        double sum = 0;
        for (int i = 0; i < days; i++) {
            LocalDate d = first.plusDays(i);
            double month = switch (d.getMonthValue()) {
                case 1 -> 1.05;
                case 2 -> 0.8;
                case 12 -> 1.1;
                default -> 1.0;
            };
            sum += WEEKDAY_VOLUME[d.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue()] * month
                    * StrictMath.pow(YEARLY_GROWTH, d.getYear() - first.getYear());
            cumulative[i] = sum;
        }
        int[] out = new int[days];
        long before = 0;
        for (int i = 0; i < days; i++) {
            long upTo = i == days - 1 ? total : (long) Math.floor(total * cumulative[i] / sum);
            out[i] = (int) (upTo - before);
            before = upTo;
        }
        return out;
    }

    private static long[] perYear(LocalDate first, int[] perDay, GeneratorConfig c) {
        long[] out = new long[c.toYear() - c.fromYear() + 1];
        for (int i = 0; i < perDay.length; i++) {
            out[first.plusDays(i).getYear() - c.fromYear()] += perDay[i];
        }
        return out;
    }

    private static void requireEmpty(Path landing) {
        try {
            if (Files.isDirectory(landing)) {
                try (Stream<Path> entries = Files.list(landing)) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalArgumentException("the landing folder " + landing
                                + " is not empty: generate writes a new landing zone, remove it first");
                    }
                }
            } else if (Files.exists(landing)) {
                throw new IllegalArgumentException("the landing path " + landing + " is a file, not a folder");
            }
            Files.createDirectories(landing);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the landing folder " + landing, e);
        }
    }

    /** summary.json holds landing-relative paths only, so that two runs into two folders are byte-identical. */
    private static void writeSummary(GenerationSummary s, GeneratorConfig c) {
        try (JsonGenerator g = new JsonFactory().createGenerator(
                Files.newOutputStream(c.landing().resolve(SUMMARY)), JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeObjectFieldStart("config");
            g.writeNumberField("fromYear", c.fromYear());
            g.writeNumberField("toYear", c.toYear());
            g.writeNumberField("dossiers", c.dossiers());
            g.writeNumberField("seed", c.seed());
            g.writeNumberField("badRate", c.badRate());
            g.writeBooleanField("gzip", c.gzip());
            g.writeStringField("until", c.until().toString());
            g.writeEndObject();
            g.writeNumberField("dossiers", s.dossiers());
            g.writeNumberField("snapshotLines", s.snapshotLines());
            g.writeNumberField("reExportLines", s.reExportLines());
            g.writeObjectFieldStart("badLines");
            for (Map.Entry<String, Long> e : s.badLines().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeNumberField("ratingsRows", s.ratingsRows());
            g.writeNumberField("feedbackRows", s.feedbackRows());
            g.writeStringField("firstExportDate", String.valueOf(s.firstExportDate()));
            g.writeStringField("lastExportDate", String.valueOf(s.lastExportDate()));
            g.writeStringField("faultsManifest", MANIFEST);
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + SUMMARY, e);
        }
    }
}
