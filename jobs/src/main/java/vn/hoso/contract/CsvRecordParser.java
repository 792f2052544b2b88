package vn.hoso.contract;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import java.io.IOException;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one CSV record of a feed against its column contract. The header names the columns (their
 * order may vary; unknown extra columns are ignored). Personal columns are pseudonymised on the way.
 */
public final class CsvRecordParser implements Serializable {
    private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

    private final String feed;
    private final List<FieldSpec> columns;
    private final Pseudonymiser pseudonymiser;
    private final Masking.Rules maskRules;
    /** free-text columns stored masked ({@link Contract#maskedColumns}) */
    private final java.util.Set<String> masked;

    public CsvRecordParser(String feed, List<FieldSpec> columns, Pseudonymiser pseudonymiser) {
        this(feed, columns, pseudonymiser, Contract.maskedColumns(feed));
    }

    public CsvRecordParser(String feed, List<FieldSpec> columns, Pseudonymiser pseudonymiser, java.util.Set<String> masked) {
        this.feed = feed;
        this.masked = java.util.Set.copyOf(masked);
        this.columns = List.copyOf(columns);
        this.pseudonymiser = pseudonymiser;
        this.maskRules = new Masking.Rules(
                columns.stream().map(FieldSpec::name).collect(java.util.stream.Collectors.toSet()),
                columns.stream().filter(c -> !c.personal()).map(FieldSpec::name).collect(java.util.stream.Collectors.toSet()),
                Map.of());
    }

    public List<FieldSpec> columns() {
        return columns;
    }

    /** Splits one record (RFC 4180 quoting). */
    public static String[] split(String record) throws Rejection {
        try (MappingIterator<String[]> it = CSV.readerFor(String[].class).readValues(record)) {
            return it.hasNext() ? it.next() : new String[0];
        } catch (IOException | RuntimeException e) {
            throw new Rejection(QuarantineReason.MALFORMED, "not a valid CSV record: " + e.getMessage().split("\n")[0]);
        }
    }

    /** Maps the header to column positions; fails when a required column is missing. */
    public Map<String, Integer> header(String headerRecord) throws Rejection {
        String[] names = split(headerRecord);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            index.put(names[i].trim(), i);
        }
        List<String> missing = new ArrayList<>();
        for (FieldSpec c : columns) {
            if (c.required() && !index.containsKey(c.name())) {
                missing.add(c.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new Rejection(QuarantineReason.MISSING_FIELD, feed + " header lacks required columns " + missing);
        }
        return index;
    }

    /** @return one value per contract column, in contract order; personal columns already pseudonymised */
    public Object[] parse(String record, Map<String, Integer> header, LocalDate runDate) throws Rejection {
        String[] cells = split(record);
        if (cells.length != header.size()) {
            throw new Rejection(QuarantineReason.MALFORMED,
                    "expected " + header.size() + " columns as in the header, found " + cells.length);
        }
        Object[] out = new Object[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            FieldSpec c = columns.get(i);
            Integer pos = header.get(c.name());
            String cell = pos == null ? null : cells[pos];
            Object v = FieldReader.readCell(c, cell, runDate);
            if (v != null && masked.contains(c.name())) {
                v = Masking.maskText((String) v);
            }
            out[i] = c.personal() ? pseudonymiser.key((String) v) : v;
        }
        CatalogRowRules.check(feed, columns, out);
        return out;
    }

    /**
     * The record's text keeping only the values of the non-personal contract columns (as
     * {@link Masking#maskValue} keeps them); personal and unknown columns become {@value Masking#MASK}. A record that does not
     * split, or comes without a usable header, keeps no letters but column names.
     */
    public String mask(String record, Map<String, Integer> header) {
        if (record == null) {
            return null;
        }
        String[] cells;
        try {
            cells = split(record);
        } catch (Rejection e) {
            return Masking.maskWords(record, maskRules);
        }
        if (header == null) {
            return Masking.maskWords(record, maskRules);
        }
        String[] names = new String[cells.length];
        header.forEach((name, pos) -> {
            if (pos < names.length) {
                names[pos] = name;
            }
        });
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            boolean kept = names[i] != null && maskRules.keeps(names[i]);
            String cell = kept ? Masking.maskValue(cells[i]) : cells[i].isEmpty() ? "" : Masking.MASK;
            boolean quote = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0;
            out.append(i == 0 ? "" : ",").append(quote ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell);
        }
        return out.toString();
    }
}
